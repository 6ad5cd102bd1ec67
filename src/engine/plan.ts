/**
 * The plan: a pure function from (desired, actual) to typed changes. No I/O; documents are
 * compared semantically, because RAM returns them exactly as they were stored. A change to an
 * entity the action did not create carries `adopt`; a policy another owner's mark claims gets
 * no change at all (the guards refuse it), so a document never moves between owners.
 */
import {
  type Actual,
  type Attachment,
  type Change,
  type Desired,
  type PolicyRef,
  type PolicyVersion,
  type Principal,
  policyKey,
  type UnmanagedAttachment,
} from '../model.js'
import { diffDocuments } from '../policy/diff.js'
import { samePolicy } from '../policy/document.js'
import { isMarked, policyOwner, sameOwner, userOwner, withMark } from './ownership.js'

/** RAM keeps at most this many versions of a custom policy. */
const MAX_POLICY_VERSIONS = 5
/** The MaxSessionDuration a new role gets when the inputs name none. */
export const DEFAULT_MAX_SESSION_DURATION = 3600

/** The changes that turn `actual` into `desired`; empty when RAM already matches. */
export function plan(desired: Desired, actual: Actual): Change[] {
  const changes: Change[] = []
  const { role, user } = desired

  if (user && !actual.user) changes.push({ kind: 'create-user', user: user.name, comments: user.comments })

  if (!actual.role) {
    changes.push({
      kind: 'create-role',
      role: role.name,
      trustPolicy: role.trustPolicy,
      maxSessionDuration: role.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      description: role.description,
      diff: diffDocuments(undefined, role.trustPolicy),
    })
  } else {
    const owned = isMarked(actual.role.description)
    const trustDiffers = !samePolicy(actual.role.trustPolicy, role.trustPolicy)
    const durationDiffers =
      role.maxSessionDuration !== undefined && actual.role.maxSessionDuration !== role.maxSessionDuration
    if (trustDiffers || durationDiffers) {
      changes.push({
        kind: 'update-role',
        role: actual.role.name,
        trustPolicy: trustDiffers ? { before: actual.role.trustPolicy, after: role.trustPolicy } : undefined,
        maxSessionDuration: durationDiffers
          ? { before: actual.role.maxSessionDuration, after: role.maxSessionDuration! }
          : undefined,
        diff: trustDiffers ? diffDocuments(actual.role.trustPolicy, role.trustPolicy) : [],
        ...(owned ? {} : { adopt: true as const }),
      })
    }
    if (!owned && desired.adopt) {
      const after = withMark('role', actual.role.description, role.description)
      changes.push({
        kind: 'mark-owned',
        entity: 'role',
        name: actual.role.name,
        before: actual.role.description,
        after,
      })
    }
  }

  for (const policy of desired.customPolicies) {
    const observed = actual.customPolicies.get(policy.name.toLowerCase())
    if (!observed) {
      changes.push({
        kind: 'create-policy',
        policy: policy.name,
        document: policy.document,
        description: policy.description,
        diff: diffDocuments(undefined, policy.document),
      })
      continue
    }
    const owner = policyOwner(observed.description)
    if (owner && owner !== 'ours' && !sameOwner(owner, policy.owner)) continue
    const adopt = owner ? {} : { adopt: true as const }
    const current = observed.versions.find((v) => v.isDefault)
    if (!current || !samePolicy(current.document, policy.document)) {
      if (observed.versions.length >= MAX_POLICY_VERSIONS) {
        const oldest = oldestNonDefault(observed.versions)
        if (oldest)
          changes.push({
            kind: 'delete-policy-version',
            policy: policy.name,
            versionId: oldest.versionId,
            ...adopt,
          })
      }
      changes.push({
        kind: 'create-policy-version',
        policy: policy.name,
        before: current?.document ?? '',
        after: policy.document,
        diff: diffDocuments(current?.document ?? '', policy.document),
        ...adopt,
      })
    }
    if (!owner && desired.adopt) {
      const after = withMark('policy', observed.description, policy.description)
      changes.push({
        kind: 'mark-owned',
        entity: 'policy',
        name: policy.name,
        before: observed.description,
        after,
      })
    }
  }

  const roleOwned = !actual.role || isMarked(actual.role.description)
  const rolePrincipal: Principal = { type: 'role', name: role.name }
  changes.push(...attachments(rolePrincipal, desired.rolePolicies, actual.rolePolicies))
  if (desired.exclusive) {
    for (const p of extras(desired.rolePolicies, actual.rolePolicies, desired.ignorePolicies))
      changes.push({
        kind: 'detach-policy',
        principal: rolePrincipal,
        policy: p,
        ...(roleOwned ? {} : { adopt: true as const }),
      })
  }
  if (user) {
    const principal: Principal = { type: 'user', name: user.name }
    changes.push(...attachments(principal, user.policies, actual.userPolicies))
    const owner = userOwner(actual.user?.comments)
    const userOwned = !actual.user || owner === 'ours' || owner?.toLowerCase() === role.name.toLowerCase()
    if (desired.exclusive) {
      const keep = [...user.policies, ...desired.allUsersPolicies]
      for (const p of extras(keep, actual.userPolicies, desired.ignorePolicies))
        changes.push({
          kind: 'detach-policy',
          principal,
          policy: p,
          ...(userOwned ? {} : { adopt: true as const }),
        })
    }
    if (actual.user && !owner && desired.adopt) {
      const comments = actual.user.comments ?? ''
      changes.push({
        kind: 'mark-owned',
        entity: 'user',
        name: user.name,
        before: comments,
        after: withMark('user', comments, user.comments),
      })
    }
  }

  const planned = new Set(changes.filter((c) => c.kind === 'attach-policy').map(attachmentKey))
  for (const policy of desired.allUsersPolicies) {
    const lacking = [...(actual.usersLacking.get(policyKey(policy)) ?? [])]
    // A sub-account this run creates lacks every policy, though no listing could show it yet.
    if (user && !actual.user && actual.usersLacking.has(policyKey(policy))) lacking.push(user.name)
    for (const name of lacking) {
      const change: Change = {
        kind: 'attach-policy',
        principal: { type: 'user', name },
        policy,
        allUsers: true,
      }
      if (planned.has(attachmentKey(change))) continue
      planned.add(attachmentKey(change))
      changes.push(change)
    }
  }
  return changes
}

/**
 * Policies attached to the managed role or sub-account that the inputs do not name and
 * `ignore-policies` does not excuse. With `exclusive` the plan detaches them; without, they are
 * still access nobody declared, so a drift check reports them.
 */
export function unmanagedAttachments(desired: Desired, actual: Actual): UnmanagedAttachment[] {
  if (desired.exclusive) return []
  const found: UnmanagedAttachment[] = extras(
    desired.rolePolicies,
    actual.rolePolicies,
    desired.ignorePolicies,
  ).map((policy) => ({ principal: { type: 'role', name: desired.role.name }, policy }))
  if (desired.user) {
    const keep = [...desired.user.policies, ...desired.allUsersPolicies]
    for (const policy of extras(keep, actual.userPolicies, desired.ignorePolicies))
      found.push({ principal: { type: 'user', name: desired.user.name }, policy })
  }
  return found
}

function attachments(principal: Principal, wanted: PolicyRef[], attached: Attachment[]): Change[] {
  const have = new Set(attached.map(policyKey))
  return dedupe(wanted)
    .filter((policy) => !have.has(policyKey(policy)))
    .map((policy) => ({ kind: 'attach-policy', principal, policy }))
}

/** What is attached but neither wanted nor ignored, as plain references. */
function extras(wanted: PolicyRef[], attached: Attachment[], ignored: PolicyRef[]): PolicyRef[] {
  const known = new Set([...wanted, ...ignored].map(policyKey))
  return attached.filter((a) => !known.has(policyKey(a))).map(({ type, name }) => ({ type, name }))
}

function attachmentKey(c: Change): string {
  return c.kind === 'attach-policy'
    ? `${c.principal.type}/${c.principal.name.toLowerCase()}/${policyKey(c.policy)}`
    : ''
}

function dedupe(policies: PolicyRef[]): PolicyRef[] {
  const seen = new Set<string>()
  return policies.filter((p) => !seen.has(policyKey(p)) && seen.add(policyKey(p)))
}

/** The version RAM's own rotation would drop: the oldest that is not the default. */
export function oldestNonDefault(versions: PolicyVersion[]): PolicyVersion | undefined {
  const versionNumber = (v: PolicyVersion) => Number(v.versionId.replace(/^v/i, '')) || 0
  return versions
    .filter((v) => !v.isDefault)
    .sort((a, b) => a.createDate.localeCompare(b.createDate) || versionNumber(a) - versionNumber(b))[0]
}
