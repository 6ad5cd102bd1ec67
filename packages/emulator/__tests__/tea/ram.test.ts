// RAM through the official tea SDK @alicloud/ram20150501 (signature V3, parameters in the query, typed models).
import { $OpenApiUtil } from '@alicloud/openapi-core'
import { describe, expect, it } from '@jest/globals'
import { allow, expectError, ISO_SECONDS, Ram, trust } from '../harness.js'
import { accountId, emu, ram, root, setup } from './fixture.js'

setup()

describe('RAM through @alicloud/ram20150501', () => {
  it('creates and reads a role, mapping every field into the SDK model', async () => {
    const doc = trust(`acs:ram::${accountId}:root`)
    const created = await ram.createRole(
      new Ram.CreateRoleRequest({
        roleName: 'TeaRole',
        assumeRolePolicyDocument: doc,
        description: 'from tea',
        maxSessionDuration: 7200,
        tag: [new Ram.CreateRoleRequestTag({ key: 'env', value: 'test' })],
      }),
    )
    expect(created.statusCode).toBe(200)
    expect(created.body?.role).toMatchObject({
      roleName: 'TeaRole',
      arn: `acs:ram::${accountId}:role/TeaRole`,
      assumeRolePolicyDocument: doc,
      maxSessionDuration: 7200,
      description: 'from tea',
    })
    const got = await ram.getRole(new Ram.GetRoleRequest({ roleName: 'tearole' }))
    expect(got.body?.role?.roleId).toBe(created.body?.role?.roleId)
    expect(got.body?.role?.updateDate).toMatch(ISO_SECONDS)
    const listed = await ram.listRoles(new Ram.ListRolesRequest({}))
    expect(listed.body?.roles?.role?.[0]?.tags?.tag).toEqual([
      expect.objectContaining({ tagKey: 'env', tagValue: 'test' }),
    ])
  })

  it('surfaces errors as ClientError with the right code and status', async () => {
    const err = await expectError(
      ram.getRole(new Ram.GetRoleRequest({ roleName: 'missing' })),
      'EntityNotExist.Role',
      404,
    )
    expect(err.data).toMatchObject({ Code: 'EntityNotExist.Role', HostId: 'ram.aliyuncs.com' })
    await expectError(
      ram.createRole(
        new Ram.CreateRoleRequest({ roleName: 'bad', assumeRolePolicyDocument: '{"Version":"1"}' }),
      ),
      'MalformedPolicyDocument',
      400,
    )
    await expectError(ram.getPolicy(new Ram.GetPolicyRequest({ policyName: 'x' })), 'MissingPolicyType', 400)
  })

  it('runs the policy-version life cycle, including the 5-version limit and RotateStrategy', async () => {
    const doc = allow('oss:GetObject')
    await ram.createPolicy(
      new Ram.CreatePolicyRequest({ policyName: 'tea-policy', policyDocument: doc, description: 'd' }),
    )
    for (let i = 0; i < 4; i++) {
      const v = await ram.createPolicyVersion(
        new Ram.CreatePolicyVersionRequest({
          policyName: 'tea-policy',
          policyDocument: allow(`oss:Op${i}`),
          setAsDefault: i === 3,
        }),
      )
      expect(v.body?.policyVersion).toMatchObject({ versionId: `v${i + 2}`, isDefaultVersion: i === 3 })
    }
    await expectError(
      ram.createPolicyVersion(
        new Ram.CreatePolicyVersionRequest({ policyName: 'tea-policy', policyDocument: doc }),
      ),
      'LimitExceeded.Policy.Version',
      409,
    )
    const rotated = await ram.createPolicyVersion(
      new Ram.CreatePolicyVersionRequest({
        policyName: 'tea-policy',
        policyDocument: doc,
        setAsDefault: true,
        rotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
      }),
    )
    expect(rotated.body?.policyVersion).toMatchObject({
      versionId: 'v6',
      isDefaultVersion: true,
      policyDocument: doc,
    })
    const versions = await ram.listPolicyVersions(
      new Ram.ListPolicyVersionsRequest({ policyName: 'tea-policy', policyType: 'Custom' }),
    )
    expect(versions.body?.policyVersions?.policyVersion?.map((v) => v.versionId)).toEqual([
      'v2',
      'v3',
      'v4',
      'v5',
      'v6',
    ])
    const policy = await ram.getPolicy(
      new Ram.GetPolicyRequest({ policyName: 'TEA-POLICY', policyType: 'Custom' }),
    )
    expect(policy.body?.defaultPolicyVersion).toMatchObject({ versionId: 'v6', isDefaultVersion: true })
    expect(policy.body?.policy).toMatchObject({
      policyName: 'tea-policy',
      attachmentCount: 0,
      defaultVersion: 'v6',
    })
    await ram.deletePolicyVersion(
      new Ram.DeletePolicyVersionRequest({ policyName: 'tea-policy', versionId: 'v2' }),
    )
    await ram.setDefaultPolicyVersion(
      new Ram.SetDefaultPolicyVersionRequest({ policyName: 'tea-policy', versionId: 'v3' }),
    )
    const v3 = await ram.getPolicyVersion(
      new Ram.GetPolicyVersionRequest({ policyName: 'tea-policy', policyType: 'Custom', versionId: 'v3' }),
    )
    expect(v3.body?.policyVersion?.isDefaultVersion).toBe(true)
  })

  it('attaches, lists and detaches, and lists the entities of a policy', async () => {
    await ram.createUser(new Ram.CreateUserRequest({ userName: 'tea-user', displayName: 'Tea' }))
    await ram.attachPolicyToUser(
      new Ram.AttachPolicyToUserRequest({
        userName: 'tea-user',
        policyType: 'Custom',
        policyName: 'tea-policy',
      }),
    )
    await ram.attachPolicyToRole(
      new Ram.AttachPolicyToRoleRequest({
        roleName: 'TeaRole',
        policyType: 'Custom',
        policyName: 'tea-policy',
      }),
    )
    await ram.attachPolicyToRole(
      new Ram.AttachPolicyToRoleRequest({
        roleName: 'TeaRole',
        policyType: 'System',
        policyName: 'AliyunOSSReadOnlyAccess',
      }),
    )
    await expectError(
      ram.attachPolicyToRole(
        new Ram.AttachPolicyToRoleRequest({
          roleName: 'tearole',
          policyType: 'System',
          policyName: 'aliyunossreadonlyaccess',
        }),
      ),
      'EntityAlreadyExists.Role.Policy',
      409,
    )
    const forRole = await ram.listPoliciesForRole(new Ram.ListPoliciesForRoleRequest({ roleName: 'TeaRole' }))
    expect(forRole.body?.policies?.policy?.map((p) => [p.policyName, p.policyType])).toEqual([
      ['tea-policy', 'Custom'],
      ['AliyunOSSReadOnlyAccess', 'System'],
    ])
    const entities = await ram.listEntitiesForPolicy(
      new Ram.ListEntitiesForPolicyRequest({ policyName: 'tea-policy', policyType: 'Custom' }),
    )
    expect(entities.body?.users?.user?.map((u) => [u.userName, u.displayName])).toEqual([['tea-user', 'Tea']])
    expect(entities.body?.roles?.role?.map((r) => r.arn)).toEqual([`acs:ram::${accountId}:role/TeaRole`])
    expect(entities.body?.groups?.group).toEqual([])
    await ram.detachPolicyFromUser(
      new Ram.DetachPolicyFromUserRequest({
        userName: 'tea-user',
        policyType: 'Custom',
        policyName: 'tea-policy',
      }),
    )
    const forUser = await ram.listPoliciesForUser(
      new Ram.ListPoliciesForUserRequest({ userName: 'tea-user' }),
    )
    expect(forUser.body?.policies?.policy).toEqual([])
  })

  it('pages ListUsers and ListRoles over more than one page', async () => {
    for (let i = 0; i < 7; i++) emu.control.createUser(accountId, `page-user-${i}`)
    const names: string[] = []
    let marker: string | undefined
    let pages = 0
    do {
      const r = await ram.listUsers(new Ram.ListUsersRequest({ maxItems: 3, marker }))
      pages++
      names.push(...(r.body?.users?.user ?? []).map((u) => u.userName!))
      marker = r.body?.isTruncated ? r.body.marker : undefined
      expect(typeof r.body?.isTruncated).toBe('boolean')
    } while (marker)
    expect(pages).toBe(3)
    expect(names).toEqual([...Array(7).keys()].map((i) => `page-user-${i}`).concat('tea-user'))

    for (const n of ['r-a', 'r-b', 'r-c']) {
      emu.control.createRole(accountId, n, { assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`) })
    }
    const first = await ram.listRoles(new Ram.ListRolesRequest({ maxItems: 2 }))
    expect(first.body?.isTruncated).toBe(true)
    const second = await ram.listRoles(new Ram.ListRolesRequest({ maxItems: 2, marker: first.body?.marker }))
    expect(
      [...(first.body?.roles?.role ?? []), ...(second.body?.roles?.role ?? [])].map((r) => r.roleName),
    ).toEqual(['r-a', 'r-b', 'r-c', 'TeaRole'])
    await expectError(
      ram.listRoles(new Ram.ListRolesRequest({ maxItems: 1001 })),
      'InvalidParameter.MaxItems',
      400,
    )
  })

  it('creates and lists access keys and reads the account alias', async () => {
    const key = await ram.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'tea-user' }))
    expect(key.body?.accessKey).toMatchObject({
      status: 'Active',
      accessKeyId: expect.stringMatching(/^LTAI/),
    })
    const list = await ram.listAccessKeys(new Ram.ListAccessKeysRequest({ userName: 'tea-user' }))
    expect(list.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId)).toEqual([
      key.body?.accessKey?.accessKeyId,
    ])
    expect((await ram.getAccountAlias()).body?.accountAlias).toBe(accountId)
  })

  it('also works with the SDK switched to the V1 (HMAC-SHA1) RPC signer', async () => {
    const v1 = new Ram.default(
      new $OpenApiUtil.Config({
        accessKeyId: root.accessKeyId,
        accessKeySecret: root.accessKeySecret,
        endpoint: new URL(emu.ramEndpoint).host,
        protocol: 'http',
        signatureAlgorithm: 'v2',
      }),
    )
    expect((await v1.getRole(new Ram.GetRoleRequest({ roleName: 'TeaRole' }))).body?.role?.roleName).toBe(
      'TeaRole',
    )
    await expectError(v1.getUser(new Ram.GetUserRequest({ userName: 'none' })), 'EntityNotExist.User', 404)
  })
})
