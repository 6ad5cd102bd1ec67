import { describe, expect, it } from '@jest/globals'
import { desiredState } from '../../src/engine/desired.js'
import { oldestNonDefault, plan } from '../../src/engine/plan.js'
import type { Actual, Change, Desired, PolicyVersion } from '../../src/model.js'
import { accountTrustPolicy } from '../../src/policy/document.js'
import { seedInputs, uploadPolicy } from '../fixtures/inputs.js'

const ACCOUNT = '1234567890123456'
const uploadDoc = uploadPolicy()

const inputs = seedInputs

const version = (id: string, doc: unknown, isDefault = false, day = 1): PolicyVersion => ({
  versionId: id,
  isDefault,
  document: typeof doc === 'string' ? doc : JSON.stringify(doc),
  createDate: `2026-01-${String(day).padStart(2, '0')}T00:00:00Z`,
})

/** RAM exactly as `desired` wants it, stored with different whitespace and key order. */
function converged(d: Desired): Actual {
  return {
    role: {
      name: d.role.name,
      arn: d.role.arn,
      trustPolicy: `{ "Statement": [{"Principal": {"RAM": "acs:ram::${ACCOUNT}:root"}, "Action": "sts:AssumeRole", "Effect": "Allow"}], "Version": "1" }`,
      maxSessionDuration: d.role.maxSessionDuration,
      description: 'kept',
    },
    rolePolicies: d.rolePolicies.map((p) => ({ ...p, name: p.name.toUpperCase() })),
    policyVersions: new Map(
      d.customPolicies.map((p) => [
        p.name.toLowerCase(),
        [version('v1', JSON.stringify(p.document, null, 2), true)],
      ]),
    ),
    userExists: !!d.user,
    userPolicies: d.user?.policies ?? [],
    usersLacking: new Map(),
  }
}

const kinds = (changes: Change[]) => changes.map((c) => c.kind)

describe('plan()', () => {
  const d = desiredState(inputs(), ACCOUNT)

  it.each<[string, Desired, (a: Actual) => Actual, Change['kind'][]]>([
    [
      'empty account → create everything, in dependency order',
      d,
      () => ({
        rolePolicies: [],
        policyVersions: new Map(),
        userExists: false,
        userPolicies: [],
        usersLacking: new Map(),
      }),
      ['create-user', 'create-role', 'create-policy', 'create-policy', 'attach-policy', 'attach-policy'],
    ],
    ['converged (other whitespace, key order, name case) → nothing', d, (a) => a, []],
    [
      'trust policy names another account → update the role',
      d,
      (a) => ({ ...a, role: { ...a.role!, trustPolicy: JSON.stringify(accountTrustPolicy('999')) } }),
      ['update-role'],
    ],
    [
      'max session differs → update the role',
      d,
      (a) => ({ ...a, role: { ...a.role!, maxSessionDuration: 7200 } }),
      ['update-role'],
    ],
    [
      'role policy document differs → one new version',
      d,
      (a) => ({
        ...a,
        policyVersions: new Map([
          ...a.policyVersions,
          ['oss-uploader-policy', [version('v1', { ...uploadDoc, Version: '1', Statement: [] }, true)]],
        ]),
      }),
      ['create-policy-version'],
    ],
    [
      'document differs at 5 versions → delete the oldest non-default first',
      d,
      (a) => ({
        ...a,
        policyVersions: new Map([
          ...a.policyVersions,
          [
            'oss-uploader-policy',
            [
              version('v2', '{}', false, 2),
              version('v3', '{}', true, 3),
              version('v4', '{}', false, 4),
              version('v5', '{}', false, 5),
              version('v6', '{}', false, 6),
            ],
          ],
        ]),
      }),
      ['delete-policy-version', 'create-policy-version'],
    ],
    ['role policy detached → attach it', d, (a) => ({ ...a, rolePolicies: [] }), ['attach-policy']],
    [
      'an extra policy on the role, not exclusive → left alone',
      d,
      (a) => ({ ...a, rolePolicies: [...a.rolePolicies, { type: 'System', name: 'AdministratorAccess' }] }),
      [],
    ],
    [
      'an extra policy on the role and user, exclusive → detach both',
      desiredState(inputs({ exclusive: true }), ACCOUNT),
      (a) => ({
        ...a,
        rolePolicies: [...a.rolePolicies, { type: 'System', name: 'AdministratorAccess' }],
        userPolicies: [...a.userPolicies, { type: 'System', name: 'ReadOnlyAccess' }],
      }),
      ['detach-policy', 'detach-policy'],
    ],
    [
      'exclusive keeps the all-users policies on the sub-account',
      desiredState(
        inputs({ exclusive: true, allUsersPolicies: [{ type: 'System', name: 'AliyunCSReadOnlyAccess' }] }),
        ACCOUNT,
      ),
      (a) => ({
        ...a,
        userPolicies: [...a.userPolicies, { type: 'System', name: 'aliyuncsreadonlyaccess' }],
      }),
      [],
    ],
    [
      'all-users policy missing on two users → one grant each',
      desiredState(
        inputs({ allUsersPolicies: [{ type: 'System', name: 'AliyunCSReadOnlyAccess' }] }),
        ACCOUNT,
      ),
      (a) => ({ ...a, usersLacking: new Map([['System:aliyuncsreadonlyaccess', ['alice', 'bob']]]) }),
      ['attach-policy', 'attach-policy'],
    ],
  ])('%s', (_reason, desired, mutate, expected) => {
    expect(kinds(plan(desired, mutate(converged(desired))))).toEqual(expected)
  })

  it('grants all-users policies to a sub-account it creates, once', () => {
    const desired = desiredState(
      inputs({
        subAccount: {
          name: 'uploader',
          assumePolicyName: 'oss-uploader-assume',
          policies: [{ type: 'System', name: 'AliyunCSReadOnlyAccess' }],
        },
        allUsersPolicies: [{ type: 'System', name: 'AliyunCSReadOnlyAccess' }],
      }),
      ACCOUNT,
    )
    const actual = { ...converged(desired), userExists: false, userPolicies: [] }
    const grants = plan(desired, actual).filter(
      (c) => c.kind === 'attach-policy' && c.policy.name === 'AliyunCSReadOnlyAccess',
    )
    expect(grants).toHaveLength(1)
  })

  it('carries the document RAM stored and the one that replaces it', () => {
    const stored = JSON.stringify(accountTrustPolicy('999'))
    const oldDoc = '{ "Version": "1", "Statement": [] }'
    const actual = converged(d)
    actual.role = { ...actual.role!, trustPolicy: stored, maxSessionDuration: 7200 }
    actual.policyVersions.set('oss-uploader-policy', [version('v1', oldDoc, true)])
    const changes = plan(d, actual)
    expect(changes.find((c) => c.kind === 'update-role')).toEqual({
      kind: 'update-role',
      role: 'oss-uploader',
      trustPolicy: { before: stored, after: accountTrustPolicy(ACCOUNT) },
      maxSessionDuration: { before: 7200, after: 3600 },
    })
    expect(changes.find((c) => c.kind === 'create-policy-version')).toEqual({
      kind: 'create-policy-version',
      policy: 'oss-uploader-policy',
      before: oldDoc,
      after: uploadDoc,
    })
  })

  it('the assume policy allows sts:AssumeRole on exactly the role', () => {
    const assume = d.customPolicies.find((p) => p.name === 'oss-uploader-assume')!
    expect(assume.document).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram::${ACCOUNT}:role/oss-uploader` },
      ],
    })
  })
})

describe('oldestNonDefault()', () => {
  it.each<[string, PolicyVersion[], string | undefined]>([
    [
      'the oldest by date',
      [version('v3', '{}', false, 3), version('v2', '{}', false, 2), version('v4', '{}', true, 1)],
      'v2',
    ],
    ['never the default even if oldest', [version('v1', '{}', true, 1), version('v2', '{}', false, 2)], 'v2'],
    ['same date: lowest number', [version('v10', '{}', false, 1), version('v9', '{}', false, 1)], 'v9'],
    ['only the default', [version('v1', '{}', true)], undefined],
  ])('%s', (_reason, versions, expected) => {
    expect(oldestNonDefault(versions)?.versionId).toBe(expected)
  })
})
