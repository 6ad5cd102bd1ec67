// Reliability end to end: seeded fault schedules (the full set runs with `npm run chaos`), two
// applies racing on a fresh account, and secrets shaped to break naive encoders.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, profileFaults, startEmulator } from '@ram-identity/emulator'
import { runSchedule, schedule } from '../../scripts/chaos.js'
import { runAction, workspace } from '../../scripts/local-runner.js'
import { sandboxAccount } from '../../scripts/sandbox.js'
import { Harness } from '../fixtures/harness.js'
import { raceGate } from '../fixtures/race-gate.js'

const POLICY = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: '*' }],
})

describe('seeded fault schedules', () => {
  it('schedules are reproducible and cover every kind of fault', () => {
    expect(schedule(7)).toEqual(schedule(7))
    const kinds = [
      'throttleRate',
      'serverErrorRate',
      'resetRate',
      'resetAfterRate',
      'visibilityDelayMs',
      'grantDelayMs',
    ] as const
    const first12 = Array.from({ length: 12 }, (_, i) => schedule(i + 1))
    for (const kind of kinds) expect(first12.some((s) => (s[kind] ?? 0) > 0)).toBe(true)
  })

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))(
    'schedule %i: every step converges to the right RAM state',
    async (seed) => {
      const report = await runSchedule(seed)
      expect(report.problems).toEqual([])
      expect(report.runs).toBe(4)
    },
    120_000,
  )
})

describe('two applies on a fresh account at once', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 5, profile: 'realistic' })
  })
  afterAll(() => emu.close())

  it('both succeed and RAM ends up right, with nothing created twice', async () => {
    const acct = await sandboxAccount(emu)
    // Both runs read the empty account before either creates anything, however they are scheduled.
    const gate = await raceGate(emu.ramEndpoint, 2)
    const inputs = {
      'role-name': 'raced',
      'policy-file': 'p.json',
      'sub-account': 'raced-user',
      'access-key-id': acct.key.accessKeyId,
      'access-key-secret': acct.key.accessKeySecret,
      'ram-endpoint': gate.endpoint,
      'sts-endpoint': emu.stsEndpoint,
    }
    const [a, b] = await Promise.all([
      runAction(inputs, { cwd: workspace({ 'p.json': POLICY }) }),
      runAction(inputs, { cwd: workspace({ 'p.json': POLICY }) }),
    ]).finally(() => gate.close())
    expect([a.code, b.code]).toEqual([0, 0])
    const creates = emu.control.calls().filter((c) => c.action.startsWith('Create'))
    // Both tried to create; the loser of each race was told EntityAlreadyExists and carried on.
    expect(creates.filter((c) => c.code?.startsWith('EntityAlreadyExists')).length).toBeGreaterThan(0)
    expect(`${a.stdout}${b.stdout}`).toMatch(/already existed \(a concurrent run\?\)/)
    const state = emu.control.state(acct.accountId)
    expect(state.roles.filter((r) => r.name === 'raced')).toHaveLength(1)
    expect(state.users.filter((u) => u.name === 'raced-user')).toHaveLength(1)
    const policy = state.policies.find((p) => p.name === 'raced-policy')!
    expect(policy.versions).toHaveLength(1)
    expect(state.roles[0]!.policies.map((p) => p.name)).toEqual(['raced-policy'])
    expect(a.outputs['access-key-id']).toMatch(/^STS\./)
    expect(b.outputs['access-key-id']).toMatch(/^STS\./)
  }, 60_000)
})

describe('hostile secrets', () => {
  it('secrets starting with - and holding + / = work, and never leave the command files', async () => {
    const emu = await startEmulator({ seed: 9 })
    try {
      emu.control.setFaults({ ...profileFaults('realistic'), hostileSecrets: true })
      const h = new Harness(emu)
      const acct = await h.account()
      expect(acct.key.accessKeySecret).toMatch(/^-.*[+/=]/)
      const key = emu.control.createUser(acct.accountId, 'bot', { accessKey: true }).accessKey!
      h.secrets.add(key.accessKeySecret)
      const ws = workspace({ 'p.json': POLICY })
      const base = { ...h.base(acct.key, 'hostile'), 'policy-file': 'p.json', 'sub-account': 'bot' }
      const first = await h.run(base, { cwd: ws })
      const second = await h.run(
        {
          ...base,
          'sub-account-access-key-id': key.accessKeyId,
          'sub-account-access-key-secret': key.accessKeySecret,
        },
        { cwd: ws },
      )
      for (const r of [first, second]) {
        expect(r.code).toBe(0)
        expect(r.outputs['access-key-secret']).toMatch(/^-/)
        expect(r.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET).toBe(r.outputs['access-key-secret'])
        expect(r.env.ALIBABA_CLOUD_SECURITY_TOKEN).toMatch(/[+/=]/)
      }
      // Raw, percent-encoded or base64: none in the logs, the summary or any other file.
      h.assertNoLeak()
    } finally {
      await emu.close()
    }
  }, 60_000)
})
