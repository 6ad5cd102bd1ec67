// Every guard, as a table: the situation, and the inputs the refusal names (or none). The plan
// is computed for real from desired and actual state, so the guards see what a run would see.
import { describe, expect, it } from '@jest/globals'
import { desiredState } from '../../src/engine/desired.js'
import { refusals, signedInRole } from '../../src/engine/guards.js'
import {
  policyDescription,
  policyOwner,
  roleDescription,
  userComments,
  withMark,
} from '../../src/engine/ownership.js'
import { plan } from '../../src/engine/plan.js'
import type { Actual, CallerIdentity, Desired, Inputs } from '../../src/model.js'
import { accountTrustPolicy } from '../../src/policy/document.js'
import { seedInputs } from '../fixtures/inputs.js'

const ACCOUNT = '1234567890123456'
const user = (name: string): CallerIdentity => ({
  accountId: ACCOUNT,
  arn: `acs:ram::${ACCOUNT}:user/${name}`,
  identityType: 'RAMUser',
})
const session = (role: string): CallerIdentity => ({
  accountId: ACCOUNT,
  arn: `acs:ram::${ACCOUNT}:assumed-role/${role}/github-1`,
  identityType: 'AssumedRoleUser',
})
const OIDC_TRUST = JSON.stringify({
  Version: '1',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Federated: [`acs:ram::${ACCOUNT}:oidc-provider/gh`] },
    },
  ],
})

/** RAM holding the seed flow as the action made it. */
function converged(d: Desired): Actual {
  return {
    role: {
      name: d.role.name,
      arn: d.role.arn,
      trustPolicy: JSON.stringify(d.role.trustPolicy),
      maxSessionDuration: 3600,
      description: roleDescription(),
      createDate: '',
      updateDate: '',
    },
    rolePolicies: d.rolePolicies.map((p) => ({ ...p, attachDate: '' })),
    customPolicies: new Map(
      d.customPolicies.map((p) => [
        p.name.toLowerCase(),
        {
          description: p.description,
          versions: [
            { versionId: 'v1', isDefault: true, document: JSON.stringify(p.document), createDate: '' },
          ],
        },
      ]),
    ),
    user: d.user && { name: d.user.name, comments: userComments(d.role.name) },
    userPolicies: (d.user?.policies ?? []).map((p) => ({ ...p, attachDate: '' })),
    usersLacking: new Map(),
    missingPolicies: [],
  }
}

function refused(inputs: Inputs, caller: CallerIdentity, mutate: (a: Actual) => Actual = (a) => a) {
  const desired = desiredState(inputs, ACCOUNT)
  const actual = mutate(converged(desired))
  return refusals({ inputs, desired, actual, caller, changes: plan(desired, actual) })
}

describe('refusals()', () => {
  it.each<[string, Inputs, CallerIdentity, (a: Actual) => Actual, string[][]]>([
    ['a converged account: none', seedInputs(), user('ci'), (a) => a, []],
    [
      'replacing the trust of the OIDC role the run signs in through',
      seedInputs({
        roleName: 'github-actions',
        credentials: undefined,
        oidc: {
          providerArn: `acs:ram::${ACCOUNT}:oidc-provider/gh`,
          roleArn: `acs:ram::${ACCOUNT}:role/github-actions`,
          audience: 'a',
        },
      }),
      session('github-actions'),
      (a) => ({ ...a, role: { ...a.role!, trustPolicy: OIDC_TRUST } }),
      [['role-name', 'oidc-role-arn', 'trust-policy-file']],
    ],
    [
      "replacing the trust of the caller's own session role",
      seedInputs({ roleName: 'deployer' }),
      session('Deployer'),
      (a) => ({ ...a, role: { ...a.role!, trustPolicy: OIDC_TRUST } }),
      [['role-name', 'trust-policy-file']],
    ],
    [
      'changing another role while signed in through one: fine',
      seedInputs(),
      session('github-actions'),
      (a) => ({ ...a, role: { ...a.role!, trustPolicy: JSON.stringify(accountTrustPolicy('999')) } }),
      [],
    ],
    [
      'an exclusive detach from the user the run signs in as',
      seedInputs({
        exclusive: true,
        subAccount: { name: 'ci', assumePolicyName: 'oss-uploader-assume', policies: [] },
      }),
      user('ci'),
      (a) => ({
        ...a,
        userPolicies: [...a.userPolicies, { type: 'System', name: 'AdministratorAccess', attachDate: '' }],
      }),
      [['exclusive', 'sub-account', 'ignore-policies']],
    ],
    [
      'an exclusive detach from the role the run signs in through',
      seedInputs({ exclusive: true, roleName: 'ci-role' }),
      session('ci-role'),
      (a) => ({
        ...a,
        rolePolicies: [...a.rolePolicies, { type: 'System', name: 'AliyunRAMFullAccess', attachDate: '' }],
      }),
      [['exclusive', 'role-name', 'ignore-policies']],
    ],
    [
      'a policy whose mark names another role (a.b and a-b share derived names)',
      seedInputs({
        roleName: 'a-b',
        policy: undefined,
        subAccount: { name: 'u', assumePolicyName: 'a-b-assume', policies: [] },
      }),
      user('ci'),
      (a) => {
        const customPolicies = new Map(a.customPolicies)
        const p = customPolicies.get('a-b-assume')!
        customPolicies.set('a-b-assume', {
          ...p,
          description: policyDescription({ purpose: 'assume', role: 'a.b' }, 'u'),
        })
        return { ...a, customPolicies }
      },
      [['role-name']],
    ],
    [
      "a policy-name that holds another role's permissions",
      seedInputs({ policy: { name: 'shared', file: seedInputs().policy!.file } }),
      user('ci'),
      (a) => {
        const customPolicies = new Map(a.customPolicies)
        customPolicies.set('shared', {
          ...customPolicies.get('shared')!,
          description: policyDescription({ purpose: 'permissions', role: 'other' }),
        })
        return { ...a, customPolicies }
      },
      [['policy-name']],
    ],
    [
      'a sub-account policy that does not exist',
      seedInputs(),
      user('ci'),
      (a) => ({ ...a, missingPolicies: [{ type: 'System', name: 'AliyunCSReadOnlyAcess' }] }),
      [['sub-account-policies']],
    ],
    [
      'an all-users policy that does not exist',
      seedInputs({ allUsersPolicies: [{ type: 'System', name: 'Nope' }] }),
      user('ci'),
      (a) => ({ ...a, missingPolicies: [{ type: 'System', name: 'Nope' }] }),
      [['all-users-policies']],
    ],
    [
      'a session longer than the existing role allows (max-session-duration not given)',
      seedInputs({ maxSessionDuration: undefined, session: { name: 's', durationSeconds: 7200 } }),
      user('ci'),
      (a) => a,
      [['duration-seconds', 'max-session-duration']],
    ],
    [
      'a hand-made role whose trust would change, without adopt',
      seedInputs(),
      user('ci'),
      (a) => ({
        ...a,
        role: {
          ...a.role!,
          description: 'made by hand',
          trustPolicy: JSON.stringify(accountTrustPolicy('999')),
        },
      }),
      [['adopt']],
    ],
    [
      'a hand-made policy whose document would change, without adopt',
      seedInputs(),
      user('ci'),
      (a) => {
        const customPolicies = new Map(a.customPolicies)
        customPolicies.set('oss-uploader-policy', {
          description: 'hand-made',
          versions: [
            { versionId: 'v1', isDefault: true, document: '{"Version":"1","Statement":[]}', createDate: '' },
          ],
        })
        return { ...a, customPolicies }
      },
      [['adopt']],
    ],
    [
      'a hand-made role, adopted',
      seedInputs({ adopt: true }),
      user('ci'),
      (a) => ({
        ...a,
        role: {
          ...a.role!,
          description: 'made by hand',
          trustPolicy: JSON.stringify(accountTrustPolicy('999')),
        },
      }),
      [],
    ],
    [
      'a hand-made role that needs no change: fine without adopt',
      seedInputs(),
      user('ci'),
      (a) => ({ ...a, role: { ...a.role!, description: 'made by hand' } }),
      [],
    ],
    [
      'a hand-made role, in check mode: listed as an adoption, not refused',
      seedInputs({ mode: 'check' }),
      user('ci'),
      (a) => ({ ...a, role: { ...a.role!, description: 'made by hand', maxSessionDuration: 43200 } }),
      [],
    ],
  ])('%s', (_reason, inputs, caller, mutate, expected) => {
    expect(refused(inputs, caller, mutate).map((r) => r.inputs)).toEqual(expected)
  })

  it('names the entity and the input in its message', () => {
    const [r] = refused(seedInputs(), user('ci'), (a) => ({
      ...a,
      role: { ...a.role!, description: 'made by hand', maxSessionDuration: 43200 },
    }))
    expect(r!.message).toBe(
      'would change role oss-uploader (MaxSessionDuration), which this action did not create (no ownership mark): set adopt: true to take it over',
    )
  })
})

describe('signedInRole()', () => {
  it.each<[string, Partial<Inputs>, CallerIdentity, string | undefined]>([
    [
      'an OIDC role of the same account',
      { oidc: { providerArn: 'p', roleArn: `acs:ram::${ACCOUNT}:role/gh`, audience: 'a' } },
      session('gh'),
      'gh',
    ],
    [
      'an OIDC role of another account: the session decides',
      { oidc: { providerArn: 'p', roleArn: 'acs:ram::1:role/gh', audience: 'a' } },
      session('member'),
      'member',
    ],
    ['a RAM user: none', {}, user('ci'), undefined],
    ['an assumed-role session: the role, not its session name', {}, session('deployer'), 'deployer'],
  ])('%s', (_reason, overrides, caller, expected) => {
    expect(signedInRole(seedInputs(overrides), caller)).toBe(expected)
  })
})

describe('ownership marks', () => {
  it.each<[string, string, ReturnType<typeof policyOwner>]>([
    [
      'a permissions policy',
      policyDescription({ purpose: 'permissions', role: 'a.b' }),
      { purpose: 'permissions', role: 'a.b' },
    ],
    [
      'an assume policy',
      policyDescription({ purpose: 'assume', role: 'r' }, 'bot'),
      { purpose: 'assume', role: 'r' },
    ],
    [
      'an assume policy without a user name',
      policyDescription({ purpose: 'assume', role: 'r' }),
      { purpose: 'assume', role: 'r' },
    ],
    [
      "a mark added to a person's text",
      'Uploads (Managed by the ram-identity GitHub Action: permissions of role x)',
      { purpose: 'permissions', role: 'x' },
    ],
    ['a mark that names no owner', 'Managed by the ram-identity GitHub Action', 'ours'],
    ['no mark', 'made by hand', undefined],
  ])('%s', (_reason, description, owner) => {
    expect(policyOwner(description)).toEqual(owner)
  })

  it.each<[string, string, string, string]>([
    ['an empty description', '', 'MARK', 'MARK'],
    ["a person's text", 'Uploads site', 'MARK', 'Uploads site (MARK)'],
  ])('withMark: %s', (_reason, existing, mark, expected) => {
    expect(withMark('role', existing, mark)).toBe(expected)
  })

  it('cuts a long text so the mark always fits the field', () => {
    const marked = withMark('user', 'x'.repeat(200), userComments('role'))
    expect(marked.length).toBeLessThanOrEqual(128)
    expect(marked.endsWith(`(${userComments('role')})`)).toBe(true)
  })
})
