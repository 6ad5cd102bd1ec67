// RAM roles through pop-core: every role action, trust-document validation and limits.
import { describe, expect, it } from '@jest/globals'
import { expectError, ISO_SECONDS, trust } from '../harness.js'
import { accountId, call, type Json, setup } from './fixture.js'

setup()

describe('roles', () => {
  const doc = () => trust(`acs:ram::${accountId}:root`)

  it('CreateRole / GetRole return the documented fields and the trust document verbatim', async () => {
    const spaced = `{\n  "Version": "1",\n  "Statement": [ { "Effect": "Allow", "Action": "sts:AssumeRole",\n    "Principal": { "RAM": "acs:ram::${accountId}:root" } } ]\n}`
    const created = await call('CreateRole', {
      RoleName: 'Deploy',
      AssumeRolePolicyDocument: spaced,
      Description: 'deploys',
      MaxSessionDuration: 7200,
    })
    expect(created.Role).toEqual({
      RoleId: expect.stringMatching(/^\d{18}$/),
      RoleName: 'Deploy',
      Arn: `acs:ram::${accountId}:role/Deploy`,
      Description: 'deploys',
      AssumeRolePolicyDocument: spaced,
      MaxSessionDuration: 7200,
      CreateDate: expect.stringMatching(ISO_SECONDS),
    })
    const got = await call('GetRole', { RoleName: 'deploy' })
    expect(got.Role).toEqual({ ...created.Role, UpdateDate: expect.stringMatching(ISO_SECONDS) })
    await expectError(
      call('CreateRole', { RoleName: 'DEPLOY', AssumeRolePolicyDocument: doc() }),
      'EntityAlreadyExists.Role',
      409,
    )
  })

  it.each([
    ['an underscore in the name', { RoleName: 'under_score' }, 'InvalidParameter.RoleName.InvalidChars'],
    ['a 65-character name', { RoleName: 'r'.repeat(65) }, 'InvalidParameter.RoleName.Length'],
    ['MaxSessionDuration 3599', { MaxSessionDuration: 3599 }, 'InvalidParameter.MaxSessionDuration'],
    ['MaxSessionDuration 43201', { MaxSessionDuration: 43201 }, 'InvalidParameter.MaxSessionDuration'],
    [
      'a 1025-character Description',
      { Description: 'd'.repeat(1025) },
      'InvalidParameter.Description.Length',
    ],
  ])('CreateRole with %s → %s', async (_name, params, code) => {
    await expectError(
      call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: doc(), ...params }),
      code,
      400,
    )
  })

  it.each([
    ['not JSON', '{"Version":"1",', /not valid JSON/],
    ['wrong Version', '{"Version":"2","Statement":[]}', /"Version" must be the string "1"/],
    ['numeric Version', '{"Version":1,"Statement":[{}]}', /"Version" must be the string "1"/],
    ['empty Statement', '{"Version":"1","Statement":[]}', /"Statement" must be a non-empty array/],
    [
      'bad Effect',
      '{"Version":"1","Statement":[{"Effect":"allow","Action":"sts:AssumeRole","Principal":{"RAM":"x"}}]}',
      /Effect/,
    ],
    [
      'no Principal',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}',
      /Principal" is required/,
    ],
    [
      'no Action',
      '{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":"x"}}]}',
      /Action" \(or "NotAction"\) is required/,
    ],
    [
      'both Action and NotAction',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","NotAction":"ram:*","Principal":{"RAM":"x"}}]}',
      /"Action" or "NotAction", not both/,
    ],
    [
      'bad principal type',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"x"}}]}',
      /principal type/,
    ],
  ])('rejects a trust policy with %s', async (_name, document, message) => {
    const err = await expectError(
      call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: document }),
      'MalformedPolicyDocument',
      400,
    )
    expect(err.data!.Message).toMatch(message)
  })

  // No public source settles the trust-document cap (2,048 or 4,096): the larger one is taken.
  const trustOf = (length: number): string => {
    const doc = (pad: string) =>
      JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
        ],
      }).replace('"Version"', `${pad}"Version"`)
    return doc(' '.repeat(length - doc('').length))
  }

  it('accepts a 4096-character trust document and refuses a 4097-character one', async () => {
    expect(trustOf(4096)).toHaveLength(4096)
    await call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustOf(4096) })
    await expectError(
      call('CreateRole', { RoleName: 'r2', AssumeRolePolicyDocument: trustOf(4097) }),
      'InvalidParameter.AssumeRolePolicyDocument.Length',
    )
  })

  it.each([
    ['a Sid', { Sid: 'trust-ci', Effect: 'Allow', Action: 'sts:AssumeRole' }],
    ['a Resource', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    ['another action', { Effect: 'Allow', Action: 'sts:AssumeRoleWithOIDC' }],
    ['an action list', { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }],
  ])('accepts a trust policy with %s (no source forbids it)', async (_name, statement) => {
    const document = JSON.stringify({
      Version: '1',
      Statement: [{ ...statement, Principal: { RAM: [`acs:ram::${accountId}:root`] } }],
    })
    const out = (await call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: document })) as {
      Role: { AssumeRolePolicyDocument: string }
    }
    expect(out.Role.AssumeRolePolicyDocument).toBe(document)
  })

  it('UpdateRole changes document, description and max session duration', async () => {
    await call('CreateRole', { RoleName: 'r1', AssumeRolePolicyDocument: doc(), Description: 'old' })
    const newDoc = trust(`acs:ram::${accountId}:user/ci`)
    const r = await call('UpdateRole', {
      RoleName: 'R1',
      NewAssumeRolePolicyDocument: newDoc,
      NewDescription: 'new',
      NewMaxSessionDuration: 43200,
    })
    expect(r.Role).toMatchObject({
      RoleName: 'r1',
      AssumeRolePolicyDocument: newDoc,
      Description: 'new',
      MaxSessionDuration: 43200,
    })
    expect(r.Role.UpdateDate).toMatch(ISO_SECONDS)
    await expectError(
      call('UpdateRole', { RoleName: 'r1', NewMaxSessionDuration: 60 }),
      'InvalidParameter.NewMaxSessionDuration',
    )
    await expectError(
      call('UpdateRole', { RoleName: 'r1', NewAssumeRolePolicyDocument: '{}' }),
      'MalformedPolicyDocument',
    )
    await expectError(
      call('UpdateRole', { RoleName: 'none', NewDescription: 'x' }),
      'EntityNotExist.Role',
      404,
    )
  })

  it('DeleteRole refuses a role with attached policies', async () => {
    await call('CreateRole', { RoleName: 'r1', AssumeRolePolicyDocument: doc() })
    await call('AttachPolicyToRole', { RoleName: 'r1', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' })
    const err = await expectError(call('DeleteRole', { RoleName: 'r1' }), 'DeleteConflict.Role.Policy', 409)
    expect(err.data!.Message).toBe('The role CAN NOT has any attached policy while deleting the role.')
    await call('DetachPolicyFromRole', { RoleName: 'r1', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' })
    await call('DeleteRole', { RoleName: 'r1' })
    await expectError(call('DeleteRole', { RoleName: 'r1' }), 'EntityNotExist.Role', 404)
  })

  it('ListRoles pages, omits the trust document and filters by tag', async () => {
    for (const n of ['c', 'a', 'b']) {
      await call('CreateRole', {
        RoleName: n,
        AssumeRolePolicyDocument: doc(),
        Tag: JSON.stringify([{ Key: 'team', Value: n === 'b' ? 'blue' : 'red' }]),
      })
    }
    const p1 = await call('ListRoles', { MaxItems: 2 })
    expect(p1.IsTruncated).toBe(true)
    expect(p1.Roles.Role[0]).toEqual({
      RoleId: expect.any(String),
      RoleName: 'a',
      Arn: `acs:ram::${accountId}:role/a`,
      Description: '',
      MaxSessionDuration: 3600,
      CreateDate: expect.stringMatching(ISO_SECONDS),
      UpdateDate: expect.stringMatching(ISO_SECONDS),
      Tags: { Tag: [{ TagKey: 'team', TagValue: 'red' }] },
    })
    const p2 = await call('ListRoles', { MaxItems: 2, Marker: p1.Marker })
    expect(p2.Roles.Role.map((r: Json) => r.RoleName)).toEqual(['c'])
    expect(p2.IsTruncated).toBe(false)
    const blue = await call('ListRoles', { Tag: JSON.stringify([{ Key: 'team', Value: 'blue' }]) })
    expect(blue.Roles.Role.map((r: Json) => r.RoleName)).toEqual(['b'])
  })
})
