// RAM users through pop-core: every user action, its documented errors, limits and case rules.
import { describe, expect, it } from '@jest/globals'
import { expectError, ISO_SECONDS, REQUEST_ID } from '../harness.js'
import { accountId, call, emu, type Json, setup } from './fixture.js'

setup()

describe('users', () => {
  it('CreateUser returns the documented fields', async () => {
    const r = await call('CreateUser', {
      UserName: 'Alice',
      DisplayName: 'Alice Zhang 张',
      MobilePhone: '86-18688888888',
      Email: 'alice@example.com',
      Comments: 'first',
    })
    expect(r.User).toEqual({
      UserId: expect.stringMatching(/^\d{18}$/),
      UserName: 'Alice',
      DisplayName: 'Alice Zhang 张',
      MobilePhone: '86-18688888888',
      Email: 'alice@example.com',
      Comments: 'first',
      CreateDate: expect.stringMatching(ISO_SECONDS),
    })
  })

  it('names are unique case-insensitively and keep their stored case', async () => {
    await call('CreateUser', { UserName: 'Alice' })
    await expectError(call('CreateUser', { UserName: 'ALICE' }), 'EntityAlreadyExists.User', 409)
    const r = await call('GetUser', { UserName: 'alice' })
    expect(r.User).toMatchObject({ UserName: 'Alice', UpdateDate: expect.stringMatching(ISO_SECONDS) })
  })

  it.each([
    ['a space in the name', { UserName: 'bad name' }, 'InvalidParameter.UserName.InvalidChars'],
    ['a leading dash', { UserName: '-dash' }, 'InvalidParameter.UserName.InvalidChars'],
    ['a 65-character name', { UserName: 'x'.repeat(65) }, 'InvalidParameter.UserName.Length'],
    [
      'a 129-character DisplayName',
      { UserName: 'ok', DisplayName: 'x'.repeat(129) },
      'InvalidParameter.DisplayName.Length',
    ],
    [
      '129-character Comments',
      { UserName: 'ok', Comments: 'x'.repeat(129) },
      'InvalidParameter.Comments.Length',
    ],
    [
      'a phone without country code',
      { UserName: 'ok', MobilePhone: '18688888888' },
      'InvalidParameter.MobilePhone.Format',
    ],
    ['a malformed Email', { UserName: 'ok', Email: 'not-an-email' }, 'InvalidParameter.Email.Format'],
  ])('CreateUser with %s → %s', async (_name, params, code) => {
    const err = await expectError(call('CreateUser', params), code, 400)
    expect(err.data!.Message).toMatch(/^The parameter - "\w+"/)
  })

  it('accepts the union of charsets (@ . _ -) up to 64 characters', async () => {
    await call('CreateUser', { UserName: `a.b_c-d@e${'x'.repeat(55)}` })
  })

  it('UpdateUser renames, updates and clears fields', async () => {
    await call('CreateUser', { UserName: 'bob', DisplayName: 'Bob', Comments: 'c' })
    const r = await call('UpdateUser', {
      UserName: 'BOB',
      NewUserName: 'robert',
      NewDisplayName: '',
      NewComments: 'new',
    })
    expect(r.User).toMatchObject({ UserName: 'robert', DisplayName: '', Comments: 'new' })
    await expectError(call('GetUser', { UserName: 'bob' }), 'EntityNotExist.User', 404)
    await call('CreateUser', { UserName: 'carol' })
    await expectError(
      call('UpdateUser', { UserName: 'robert', NewUserName: 'Carol' }),
      'EntityAlreadyExists.User',
      409,
    )
    await expectError(
      call('UpdateUser', { UserName: 'robert', NewUserName: 'a b' }),
      'InvalidParameter.NewUserName.InvalidChars',
    )
    await expectError(call('UpdateUser', { UserName: 'ghost' }), 'EntityNotExist.User', 404)
  })

  it('DeleteUser refuses users with keys or policies', async () => {
    await call('CreateUser', { UserName: 'dave' })
    const key = (await call('CreateAccessKey', { UserName: 'dave' })).AccessKey
    await call('AttachPolicyToUser', { UserName: 'dave', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' })
    const e1 = await expectError(
      call('DeleteUser', { UserName: 'dave' }),
      'DeleteConflict.User.AccessKey',
      409,
    )
    expect(e1.data!.Message).toBe('The user CAN NOT has any access key while deleting the user.')
    await call('DeleteAccessKey', { UserName: 'dave', UserAccessKeyId: key.AccessKeyId })
    await expectError(call('DeleteUser', { UserName: 'dave' }), 'DeleteConflict.User.Policy', 409)
    await call('DetachPolicyFromUser', {
      UserName: 'dave',
      PolicyType: 'System',
      PolicyName: 'ReadOnlyAccess',
    })
    expect(await call('DeleteUser', { UserName: 'DAVE' })).toEqual({
      RequestId: expect.stringMatching(REQUEST_ID),
    })
    await expectError(call('DeleteUser', { UserName: 'dave' }), 'EntityNotExist.User', 404)
  })

  it('ListUsers pages with an opaque Marker', async () => {
    for (const n of ['u3', 'u1', 'U5', 'u2', 'u4']) emu.control.createUser(accountId, n)
    const p1 = await call('ListUsers', { MaxItems: 2 })
    expect(p1.IsTruncated).toBe(true)
    expect(p1.Users.User.map((u: Json) => u.UserName)).toEqual(['u1', 'u2'])
    expect(p1.Users.User[0]).toEqual({
      UserId: expect.any(String),
      UserName: 'u1',
      DisplayName: '',
      MobilePhone: '',
      Email: '',
      Comments: '',
      CreateDate: expect.stringMatching(ISO_SECONDS),
      UpdateDate: expect.stringMatching(ISO_SECONDS),
    })
    const p2 = await call('ListUsers', { MaxItems: 2, Marker: p1.Marker })
    expect(p2.Users.User.map((u: Json) => u.UserName)).toEqual(['u3', 'u4'])
    const p3 = await call('ListUsers', { MaxItems: 2, Marker: p2.Marker })
    expect(p3).toMatchObject({ IsTruncated: false, Users: { User: [{ UserName: 'U5' }] } })
    expect(p3.Marker).toBeUndefined()
    expect((await call('ListUsers')).Users.User).toHaveLength(5)
  })

  it('ListUsers validates MaxItems and Marker', async () => {
    for (const max of [0, 1001, 'ten']) {
      await expectError(call('ListUsers', { MaxItems: max }), 'InvalidParameter.MaxItems', 400)
    }
    await expectError(call('ListUsers', { Marker: 'garbage' }), 'InvalidParameter.Marker', 400)
    expect(await call('ListUsers', { MaxItems: 1000 })).toEqual({
      RequestId: expect.any(String),
      IsTruncated: false,
      Users: { User: [] },
    })
  })

  it('enforces 5000 users per account', async () => {
    for (let i = 0; i < 5000; i++) emu.control.createUser(accountId, `user-${i}`)
    await expectError(call('CreateUser', { UserName: 'one-too-many' }), 'LimitExceeded.User', 409)
  })
})
