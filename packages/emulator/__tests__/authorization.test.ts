// Authorization as RAM/STS decide it: root, RAM users through their policies, role sessions through
// their role's policies ∩ the session policy; AssumeRole's permission and trust checks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type Emulator, type PolicyRef, startEmulator } from '../src/index.js'
import { allow, type Creds, expectError, ISO_SECONDS, popRam, popSts } from './harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>

const NO_PERMISSION = 'You are not authorized to do this action. You should be authorized by RAM.'
const NOT_TRUSTED =
  'No permission perform sts:AssumeRole on this Role. Maybe you are not authorized to perform sts:AssumeRole or the specified role does not trust you'

let emu: Emulator
let accountId: string
let root: Creds

beforeAll(async () => {
  emu = await startEmulator({ seed: 5 })
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.control.reset()
  ;({ accountId, root } = emu.control.createAccount())
})

const trustDoc = (statement: Record<string, unknown>): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] })
const trustRoot = (acct = accountId) => trustDoc({ Principal: { RAM: [`acs:ram::${acct}:root`] } })

function user(name: string, policies: PolicyRef[] = []): Creds {
  return emu.control.createUser(accountId, name, { accessKey: true, policies }).accessKey!
}
function role(name: string, doc: string, policies: PolicyRef[] = [], maxSessionDuration?: number): void {
  emu.control.createRole(accountId, name, { assumeRolePolicyDocument: doc, policies, maxSessionDuration })
}
const sys = (name: string): PolicyRef => ({ type: 'System', name })
function custom(name: string, document: string): PolicyRef {
  emu.control.createPolicy(accountId, name, document)
  return { type: 'Custom', name }
}
const arn = (name: string, acct = accountId) => `acs:ram::${acct}:role/${name}`

async function assume(
  creds: Creds,
  params: Record<string, string | number>,
): Promise<Creds & { body: Json }> {
  const body = await popSts(emu, creds).call<Json>('AssumeRole', { RoleSessionName: 'session-1', ...params })
  const c = body.Credentials
  return {
    accessKeyId: c.AccessKeyId,
    accessKeySecret: c.AccessKeySecret,
    securityToken: c.SecurityToken,
    body,
  }
}

describe('AssumeRole', () => {
  it('is refused to the account root', async () => {
    role('deploy', trustRoot())
    const err = await expectError(assume(root, { RoleArn: arn('deploy') }), 'NoPermission', 403)
    expect(err.data!.Message).toBe('Roles may not be assumed by root accounts.')
    expect(err.data!.HostId).toBe('sts.aliyuncs.com')
  })

  it('is refused to a user without sts:AssumeRole', async () => {
    role('deploy', trustRoot())
    const creds = user('plain', [sys('AliyunRAMFullAccess')])
    const err = await expectError(assume(creds, { RoleArn: arn('deploy') }), 'NoPermission', 403)
    expect(err.data!.Message).toBe(NO_PERMISSION)
  })

  it('is refused when the trust policy does not name the caller', async () => {
    role('ci-only', trustDoc({ Principal: { RAM: [`acs:ram::${accountId}:user/ci`] } }))
    const other = user('other', [sys('AliyunSTSAssumeRoleAccess')])
    const err = await expectError(assume(other, { RoleArn: arn('ci-only') }), 'NoPermission', 403)
    expect(err.data!.Message).toBe(NOT_TRUSTED)
  })

  it('succeeds for a user with exactly the needed grants, and only on that role', async () => {
    role('ci-only', trustDoc({ Principal: { RAM: [`acs:ram::${accountId}:user/CI`] } }))
    role('deploy', trustRoot())
    const ci = user('ci', [
      custom('assume-ci-only', allow('sts:AssumeRole', `acs:ram:*:${accountId}:role/ci-only`)),
    ])
    const s = await assume(ci, { RoleArn: arn('ci-only'), RoleSessionName: 'gha-run_1.x@y' })
    const roleId = emu.control.state(accountId).roles.find((r) => r.name === 'ci-only')!.roleId
    expect(s.body).toEqual({
      RequestId: expect.any(String),
      Credentials: {
        AccessKeyId: expect.stringMatching(/^STS\.[A-Za-z0-9]{28}$/),
        AccessKeySecret: expect.stringMatching(/^[A-Za-z0-9]{44}$/),
        SecurityToken: expect.stringMatching(/^CAIS[A-Za-z0-9+/]+={0,2}$/),
        Expiration: expect.stringMatching(ISO_SECONDS),
      },
      AssumedRoleUser: {
        Arn: `acs:ram::${accountId}:role/ci-only/gha-run_1.x@y`,
        AssumedRoleId: `${roleId}:gha-run_1.x@y`,
      },
    })
    for (const c of ['+', '/', '=']) expect(s.body.Credentials.SecurityToken).toContain(c)
    expect(s.body.Credentials.SecurityToken.length).toBeGreaterThan(300)
    // The grant names one role: another role that trusts the account is still refused.
    await expectError(assume(ci, { RoleArn: arn('deploy') }), 'NoPermission', 403)
  })

  it('never lets a RAM user assume a service role', async () => {
    role('ecs-role', trustDoc({ Principal: { Service: ['ecs.aliyuncs.com'] } }))
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    await expectError(assume(creds, { RoleArn: arn('ecs-role') }), 'NoPermission', 403)
  })

  it('enforces an sts:ExternalId condition', async () => {
    role(
      'partner',
      trustDoc({
        Principal: { RAM: [`acs:ram::${accountId}:root`] },
        Condition: { StringEquals: { 'sts:ExternalId': 'abc-123' } },
      }),
    )
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    await expectError(assume(creds, { RoleArn: arn('partner') }), 'NoPermission', 403)
    await expectError(assume(creds, { RoleArn: arn('partner'), ExternalId: 'abc-999' }), 'NoPermission', 403)
    await expect(assume(creds, { RoleArn: arn('partner'), ExternalId: 'abc-123' })).resolves.toBeDefined()
  })

  it('an explicit Deny in the trust policy wins', async () => {
    const doc = JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
        {
          Effect: 'Deny',
          Action: 'sts:AssumeRole',
          Principal: { RAM: [`acs:ram::${accountId}:user/blocked`] },
        },
      ],
    })
    role('guarded', doc)
    await expect(
      assume(user('fine', [sys('AliyunSTSAssumeRoleAccess')]), { RoleArn: arn('guarded') }),
    ).resolves.toBeDefined()
    await expectError(
      assume(user('blocked', [sys('AliyunSTSAssumeRoleAccess')]), { RoleArn: arn('guarded') }),
      'NoPermission',
    )
  })

  it('validates its parameters', async () => {
    role('deploy', trustRoot(), [], 7200)
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    const cases: Array<[Record<string, string | number>, string, string?]> = [
      [
        { RoleArn: 'acs:ram::x:role/deploy' },
        'InvalidParameter.RoleArn',
        'The parameter RoleArn is wrongly formed.',
      ],
      [
        { RoleArn: arn('deploy'), RoleSessionName: 'a' },
        'InvalidParameter.RoleSessionName',
        'The parameter RoleSessionName is wrongly formed.',
      ],
      [{ RoleArn: arn('deploy'), RoleSessionName: 'x'.repeat(65) }, 'InvalidParameter.RoleSessionName'],
      [{ RoleArn: arn('deploy'), RoleSessionName: 'has space' }, 'InvalidParameter.RoleSessionName'],
      [
        { RoleArn: arn('deploy'), DurationSeconds: 899 },
        'InvalidParameter.DurationSeconds',
        'The Min/Max value of DurationSeconds is 15min/2hr.',
      ],
      [{ RoleArn: arn('deploy'), DurationSeconds: 7201 }, 'InvalidParameter.DurationSeconds'],
      [
        { RoleArn: arn('deploy'), Policy: allow('ram:Get*').padEnd(2049, ' ') },
        'InvalidParameter.PolicySize',
      ],
      [
        {
          RoleArn: arn('deploy'),
          Policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*"}]}',
        },
        'InvalidParameter.PolicyGrammar',
      ],
      [{ RoleArn: arn('deploy'), ExternalId: 'x' }, 'InvalidParameter.ExternalId'],
      [{ RoleArn: arn('ghost') }, 'EntityNotExist.Role', `The role not exists: ${arn('ghost')}.`],
    ]
    for (const [params, code, message] of cases) {
      const err = await expectError(assume(creds, params), code, code === 'EntityNotExist.Role' ? 404 : 400)
      if (message) expect(err.data!.Message).toBe(message)
    }
    await expectError(
      popSts(emu, creds).call('AssumeRole', { RoleArn: arn('deploy') }),
      'MissingRoleSessionName',
      400,
    )
    await expectError(
      popSts(emu, creds).call('AssumeRole', { RoleSessionName: 'abc' }),
      'MissingRoleArn',
      400,
    )
  })

  it('matches RoleArn case-insensitively and sets Expiration from DurationSeconds', async () => {
    role('Deploy', trustRoot(), [], 43200)
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    const before = Math.floor(Date.now() / 1000)
    const s = await assume(creds, { RoleArn: `ACS:RAM::${accountId}:ROLE/DEPLOY`, DurationSeconds: 43200 })
    const after = Math.ceil(Date.now() / 1000)
    const expires = Date.parse(s.body.Credentials.Expiration) / 1000
    expect(expires).toBeGreaterThanOrEqual(before + 43200)
    expect(expires).toBeLessThanOrEqual(after + 43200)
    // The session ARN spells the role as it was created (the default; README fidelity table).
    expect(s.body.AssumedRoleUser.Arn).toBe(`acs:ram::${accountId}:role/Deploy/session-1`)
  })

  it('chains roles: a role session can assume a role that trusts its role', async () => {
    role('first', trustRoot(), [sys('AliyunSTSAssumeRoleAccess')])
    role('second', trustDoc({ Principal: { RAM: [arn('first')] } }), [sys('AliyunRAMReadOnlyAccess')])
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    // The user is not trusted by "second" directly.
    await expectError(assume(creds, { RoleArn: arn('second') }), 'NoPermission', 403)
    const first = await assume(creds, { RoleArn: arn('first') })
    const second = await assume(first, { RoleArn: arn('second'), RoleSessionName: 'hop-2' })
    const who = await popSts(emu, second).call<Json>('GetCallerIdentity')
    expect(who.Arn).toBe(`acs:ram::${accountId}:assumed-role/second/hop-2`)
  })

  it('works across accounts when the role trusts the other account', async () => {
    const other = emu.control.createAccount()
    const foreign = emu.control.createUser(other.accountId, 'visitor', {
      accessKey: true,
      policies: [sys('AliyunSTSAssumeRoleAccess')],
    }).accessKey!
    role('shared', trustRoot(other.accountId))
    role('private', trustRoot())
    const s = await assume(foreign, { RoleArn: arn('shared') })
    const who = await popSts(emu, s).call<Json>('GetCallerIdentity')
    expect(who).toMatchObject({ AccountId: accountId, IdentityType: 'AssumedRoleUser' })
    await expectError(assume(foreign, { RoleArn: arn('private') }), 'NoPermission', 403)
  })

  it('is logged as a non-write AssumeRole call, also when refused', async () => {
    role('deploy', trustRoot())
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    emu.control.clearCalls()
    await assume(creds, { RoleArn: arn('deploy') })
    await expectError(assume(root, { RoleArn: arn('deploy') }), 'NoPermission')
    const calls = emu.control.calls()
    expect(calls.map((c) => [c.service, c.action, c.write, c.status, c.code, c.caller])).toEqual([
      ['sts', 'AssumeRole', false, 200, undefined, `acs:ram::${accountId}:user/u`],
      ['sts', 'AssumeRole', false, 403, 'NoPermission', `acs:ram::${accountId}:root`],
    ])
  })
})

describe('STS credentials on later calls', () => {
  it('act with the role permissions, need their token, and die with the role', async () => {
    role('reader', trustRoot(), [sys('AliyunRAMReadOnlyAccess')])
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    const s = await assume(creds, { RoleArn: arn('reader') })
    const ram = popRam(emu, s)
    expect((await ram.call<Json>('GetRole', { RoleName: 'reader' })).Role.RoleName).toBe('reader')
    const denied = await expectError(
      ram.call('CreateRole', { RoleName: 'x', AssumeRolePolicyDocument: trustRoot() }),
      'NoPermission',
      403,
    )
    expect(denied.data!.Message).toBe(NO_PERMISSION)
    const { securityToken: _, ...withoutToken } = s
    await expectError(
      popRam(emu, withoutToken).call('GetRole', { RoleName: 'reader' }),
      'MissingSecurityToken',
      400,
    )
    expect(emu.control.calls().at(-2)).toMatchObject({
      action: 'CreateRole',
      status: 403,
      code: 'NoPermission',
      caller: `acs:ram::${accountId}:assumed-role/reader/session-1`,
      params: { SecurityToken: '***' },
    })

    emu.control.detachPolicy(accountId, { type: 'role', name: 'reader' }, sys('AliyunRAMReadOnlyAccess'))
    // Permissions are evaluated live: the detached policy no longer applies to the session.
    await expectError(ram.call('GetRole', { RoleName: 'reader' }), 'NoPermission', 403)
    await popRam(emu, root).call('DeleteRole', { RoleName: 'reader' })
    await expectError(ram.call('GetRole', { RoleName: 'reader' }), 'InvalidAccessKeyId.NotFound', 404)
  })

  it('are limited by the session policy', async () => {
    role('reader', trustRoot(), [sys('AliyunRAMReadOnlyAccess')])
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    const s = await assume(creds, { RoleArn: arn('reader'), Policy: allow('ram:GetRole') })
    const ram = popRam(emu, s)
    await ram.call('GetRole', { RoleName: 'reader' })
    await expectError(ram.call('ListRoles'), 'NoPermission', 403)
  })
})

describe('RAM permissions', () => {
  it('refuses a write to a read-only user and allows its reads', async () => {
    const ro = popRam(emu, user('auditor', [sys('AliyunRAMReadOnlyAccess')]))
    expect((await ro.call<Json>('ListUsers')).Users.User.map((u: Json) => u.UserName)).toEqual(['auditor'])
    await ro.call('GetPolicy', { PolicyName: 'ReadOnlyAccess', PolicyType: 'System' })
    const err = await expectError(ro.call('CreateUser', { UserName: 'sneaky' }), 'NoPermission', 403)
    expect(err.data).toMatchObject({ Message: NO_PERMISSION, HostId: 'ram.aliyuncs.com' })
    expect(emu.control.state(accountId).users.map((u) => u.name)).toEqual(['auditor'])
  })

  it('a user without policies may do nothing but GetCallerIdentity', async () => {
    const creds = user('nobody')
    await expectError(popRam(emu, creds).call('GetAccountAlias'), 'NoPermission', 403)
    await expectError(popRam(emu, creds).call('GetUser', { UserName: 'nobody' }), 'NoPermission', 403)
    expect((await popSts(emu, creds).call<Json>('GetCallerIdentity')).IdentityType).toBe('RAMUser')
  })

  it('an explicit Deny wins over an Allow', async () => {
    const deny = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Deny', Action: 'ram:Delete*', Resource: '*' }],
    })
    const creds = user('admin', [sys('AliyunRAMFullAccess'), custom('no-deletes', deny)])
    const ram = popRam(emu, creds)
    await ram.call('CreateUser', { UserName: 'temp' })
    await expectError(ram.call('DeleteUser', { UserName: 'temp' }), 'NoPermission', 403)
  })

  it('matches actions with ? and * wildcards, case-insensitively', async () => {
    emu.control.createRole(accountId, 'r1', { assumeRolePolicyDocument: trustRoot() })
    emu.control.createUser(accountId, 'u1')
    const creds = user('w', [custom('wild', allow(['RAM:get?ole', 'ram:List*For*']))])
    const ram = popRam(emu, creds)
    await ram.call('GetRole', { RoleName: 'r1' })
    await ram.call('ListPoliciesForUser', { UserName: 'u1' })
    await expectError(ram.call('GetUser', { UserName: 'u1' }), 'NoPermission')
    await expectError(ram.call('ListRoles'), 'NoPermission')
  })

  it('scopes by resource ARN, accepting both the documented and the region-less form', async () => {
    for (const n of ['app-1', 'app-2', 'infra'])
      emu.control.createRole(accountId, n, { assumeRolePolicyDocument: trustRoot() })
    const a = popRam(
      emu,
      user('a', [custom('p-a', allow('ram:GetRole', `acs:ram:*:${accountId}:role/app-*`))]),
    )
    const b = popRam(
      emu,
      user('b', [custom('p-b', allow('ram:GetRole', [`acs:ram::${accountId}:role/APP-1`]))]),
    )
    await a.call('GetRole', { RoleName: 'app-2' })
    await expectError(a.call('GetRole', { RoleName: 'infra' }), 'NoPermission')
    await b.call('GetRole', { RoleName: 'app-1' })
    await expectError(b.call('GetRole', { RoleName: 'app-2' }), 'NoPermission')
    // List calls need the whole collection: a prefix grant does not cover ListRoles.
    const c = popRam(
      emu,
      user('c', [custom('p-c', allow('ram:ListRoles', `acs:ram:*:${accountId}:role/app-*`))]),
    )
    await expectError(c.call('ListRoles'), 'NoPermission')
  })

  it('attaching needs permission on both the principal and the policy', async () => {
    emu.control.createRole(accountId, 'target', { assumeRolePolicyDocument: trustRoot() })
    custom('payload', allow('oss:*'))
    const rolesOnly = popRam(
      emu,
      user('r', [custom('p-r', allow('ram:AttachPolicyToRole', `acs:ram:*:${accountId}:role/*`))]),
    )
    await expectError(
      rolesOnly.call('AttachPolicyToRole', {
        RoleName: 'target',
        PolicyType: 'Custom',
        PolicyName: 'payload',
      }),
      'NoPermission',
    )
    const both = popRam(
      emu,
      user('b', [
        custom(
          'p-b',
          allow('ram:AttachPolicyToRole', [
            `acs:ram:*:${accountId}:role/*`,
            `acs:ram:*:${accountId}:policy/*`,
          ]),
        ),
      ]),
    )
    await both.call('AttachPolicyToRole', { RoleName: 'target', PolicyType: 'Custom', PolicyName: 'payload' })
    // System policies live under the "system" account in ARNs.
    await expectError(
      both.call('AttachPolicyToRole', {
        RoleName: 'target',
        PolicyType: 'System',
        PolicyName: 'ReadOnlyAccess',
      }),
      'NoPermission',
    )
  })

  it('evaluates conditions such as acs:SourceIp', async () => {
    const onlyLocal = JSON.stringify({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'ram:GetAccountAlias',
          Resource: '*',
          Condition: { IpAddress: { 'acs:SourceIp': '127.0.0.0/8' } },
        },
      ],
    })
    const elsewhere = onlyLocal.replace('127.0.0.0/8', '10.0.0.0/8')
    await popRam(emu, user('local', [custom('local', onlyLocal)])).call('GetAccountAlias')
    await expectError(
      popRam(emu, user('remote', [custom('remote', elsewhere)])).call('GetAccountAlias'),
      'NoPermission',
    )
  })
})

describe('GetCallerIdentity', () => {
  it('answers for the account, a RAM user and an assumed role', async () => {
    role('deploy', trustRoot())
    const creds = user('dev', [sys('AliyunSTSAssumeRoleAccess')])
    const state = emu.control.state(accountId)
    const userId = state.users[0]!.userId
    const roleId = state.roles[0]!.roleId
    expect(await popSts(emu, root).call('GetCallerIdentity')).toEqual({
      RequestId: expect.any(String),
      AccountId: accountId,
      Arn: `acs:ram::${accountId}:root`,
      IdentityType: 'Account',
      PrincipalId: accountId,
      // The GetCallerIdentity reference: the account id, when the caller is the account.
      UserId: accountId,
    })
    expect(await popSts(emu, creds).call('GetCallerIdentity')).toEqual({
      RequestId: expect.any(String),
      AccountId: accountId,
      Arn: `acs:ram::${accountId}:user/dev`,
      IdentityType: 'RAMUser',
      PrincipalId: userId,
      UserId: userId,
    })
    const s = await assume(creds, { RoleArn: arn('deploy'), RoleSessionName: 'who-am-i' })
    expect(await popSts(emu, s).call('GetCallerIdentity')).toEqual({
      RequestId: expect.any(String),
      AccountId: accountId,
      Arn: `acs:ram::${accountId}:assumed-role/deploy/who-am-i`,
      IdentityType: 'AssumedRoleUser',
      PrincipalId: `${roleId}:who-am-i`,
      RoleId: roleId,
    })
  })
})
