import { describe, expect, it } from '@jest/globals'
import { AdaptiveLimiter, type Outcome } from '../../src/aliyun/limiter.js'

describe('AdaptiveLimiter', () => {
  it.each<[string, Outcome[], number]>([
    ['starts at the initial window', [], 4],
    ['widens by about one per window of successes', Array(8).fill('ok'), 5],
    ['narrows by 30% on throttling', ['throttled'], 2],
    ['counts a burst of throttling once per window', ['throttled', 'throttled'], 2],
    ['narrows again after a window of completions', ['throttled', 'ok', 'ok', 'throttled'], 2],
    ['narrows again after a window of throttled completions', ['throttled', 'throttled', 'throttled'], 1],
    ['never below the minimum', Array(30).fill('throttled'), 1],
    ['ignores plain failures', ['failed', 'failed'], 4],
  ])('%s', async (_reason, outcomes, limit) => {
    const limiter = new AdaptiveLimiter({ initial: 4, min: 1, max: 6 })
    for (const outcome of outcomes) {
      await limiter.acquire()
      limiter.release(outcome)
    }
    expect(limiter.limit).toBe(limit)
  })

  it('never lets more than the window run at once', async () => {
    const limiter = new AdaptiveLimiter({ initial: 3, min: 1, max: 3 })
    let running = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await limiter.acquire()
        running++
        most = Math.max(most, running)
        await new Promise((r) => setTimeout(r, 1 + (i % 3)))
        running--
        limiter.release('ok')
      }),
    )
    expect(most).toBe(3)
    expect(limiter.peak).toBe(3)
  })

  it('shrinks what runs at once after throttling', async () => {
    const limiter = new AdaptiveLimiter({ initial: 8, min: 1, max: 8 })
    const batch = async (outcome: Outcome) => {
      let running = 0
      let most = 0
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          await limiter.acquire()
          most = Math.max(most, ++running)
          await new Promise((r) => setTimeout(r, 1))
          running--
          limiter.release(outcome)
        }),
      )
      return most
    }
    expect(await batch('throttled')).toBe(8)
    expect(limiter.limit).toBeLessThan(8)
    expect(await batch('ok')).toBeLessThan(8)
  })
})
