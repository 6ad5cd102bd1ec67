// RAM permissions as RAM decides them: root, users through their policies, role sessions through their role's policies and the session policy; GetCallerIdentity.
// Authorization as RAM/STS decide it: root, RAM users through their policies, role sessions through
// their role's policies ∩ the session policy; AssumeRole's permission and trust checks.
import { describe, expect, it } from '@jest/globals'
import { allow, expectError, popRam, popSts } from '../harness.js'
import {
  accountId,
  arn,
  assume,
  custom,
  emu,
  type Json,
  NO_PERMISSION,
  role,
  root,
  setup,
  sys,
  trustRoot,
  user,
} from './fixture.js'

setup()

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
