import { beforeAll, describe, expect, it } from '@jest/globals'
import { type Creds, expectError, ISO_SECONDS, Ram, Sts, teaRam, teaSts, trust } from '../harness.js'
import { accountId, emu, root, setup } from './fixture.js'

setup()

describe('STS through @alicloud/sts20150401', () => {
  let user: Creds

  beforeAll(() => {
    user = emu.control.createUser(accountId, 'tea-caller', {
      accessKey: true,
      policies: [
        { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
        { type: 'System', name: 'AliyunRAMReadOnlyAccess' },
      ],
    }).accessKey!
    emu.control.createRole(accountId, 'tea-target', {
      assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
      maxSessionDuration: 7200,
      policies: [{ type: 'System', name: 'AliyunRAMReadOnlyAccess' }],
    })
  })

  it('GetCallerIdentity for the account, a RAM user and an assumed role', async () => {
    const asRoot = (await teaSts(emu, root).getCallerIdentity()).body
    expect(asRoot).toMatchObject({
      accountId,
      arn: `acs:ram::${accountId}:root`,
      identityType: 'Account',
      principalId: accountId,
    })
    const asUser = (await teaSts(emu, user).getCallerIdentity()).body
    const userId = emu.control.state(accountId).users.find((u) => u.name === 'tea-caller')!.userId
    expect(asUser).toMatchObject({
      arn: `acs:ram::${accountId}:user/tea-caller`,
      identityType: 'RAMUser',
      principalId: userId,
      userId,
    })

    const assumed = await teaSts(emu, user).assumeRole(
      new Sts.AssumeRoleRequest({
        roleArn: `acs:ram::${accountId}:role/Tea-Target`,
        roleSessionName: 'tea-session',
        durationSeconds: 7200,
      }),
    )
    const c = assumed.body?.credentials
    expect(c?.accessKeyId).toMatch(/^STS\./)
    expect(c?.expiration).toMatch(ISO_SECONDS)
    const roleId = emu.control.state(accountId).roles.find((r) => r.name === 'tea-target')!.roleId
    expect(assumed.body?.assumedRoleUser).toEqual(
      expect.objectContaining({
        arn: `acs:ram::${accountId}:role/tea-target/tea-session`,
        assumedRoleId: `${roleId}:tea-session`,
      }),
    )
    const session = {
      accessKeyId: c!.accessKeyId!,
      accessKeySecret: c!.accessKeySecret!,
      securityToken: c!.securityToken!,
    }
    const asSession = (await teaSts(emu, session).getCallerIdentity()).body
    expect(asSession).toMatchObject({
      accountId,
      arn: `acs:ram::${accountId}:assumed-role/tea-target/tea-session`,
      identityType: 'AssumedRoleUser',
      principalId: `${roleId}:tea-session`,
      roleId,
    })
    // The session's credentials work against RAM too, within the role's permissions.
    expect(
      (await teaRam(emu, session).getRole(new Ram.GetRoleRequest({ roleName: 'tea-target' }))).body?.role
        ?.roleName,
    ).toBe('tea-target')
    await expectError(
      teaRam(emu, session).createUser(new Ram.CreateUserRequest({ userName: 'nope' })),
      'NoPermission',
      403,
    )
  })

  it('reports AssumeRole errors with their codes', async () => {
    const sts = teaSts(emu, user)
    await expectError(
      sts.assumeRole(new Sts.AssumeRoleRequest({ roleArn: 'not-an-arn', roleSessionName: 'ok-name' })),
      'InvalidParameter.RoleArn',
      400,
    )
    await expectError(
      sts.assumeRole(
        new Sts.AssumeRoleRequest({ roleArn: `acs:ram::${accountId}:role/tea-target`, roleSessionName: 'x' }),
      ),
      'InvalidParameter.RoleSessionName',
      400,
    )
    await expectError(
      sts.assumeRole(
        new Sts.AssumeRoleRequest({
          roleArn: `acs:ram::${accountId}:role/ghost`,
          roleSessionName: 'ok-name',
        }),
      ),
      'EntityNotExist.Role',
      404,
    )
    await expectError(
      teaSts(emu, root).assumeRole(
        new Sts.AssumeRoleRequest({
          roleArn: `acs:ram::${accountId}:role/tea-target`,
          roleSessionName: 'root-try',
        }),
      ),
      'NoPermission',
      403,
    )
  })
})
