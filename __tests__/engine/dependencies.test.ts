import { describe, expect, it } from '@jest/globals'
import { dependencies } from '../../src/engine/dependencies.js'
import type { Change, PolicyRef, Principal } from '../../src/model.js'
import { uploadPolicy } from '../fixtures/inputs.js'

const doc = uploadPolicy()
const role: Principal = { type: 'role', name: 'r' }
const user: Principal = { type: 'user', name: 'u' }
const custom = (name: string): PolicyRef => ({ type: 'Custom', name })
const system = (name: string): PolicyRef => ({ type: 'System', name })

const createUser: Change = { kind: 'create-user', user: 'u', comments: '' }
const createRole: Change = {
  kind: 'create-role',
  role: 'r',
  trustPolicy: doc,
  maxSessionDuration: 3600,
  description: '',
  diff: [],
}
const createPolicy = (policy: string): Change => ({
  kind: 'create-policy',
  policy,
  document: doc,
  description: '',
  diff: [],
})
const attach = (principal: Principal, policy: PolicyRef, allUsers?: true): Change => ({
  kind: 'attach-policy',
  principal,
  policy,
  ...(allUsers ? { allUsers } : {}),
})
const detach = (principal: Principal, policy: PolicyRef): Change => ({
  kind: 'detach-policy',
  principal,
  policy,
})
const deleteVersion = (policy: string): Change => ({ kind: 'delete-policy-version', policy, versionId: 'v1' })
const newVersion = (policy: string): Change => ({
  kind: 'create-policy-version',
  policy,
  before: '',
  after: doc,
  diff: [],
})
const updateRole: Change = {
  kind: 'update-role',
  role: 'r',
  maxSessionDuration: { before: 3600, after: 7200 },
  diff: [],
}

describe('dependencies()', () => {
  it.each<[string, Change[], number[][]]>([
    [
      'the seed flow: creates wait for nothing, each attach for its principal and its custom policy',
      [
        createUser,
        createRole,
        createPolicy('p'),
        createPolicy('assume'),
        attach(role, custom('p')),
        attach(user, custom('assume')),
      ],
      [[], [], [], [], [1, 2], [0, 3]],
    ],
    [
      'a system policy needs only its principal',
      [createRole, attach(role, system('ReadOnlyAccess'))],
      [[], [0]],
    ],
    [
      'names compare as RAM compares them: case-insensitively',
      [createPolicy('P'), attach({ type: 'role', name: 'R' }, custom('p')), attach(role, custom('P'))],
      [[], [0], [0]],
    ],
    [
      'attachments to entities that exist wait for nothing',
      [attach(role, custom('p')), attach(user, system('s')), detach(role, system('x'))],
      [[], [], []],
    ],
    [
      'a role and a user of the same name are different principals',
      [createUser, attach({ type: 'role', name: 'u' }, system('s'))],
      [[], []],
    ],
    [
      'a new version waits for the delete that makes room; an attach of the policy waits for the version',
      [updateRole, deleteVersion('p'), newVersion('p'), attach(role, custom('p')), newVersion('q')],
      [[], [], [1], [2], []],
    ],
    [
      'the all-users grant to the sub-account this run creates waits for it; the others do not',
      [
        createUser,
        attach(user, system('cs'), true),
        attach({ type: 'user', name: 'alice' }, system('cs'), true),
      ],
      [[], [0], []],
    ],
    ['a detach waits for the create of its principal', [createRole, detach(role, system('x'))], [[], [0]]],
    ['an update of a role waits for its create', [createRole, updateRole], [[], [0]]],
    [
      'only earlier changes count: the plan lists prerequisites first, so there is no cycle',
      [attach(role, custom('p')), createRole, createPolicy('p')],
      [[], [], []],
    ],
  ])('%s', (_reason, plan, expected) => {
    expect(dependencies(plan)).toEqual(expected)
  })
})
