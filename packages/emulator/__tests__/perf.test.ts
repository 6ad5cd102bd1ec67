// Opt-in load check (EMULATOR_PERF=1): 5,000 users (the account quota; the calling RAM user is
// one of them) through the control surface, one AttachPolicyToUser per user over HTTP (pop-core),
// then ListUsers paging and ListEntitiesForPolicy. Prints the timings; asserts only the results, never the times.
// EMULATOR_PERF_USERS and EMULATOR_PERF_CONCURRENCY change the size and the client parallelism.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '../src/index.js'
import { popRam } from './harness.js'

const enabled = process.env.EMULATOR_PERF === '1'

const suite = enabled ? describe : describe.skip
suite('load (EMULATOR_PERF=1)', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 })
  })
  afterAll(async () => {
    await emu.close()
  })

  it('5,000 users + 5,000 attaches', async () => {
    const n = Number(process.env.EMULATOR_PERF_USERS ?? 5000)
    const parallel = Number(process.env.EMULATOR_PERF_CONCURRENCY ?? 1)
    // User 0 is the caller (a RAM user, so every request is authorized against its policies).
    const name = (i: number) => (i === 0 ? 'admin' : `user-${String(i).padStart(5, '0')}`)
    const t0 = performance.now()
    const { accountId } = emu.control.createAccount()
    const admin = emu.control.createUser(accountId, 'admin', {
      accessKey: true,
      policies: [{ type: 'System', name: 'AliyunRAMFullAccess' }],
    })
    for (let i = 1; i < n; i++) emu.control.createUser(accountId, name(i))
    const t1 = performance.now()
    const ram = popRam(emu, admin.accessKey!)
    let next = 0
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < n) {
          const i = next++
          await ram.call('AttachPolicyToUser', {
            PolicyType: 'System',
            PolicyName: 'ReadOnlyAccess',
            UserName: name(i),
          })
        }
      }),
    )
    const t2 = performance.now()
    let marker: string | undefined
    let listed = 0
    do {
      const page = await ram.call<{ Marker?: string; IsTruncated: boolean; Users: { User: unknown[] } }>(
        'ListUsers',
        {
          MaxItems: 100,
          ...(marker ? { Marker: marker } : {}),
        },
      )
      listed += page.Users.User.length
      marker = page.IsTruncated ? page.Marker : undefined
    } while (marker)
    const held = await ram.call<{ Users: { User: unknown[] } }>('ListEntitiesForPolicy', {
      PolicyType: 'System',
      PolicyName: 'ReadOnlyAccess',
    })
    const t3 = performance.now()
    console.log(
      `${n} users via control: ${(t1 - t0).toFixed(0)} ms; ${n} AttachPolicyToUser over HTTP ` +
        `(${parallel} at a time): ${(t2 - t1).toFixed(0)} ms; ListUsers paging + ListEntitiesForPolicy: ` +
        `${(t3 - t2).toFixed(0)} ms; ${emu.control.calls().length} calls logged`,
    )
    expect(listed).toBe(n)
    expect(held.Users.User).toHaveLength(n)
  }, 600_000)
})
