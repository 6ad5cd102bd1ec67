// The pacer in virtual time (fixtures/virtual-time.ts): its rules one by one, then whole bulk
// grants against a simulated token bucket with the emulator's semantics, so the targets of the
// README's bench are checked here without a clock, a network or a loaded machine in the way.
import { describe, expect, it } from '@jest/globals'
import { RAM_PACING } from '../../src/aliyun/connect.js'
import { type Outcome, Pacer, type PacerOptions, type Permit } from '../../src/aliyun/pacer.js'
import { bulk, TokenBucket } from '../fixtures/paced-traffic.js'
import { VirtualTime } from '../fixtures/virtual-time.js'

function pacer(options: Partial<PacerOptions> = {}) {
  const time = new VirtualTime()
  const p = new Pacer({
    initialRate: 10,
    minRate: 0.5,
    maxRate: 1000,
    burst: 4,
    maxInFlight: 100,
    ...options,
    now: time.now,
    sleep: time.sleep,
  })
  return { time, pacer: p }
}

/** Acquires `n` permits one after another; returns when each was granted. */
async function grantTimes(time: VirtualTime, p: Pacer, n: number): Promise<number[]> {
  const times: number[] = []
  await time.run(
    Promise.all(
      Array.from({ length: n }, async () => {
        const permit = await p.acquire()
        times.push(time.now())
        permit.release('ok')
      }),
    ),
  )
  return times
}

describe('Pacer', () => {
  it('lets the burst go at once, then spaces requests at the rate', async () => {
    const { time, pacer: p } = pacer({ initialRate: 10, burst: 4 })
    const times = await grantTimes(time, p, 6)
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 0])
    // The fifth waits for one token at 10/s; the rate grows meanwhile, so the sixth comes sooner.
    expect(times[4]).toBeCloseTo(100, -1)
    expect(times[5]! - times[4]!).toBeLessThan(100)
    expect(times[5]! - times[4]!).toBeGreaterThan(80)
  })

  /** Keeps requests queued in front of the rate for `ms`; returns the rate at the end. */
  async function keepWaiting(time: VirtualTime, p: Pacer, ms: number): Promise<number> {
    let stop = false
    const loops = Array.from({ length: 3 }, async () => {
      while (!stop) (await p.acquire()).release('failed')
    })
    await time.run(time.sleep(ms))
    // Read before the loops drain: the rate is brought up to date on every grant.
    const rate = p.requestsPerSecond
    stop = true
    await time.run(Promise.all(loops))
    return rate
  }

  it.each<[string, boolean, number]>([
    ['doubles each second of waiting before the first throttling', false, 4],
    ['grows 5 % a second of waiting after it', true, Math.exp(0.1)],
  ])('%s', async (_reason, throttledFirst, factor) => {
    const { time, pacer: p } = pacer({ initialRate: 10, burst: 1, minRate: 0.01 })
    if (throttledFirst) {
      await time.run(p.acquire().then((permit) => permit.release('ok')))
      await time.run(time.sleep(500))
      await time.run(p.acquire().then((permit) => permit.release('throttled')))
    }
    const start = p.requestsPerSecond
    const end = await keepWaiting(time, p, 2000)
    expect(end / start / factor).toBeCloseTo(1, 1)
  })

  it('does not grow while nothing waits on it, however long', async () => {
    const { time, pacer: p } = pacer({ initialRate: 10, burst: 4 })
    for (let i = 0; i < 10; i++) {
      ;(await time.run(p.acquire())).release('ok')
      await time.run(time.sleep(1000))
    }
    expect(p.requestsPerSecond).toBe(10)
  })

  /**
   * A pacer at 40/s that saw ten requests accepted over the last second of busy time: one after
   * another, each 100 ms in flight, with `pauseMs` of nothing between them.
   */
  async function acceptedTenPerSecond(pauseMs = 0) {
    const { time, pacer: p } = pacer({ initialRate: 40, maxRate: 40, burst: 100 })
    for (let i = 0; i < 10; i++) {
      const permit = await time.run(p.acquire())
      await time.run(time.sleep(100))
      permit.release('ok')
      await time.run(time.sleep(pauseMs))
    }
    return { time, pacer: p }
  }

  it.each<[string, Outcome[], number]>([
    ['drops to just under the accepted rate on throttling', ['throttled'], 9.5],
    ['ignores answers to requests sent before the drop', ['throttled', 'throttled', 'throttled'], 9.5],
    ['is not moved by server errors', ['failed', 'failed'], 40],
  ])('%s', async (_reason, outcomes, rate) => {
    const { time, pacer: p } = await acceptedTenPerSecond()
    // All of these were sent before any of them is answered.
    const permits: Permit[] = []
    for (const _ of outcomes) permits.push(await time.run(p.acquire()))
    for (const [i, outcome] of outcomes.entries()) permits[i]!.release(outcome)
    expect(p.requestsPerSecond).toBeCloseTo(rate, 9)
  })

  it('halves when nothing was accepted to measure', async () => {
    const { time, pacer: p } = pacer({ initialRate: 40, burst: 100 })
    const permits = [await time.run(p.acquire()), await time.run(p.acquire())]
    await time.run(time.sleep(20))
    // The throttled answer to a burst can come back before the accepted one.
    permits[1]!.release('throttled')
    permits[0]!.release('ok')
    expect(p.requestsPerSecond).toBe(20)
  })

  it('measures on busy time: pauses between requests do not make the limit look lower', async () => {
    const { time, pacer: p } = await acceptedTenPerSecond(1000)
    ;(await time.run(p.acquire())).release('throttled')
    expect(p.requestsPerSecond).toBeCloseTo(9.5, 9)
  })

  it('drops again on a throttled request sent after the last drop', async () => {
    const { time, pacer: p } = await acceptedTenPerSecond()
    ;(await time.run(p.acquire())).release('throttled')
    // Sent ~105 ms later (a token at 9.5/s): 0.95 × the lower of the rate (9.5, grown 5 %/s
    // while it waited) and the ten accepted over the last 1,005 ms.
    ;(await time.run(p.acquire())).release('throttled')
    expect(p.requestsPerSecond).toBeGreaterThanOrEqual(0.95 * 9.5)
    expect(p.requestsPerSecond).toBeLessThan(0.95 * 9.5 * 1.01)
  })

  it.each<[string, number, number]>([
    ['never below the minimum', 0.5, 0.5],
    ['never above the maximum', 1000, 1000],
  ])('%s', async (_reason, bound, rate) => {
    const dropping = bound < 1
    const { time, pacer: p } = pacer({
      initialRate: dropping ? 10 : 900,
      minRate: 0.5,
      maxRate: 1000,
      burst: 1,
    })
    if (dropping) {
      for (let i = 0; i < 20; i++) (await time.run(p.acquire())).release('throttled')
    } else {
      let stop = false
      const demand = (async () => {
        while (!stop) (await p.acquire()).release('ok')
      })()
      await time.run(time.sleep(5000))
      stop = true
      await time.run(demand)
    }
    expect(p.requestsPerSecond).toBe(rate)
  })

  it('never has more than maxInFlight requests out at once', async () => {
    const { time, pacer: p } = pacer({ initialRate: 1000, burst: 50, maxInFlight: 3 })
    let out = 0
    let most = 0
    await time.run(
      Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const permit = await p.acquire()
          most = Math.max(most, ++out)
          await time.sleep(5 + (i % 3))
          out--
          permit.release('ok')
        }),
      ),
    )
    expect(most).toBe(3)
  })
})

// The README's targets for the grant, with the emulator's bucket: burst = the limit, decided on
// arrival, answered after the latency; four reads first, then 64 workers, as reconcile queues them.
describe('bulk grants through the RAM pacer (virtual time)', () => {
  const run = async (limit: number, writes: number, latencyMs: number, halveAtMs?: number) => {
    const time = new VirtualTime()
    const p = new Pacer({ ...RAM_PACING, now: time.now, sleep: time.sleep })
    const api = new TokenBucket(time, limit)
    if (halveAtMs !== undefined) void time.sleep(halveAtMs).then(() => api.setLimit(limit / 2))
    const report = await time.run(bulk(time, p, api, { reads: 4, writes, workers: 64, latencyMs }))
    const before = halveAtMs === undefined ? 0 : report.acceptedAt.filter((t) => t <= halveAtMs).length
    const calls = writes + 4
    const idealMs =
      halveAtMs === undefined ? (calls / limit) * 1000 : halveAtMs + ((calls - before) / (limit / 2)) * 1000
    return { ratio: report.wallMs / idealMs, throttledShare: report.throttled / report.calls }
  }

  it.each<[string, number, number, number, number, number]>([
    // reason, limit, writes, latency, at most × ideal, at most throttled
    ['2,000 users at 100/s', 100, 2000, 20, 1.05, 0.05],
    ['5,000 users at 100/s', 100, 5000, 20, 1.05, 0.05],
    ['2,000 users at 100/s, 200 ms round trips', 100, 2000, 200, 1.05, 0.05],
    ['500 users at 20/s', 20, 500, 20, 1.05, 0.05],
    // At 2/s one throttled call every few seconds is already a large share: only time is bounded.
    // (That every user is granted is the bench's row, against the emulator and a deadline.)
    ['150 users at 2/s, in time', 2, 150, 20, 1.05, 1],
  ])('%s', async (_reason, limit, writes, latency, maxRatio, maxThrottled) => {
    const { ratio, throttledShare } = await run(limit, writes, latency)
    expect(ratio).toBeLessThanOrEqual(maxRatio)
    expect(throttledShare).toBeLessThanOrEqual(maxThrottled)
  })

  it('follows the limit down when it halves mid-run: another job shares the quota', async () => {
    const { ratio, throttledShare } = await run(100, 2000, 20, 5000)
    expect(ratio).toBeLessThanOrEqual(1.1)
    expect(throttledShare).toBeLessThanOrEqual(0.1)
  })
})
