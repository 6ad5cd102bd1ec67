// RAM access keys and the account alias through pop-core.
import { describe, expect, it } from '@jest/globals'
import { allow, expectError, ISO_SECONDS, popRam } from '../harness.js'
import { accountId, call, emu, type Json, setup } from './fixture.js'

setup()

describe('access keys and account', () => {
  it('CreateAccessKey (max 2), ListAccessKeys, UpdateAccessKey, DeleteAccessKey', async () => {
    await call('CreateUser', { UserName: 'ci' })
    const k1 = (await call('CreateAccessKey', { UserName: 'CI' })).AccessKey
    expect(k1).toEqual({
      AccessKeyId: expect.stringMatching(/^LTAI[A-Za-z0-9]{20}$/),
      AccessKeySecret: expect.stringMatching(/^[A-Za-z0-9]{30}$/),
      Status: 'Active',
      CreateDate: expect.stringMatching(ISO_SECONDS),
    })
    await call('CreateAccessKey', { UserName: 'ci' })
    await expectError(call('CreateAccessKey', { UserName: 'ci' }), 'LimitExceeded.User.AccessKey', 409)
    const list = await call('ListAccessKeys', { UserName: 'ci' })
    expect(list.AccessKeys.AccessKey).toHaveLength(2)
    expect(list.AccessKeys.AccessKey[0]).toEqual({
      AccessKeyId: k1.AccessKeyId,
      Status: 'Active',
      CreateDate: k1.CreateDate,
    })

    // The new key works until it is disabled or deleted.
    const asCi = popRam(emu, { accessKeyId: k1.AccessKeyId, accessKeySecret: k1.AccessKeySecret })
    await expectError(asCi.call('CreateUser', { UserName: 'x' }), 'NoPermission', 403)
    await call('UpdateAccessKey', { UserName: 'ci', UserAccessKeyId: k1.AccessKeyId, Status: 'Inactive' })
    const inactive = await expectError(asCi.call('GetAccountAlias'), 'InvalidAccessKeyId.Inactive')
    expect(inactive.data!.Message).toBe('Specified access key is disabled.')
    await expectError(
      call('UpdateAccessKey', { UserName: 'ci', UserAccessKeyId: k1.AccessKeyId, Status: 'Off' }),
      'InvalidParameter.Status',
    )
    await call('DeleteAccessKey', { UserName: 'ci', UserAccessKeyId: k1.AccessKeyId })
    await expectError(asCi.call('GetAccountAlias'), 'InvalidAccessKeyId.NotFound', 404)
    await expectError(
      call('DeleteAccessKey', { UserName: 'ci', UserAccessKeyId: k1.AccessKeyId }),
      'EntityNotExist.User.AccessKey',
      404,
    )
    await expectError(call('DeleteAccessKey', { UserName: 'ci' }), 'MissingUserAccessKeyId', 400)
    await expectError(call('ListAccessKeys', { UserName: 'nobody' }), 'EntityNotExist.User', 404)
  })

  it('a RAM user manages its own keys when UserName is omitted; root must name the user', async () => {
    const self = emu.control.createUser(accountId, 'self', { accessKey: true })
    emu.control.createPolicy(
      accountId,
      'own-keys',
      allow('ram:*AccessKey*', `acs:ram:*:${accountId}:user/self`),
    )
    emu.control.attachPolicy(accountId, { type: 'user', name: 'self' }, { type: 'Custom', name: 'own-keys' })
    const asSelf = popRam(emu, self.accessKey!)
    const created = await asSelf.call<Json>('CreateAccessKey')
    expect(created.AccessKey.AccessKeyId).toMatch(/^LTAI/)
    expect((await asSelf.call<Json>('ListAccessKeys')).AccessKeys.AccessKey).toHaveLength(2)
    await expectError(call('ListAccessKeys'), 'MissingUserName', 400)
  })

  it('GetAccountAlias', async () => {
    const other = emu.control.createAccount({ accountId: '1234567890123456', alias: 'my-corp' })
    expect(await popRam(emu, other.root).call('GetAccountAlias')).toEqual({
      RequestId: expect.any(String),
      AccountAlias: 'my-corp',
    })
  })
})
