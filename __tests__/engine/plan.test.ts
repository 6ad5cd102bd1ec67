import { describe, expect, it } from '@jest/globals'
import { desiredState } from '../../src/engine/desired.js'
import { policyDescription } from '../../src/engine/ownership.js'
import { oldestNonDefault, plan, unmanagedAttachments } from '../../src/engine/plan.js'
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

/** RAM exactly as `desired` wants it, stored with different whitespace and key order, made by the action. */
function converged(d: Desired): Actual {
  return {
    role: {
      name: d.role.name,
      arn: d.role.arn,
      trustPolicy: `{ "Statement": [{"Principal": {"RAM": "acs:ram::${ACCOUNT}:root"}, "Action": "sts:AssumeRole", "Effect": "Allow"}], "Version": "1" }`,
      maxSessionDuration: d.role.maxSessionDuration ?? 3600,
      description: d.role.description,
      createDate: '2026-01-01T00:00:00Z',
      updateDate: '2026-01-01T00:00:00Z',
    },
    rolePolicies: d.rolePolicies.map((p) => ({ ...p, name: p.name.toUpperCase(), attachDate: '' })),
    customPolicies: new Map(
      d.customPolicies.map((p) => [
        p.name.toLowerCase(),
        { description: p.description, versions: [version('v1', JSON.stringify(p.document, null, 2), true)] },
      ]),
    ),
    user: d.user && { name: d.user.name, comments: d.user.comments },
    userPolicies: (d.user?.policies ?? []).map((p) => ({ ...p, attachDate: '' })),
    usersLacking: new Map(),
    missingPolicies: [],
  }
}

/** `actual` with one custom policy's versions (and description) replaced. */
const withPolicy = (a: Actual, name: string, versions: PolicyVersion[], description?: string): Actual => {
  const customPolicies = new Map(a.customPolicies)
  customPolicies.set(name, { description: description ?? a.customPolicies.get(name)!.description, versions })
  return { ...a, customPolicies }
}
const attached = (type: 'System' | 'Custom', name: string) => ({ type, name, attachDate: '' })

const kinds = (changes: Change[]) => changes.map((c) => c.kind)

describe('plan()', () => {
  const d = desiredState(inputs(), ACCOUNT)

  it.each<[string, Desired, (a: Actual) => Actual, Change['kind'][]]>([
    [
      'empty account → create everything, in dependency order',
      d,
      () => ({
        rolePolicies: [],
        customPolicies: new Map(),
        userPolicies: [],
        usersLacking: new Map(),
        missingPolicies: [],
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
      (a) =>
        withPolicy(a, 'oss-uploader-policy', [
          version('v1', { ...uploadDoc, Version: '1', Statement: [] }, true),
        ]),
      ['create-policy-version'],
    ],
    [
      'document differs at 5 versions → delete the oldest non-default first',
      d,
      (a) =>
        withPolicy(a, 'oss-uploader-policy', [
          version('v2', '{}', false, 2),
          version('v3', '{}', true, 3),
          version('v4', '{}', false, 4),
          version('v5', '{}', false, 5),
          version('v6', '{}', false, 6),
        ]),
      ['delete-policy-version', 'create-policy-version'],
    ],
    ['role policy detached → attach it', d, (a) => ({ ...a, rolePolicies: [] }), ['attach-policy']],
    [
      'an extra policy on the role, not exclusive → left alone',
      d,
      (a) => ({ ...a, rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')] }),
      [],
    ],
    [
      'an extra policy on the role and user, exclusive → detach both',
      desiredState(inputs({ exclusive: true }), ACCOUNT),
      (a) => ({
        ...a,
        rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')],
        userPolicies: [...a.userPolicies, attached('System', 'ReadOnlyAccess')],
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
        userPolicies: [...a.userPolicies, attached('System', 'aliyuncsreadonlyaccess')],
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
    const actual: Actual = {
      ...converged(desired),
      user: undefined,
      userPolicies: [],
      usersLacking: new Map([['System:aliyuncsreadonlyaccess', []]]),
    }
    const grants = plan(desired, actual).filter(
      (c) => c.kind === 'attach-policy' && c.policy.name === 'AliyunCSReadOnlyAccess',
    )
    expect(grants).toHaveLength(1)
  })

  it('carries the document RAM stored and the one that replaces it', () => {
    const stored = JSON.stringify(accountTrustPolicy('999'))
    const oldDoc = '{ "Version": "1", "Statement": [] }'
    const actual = withPolicy(converged(d), 'oss-uploader-policy', [version('v1', oldDoc, true)])
    actual.role = { ...actual.role!, trustPolicy: stored, maxSessionDuration: 7200 }
    const changes = plan(d, actual)
    expect(changes.find((c) => c.kind === 'update-role')).toEqual({
      kind: 'update-role',
      role: 'oss-uploader',
      trustPolicy: { before: stored, after: accountTrustPolicy(ACCOUNT) },
      maxSessionDuration: { before: 7200, after: 3600 },
      diff: ['- principal acs:ram::999:root', `+ principal acs:ram::${ACCOUNT}:root`],
    })
    expect(changes.find((c) => c.kind === 'create-policy-version')).toEqual({
      kind: 'create-policy-version',
      policy: 'oss-uploader-policy',
      before: oldDoc,
      after: uploadDoc,
      diff: ['+ Allow oss:PutObject on *'],
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

describe('plan() and ownership', () => {
  const d = desiredState(inputs(), ACCOUNT)
  const handMade = (a: Actual): Actual => ({ ...a, role: { ...a.role!, description: 'made by hand' } })
  const summary = (changes: Change[]) =>
    changes.map((c) => `${c.kind}${'adopt' in c && c.adopt ? ' (adopt)' : ''}`)

  it.each<[string, Desired, (a: Actual) => Actual, string[]]>([
    ['a hand-made role that matches: nothing to take over', d, handMade, []],
    [
      "a hand-made role's trust differs: the update is an adoption",
      d,
      (a) => handMade({ ...a, role: { ...a.role!, trustPolicy: JSON.stringify(accountTrustPolicy('999')) } }),
      ['update-role (adopt)'],
    ],
    [
      'with adopt, the hand-made role is also marked',
      desiredState(inputs({ adopt: true }), ACCOUNT),
      (a) => handMade({ ...a, role: { ...a.role!, trustPolicy: JSON.stringify(accountTrustPolicy('999')) } }),
      ['update-role (adopt)', 'mark-owned'],
    ],
    [
      "a hand-made policy's document differs",
      d,
      (a) =>
        withPolicy(
          a,
          'oss-uploader-policy',
          [version('v1', '{"Version":"1","Statement":[]}', true)],
          'hand-made',
        ),
      ['create-policy-version (adopt)'],
    ],
    [
      'a policy marked for another role is left alone (the guards refuse it)',
      d,
      (a) =>
        withPolicy(
          a,
          'oss-uploader-policy',
          [version('v1', '{"Version":"1","Statement":[]}', true)],
          policyDescription({ purpose: 'assume', role: 'oss-uploader' }),
        ),
      [],
    ],
    [
      'max-session-duration not given leaves the existing value alone',
      desiredState(inputs({ maxSessionDuration: undefined }), ACCOUNT),
      (a) => ({ ...a, role: { ...a.role!, maxSessionDuration: 43200 } }),
      [],
    ],
    [
      'an exclusive detach from a hand-made role is an adoption',
      desiredState(inputs({ exclusive: true }), ACCOUNT),
      (a) => handMade({ ...a, rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')] }),
      ['detach-policy (adopt)'],
    ],
    [
      'ignore-policies keeps a known extra attached under exclusive',
      desiredState(
        inputs({ exclusive: true, ignorePolicies: [{ type: 'System', name: 'administratoraccess' }] }),
        ACCOUNT,
      ),
      (a) => ({ ...a, rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')] }),
      [],
    ],
    [
      'with adopt, a hand-made user is marked for this role',
      desiredState(inputs({ adopt: true }), ACCOUNT),
      (a) => ({ ...a, user: { name: 'uploader', comments: 'someone' } }),
      ['mark-owned'],
    ],
  ])('%s', (_reason, desired, mutate, expected) => {
    expect(summary(plan(desired, mutate(converged(desired))))).toEqual(expected)
  })

  it('keeps what a person wrote when it marks an entity', () => {
    const desired = desiredState(inputs({ adopt: true }), ACCOUNT)
    const [mark] = plan(desired, handMade(converged(desired)))
    expect(mark).toEqual({
      kind: 'mark-owned',
      entity: 'role',
      name: 'oss-uploader',
      before: 'made by hand',
      after: 'made by hand (Managed by the ram-identity GitHub Action; assumed by GitHub workflows)',
    })
  })
})

describe('unmanagedAttachments()', () => {
  const d = desiredState(inputs(), ACCOUNT)
  it.each<[string, Desired, (a: Actual) => Actual, string[]]>([
    ['nothing extra', d, (a) => a, []],
    [
      'a policy attached to the role by hand',
      d,
      (a) => ({ ...a, rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')] }),
      ['role oss-uploader System:AdministratorAccess'],
    ],
    [
      'a policy attached to the sub-account by hand',
      d,
      (a) => ({ ...a, userPolicies: [...a.userPolicies, attached('Custom', 'legacy')] }),
      ['user uploader Custom:legacy'],
    ],
    [
      'a known extra named in ignore-policies',
      desiredState(inputs({ ignorePolicies: [{ type: 'System', name: 'AdministratorAccess' }] }), ACCOUNT),
      (a) => ({ ...a, rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')] }),
      [],
    ],
    [
      'the all-users policies on the sub-account are not extras',
      desiredState(
        inputs({ allUsersPolicies: [{ type: 'System', name: 'AliyunCSReadOnlyAccess' }] }),
        ACCOUNT,
      ),
      (a) => ({ ...a, userPolicies: [...a.userPolicies, attached('System', 'AliyunCSReadOnlyAccess')] }),
      [],
    ],
    [
      'with exclusive, extras are planned detaches instead',
      desiredState(inputs({ exclusive: true }), ACCOUNT),
      (a) => ({ ...a, rolePolicies: [...a.rolePolicies, attached('System', 'AdministratorAccess')] }),
      [],
    ],
  ])('%s', (_reason, desired, mutate, expected) => {
    const found = unmanagedAttachments(desired, mutate(converged(desired)))
    expect(
      found.map((u) => `${u.principal.type} ${u.principal.name} ${u.policy.type}:${u.policy.name}`),
    ).toEqual(expected)
  })
})
