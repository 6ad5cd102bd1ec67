// Faults set through the HTTP control surface and the CLI flags.
// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds
// reproduce, rates 0/1, the QPS bucket, eventual consistency of reads and grants, forced errors,
// resets around the handler, hostile secrets, concurrency, the HTTP control surface and the CLI.
import { describe, expect, it } from '@jest/globals'
import { parseArgs } from '../../src/cli.js'
import { controlHeaders, expectError } from '../harness.js'
import { alias, emu, type Json, setup } from './fixture.js'

setup()

describe('HTTP control surface', () => {
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.ramEndpoint}/__emulator/${path}`, {
      method,
      headers: controlHeaders(emu),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }

  it('sets, reads, counts and clears faults; the control surface itself is never faulted', async () => {
    const put = await control('PUT', 'faults', { throttleRate: 1, latencyMs: { min: 1, max: 2 }, seed: 4 })
    expect(put).toEqual({ status: 200, body: { throttleRate: 1, latencyMs: { min: 1, max: 2 }, seed: 4 } })
    expect((await control('GET', 'faults')).body).toEqual(put.body)
    await expectError(alias(), 'Throttling.User')
    expect((await control('GET', 'accounts')).status).toBe(200)
    expect((await control('GET', 'faults/stats')).body).toMatchObject({ throttle: 1, latency: 1, reset: 0 })
    expect((await control('GET', 'concurrency')).body).toEqual({ inFlight: 0, max: 1 })
    expect((await control('DELETE', 'faults')).status).toBe(200)
    expect((await control('GET', 'faults')).body).toEqual({})
    await alias()
    const routes = (await control('GET', '')).body.routes
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /__emulator/faults',
        'PUT /__emulator/faults',
        'DELETE /__emulator/faults',
        'GET /__emulator/faults/stats',
      ]),
    )
  })

  it('rejects invalid configs and wrong methods', async () => {
    for (const bad of [{ throttleRate: 2 }, { bogus: 1 }, { forced: [{ action: 'GetRole' }] }, { qps: 0 }]) {
      const r = await control('PUT', 'faults', bad)
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('InvalidArgument')
    }
    expect((await control('POST', 'faults', {})).status).toBe(405)
    expect(() => emu.control.setFaults({ resetRate: -1 })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    )
  })
})

describe('CLI flags', () => {
  it('parses every fault flag', () => {
    const opts = parseArgs([
      '--fault-seed',
      '5',
      '--throttle-rate',
      '0.1',
      '--error-rate=0.05',
      '--reset-rate',
      '0',
      '--reset-after-rate',
      '1',
      '--latency-ms',
      '10-30',
      '--qps',
      '100',
      '--visibility-delay-ms',
      '150',
      '--grant-delay-ms',
      '200',
      '--hostile-secrets',
    ])
    expect(opts.faults).toEqual({
      seed: 5,
      throttleRate: 0.1,
      serverErrorRate: 0.05,
      resetRate: 0,
      resetAfterRate: 1,
      latencyMs: { min: 10, max: 30 },
      qps: 100,
      visibilityDelayMs: 150,
      grantDelayMs: 200,
      hostileSecrets: true,
    })
    expect(parseArgs(['--latency-ms', '20']).faults).toEqual({ latencyMs: 20 })
    expect(parseArgs([]).faults).toBeUndefined()
    expect(() => parseArgs(['--throttle-rate', '1.5'])).toThrow('--throttle-rate expects a probability')
    expect(() => parseArgs(['--latency-ms', '30-10'])).toThrow('invalid fault option')
    expect(() => parseArgs(['--qps', 'fast'])).toThrow('--qps expects a non-negative number')
  })
})
