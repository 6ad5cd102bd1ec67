// One test per row of the README's fidelity table (rows F1-F9; the metadata rows M1-M5 are in
// metadata.test.ts), each driving the official SDKs unchanged: the tea SDKs
// (@alicloud/ram20150501 and @alicloud/sts20150401, signature V3) and pop-core (V1).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '../src/index.js'
import { type Creds, expectError, popRam, popSts, Ram, Sts, teaRam, teaSts, trust } from './harness.js'

let emu: Emulator
let accountId: string
let root: Creds
/** A RAM user with full RAM access and sts:AssumeRole. */
let admin: Creds
let n = 0
const fresh = (prefix: string): string => `${prefix}-${++n}`
const doc = (...statements: object[]): string => JSON.stringify({ Version: '1', Statement: statements })
const rootTrust = (): string => trust(`acs:ram::${accountId}:root`)

beforeAll(async () => {
  emu = await startEmulator({ seed: 71 })
  ;({ accountId, root } = emu.control.createAccount())
  admin = emu.control.createUser(accountId, 'admin', {
    accessKey: true,
    policies: [
      { type: 'System', name: 'AliyunRAMFullAccess' },
      { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
    ],
  }).accessKey!
})
afterAll(async () => {
  await emu.close()
})

/** A session of a new role that holds `policy`, optionally narrowed by a session policy. */
async function sessionWith(policy: string, sessionPolicy?: string): Promise<Creds> {
  const role = fresh('Role')
  const policyName = fresh('p')
  emu.control.createPolicy(accountId, policyName, policy)
  emu.control.createRole(accountId, role, {
    assumeRolePolicyDocument: rootTrust(),
    policies: [{ type: 'Custom', name: policyName }],
  })
  const out = await teaSts(emu, admin).assumeRole(
    new Sts.AssumeRoleRequest({
      roleArn: `acs:ram::${accountId}:role/${role}`,
      roleSessionName: 'conformance',
      ...(sessionPolicy ? { policy: sessionPolicy } : {}),
    }),
  )
  const c = out.body!.credentials!
  return { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! }
}

describe('fidelity rows', () => {
  it('F1: NotAction and NotResource in a custom policy are accepted and mean "all except"', async () => {
    const policy = doc(
      { Effect: 'Allow', NotAction: 'ram:Delete*', Resource: '*' },
      { Effect: 'Deny', Action: 'ram:GetUser', NotResource: `acs:ram::${accountId}:user/admin` },
    )
    const created = await teaRam(emu, root).createPolicy(
      new Ram.CreatePolicyRequest({ policyName: fresh('notaction'), policyDocument: policy }),
    )
    expect(created.body?.policy?.defaultVersion).toBe('v1')
    const s = await sessionWith(policy)
    const ram = popRam(emu, s)
    await ram.call('GetUser', { UserName: 'admin' })
    await ram.call('ListUsers')
    await expectError(ram.call('DeleteUser', { UserName: 'admin' }), 'NoPermission', 403)
    emu.control.createUser(accountId, 'other')
    await expectError(ram.call('GetUser', { UserName: 'other' }), 'NoPermission', 403)
  })

  it('F2: NotAction in a session policy is accepted and narrows the session', async () => {
    const s = await sessionWith(
      doc({ Effect: 'Allow', Action: 'ram:*', Resource: '*' }),
      doc({ Effect: 'Allow', NotAction: 'ram:List*', Resource: '*' }),
    )
    await popRam(emu, s).call('GetUser', { UserName: 'admin' })
    await expectError(popRam(emu, s).call('ListUsers'), 'NoPermission', 403)
  })

  it('F3: a Sid is accepted and stored verbatim', async () => {
    const policy = doc({ Sid: 'ReadUsers', Effect: 'Allow', Action: 'ram:GetUser', Resource: '*' })
    const name = fresh('sid')
    await teaRam(emu, root).createPolicy(
      new Ram.CreatePolicyRequest({ policyName: name, policyDocument: policy }),
    )
    const got = await teaRam(emu, root).getPolicy(
      new Ram.GetPolicyRequest({ policyName: name, policyType: 'Custom' }),
    )
    expect(got.body?.defaultPolicyVersion?.policyDocument).toBe(policy)
  })

  it('F4: a Resource that is not an acs: ARN is accepted and matched literally', async () => {
    const s = await sessionWith(
      doc({
        Effect: 'Allow',
        Action: 'ram:GetUser',
        Resource: ['not-an-arn', `acs:ram::${accountId}:user/admin`],
      }),
    )
    await popRam(emu, s).call('GetUser', { UserName: 'admin' })
    // Literally: `not-an-arn` alone matches no user's ARN.
    const only = await sessionWith(doc({ Effect: 'Allow', Action: 'ram:GetUser', Resource: 'not-an-arn' }))
    await expectError(popRam(emu, only).call('GetUser', { UserName: 'admin' }), 'NoPermission', 403)
  })

  it('F5: a trust document may carry a Resource', async () => {
    const role = fresh('TrustResource')
    const document = doc({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: '*',
      Principal: { RAM: [`acs:ram::${accountId}:root`] },
    })
    await teaRam(emu, root).createRole(
      new Ram.CreateRoleRequest({ roleName: role, assumeRolePolicyDocument: document }),
    )
    await popSts(emu, admin).call('AssumeRole', {
      RoleArn: `acs:ram::${accountId}:role/${role}`,
      RoleSessionName: 'f5',
    })
  })

  it('F6: other trust actions are accepted; only a statement covering sts:AssumeRole lets AssumeRole in', async () => {
    const role = fresh('OidcOnly')
    const document = doc({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithOIDC',
      Principal: { RAM: [`acs:ram::${accountId}:root`] },
    })
    await teaRam(emu, root).createRole(
      new Ram.CreateRoleRequest({ roleName: role, assumeRolePolicyDocument: document }),
    )
    await expectError(
      popSts(emu, admin).call('AssumeRole', {
        RoleArn: `acs:ram::${accountId}:role/${role}`,
        RoleSessionName: 'f6',
      }),
      'NoPermission',
      403,
    )
  })

  it('F7: the trust document may be 4,096 characters, not 4,097', async () => {
    const base = rootTrust()
    const padded = (length: number): string => `${' '.repeat(length - base.length)}${base}`
    const ram = teaRam(emu, root)
    await ram.createRole(
      new Ram.CreateRoleRequest({ roleName: fresh('Long'), assumeRolePolicyDocument: padded(4096) }),
    )
    await expectError(
      ram.createRole(
        new Ram.CreateRoleRequest({ roleName: fresh('Longer'), assumeRolePolicyDocument: padded(4097) }),
      ),
      'InvalidParameter.AssumeRolePolicyDocument.Length',
      400,
    )
  })

  it('F8: GetCallerIdentity as the account answers UserId = the account id', async () => {
    const who = await teaSts(emu, root).getCallerIdentity()
    expect(who.body).toMatchObject({
      identityType: 'Account',
      accountId,
      userId: accountId,
      principalId: accountId,
    })
    expect((await popSts(emu, root).call('GetCallerIdentity')).UserId).toBe(accountId)
  })

  it.each(['preserve', 'lower'] as const)(
    'F9: the role name in session ARNs, read as "%s"',
    async (sessionRoleNameCase) => {
      const other = await startEmulator({ seed: 72, sessionRoleNameCase })
      try {
        const { accountId: a } = other.control.createAccount()
        const user = other.control.createUser(a, 'u', {
          accessKey: true,
          policies: [{ type: 'System', name: 'AliyunSTSAssumeRoleAccess' }],
        }).accessKey!
        const created = other.control.createRole(a, 'Mixed-Case', {
          assumeRolePolicyDocument: trust(`acs:ram::${a}:root`),
        })
        // Role.Arn keeps the case either way (the CreateRole/GetRole samples do).
        expect(created.arn).toBe(`acs:ram::${a}:role/Mixed-Case`)
        const out = await teaSts(other, user).assumeRole(
          new Sts.AssumeRoleRequest({ roleArn: `acs:ram::${a}:role/mixed-case`, roleSessionName: 'f9' }),
        )
        const spelled = sessionRoleNameCase === 'lower' ? 'mixed-case' : 'Mixed-Case'
        expect(out.body?.assumedRoleUser?.arn).toBe(`acs:ram::${a}:role/${spelled}/f9`)
        const c = out.body!.credentials!
        const who = await teaSts(other, {
          accessKeyId: c.accessKeyId!,
          accessKeySecret: c.accessKeySecret!,
          securityToken: c.securityToken!,
        }).getCallerIdentity()
        expect(who.body?.arn).toBe(`acs:ram::${a}:assumed-role/${spelled}/f9`)
      } finally {
        await other.close()
      }
    },
  )
})
