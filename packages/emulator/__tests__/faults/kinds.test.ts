// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds reproduce, rates 0/1, the QPS bucket.
// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds
// reproduce, rates 0/1, the QPS bucket, eventual consistency of reads and grants, forced errors,
// resets around the handler, hostile secrets, concurrency, the HTTP control surface and the CLI.
import { describe, expect, it } from '@jest/globals'
import type { FaultConfig } from '../../src/index.js'
import { expectError, popRam, popSts, RAM_VERSION, rawV1 } from '../harness.js'
import { accountId, alias, ci, emu, lastCall, outcome, ram, root, setup, sleep, trustCi } from './fixture.js'

setup()

describe('each fault kind', () => {
  const table: Array<{
    name: string
    faults: FaultConfig
    kinds: string[]
    status: number[]
    fault: string
    code?: string
  }> = [
    {
      name: 'throttleRate 1',
      faults: { throttleRate: 1 },
      kinds: ['Throttling.User'],
      status: [400],
      fault: 'throttle',
      code: 'Throttling.User',
    },
    {
      name: 'resetRate 1',
      faults: { resetRate: 1 },
      kinds: ['reset'],
      status: [0],
      fault: 'reset',
    },
    {
      name: 'resetAfterRate 1',
      faults: { resetAfterRate: 1 },
      kinds: ['reset'],
      status: [0],
      fault: 'resetAfter',
    },
    {
      name: 'latencyMs 20',
      faults: { latencyMs: 20 },
      kinds: ['ok'],
      status: [200],
      fault: 'latency',
    },
    {
      name: 'latencyMs 5-15',
      faults: { latencyMs: { min: 5, max: 15 } },
      kinds: ['ok'],
      status: [200],
      fault: 'latency',
    },
    {
      name: 'forced for every request',
      faults: { forced: [{ code: 'Rejected.Throttling' }] },
      kinds: ['Rejected.Throttling'],
      status: [400],
      fault: 'forced',
      code: 'Rejected.Throttling',
    },
  ]

  it.each(table)('$name fires on every request, is counted and recorded', async (t) => {
    emu.control.setFaults(t.faults)
    for (let i = 0; i < 3; i++) {
      const o = await outcome(alias())
      expect(t.kinds).toContain(o.kind)
      if (o.status !== undefined) expect(t.status).toContain(o.status)
      expect(lastCall()).toMatchObject({ action: 'GetAccountAlias', status: t.status[0], fault: t.fault })
      if (t.code) expect(lastCall().code).toBe(t.code)
      else expect(lastCall().code).toBeUndefined()
    }
    expect(emu.control.faultStats()).toMatchObject({ [t.fault]: 3 })
    const others = Object.entries(emu.control.faultStats()).filter(([k]) => k !== t.fault)
    expect(others.every(([, n]) => n === 0)).toBe(true)
  })

  it('throttling answers the documented code and message', async () => {
    emu.control.setFaults({ throttleRate: 1 })
    const err = await expectError(alias(), 'Throttling.User', 400)
    expect(err.data).toMatchObject({ Message: 'Request was denied due to user flow control.' })
  })

  it('serverErrorRate 1 draws 503 ServiceUnavailable, 500 InternalError and a 502 HTML page', async () => {
    emu.control.setFaults({ seed: 3, serverErrorRate: 1 })
    const seen = new Map<string, number>()
    for (let i = 0; i < 24; i++) {
      const o = await outcome(alias())
      seen.set(o.kind, o.status ?? lastCall().status)
      expect(lastCall().fault).toBe('serverError')
    }
    expect(Object.fromEntries(seen)).toEqual({ ServiceUnavailable: 503, InternalError: 500, 'non-json': 502 })
    expect(emu.control.faultStats().serverError).toBe(24)
    const html = emu.control
      .calls()
      .filter((c) => c.status === 502)
      .every((c) => c.code === undefined)
    expect(html).toBe(true)
    // The 502 page is what a proxy in front of the API would send.
    for (let i = 0; i < 10; i++) {
      const res = await rawV1(emu.ramEndpoint, RAM_VERSION, root, { Action: 'GetAccountAlias' })
      if (res.status === 502) {
        expect(res.contentType).toBe('text/html')
        expect(res.text).toContain('502 Bad Gateway')
        return
      }
    }
    throw new Error('no 502 in 10 draws')
  })

  it('rate 0 never fires, and clearFaults stops everything', async () => {
    emu.control.setFaults({ throttleRate: 0, serverErrorRate: 0, resetRate: 0, resetAfterRate: 0 })
    for (let i = 0; i < 10; i++) await alias()
    emu.control.setFaults({ throttleRate: 1 })
    await expectError(alias(), 'Throttling.User')
    emu.control.clearFaults()
    await alias()
    expect(Object.values(emu.control.faultStats()).every((n) => n === 0)).toBe(true)
    expect(emu.control.calls().filter((c) => c.fault)).toHaveLength(1)
  })

  it('a reset before the handler commits nothing; a reset after it commits the write', async () => {
    emu.control.setFaults({ resetRate: 1 })
    expect(
      (await outcome(ram.call('CreateRole', { RoleName: 'before', AssumeRolePolicyDocument: trustCi() })))
        .kind,
    ).toBe('reset')
    emu.control.setFaults({ resetAfterRate: 1 })
    expect(
      (await outcome(ram.call('CreateRole', { RoleName: 'after', AssumeRolePolicyDocument: trustCi() })))
        .kind,
    ).toBe('reset')
    expect(emu.control.state(accountId).roles.map((r) => r.name)).toEqual(['after'])
    expect(emu.control.calls().map((c) => [c.action, c.status, c.fault])).toEqual([
      ['CreateRole', 0, 'reset'],
      ['CreateRole', 0, 'resetAfter'],
    ])
    // The client retries: the service already knows the role.
    emu.control.clearFaults()
    await expectError(
      ram.call('CreateRole', { RoleName: 'after', AssumeRolePolicyDocument: trustCi() }),
      'EntityAlreadyExists.Role',
      409,
    )
  })
})

describe('reproducibility', () => {
  const mixed: FaultConfig = {
    seed: 11,
    throttleRate: 0.3,
    serverErrorRate: 0.2,
    resetRate: 0.2,
    resetAfterRate: 0.2,
  }

  async function run(config: FaultConfig): Promise<string[]> {
    emu.control.setFaults(config)
    emu.control.clearCalls()
    const kinds: string[] = []
    for (let i = 0; i < 40; i++) kinds.push((await outcome(alias())).kind)
    const recorded = emu.control.calls().map((c) => c.fault ?? 'none')
    expect(recorded).toHaveLength(40)
    return [...kinds, ...recorded]
  }

  it('the same seed gives the same fault sequence; another seed another one', async () => {
    const a = await run(mixed)
    const b = await run(mixed)
    expect(b).toEqual(a)
    expect(new Set(a.slice(40))).toEqual(new Set(['none', 'throttle', 'serverError', 'reset', 'resetAfter']))
    const c = await run({ ...mixed, seed: 12 })
    expect(c).not.toEqual(a)
  })

  it('the same seed gives the same faults whatever the latency', async () => {
    const a = await run({ ...mixed, latencyMs: { min: 0, max: 5 } })
    const b = await run(mixed)
    expect(b).toEqual(a.map((k) => (k === 'latency' ? 'none' : k)))
  })
})

describe('qps', () => {
  it('throttles a burst beyond the limit per account and service, then recovers', async () => {
    emu.control.setFaults({ qps: 10 })
    const burst = await Promise.all(Array.from({ length: 30 }, () => outcome(alias())))
    const ok = burst.filter((o) => o.kind === 'ok').length
    const throttled = burst.filter((o) => o.kind === 'Throttling.User').length
    expect(ok + throttled).toBe(30)
    expect(ok).toBeGreaterThanOrEqual(10)
    expect(throttled).toBeGreaterThanOrEqual(15)
    expect(emu.control.faultStats().qps).toBe(throttled)
    expect(emu.control.calls().filter((c) => c.fault === 'qps')).toHaveLength(throttled)
    // STS has its own bucket; another account too.
    await popSts(emu, ci).call('GetCallerIdentity')
    const other = emu.control.createAccount()
    await popRam(emu, other.root).call('GetAccountAlias')
    // Refill: 10 tokens per second.
    await sleep(250)
    await alias()
  })
})
