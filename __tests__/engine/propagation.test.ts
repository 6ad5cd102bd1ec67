import { describe, expect, it } from '@jest/globals'
import { laggingChanges, lastAccessChange } from '../../src/engine/propagation.js'
import type { Actual, Change, Desired, PolicyRef, Principal } from '../../src/model.js'

const NOW = Date.parse('2026-12-03T12:00:00Z')
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString()
const WINDOW = 60_000

const actual = (over: Partial<Actual> = {}): Actual => ({
  rolePolicies: [],
  customPolicies: new Map(),
  userPolicies: [],
  usersLacking: new Map(),
  missingPolicies: [],
  ...over,
})
const role = (createDate: string, updateDate = createDate) => ({
  name: 'Deploy',
  arn: 'acs:ram::1:role/deploy',
  trustPolicy: '{}',
  maxSessionDuration: 3600,
  description: '',
  createDate,
  updateDate,
})
const policy = (...dates: string[]) => ({
  description: '',
  versions: dates.map((createDate, i) => ({
    versionId: `v${i + 1}`,
    isDefault: i === dates.length - 1,
    document: '{}',
    createDate,
  })),
})
const attach = (principal: Principal, ref: PolicyRef): Change => ({
  kind: 'attach-policy',
  principal,
  policy: ref,
})
const toRole = { type: 'role', name: 'deploy' } as const
const toUser = { type: 'user', name: 'ci' } as const
const custom = { type: 'Custom', name: 'Upload' } as const
const system = { type: 'System', name: 'AliyunOSSReadOnlyAccess' } as const

describe('laggingChanges()', () => {
  it.each<[string, Actual, Change, boolean]>([
    ['a role created 5 s ago, attached to', actual({ role: role(ago(5)) }), attach(toRole, system), true],
    ['a role created 5 min ago', actual({ role: role(ago(300)) }), attach(toRole, system), false],
    ['a role whose dates RAM left out', actual({ role: role('') }), attach(toRole, system), false],
    [
      'a user created 10 s ago',
      actual({ user: { name: 'CI', createDate: ago(10) } }),
      attach(toUser, system),
      true,
    ],
    [
      'a custom policy whose first version is 3 s old',
      actual({ customPolicies: new Map([['upload', policy(ago(3))]]) }),
      attach(toRole, custom),
      true,
    ],
    [
      'a custom policy created long ago, with a version from 3 s ago',
      actual({ customPolicies: new Map([['upload', policy(ago(900), ago(3))]]) }),
      attach(toRole, custom),
      false,
    ],
    [
      'a fresh role, but the change is not an attach or detach',
      actual({ role: role(ago(5)) }),
      { kind: 'update-role', role: 'deploy', maxSessionDuration: { before: 3600, after: 7200 }, diff: [] },
      false,
    ],
    [
      'a fresh user, and a change to another principal',
      actual({ user: { name: 'ci', createDate: ago(5) } }),
      attach(toRole, system),
      false,
    ],
  ])('%s', (_, observed, change, expected) => {
    expect(laggingChanges(observed, NOW, WINDOW)(change)).toBe(expected)
  })
})

describe('lastAccessChange()', () => {
  const desired = {
    user: { name: 'ci', policies: [custom] },
  } as unknown as Desired
  it.each<[string, Actual, boolean, number | undefined]>([
    ['nothing dated', actual(), false, undefined],
    ['the role, updated after it was created', actual({ role: role(ago(60), ago(20)) }), false, NOW - 20_000],
    [
      "the sub-account's attachment, newer than the role, when it assumes",
      actual({
        role: role(ago(60)),
        userPolicies: [{ ...custom, attachDate: ago(5) }],
      }),
      true,
      NOW - 5_000,
    ],
    [
      'the same attachment ignored when the sub-account does not assume',
      actual({ role: role(ago(60)), userPolicies: [{ ...custom, attachDate: ago(5) }] }),
      false,
      NOW - 60_000,
    ],
    [
      'the default version of the assume policy',
      actual({ role: role(ago(60)), customPolicies: new Map([['upload', policy(ago(90), ago(2))]]) }),
      true,
      NOW - 2_000,
    ],
  ])('%s', (_, observed, viaSubAccount, expected) => {
    expect(lastAccessChange(desired, observed, viaSubAccount)).toBe(expected)
  })
})
