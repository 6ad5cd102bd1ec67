// Eventual consistency injected as faults: reads hide new entities, AssumeRole waits for grants.
// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds
// reproduce, rates 0/1, the QPS bucket, eventual consistency of reads and grants, forced errors,
// resets around the handler, hostile secrets, concurrency, the HTTP control surface and the CLI.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { allow, expectError } from '../harness.js'
import { accountId, assume, ci, emu, type Json, lastCall, ram, setup, sleep, trustCi } from './fixture.js'

setup()

describe('visibility delay', () => {
  beforeEach(() => {
    emu.control.setFaults({ visibilityDelayMs: 150 })
  })

  it('hides a new role from GetRole, ListRoles and AssumeRole, but CreateRole knows it', async () => {
    await ram.call('CreateRole', { RoleName: 'fresh', AssumeRolePolicyDocument: trustCi() })
    await expectError(ram.call('GetRole', { RoleName: 'fresh' }), 'EntityNotExist.Role', 404)
    expect((await ram.call<Json>('ListRoles')).Roles.Role).toEqual([])
    await expectError(assume(ci, 'fresh'), 'EntityNotExist.Role', 404)
    await expectError(
      ram.call('CreateRole', { RoleName: 'FRESH', AssumeRolePolicyDocument: trustCi() }),
      'EntityAlreadyExists.Role',
      409,
    )
    expect(emu.control.state(accountId).roles.map((r) => r.name)).toEqual(['fresh'])
    expect(emu.control.faultStats().invisible).toBe(3)
    expect(
      emu.control
        .calls()
        .filter((c) => c.fault === 'invisible')
        .map((c) => [c.action, c.status]),
    ).toEqual([
      ['GetRole', 404],
      ['ListRoles', 200],
      ['AssumeRole', 404],
    ])
    await sleep(200)
    expect((await ram.call<Json>('GetRole', { RoleName: 'fresh' })).Role.RoleName).toBe('fresh')
    expect((await ram.call<Json>('ListRoles')).Roles.Role).toHaveLength(1)
    await assume(ci, 'fresh')
  })

  it('hides new users from GetUser and ListUsers pages, attachments from the list calls', async () => {
    await ram.call('CreateUser', { UserName: 'b-new' })
    emu.control.createUser(accountId, 'a-old') // the control surface is never delayed
    emu.control.createUser(accountId, 'c-old')
    await expectError(ram.call('GetUser', { UserName: 'b-new' }), 'EntityNotExist.User', 404)
    const page1 = await ram.call<Json>('ListUsers', { MaxItems: 2 })
    expect(page1.Users.User.map((u: Json) => u.UserName)).toEqual(['a-old', 'c-old'])
    expect(page1.IsTruncated).toBe(true)
    const page2 = await ram.call<Json>('ListUsers', { MaxItems: 2, Marker: page1.Marker })
    expect(page2.Users.User.map((u: Json) => u.UserName)).toEqual(['ci'])
    expect(page2.IsTruncated).toBe(false)
    // Attach to an old user: ListPoliciesForUser and ListEntitiesForPolicy omit it; attaching again conflicts.
    const attach = { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'a-old' }
    await ram.call('AttachPolicyToUser', attach)
    expect((await ram.call<Json>('ListPoliciesForUser', { UserName: 'a-old' })).Policies.Policy).toEqual([])
    const entities = await ram.call<Json>('ListEntitiesForPolicy', {
      PolicyType: 'System',
      PolicyName: 'ReadOnlyAccess',
    })
    expect(entities.Users.User).toEqual([])
    await expectError(ram.call('AttachPolicyToUser', attach), 'EntityAlreadyExists.User.Policy', 409)
    expect(emu.control.state(accountId).users.find((u) => u.name === 'a-old')!.policies).toHaveLength(1)
    await sleep(200)
    await ram.call('GetUser', { UserName: 'b-new' })
    expect((await ram.call<Json>('ListUsers')).Users.User.map((u: Json) => u.UserName)).toEqual([
      'a-old',
      'b-new',
      'c-old',
      'ci',
    ])
    expect((await ram.call<Json>('ListPoliciesForUser', { UserName: 'a-old' })).Policies.Policy).toHaveLength(
      1,
    )
  })

  it('hides a new policy, and a new default version behind the old one', async () => {
    await ram.call('CreatePolicy', { PolicyName: 'brand-new', PolicyDocument: allow('oss:Get*') })
    await expectError(
      ram.call('GetPolicy', { PolicyType: 'Custom', PolicyName: 'brand-new' }),
      'EntityNotExist.Policy',
      404,
    )
    const listed = await ram.call<Json>('ListPolicies', { PolicyType: 'Custom' })
    expect(listed.Policies.Policy).toEqual([])

    emu.control.createPolicy(accountId, 'bucket', allow('oss:Get*'))
    await ram.call('CreatePolicyVersion', {
      PolicyName: 'bucket',
      PolicyDocument: allow('oss:*'),
      SetAsDefault: true,
    })
    const got = await ram.call<Json>('GetPolicy', { PolicyType: 'Custom', PolicyName: 'bucket' })
    expect(got.Policy.DefaultVersion).toBe('v1')
    expect(got.DefaultPolicyVersion).toMatchObject({ VersionId: 'v1', PolicyDocument: allow('oss:Get*') })
    const versions = await ram.call<Json>('ListPolicyVersions', {
      PolicyType: 'Custom',
      PolicyName: 'bucket',
    })
    expect(versions.PolicyVersions.PolicyVersion.map((v: Json) => [v.VersionId, v.IsDefaultVersion])).toEqual(
      [['v1', true]],
    )
    await expectError(
      ram.call('GetPolicyVersion', { PolicyType: 'Custom', PolicyName: 'bucket', VersionId: 'v2' }),
      'EntityNotExist.Policy.Version',
      404,
    )
    expect(emu.control.state(accountId).policies.find((p) => p.name === 'bucket')!.defaultVersion).toBe('v2')
    await sleep(200)
    const after = await ram.call<Json>('ListPolicyVersions', { PolicyType: 'Custom', PolicyName: 'bucket' })
    expect(after.PolicyVersions.PolicyVersion.map((v: Json) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v1', false],
      ['v2', true],
    ])
    await ram.call('GetPolicy', { PolicyType: 'Custom', PolicyName: 'brand-new' })
  })
})

describe('grant delay', () => {
  it('refuses AssumeRole of a new role with NoPermission, then allows it', async () => {
    emu.control.setFaults({ grantDelayMs: 150 })
    await ram.call('CreateRole', { RoleName: 'deployer', AssumeRolePolicyDocument: trustCi() })
    await ram.call('GetRole', { RoleName: 'deployer' }) // visible: only the grant lags
    await expectError(assume(ci, 'deployer'), 'NoPermission', 403)
    expect(lastCall()).toMatchObject({
      action: 'AssumeRole',
      status: 403,
      code: 'NoPermission',
      fault: 'grantDelay',
    })
    expect(emu.control.faultStats().grantDelay).toBe(1)
    await sleep(200)
    const s = await assume(ci, 'deployer')
    expect(s.Credentials.AccessKeyId).toMatch(/^STS\./)
  })

  it('refuses after the trust policy or the caller’s grants change', async () => {
    emu.control.createRole(accountId, 'old', { assumeRolePolicyDocument: trustCi() })
    emu.control.createPolicy(accountId, 'extra', allow('oss:Get*'))
    emu.control.attachPolicy(accountId, { type: 'user', name: 'ci' }, { type: 'Custom', name: 'extra' })
    emu.control.setFaults({ grantDelayMs: 150 })
    await assume(ci, 'old') // control-made setup is in effect at once
    const changes: Array<[string, Record<string, string | boolean>]> = [
      ['UpdateRole', { RoleName: 'old', NewAssumeRolePolicyDocument: trustCi() }],
      ['AttachPolicyToUser', { UserName: 'ci', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }],
      ['DetachPolicyFromUser', { UserName: 'ci', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }],
      ['CreatePolicyVersion', { PolicyName: 'extra', PolicyDocument: allow('oss:*'), SetAsDefault: true }],
    ]
    for (const [action, params] of changes) {
      await ram.call(action, params)
      await expectError(assume(ci, 'old'), 'NoPermission', 403)
      await sleep(200)
      await assume(ci, 'old')
    }
    expect(emu.control.faultStats().grantDelay).toBe(4)
  })
})
