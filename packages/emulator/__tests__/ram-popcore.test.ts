// RAM conformance through pop-core's RPCClient (signature V1, POST form body): every action,
// the documented error codes and statuses, limits, case rules, pagination and the envelope.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '../src/index.js'
import {
  allow,
  type Creds,
  expectError,
  ISO_SECONDS,
  type Pop,
  pop,
  popRam,
  RAM_VERSION,
  REQUEST_ID,
  rawV1,
  trust,
} from './harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>

let emu: Emulator
let accountId: string
let root: Creds
let ram: Pop

beforeAll(async () => {
  emu = await startEmulator({ seed: 42 })
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.control.reset()
  ;({ accountId, root } = emu.control.createAccount())
  ram = popRam(emu, root)
})

const call = (action: string, params: Record<string, string | number | boolean> = {}) =>
  ram.call<Json>(action, params)

describe('gateway and envelope', () => {
  it('answers errors with the documented envelope, status and content type', async () => {
    const res = await fetch(`${emu.ramEndpoint}/`, { method: 'POST' })
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8')
    const err = await expectError(call('GetRole', { RoleName: 'nope' }), 'EntityNotExist.Role', 404)
    expect(Object.keys(err.data!).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId'])
    expect(err.data).toMatchObject({ HostId: 'ram.aliyuncs.com', Message: 'The role does not exist.' })
    expect(err.data!.RequestId).toMatch(REQUEST_ID)
    expect(err.data!.Recommend).toBe(
      `https://api.aliyun.com/troubleshoot?q=EntityNotExist.Role&product=Ram&requestId=${err.data!.RequestId}`,
    )
  })

  it('puts a RequestId on every success and no Code', async () => {
    const r = await call('GetAccountAlias')
    expect(r.RequestId).toMatch(REQUEST_ID)
    expect(r.Code).toBeUndefined()
    expect(r.AccountAlias).toBe(accountId)
  })

  it('rejects a wrong Version and an unknown Action', async () => {
    await expectError(pop(emu.ramEndpoint, '2015-04-01', root).call('GetAccountAlias'), 'InvalidVersion', 400)
    await expectError(call('DescribeEverything'), 'InvalidAction.NotFound', 404)
    // Each listener serves only its own product.
    await expectError(
      pop(emu.stsEndpoint, '2015-05-01', root).call('GetUser', { UserName: 'x' }),
      'InvalidVersion',
    )
  })

  it('reports missing required parameters as Missing<Param>', async () => {
    const err = await expectError(
      call('CreateRole', { RoleName: 'r' }),
      'MissingAssumeRolePolicyDocument',
      400,
    )
    expect(err.data!.Message).toBe('AssumeRolePolicyDocument is mandatory for this action.')
    await expectError(call('GetUser'), 'MissingUserName', 400)
  })

  it('answers XML when Format=XML', async () => {
    emu.control.createUser(accountId, 'x1')
    const ok = await rawV1(emu.ramEndpoint, RAM_VERSION, root, { Action: 'ListUsers', Format: 'XML' })
    expect(ok.contentType).toBe('text/xml;charset=utf-8')
    expect(ok.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><ListUsersResponse><RequestId>[0-9A-F-]{36}<\/RequestId><IsTruncated>false<\/IsTruncated><Users><User><UserId>\d+<\/UserId><UserName>x1<\/UserName>/,
    )
    const err = await rawV1(emu.ramEndpoint, RAM_VERSION, root, {
      Action: 'GetUser',
      UserName: 'none',
      Format: 'xml',
    })
    expect(err.status).toBe(404)
    expect(err.text).toContain('<Error><RequestId>')
    expect(err.text).toContain('<Code>EntityNotExist.User</Code>')
    const bad = await rawV1(emu.ramEndpoint, RAM_VERSION, root, { Action: 'ListUsers', Format: 'YAML' })
    expect(bad.json.Code).toBe('InvalidParameter.Format')
  })
})

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

describe('policies and versions', () => {
  const docA = allow('oss:GetObject', 'acs:oss:*:*:bucket/*')
  const docSpaced =
    '{\n    "Version": "1",\n    "Statement": [{"Effect": "Allow", "Action": ["ecs:Describe*"], "Resource": "*"}]\n}'

  it('CreatePolicy / GetPolicy return the documented fields; documents are stored verbatim', async () => {
    const created = await call('CreatePolicy', {
      PolicyName: 'Reader',
      PolicyDocument: docSpaced,
      Description: 'reads',
    })
    expect(created.Policy).toEqual({
      PolicyName: 'Reader',
      PolicyType: 'Custom',
      Description: 'reads',
      DefaultVersion: 'v1',
      CreateDate: expect.stringMatching(ISO_SECONDS),
    })
    const got = await call('GetPolicy', { PolicyName: 'reader', PolicyType: 'Custom' })
    expect(got.Policy).toEqual({
      PolicyName: 'Reader',
      PolicyType: 'Custom',
      Description: 'reads',
      DefaultVersion: 'v1',
      AttachmentCount: 0,
      CreateDate: created.Policy.CreateDate,
      UpdateDate: expect.stringMatching(ISO_SECONDS),
      PolicyDocument: docSpaced,
    })
    expect(got.DefaultPolicyVersion).toEqual({
      VersionId: 'v1',
      IsDefaultVersion: true,
      PolicyDocument: docSpaced,
      CreateDate: expect.stringMatching(ISO_SECONDS),
    })
    await expectError(
      call('CreatePolicy', { PolicyName: 'READER', PolicyDocument: docA }),
      'EntityAlreadyExists.Policy',
      409,
    )
    await expectError(
      call('CreatePolicy', { PolicyName: 'AdministratorAccess', PolicyDocument: docA }),
      'EntityAlreadyExists.Policy',
    )
  })

  const bad = (statement: string) => `{"Version":"1","Statement":[${statement}]}`
  it.each([
    ['a dot in the name', { PolicyName: 'bad.name' }, 'InvalidParameter.PolicyName.InvalidChars'],
    ['a 129-character name', { PolicyName: 'p'.repeat(129) }, 'InvalidParameter.PolicyName.Length'],
    [
      'a 1025-character Description',
      { Description: 'd'.repeat(1025) },
      'InvalidParameter.Description.Length',
    ],
    [
      'a 6145-character document',
      { PolicyDocument: `${docA}${' '.repeat(6145 - docA.length)}` },
      'InvalidParameter.PolicyDocument.Length',
    ],
    [
      'no Resource',
      { PolicyDocument: bad('{"Effect":"Allow","Action":"oss:*"}') },
      'MalformedPolicyDocument',
    ],
    [
      'a non-string Sid',
      { PolicyDocument: bad('{"Effect":"Allow","Action":"oss:*","Resource":"*","Sid":1}') },
      'MalformedPolicyDocument',
    ],
    [
      'both Action and NotAction',
      { PolicyDocument: bad('{"Effect":"Allow","Action":"oss:*","NotAction":"ram:*","Resource":"*"}') },
      'MalformedPolicyDocument',
    ],
    [
      'both Resource and NotResource',
      {
        PolicyDocument: bad(
          '{"Effect":"Allow","Action":"oss:*","Resource":"*","NotResource":"acs:oss:*:*:b"}',
        ),
      },
      'MalformedPolicyDocument',
    ],
    [
      'an action without service',
      { PolicyDocument: bad('{"Effect":"Allow","Action":"oss","Resource":"*"}') },
      'MalformedPolicyDocument',
    ],
    [
      'an unknown condition operator',
      {
        PolicyDocument: bad(
          '{"Effect":"Allow","Action":"oss:*","Resource":"*","Condition":{"Foo":{"a":"b"}}}',
        ),
      },
      'MalformedPolicyDocument',
    ],
    [
      'a Principal',
      { PolicyDocument: bad('{"Effect":"Allow","Action":"oss:*","Resource":"*","Principal":{"RAM":"x"}}') },
      'MalformedPolicyDocument',
    ],
  ])('CreatePolicy with %s → %s', async (_name, params, code) => {
    await expectError(call('CreatePolicy', { PolicyName: 'p', PolicyDocument: docA, ...params }), code, 400)
  })

  // The RAM policy-syntax page lists ("Action" | "NotAction") and ("Resource" | "NotResource");
  // nothing restricts Sid or the form of a Resource.
  it.each([
    ['a Sid', '{"Sid":"uploads","Effect":"Allow","Action":"oss:*","Resource":"*"}'],
    ['NotAction', '{"Effect":"Allow","NotAction":"ram:*","Resource":"*"}'],
    ['NotResource', '{"Effect":"Deny","Action":"oss:*","NotResource":["acs:oss:*:*:logs/*"]}'],
    ['a resource that is no ARN', '{"Effect":"Allow","Action":"oss:*","Resource":"bucket"}'],
  ])('CreatePolicy accepts %s and stores the document verbatim', async (name, statement) => {
    const document = bad(statement)
    const policyName = `p-${name.replace(/[^a-z]/gi, '')}`
    await call('CreatePolicy', { PolicyName: policyName, PolicyDocument: document })
    const got = (await call('GetPolicy', { PolicyName: policyName, PolicyType: 'Custom' })) as {
      DefaultPolicyVersion: { PolicyDocument: string }
    }
    expect(got.DefaultPolicyVersion.PolicyDocument).toBe(document)
  })

  it('accepts a document of exactly 6144 characters', async () => {
    await call('CreatePolicy', {
      PolicyName: 'big',
      PolicyDocument: `${docA}${' '.repeat(6144 - docA.length)}`,
    })
  })

  it('GetPolicy needs a valid PolicyType and serves system policies', async () => {
    await expectError(call('GetPolicy', { PolicyName: 'ReadOnlyAccess' }), 'MissingPolicyType', 400)
    const err = await expectError(
      call('GetPolicy', { PolicyName: 'ReadOnlyAccess', PolicyType: 'system' }),
      'InvalidParameter.PolicyType',
      400,
    )
    expect(err.data!.Message).toBe('The parameter - "PolicyType" is incorrect.')
    const sys = await call('GetPolicy', { PolicyName: 'aliyunossreadonlyaccess', PolicyType: 'System' })
    expect(sys.Policy).toMatchObject({
      PolicyName: 'AliyunOSSReadOnlyAccess',
      PolicyType: 'System',
      DefaultVersion: 'v1',
    })
    expect(JSON.parse(sys.DefaultPolicyVersion.PolicyDocument)).toMatchObject({ Version: '1' })
    await expectError(
      call('GetPolicy', { PolicyName: 'ReadOnlyAccess', PolicyType: 'Custom' }),
      'EntityNotExist.Policy',
      404,
    )
  })

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

describe('call log', () => {
  it('records every request, with write flags, caller, status, code and redacted secrets', async () => {
    emu.control.clearCalls()
    await call('CreateUser', { UserName: 'logged' })
    await expectError(call('GetUser', { UserName: 'ghost' }), 'EntityNotExist.User')
    await expectError(
      popRam(emu, { ...root, accessKeySecret: 'bad' }).call('ListUsers'),
      'SignatureDoesNotMatch',
    )
    const calls = emu.control.calls()
    expect(calls.map((c) => [c.action, c.write, c.status, c.code])).toEqual([
      ['CreateUser', true, 200, undefined],
      ['GetUser', false, 404, 'EntityNotExist.User'],
      ['ListUsers', false, 400, 'SignatureDoesNotMatch'],
    ])
    expect(calls[0]).toMatchObject({
      service: 'ram',
      accountId,
      caller: `acs:ram::${accountId}:root`,
      params: { UserName: 'logged', Signature: '***', AccessKeyId: root.accessKeyId },
    })
    expect(calls[0]!.time).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(calls[1]!.seq).toBe(calls[0]!.seq + 1)
    expect(calls[2]!.caller).toBeUndefined()
  })
})
