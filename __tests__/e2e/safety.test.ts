// Safety and review, end to end: the bundle against the emulator, as a new user would meet each
// case. Every refusal is shown to write nothing; every drift a reviewer must see is shown in the
// log, the outputs and the summary; matrix runs and apply-then-assume survive propagation lag.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, profileFaults, startEmulator } from '@ram-identity/emulator'
import { workspace } from '../../scripts/local-runner.js'
import { createRpc } from '../../src/aliyun/rpc.js'
import { Harness, settle } from '../fixtures/harness.js'

const UPLOAD = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:site/*'] }],
}
const files = {
  'upload.json': JSON.stringify(UPLOAD, null, 2),
  'wide.json': JSON.stringify(
    {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:site/*'] },
        { Effect: 'Allow', Action: 'oss:*', Resource: '*' },
      ],
    },
    null,
    2,
  ),
}

let emu: Emulator
let h: Harness
let ws: string

beforeAll(async () => {
  emu = await startEmulator({ seed: 53, profile: 'realistic' })
  h = new Harness(emu)
  ws = workspace(files)
})
afterAll(async () => {
  await emu.close()
})

const trustOf = (principal: Record<string, string[]>) =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal }],
  })

describe('lock-out guards', () => {
  it('refuses to replace the trust of the role whose session the run signs in with', async () => {
    const acct = await h.account()
    emu.control.createRole(acct.accountId, 'deployer', {
      assumeRolePolicyDocument: trustOf({ RAM: [`acs:ram::${acct.accountId}:user/ci-admin`] }),
      policies: [{ type: 'Custom', name: 'github-reconciler' }],
    })
    const sts = createRpc({
      service: 'sts',
      endpoint: emu.stsEndpoint,
      credentials: acct.key,
      retry: {
        maxAttempts: 2,
        deadline: Date.now() + 10_000,
        requestTimeoutMs: 5000,
        baseDelayMs: 10,
        maxDelayMs: 50,
      },
    })
    const session = (await sts.call('AssumeRole', {
      RoleArn: `acs:ram::${acct.accountId}:role/deployer`,
      RoleSessionName: 'setup',
      DurationSeconds: 3600,
    })) as { Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string } }
    h.secrets.add(session.Credentials.AccessKeySecret)
    h.secrets.add(session.Credentials.SecurityToken)
    const r = await h.run(
      {
        ...h.base(
          {
            accessKeyId: session.Credentials.AccessKeyId,
            accessKeySecret: session.Credentials.AccessKeySecret,
          },
          'deployer',
        ),
        'security-token': session.Credentials.SecurityToken,
        adopt: 'true',
      },
      { cwd: ws },
    )
    expect(r.code).toBe(1)
    expect(r.writes).toEqual([])
    expect(r.log).toMatch(/the run signs in through role deployer and would replace its trust policy/)
    // The outputs still say what the plan was, so a reviewer sees what was refused.
    expect(JSON.parse(r.outputs.plan!)[0]).toMatchObject({ action: 'update', kind: 'role', name: 'deployer' })
  })

  it('refuses an exclusive detach from the user the run signs in as', async () => {
    const acct = await h.account()
    const r = await h.run(
      { ...h.base(acct.key), 'sub-account': 'ci-admin', exclusive: 'true', adopt: 'true' },
      { cwd: ws },
    )
    expect(r.code).toBe(1)
    expect(r.writes).toEqual([])
    expect(r.log).toMatch(
      /exclusive would detach Custom:github-reconciler from user ci-admin, the identity this run signs in as/,
    )
    expect(r.log).toMatch(/\[exclusive, sub-account, ignore-policies\]/)
  })

  it('finds a misspelt policy with reads, before any write, and fails within timeout-seconds', async () => {
    const acct = await h.account()
    const r = await h.run(
      {
        ...h.base(acct.key),
        'sub-account': 'bot',
        'sub-account-policies': 'AliyunCSReadOnlyAcess',
        'timeout-seconds': '5',
      },
      { cwd: ws },
    )
    expect(r.code).toBe(1)
    expect(r.writes).toEqual([])
    expect(r.log).toMatch(/System policy AliyunCSReadOnlyAcess does not exist .*\[sub-account-policies\]/)
    expect(r.log).not.toMatch(/could not be reached/)
  })
})

describe('ownership', () => {
  it('does not take over a hand-made role without adopt, then adopts it and owns it from then on', async () => {
    const acct = await h.account()
    const oneUser = trustOf({ RAM: [`acs:ram::${acct.accountId}:user/ci-admin`] })
    emu.control.createRole(acct.accountId, 'oss-uploader', {
      assumeRolePolicyDocument: oneUser,
      description: 'Uploads the site',
      maxSessionDuration: 43200,
    })
    const refused = await h.run({ ...h.base(acct.key), 'policy-file': 'upload.json' }, { cwd: ws })
    expect(refused.code).toBe(1)
    expect(refused.writes).toEqual([])
    expect(refused.log).toMatch(
      /would change role oss-uploader \(trust policy\), which this action did not create .*set adopt: true/,
    )
    // The trust a person narrowed to one user is shown, not silently widened.
    expect(refused.log).toMatch(new RegExp(`- principal acs:ram::${acct.accountId}:user/ci-admin`))
    expect(refused.log).toMatch(new RegExp(`\\+ principal acs:ram::${acct.accountId}:root`))

    // A trust-policy-file that keeps the trust: nothing to adopt on the role, MaxSessionDuration left alone.
    const kept = await h.run(
      { ...h.base(acct.key), 'policy-file': 'upload.json' },
      { cwd: workspace({ ...files, 'trust.json': oneUser }) },
    )
    expect(kept.code).toBe(1) // still refused: the trust differs from the account-root default
    const withTrust = await h.run(
      { ...h.base(acct.key), 'policy-file': 'upload.json', 'trust-policy-file': 'trust.json' },
      { cwd: workspace({ ...files, 'trust.json': oneUser }) },
    )
    expect(withTrust.code).toBe(0)
    expect(withTrust.writes).toEqual(['CreatePolicy', 'AttachPolicyToRole'])
    expect(
      emu.control.state(acct.accountId).roles.find((r) => r.name === 'oss-uploader')?.maxSessionDuration,
    ).toBe(43200)

    const adopted = await h.run(
      { ...h.base(acct.key), 'policy-file': 'upload.json', adopt: 'true' },
      { cwd: ws },
    )
    expect(adopted.code).toBe(0)
    expect(adopted.writes).toEqual(['UpdateRole', 'UpdateRole'])
    const role = emu.control.state(acct.accountId).roles.find((r) => r.name === 'oss-uploader')!
    expect(role.description).toBe(
      'Uploads the site (Managed by the ram-identity GitHub Action; assumed by GitHub workflows)',
    )
    // Owned now: a later change needs no adopt.
    const later = await h.run(
      { ...h.base(acct.key), 'policy-file': 'upload.json', 'max-session-duration': '7200' },
      { cwd: ws },
    )
    expect(later.code).toBe(0)
    expect(later.writes).toEqual(['UpdateRole'])
  })

  it('never moves a policy between the roles a.b and a-b, which derive the same name', async () => {
    const acct = await h.account()
    const first = await h.run({ ...h.base(acct.key, 'a.b'), 'sub-account': 'ab-bot' }, { cwd: ws })
    expect(first.code).toBe(0)
    const second = await h.run({ ...h.base(acct.key, 'a-b'), 'sub-account': 'ab-bot' }, { cwd: ws })
    expect(second.code).toBe(1)
    expect(second.writes).toEqual([])
    expect(second.log).toMatch(
      /policy a-b-assume already holds the assume policy of role a\.b .*Choose another role-name/,
    )
  })

  it('refuses, before any call, a policy-name that is the assume policy of the same run', async () => {
    const acct = await h.account()
    const r = await h.run(
      {
        ...h.base(acct.key),
        'policy-file': 'upload.json',
        'policy-name': 'oss-uploader-assume',
        'sub-account': 'bot',
      },
      { cwd: ws },
    )
    expect(r.code).toBe(1)
    expect(r.calls).toEqual([])
    expect(r.log).toMatch(
      /::error title=Invalid input policy-name::policy-name: is oss-uploader-assume, the name of the sub-account's assume policy/,
    )
  })
})

describe('what a reviewer sees', () => {
  let acct: Awaited<ReturnType<Harness['account']>>
  let inputs: Record<string, string>
  beforeAll(async () => {
    acct = await h.account()
    inputs = { ...h.base(acct.key), 'policy-file': 'upload.json', 'sub-account': 'uploader' }
    expect((await h.run(inputs, { cwd: ws })).code).toBe(0)
  })

  it('a nightly check reports a policy attached by hand, whatever exclusive says, and fails on it', async () => {
    emu.control.attachPolicy(
      acct.accountId,
      { type: 'role', name: 'oss-uploader' },
      { type: 'System', name: 'AdministratorAccess' },
    )
    const r = await h.run({ ...inputs, mode: 'check' }, { cwd: ws })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ drift: 'true', changes: '0' })
    expect(JSON.parse(r.outputs['unmanaged-policies']!)).toEqual([
      {
        principal: { type: 'role', name: 'oss-uploader' },
        policy: { type: 'System', name: 'AdministratorAccess' },
      },
    ])
    expect(r.log).toMatch(/::error::drift detected: 0 change\(s\) needed, 1 unmanaged attachment\(s\)/)
    expect(r.summary).toMatch(/System:AdministratorAccess on role oss-uploader/)
    // Named in ignore-policies, it is accepted.
    const ignored = await h.run(
      { ...inputs, mode: 'check', 'ignore-policies': 'AdministratorAccess' },
      { cwd: ws },
    )
    expect(ignored.code).toBe(0)
    // Apply leaves it attached, and says so.
    const applied = await h.run(inputs, { cwd: ws })
    expect(applied.code).toBe(0)
    expect(applied.writes).toEqual([])
    expect(applied.log).toMatch(
      /::warning::left attached, though the inputs do not name them .*System:AdministratorAccess on role oss-uploader/,
    )
    emu.control.detachPolicy(
      acct.accountId,
      { type: 'role', name: 'oss-uploader' },
      { type: 'System', name: 'AdministratorAccess' },
    )
  })

  it('a foreign account added to the trust shows as that principal, with a finding', async () => {
    await acct.ram.call('UpdateRole', {
      RoleName: 'oss-uploader',
      NewAssumeRolePolicyDocument: trustOf({
        RAM: [`acs:ram::${acct.accountId}:root`, 'acs:ram::1111111111111111:root'],
      }),
    })
    await settle()
    const r = await h.run({ ...inputs, mode: 'check' }, { cwd: ws })
    expect(r.code).toBe(1)
    expect(r.log).toMatch(
      /~ update role oss-uploader \(trust policy\)\n\s+- principal acs:ram::1111111111111111:root/,
    )
    const [entry] = JSON.parse(r.outputs.plan!)
    expect(entry).toMatchObject({ kind: 'role', diff: ['- principal acs:ram::1111111111111111:root'] })
    expect(JSON.parse(entry.before).Statement[0].Principal.RAM).toContain('acs:ram::1111111111111111:root')
    expect(JSON.parse(r.outputs.findings!)).toEqual([
      expect.objectContaining({ rule: 'trust-other-account', severity: 'warning', source: 'actual' }),
    ])
    expect(r.summary).toMatch(/```diff\n- principal acs:ram::1111111111111111:root\n```/)
    expect((await h.run(inputs, { cwd: ws })).writes).toEqual(['UpdateRole'])
  })

  it('a policy widened to oss:* on * shows as exactly that grant, with a finding', async () => {
    await acct.ram.call('CreatePolicyVersion', {
      PolicyName: 'oss-uploader-policy',
      PolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'oss:*', Resource: '*' }],
      }),
      SetAsDefault: true,
    })
    await settle()
    const r = await h.run({ ...inputs, mode: 'check' }, { cwd: ws })
    expect(r.log).toMatch(
      /~ new version of policy oss-uploader-policy\n\s+- Allow oss:\* on \*\n\s+\+ Allow oss:PutObject on acs:oss:\*:\*:site\/\*/,
    )
    expect(JSON.parse(r.outputs.findings!)).toEqual([
      expect.objectContaining({
        rule: 'wildcard-action-on-any-resource',
        subject: 'policy oss-uploader-policy',
        source: 'actual',
      }),
    ])
    expect((await h.run(inputs, { cwd: ws })).writes).toEqual(['CreatePolicyVersion'])
  })
})

describe('security findings', () => {
  it('annotate the policy file at the statement, and fail at fail-on-findings before any write', async () => {
    const acct = await h.account()
    const warned = await h.run(
      { ...h.base(acct.key), 'policy-file': 'wide.json', mode: 'check' },
      { cwd: ws },
    )
    expect(warned.log).toMatch(
      /::warning title=RAM policy warning \(wildcard-action-on-any-resource\),file=wide\.json,line=\d+::wildcard-action-on-any-resource: allows oss:\* on every resource/,
    )
    const strict = await h.run(
      { ...h.base(acct.key), 'policy-file': 'wide.json', 'fail-on-findings': 'warning' },
      { cwd: ws },
    )
    expect(strict.code).toBe(1)
    expect(strict.writes).toEqual([])
    expect(strict.log).toMatch(
      /1 finding\(s\) at or above fail-on-findings \(warning\): wildcard-action-on-any-resource in policy oss-uploader-policy/,
    )
  })

  it('fail by default on an OIDC trust that any repository could use', async () => {
    const acct = await h.account()
    const provider = `acs:ram::${acct.accountId}:oidc-provider/github`
    const trust = JSON.stringify({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Federated: [provider] },
          Condition: { StringEquals: { 'oidc:aud': 'sts.aliyuncs.com' } },
        },
      ],
    })
    const r = await h.run(
      { ...h.base(acct.key, 'gh-deploy'), 'trust-policy-file': 'trust.json' },
      { cwd: workspace({ 'trust.json': trust }) },
    )
    expect(r.code).toBe(1)
    expect(r.writes).toEqual([])
    expect(JSON.parse(r.outputs.findings!)).toEqual([
      expect.objectContaining({
        rule: 'oidc-trust-without-sub',
        severity: 'error',
        file: 'trust.json',
        line: 1,
      }),
    ])
  })
})

describe('propagation', () => {
  it('three applies started 0, 300 and 600 ms apart under a 3 s grant delay all succeed', async () => {
    const acct = await h.account()
    emu.control.setFaults({ ...profileFaults('realistic'), grantDelayMs: 3000 })
    try {
      const inputs = {
        ...h.base(acct.key, 'matrix-role'),
        'policy-file': 'upload.json',
        'sub-account': 'matrix-bot',
      }
      const runs = [0, 300, 600].map(async (delay) => {
        await new Promise((r) => setTimeout(r, delay))
        return h.run(inputs, { cwd: ws })
      })
      const results = await Promise.all(runs)
      expect(results.map((r) => r.code)).toEqual([0, 0, 0])
      expect(results.every((r) => r.outputs['access-key-id']?.startsWith('STS.'))).toBe(true)
    } finally {
      emu.control.setFaults(profileFaults('realistic'))
    }
  })

  it("an apply step, then an assume step with the sub-account's keys", async () => {
    const acct = await h.account()
    emu.control.setFaults({ ...profileFaults('realistic'), grantDelayMs: 3000 })
    try {
      const apply = await h.run(
        { ...h.base(acct.key, 'two-step'), 'policy-file': 'upload.json', 'sub-account': 'two-step-bot' },
        { cwd: ws },
      )
      expect(apply.code).toBe(0)
      const key = emu.control.createAccessKey(acct.accountId, 'two-step-bot')
      h.secrets.add(key.accessKeySecret)
      const assume = await h.run(
        {
          ...h.base(acct.key, 'two-step'),
          mode: 'assume',
          'sub-account-access-key-id': key.accessKeyId,
          'sub-account-access-key-secret': key.accessKeySecret,
        },
        { cwd: ws },
      )
      expect(assume.code).toBe(0)
      expect(assume.outputs['assumed-role-arn']).toBe(
        `acs:ram::${acct.accountId}:role/two-step/github-4242-1`,
      )
    } finally {
      emu.control.setFaults(profileFaults('realistic'))
    }
  })

  it('a role that is really misconfigured fails at once when RAM shows no recent change', async () => {
    // An emulator whose clock is ten minutes behind: every date RAM shows is ten minutes old, yet
    // within the signature's fifteen-minute window.
    const past = await startEmulator({ seed: 59, now: () => new Date(Date.now() - 600_000) })
    try {
      const old = new Harness(past)
      const acct = await old.account()
      const trust = trustOf({ RAM: ['acs:ram::1111111111111111:root'] })
      past.control.createRole(acct.accountId, 'locked', {
        assumeRolePolicyDocument: trust,
        description: 'Managed by the ram-identity GitHub Action; assumed by GitHub workflows',
      })
      const r = await old.run(
        { ...old.base(acct.key, 'locked'), 'trust-policy-file': 'trust.json', 'fail-on-findings': 'never' },
        { cwd: workspace({ 'trust.json': trust }) },
      )
      expect(r.code).toBe(1)
      expect(r.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(1)
      expect(r.log).toMatch(
        /AssumeRole of acs:ram::\d+:role\/locked as acs:ram::\d+:user\/ci-admin failed: NoPermission: .*Likely cause: .*may not assume/,
      )
      old.assertNoLeak()
    } finally {
      await past.close()
    }
  })

  it('timeout-seconds bounds the waiting of assume mode too', async () => {
    const acct = await h.account()
    emu.control.createRole(acct.accountId, 'nobody', {
      assumeRolePolicyDocument: trustOf({ RAM: ['acs:ram::1111111111111111:root'] }),
    })
    const r = await h.run(
      { ...h.base(acct.key, 'nobody'), mode: 'assume', 'timeout-seconds': '5' },
      { cwd: ws },
    )
    expect(r.code).toBe(1)
    // Waits of 1, 2 and 4 s fit a 20 s window; the 5 s deadline allows the first ones only.
    expect(r.calls.filter((c) => c.action === 'AssumeRole').length).toBeLessThanOrEqual(3)
  })
})

describe('secrets', () => {
  it('no run printed or wrote a secret outside the GitHub command files', () => {
    expect(h.runs.length).toBeGreaterThan(15)
    h.assertNoLeak()
  })
})
