// RAM attachments through pop-core: attach, detach, the lists of who holds what, quotas.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { allow, expectError, ISO_SECONDS, trust } from '../harness.js'
import { accountId, call, emu, type Json, setup } from './fixture.js'

setup()

describe('attachments', () => {
  beforeEach(async () => {
    await call('CreateUser', { UserName: 'u' })
    await call('CreateRole', {
      RoleName: 'r',
      AssumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
      Description: 'role r',
    })
    await call('CreatePolicy', { PolicyName: 'Custom-1', PolicyDocument: allow('oss:*'), Description: 'c1' })
  })

  it('attach, list, detach for users and roles', async () => {
    await call('AttachPolicyToUser', {
      UserName: 'U',
      PolicyType: 'System',
      PolicyName: 'aliyunossfullaccess',
    })
    await call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'Custom', PolicyName: 'custom-1' })
    await call('AttachPolicyToRole', { RoleName: 'R', PolicyType: 'Custom', PolicyName: 'Custom-1' })
    const forUser = await call('ListPoliciesForUser', { UserName: 'u' })
    expect(forUser.Policies.Policy).toEqual([
      {
        PolicyName: 'AliyunOSSFullAccess',
        PolicyType: 'System',
        Description: expect.any(String),
        DefaultVersion: 'v1',
        AttachDate: expect.stringMatching(ISO_SECONDS),
      },
      {
        PolicyName: 'Custom-1',
        PolicyType: 'Custom',
        Description: 'c1',
        DefaultVersion: 'v1',
        AttachDate: expect.any(String),
      },
    ])
    const forRole = await call('ListPoliciesForRole', { RoleName: 'r' })
    expect(forRole.Policies.Policy.map((p: Json) => p.PolicyName)).toEqual(['Custom-1'])

    const dupe = await expectError(
      call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'System', PolicyName: 'AliyunOssFullAccess' }),
      'EntityAlreadyExists.User.Policy',
      409,
    )
    expect(dupe.data!.Message).toBe('The user has already been attached this policy.')
    await expectError(
      call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'CUSTOM-1' }),
      'EntityAlreadyExists.Role.Policy',
      409,
    )
    await call('DetachPolicyFromUser', {
      UserName: 'u',
      PolicyType: 'System',
      PolicyName: 'AliyunOSSFullAccess',
    })
    await expectError(
      call('DetachPolicyFromUser', {
        UserName: 'u',
        PolicyType: 'System',
        PolicyName: 'AliyunOSSFullAccess',
      }),
      'EntityNotExist.User.Policy',
      404,
    )
    await call('DetachPolicyFromRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'Custom-1' })
    await expectError(
      call('DetachPolicyFromRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'Custom-1' }),
      'EntityNotExist.Role.Policy',
      404,
    )
    expect((await call('ListPoliciesForRole', { RoleName: 'r' })).Policies).toEqual({ Policy: [] })
  })

  it('reports missing principals and policies', async () => {
    await expectError(
      call('AttachPolicyToUser', { UserName: 'x', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }),
      'EntityNotExist.User',
      404,
    )
    await expectError(
      call('AttachPolicyToRole', { RoleName: 'x', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }),
      'EntityNotExist.Role',
      404,
    )
    await expectError(
      call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'System', PolicyName: 'NoSuch' }),
      'EntityNotExist.Policy',
      404,
    )
    await expectError(
      call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'ReadOnlyAccess' }),
      'EntityNotExist.Policy',
    )
    await expectError(
      call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'Managed', PolicyName: 'x' }),
      'InvalidParameter.PolicyType',
      400,
    )
    await expectError(call('ListPoliciesForUser', { UserName: 'x' }), 'EntityNotExist.User', 404)
    await expectError(call('ListPoliciesForRole', { RoleName: 'x' }), 'EntityNotExist.Role', 404)
  })

  it('limits 20 system and 10 custom policies per principal', async () => {
    const system = (await call('ListPolicies', { PolicyType: 'System' })).Policies.Policy.map(
      (p: Json) => p.PolicyName,
    )
    for (const name of system.slice(0, 20))
      await call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'System', PolicyName: name })
    await expectError(
      call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'System', PolicyName: system[20] }),
      'LimitExceeded.Role.Policy',
      409,
    )
    for (let i = 0; i < 10; i++) {
      emu.control.createPolicy(accountId, `c${i}`, allow('oss:*'))
      await call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'Custom', PolicyName: `c${i}` })
    }
    await expectError(
      call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'Custom', PolicyName: 'Custom-1' }),
      'LimitExceeded.User.Policy',
      409,
    )
    // The two quotas are separate.
    await call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' })
  })

  it('ListEntitiesForPolicy and AttachmentCount', async () => {
    await call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'Custom', PolicyName: 'Custom-1' })
    await call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'Custom-1' })
    const r = await call('ListEntitiesForPolicy', { PolicyName: 'custom-1', PolicyType: 'Custom' })
    expect(r).toEqual({
      RequestId: expect.any(String),
      Users: {
        User: [
          {
            UserName: 'u',
            UserId: expect.any(String),
            DisplayName: '',
            AttachDate: expect.stringMatching(ISO_SECONDS),
          },
        ],
      },
      Groups: { Group: [] },
      Roles: {
        Role: [
          {
            RoleName: 'r',
            RoleId: expect.any(String),
            Arn: `acs:ram::${accountId}:role/r`,
            Description: 'role r',
            AttachDate: expect.stringMatching(ISO_SECONDS),
          },
        ],
      },
    })
    expect(
      (await call('GetPolicy', { PolicyName: 'Custom-1', PolicyType: 'Custom' })).Policy.AttachmentCount,
    ).toBe(2)
    const none = await call('ListEntitiesForPolicy', { PolicyName: 'ReadOnlyAccess', PolicyType: 'System' })
    expect(none).toMatchObject({ Users: { User: [] }, Groups: { Group: [] }, Roles: { Role: [] } })
    await expectError(
      call('ListEntitiesForPolicy', { PolicyName: 'nope', PolicyType: 'Custom' }),
      'EntityNotExist.Policy',
      404,
    )
  })
})
