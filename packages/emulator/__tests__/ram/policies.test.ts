// RAM custom policies through pop-core: creation, reading and document validation.
import { describe, expect, it } from '@jest/globals'
import { allow, expectError, ISO_SECONDS } from '../harness.js'
import { call, setup } from './fixture.js'

setup()

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
})
