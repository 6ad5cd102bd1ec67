// RAM policy versions and the policy list through pop-core: rotation, defaults, deletion, paging.
import { describe, expect, it } from '@jest/globals'
import { allow, expectError, ISO_SECONDS, trust } from '../harness.js'
import { accountId, call, emu, type Json, setup } from './fixture.js'

setup()

describe('policies and versions', () => {
  const docA = allow('oss:GetObject', 'acs:oss:*:*:bucket/*')
  const docSpaced =
    '{\n    "Version": "1",\n    "Statement": [{"Effect": "Allow", "Action": ["ecs:Describe*"], "Resource": "*"}]\n}'

  it('CreatePolicyVersion keeps at most 5 versions, with monotonic ids and RotateStrategy', async () => {
    await call('CreatePolicy', { PolicyName: 'p', PolicyDocument: docA })
    const v2 = await call('CreatePolicyVersion', { PolicyName: 'P', PolicyDocument: docSpaced })
    expect(v2.PolicyVersion).toEqual({
      VersionId: 'v2',
      IsDefaultVersion: false,
      PolicyDocument: docSpaced,
      CreateDate: expect.stringMatching(ISO_SECONDS),
    })
    const v3 = await call('CreatePolicyVersion', {
      PolicyName: 'p',
      PolicyDocument: docA,
      SetAsDefault: true,
    })
    expect(v3.PolicyVersion).toMatchObject({ VersionId: 'v3', IsDefaultVersion: true })
    await call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA })
    await call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA })
    const limit = await expectError(
      call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA }),
      'LimitExceeded.Policy.Version',
      409,
    )
    expect(limit.data!.Message).toBe('The maximum number of policy versions is exceeded.')
    await expectError(
      call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA, RotateStrategy: 'Always' }),
      'InvalidParameter.RotateStrategy',
    )
    const v6 = await call('CreatePolicyVersion', {
      PolicyName: 'p',
      PolicyDocument: docA,
      RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
    })
    expect(v6.PolicyVersion.VersionId).toBe('v6')
    const list = await call('ListPolicyVersions', { PolicyName: 'p', PolicyType: 'Custom' })
    expect(list.PolicyVersions.PolicyVersion.map((v: Json) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v2', false],
      ['v3', true],
      ['v4', false],
      ['v5', false],
      ['v6', false],
    ])
    // Deleting and re-creating never reuses an id.
    await call('DeletePolicyVersion', { PolicyName: 'p', VersionId: 'v6' })
    expect(
      (await call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA })).PolicyVersion.VersionId,
    ).toBe('v7')
  })

  it('rotation never deletes the default version', async () => {
    await call('CreatePolicy', { PolicyName: 'p', PolicyDocument: docA })
    for (let i = 0; i < 4; i++) await call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA })
    await call('CreatePolicyVersion', {
      PolicyName: 'p',
      PolicyDocument: docSpaced,
      SetAsDefault: true,
      RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
    })
    const p = emu.control.state(accountId).policies[0]!
    // v1 (default until now) is kept, v2 (oldest non-default) is rotated out, v6 becomes default.
    expect(p.versions.map((v) => v.versionId)).toEqual(['v1', 'v3', 'v4', 'v5', 'v6'])
    expect(p.defaultVersion).toBe('v6')
  })

  it('GetPolicyVersion, SetDefaultPolicyVersion and DeletePolicyVersion', async () => {
    await call('CreatePolicy', { PolicyName: 'p', PolicyDocument: docA })
    await call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docSpaced })
    const v2 = await call('GetPolicyVersion', { PolicyName: 'p', PolicyType: 'Custom', VersionId: 'v2' })
    expect(v2.PolicyVersion).toMatchObject({
      VersionId: 'v2',
      IsDefaultVersion: false,
      PolicyDocument: docSpaced,
    })
    await expectError(
      call('GetPolicyVersion', { PolicyName: 'p', PolicyType: 'Custom', VersionId: 'v9' }),
      'EntityNotExist.Policy.Version',
      404,
    )
    await expectError(
      call('GetPolicyVersion', { PolicyName: 'p', PolicyType: 'Custom', VersionId: '2' }),
      'InvalidParameter.VersionId.Format',
      400,
    )
    const sys = await call('GetPolicyVersion', {
      PolicyName: 'AdministratorAccess',
      PolicyType: 'System',
      VersionId: 'v1',
    })
    expect(JSON.parse(sys.PolicyVersion.PolicyDocument).Statement[0]).toMatchObject({
      Action: '*',
      Resource: '*',
    })

    expect(await call('SetDefaultPolicyVersion', { PolicyName: 'p', VersionId: 'v2' })).toEqual({
      RequestId: expect.any(String),
    })
    expect(
      (await call('GetPolicy', { PolicyName: 'p', PolicyType: 'Custom' })).DefaultPolicyVersion.VersionId,
    ).toBe('v2')
    await expectError(
      call('SetDefaultPolicyVersion', { PolicyName: 'p', VersionId: 'v7' }),
      'EntityNotExist.Policy.Version',
      404,
    )
    const err = await expectError(
      call('DeletePolicyVersion', { PolicyName: 'p', VersionId: 'v2' }),
      'DeleteConflict.Policy.Version.Default',
      409,
    )
    expect(err.data!.Message).toBe('The default policy version CAN NOT been deleted directly.')
    await call('DeletePolicyVersion', { PolicyName: 'p', VersionId: 'v1' })
    await expectError(
      call('DeletePolicyVersion', { PolicyName: 'p', VersionId: 'v1' }),
      'EntityNotExist.Policy.Version',
      404,
    )
  })

  it('system policies cannot be versioned, described or deleted', async () => {
    await expectError(
      call('CreatePolicyVersion', { PolicyName: 'ReadOnlyAccess', PolicyDocument: docA }),
      'EntityNotExist.Policy',
      404,
    )
    await expectError(call('DeletePolicy', { PolicyName: 'ReadOnlyAccess' }), 'EntityNotExist.Policy', 404)
    await expectError(
      call('UpdatePolicyDescription', { PolicyName: 'ReadOnlyAccess', NewDescription: 'x' }),
      'EntityNotExist.Policy',
    )
    await expectError(
      call('SetDefaultPolicyVersion', { PolicyName: 'ReadOnlyAccess', VersionId: 'v1' }),
      'EntityNotExist.Policy',
    )
  })

  it('UpdatePolicyDescription returns the policy', async () => {
    await call('CreatePolicy', { PolicyName: 'p', PolicyDocument: docA, Description: 'old' })
    const r = await call('UpdatePolicyDescription', { PolicyName: 'P', NewDescription: 'new' })
    expect(r.Policy).toEqual({
      PolicyName: 'p',
      PolicyType: 'Custom',
      Description: 'new',
      DefaultVersion: 'v1',
      CreateDate: expect.stringMatching(ISO_SECONDS),
      UpdateDate: expect.stringMatching(ISO_SECONDS),
    })
  })

  it('DeletePolicy refuses attached policies and extra versions unless cascading', async () => {
    await call('CreatePolicy', { PolicyName: 'p', PolicyDocument: docA })
    await call('CreateUser', { UserName: 'u' })
    await call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`) })
    await call('AttachPolicyToUser', { UserName: 'u', PolicyType: 'Custom', PolicyName: 'p' })
    await call('AttachPolicyToRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'p' })
    await expectError(call('DeletePolicy', { PolicyName: 'p' }), 'DeleteConflict.Policy.User', 409)
    await call('DetachPolicyFromUser', { UserName: 'u', PolicyType: 'Custom', PolicyName: 'p' })
    const err = await expectError(
      call('DeletePolicy', { PolicyName: 'p' }),
      'DeleteConflict.Policy.Role',
      409,
    )
    expect(err.data!.Message).toBe('The policy cannot be attached to any role when you delete it.')
    await call('DetachPolicyFromRole', { RoleName: 'r', PolicyType: 'Custom', PolicyName: 'p' })
    await call('CreatePolicyVersion', { PolicyName: 'p', PolicyDocument: docA })
    await expectError(call('DeletePolicy', { PolicyName: 'p' }), 'DeleteConflict.Policy.Version', 409)
    await call('DeletePolicy', { PolicyName: 'p', CascadingDelete: true })
    await expectError(
      call('GetPolicy', { PolicyName: 'p', PolicyType: 'Custom' }),
      'EntityNotExist.Policy',
      404,
    )
  })

  it('ListPolicies lists both types, filters by type and pages', async () => {
    await call('CreatePolicy', { PolicyName: 'zz-custom', PolicyDocument: docA })
    const all = await call('ListPolicies', { MaxItems: 1000 })
    const names = all.Policies.Policy.map((p: Json) => p.PolicyName)
    expect(names.length).toBeGreaterThanOrEqual(26)
    for (const n of [
      'AdministratorAccess',
      'ReadOnlyAccess',
      'AliyunSTSAssumeRoleAccess',
      'AliyunRAMFullAccess',
      'AliyunRAMReadOnlyAccess',
      'AliyunOSSFullAccess',
      'AliyunOSSReadOnlyAccess',
      'AliyunCSReadOnlyAccess',
      'AliyunCSFullAccess',
      'AliyunECSFullAccess',
      'zz-custom',
    ]) {
      expect(names).toContain(n)
    }
    expect(all.Policies.Policy.find((p: Json) => p.PolicyName === 'zz-custom')).toEqual({
      PolicyName: 'zz-custom',
      PolicyType: 'Custom',
      Description: '',
      DefaultVersion: 'v1',
      AttachmentCount: 0,
      CreateDate: expect.stringMatching(ISO_SECONDS),
      UpdateDate: expect.stringMatching(ISO_SECONDS),
      Tags: { Tag: [] },
    })
    const custom = await call('ListPolicies', { PolicyType: 'Custom' })
    expect(custom.Policies.Policy.map((p: Json) => p.PolicyName)).toEqual(['zz-custom'])
    const seen: string[] = []
    let marker: string | undefined
    do {
      const page: Json = await call('ListPolicies', {
        PolicyType: 'System',
        MaxItems: 7,
        ...(marker ? { Marker: marker } : {}),
      })
      seen.push(...page.Policies.Policy.map((p: Json) => p.PolicyName))
      marker = page.Marker
      expect(page.IsTruncated).toBe(marker !== undefined)
    } while (marker)
    expect(seen).toEqual(names.filter((n: string) => n !== 'zz-custom'))
    await expectError(call('ListPolicies', { PolicyType: 'Both' }), 'InvalidParameter.PolicyType')
  })
})
