// Credentials end to end, every source and every sink through the bundle as the runner runs it,
// the post step included (run with the main step's saved state): the variables and the profile a
// later step reads, a real client reading each, and the cleanup that takes them away again.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Credentials, { CLIProfileCredentialsProvider } from '@alicloud/credentials'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import Sts from '@alicloud/sts20150401'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator, startMetadataStandIn } from '@ram-identity/emulator'
import { ROOT, workspace } from '../../scripts/local-runner.js'
import { Harness } from '../fixtures/harness.js'

let emu: Emulator
let h: Harness
const ws = () =>
  workspace({
    'p.json': JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: '*' }],
    }),
  })

beforeAll(async () => {
  emu = await startEmulator({ seed: 61, profile: 'realistic' })
  h = new Harness(emu)
})
afterAll(async () => {
  await emu.close()
})

/** STS GetCallerIdentity signed by the official SDK with whatever credential it is given. */
async function whoAmI(
  credential: InstanceType<typeof Credentials.default>,
): Promise<{ arn?: string; identityType?: string }> {
  const sts = new Sts.default(
    new $OpenApiUtil.Config({ credential, endpoint: new URL(emu.stsEndpoint).host, protocol: 'http' }),
  )
  return (await sts.getCallerIdentity()).body as { arn?: string; identityType?: string }
}

describe('sinks, and the post step that takes them away', () => {
  it('exports every name consumers read, writes the profile, and the post step removes both', async () => {
    const acct = await h.account()
    const main = await h.run(
      { ...h.base(acct.key), 'policy-file': 'p.json', 'aliyun-profile': 'ci', region: 'cn-shanghai' },
      { cwd: ws() },
    )
    expect(main.code).toBe(0)
    const id = main.outputs['access-key-id']!
    for (const name of [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABACLOUD_ACCESS_KEY_ID',
      'ALICLOUD_ACCESS_KEY',
      'OSS_ACCESS_KEY_ID',
    ])
      expect(main.env[name]).toBe(id)
    for (const name of ['ALIBABACLOUD_SECURITY_TOKEN', 'OSS_SESSION_TOKEN'])
      expect(main.env[name]).toBe(main.outputs['security-token'])
    expect(main.env).toMatchObject({
      OSS_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_REGION_ID: 'cn-shanghai',
      ALICLOUD_REGION: 'cn-shanghai',
    })
    expect(main.env.RAM_IDENTITY_CREDENTIALS).toMatch(/^sha256:[0-9a-f]{16}$/)

    // The profile, in the CLI's file, read by @alicloud/credentials' CLI-profile provider.
    const file = join(main.job.home, '.aliyun', 'config.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const provider = CLIProfileCredentialsProvider.builder().withProfileName('ci').build()
    ;(provider as unknown as { homedir: string }).homedir = main.job.home
    const fromProfile = await provider.getCredentials()
    expect(fromProfile.accessKeyId).toBe(id)
    const who = await whoAmI(new Credentials.default({ type: 'sts', ...fromProfile } as never))
    expect(who).toMatchObject({
      identityType: 'AssumedRoleUser',
      arn: `acs:ram::${acct.accountId}:assumed-role/oss-uploader/github-4242-1`,
    })

    const post = await h.post(main)
    expect(post?.code).toBe(0)
    const exported = Object.keys(main.env)
    expect(exported.length).toBe(16)
    for (const name of exported) expect(post!.env[name]).toBe('')
    expect(() => statSync(file)).toThrow()
    expect(post!.stdout).toMatch(/Blanked 16 exported variable\(s\)\./)
    expect(post!.stdout).toMatch(/Removed the aliyun CLI profile ci from /)
  })

  it('RAM_IDENTITY_SKIP_CLEANUP=true keeps them (post-if skips the post step)', async () => {
    const acct = await h.account()
    const main = await h.run(
      { ...h.base(acct.key), 'policy-file': 'p.json', 'aliyun-profile': 'kept' },
      { cwd: ws() },
    )
    expect(main.code).toBe(0)
    expect(await h.post(main, { RAM_IDENTITY_SKIP_CLEANUP: 'true' })).toBeUndefined()
    expect(readFileSync(join(main.job.home, '.aliyun', 'config.json'), 'utf8')).toContain('"name": "kept"')
  })

  it('two runs with two profile names give one job two identities', async () => {
    const acct = await h.account()
    const first = await h.run(
      { ...h.base(acct.key, 'role-a'), 'policy-file': 'p.json', 'aliyun-profile': 'a' },
      { cwd: ws() },
    )
    const second = await h.run(
      { ...h.base(acct.key, 'role-b'), 'policy-file': 'p.json', 'aliyun-profile': 'b' },
      { cwd: ws(), env: { HOME: first.job.home } },
    )
    expect([first.code, second.code]).toEqual([0, 0])
    const config = JSON.parse(readFileSync(join(first.job.home, '.aliyun', 'config.json'), 'utf8'))
    expect(config.current).toBe('a')
    expect(
      config.profiles.map((p: { name: string; access_key_id: string }) => [p.name, p.access_key_id]),
    ).toEqual([
      ['a', first.outputs['access-key-id']],
      ['b', second.outputs['access-key-id']],
    ])
  })
})

describe('sources', () => {
  it("never quietly signs in as an earlier run's role; role-chaining says it may", async () => {
    const acct = await h.account()
    const target = `acs:ram::${acct.accountId}:role/second`
    const chain = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target }],
    })
    const first = await h.run(
      { ...h.base(acct.key, 'first'), 'policy-file': 'chain.json' },
      { cwd: workspace({ 'chain.json': chain }) },
    )
    expect(first.code).toBe(0)
    emu.control.createRole(acct.accountId, 'second', {
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { RAM: [`acs:ram::${acct.accountId}:root`] },
          },
        ],
      }),
    })
    // A later step sees what the first exported, as the runner hands GITHUB_ENV on.
    const later = { 'role-name': 'second', mode: 'assume', 'sts-endpoint': emu.stsEndpoint }
    const refused = await h.run(later, { cwd: ws(), env: first.env })
    expect(refused.code).toBe(1)
    expect(refused.calls).toEqual([])
    expect(refused.log).toMatch(
      /::error title=Invalid input role-chaining::role-chaining: the environment holds the role credentials an earlier run of this action exported/,
    )

    const chained = await h.run({ ...later, 'role-chaining': 'true' }, { cwd: ws(), env: first.env })
    expect(chained.code).toBe(0)
    expect(chained.calls.find((c) => c.action === 'AssumeRole')?.caller).toBe(
      `acs:ram::${acct.accountId}:assumed-role/first/github-4242-1`,
    )
    expect(chained.outputs['assumed-role-arn']).toBe(`${target}/github-4242-1`)

    // Keys given as inputs replace the environment completely: the first run's token is not sent with them.
    const explicit = await h.run(
      { ...h.base(acct.key, 'second'), mode: 'assume' },
      { cwd: ws(), env: first.env },
    )
    expect(explicit.code).toBe(0)
    expect(explicit.calls.every((c) => c.caller === `acs:ram::${acct.accountId}:user/ci-admin`)).toBe(true)
  })

  it('signs in with the ECS instance role through the hardened metadata service', async () => {
    const acct = await h.account()
    emu.control.createRole(acct.accountId, 'runner-host', {
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } },
        ],
      }),
      policies: [{ type: 'Custom', name: 'github-reconciler' }],
    })
    const metadata = await startMetadataStandIn(emu, { accountId: acct.accountId, roleName: 'runner-host' })
    try {
      const inputs = {
        'role-name': 'built-on-ecs',
        'policy-file': 'p.json',
        'ecs-ram-role': 'auto',
        'ecs-metadata-endpoint': metadata.endpoint,
        'ram-endpoint': emu.ramEndpoint,
        'sts-endpoint': emu.stsEndpoint,
      }
      const r = await h.run(inputs, { cwd: ws() })
      expect(r.code).toBe(0)
      expect(metadata.refused()).toBe(0)
      expect(new Set(r.calls.map((c) => c.caller))).toEqual(
        new Set([expect.stringMatching(/:assumed-role\/runner-host\//)]),
      )
      expect(r.outputs['assumed-role-arn']).toBe(`acs:ram::${acct.accountId}:role/built-on-ecs/github-4242-1`)
      const wrong = await h.run({ ...inputs, 'ecs-ram-role': 'not-attached' }, { cwd: ws() })
      expect(wrong.code).toBe(1)
      expect(wrong.calls).toEqual([])
      expect(wrong.log).toMatch(
        /Signing in with the ECS instance role failed: GET for the role credentials answered HTTP 404/,
      )
    } finally {
      await metadata.close()
    }
  })

  it('reconciles in another account through reconciler-role-arn, guarded by allowed-account-ids', async () => {
    const home = await h.account()
    const { accountId: member } = emu.control.createAccount()
    emu.control.createPolicy(
      member,
      'github-reconciler',
      readFileSync(join(ROOT, 'examples', 'reconciler-policy.json'), 'utf8'),
    )
    emu.control.createRole(member, 'member-access', {
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { RAM: [`acs:ram::${home.accountId}:root`] },
          },
        ],
      }),
      policies: [{ type: 'Custom', name: 'github-reconciler' }],
    })
    const inputs = {
      ...h.base(home.key, 'deployer'),
      'policy-file': 'p.json',
      'reconciler-role-arn': `acs:ram::${member}:role/member-access`,
    }
    const wrongAccount = await h.run({ ...inputs, 'allowed-account-ids': home.accountId }, { cwd: ws() })
    expect(wrongAccount.code).toBe(1)
    expect(wrongAccount.writes).toEqual([])
    expect(wrongAccount.calls.map((c) => c.action)).toEqual(['AssumeRole', 'GetCallerIdentity'])
    expect(wrongAccount.log).toMatch(
      new RegExp(`the signed-in identity is in account ${member}, which allowed-account-ids does not list`),
    )

    const r = await h.run({ ...inputs, 'allowed-account-ids': member }, { cwd: ws() })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({
      'account-id': member,
      'assumed-role-arn': `acs:ram::${member}:role/deployer/github-4242-1`,
    })
    expect(emu.control.state(member).roles.map((role) => role.name)).toContain('deployer')
    expect(emu.control.state(home.accountId).roles.map((role) => role.name)).not.toContain('deployer')
  })
})

describe('secrets', () => {
  it('no run printed or wrote a secret outside the GitHub command files and the profile asked for', () => {
    expect(h.runs.length).toBeGreaterThan(8)
    h.assertNoLeak()
  })
})
