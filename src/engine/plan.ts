/**
 * The plan: a pure function from (desired, actual) to typed changes. No I/O; documents are
 * compared semantically, because RAM returns them exactly as they were stored.
 */
import {
  type Actual,
  type Change,
  type Desired,
  type PolicyRef,
  type PolicyVersion,
  type Principal,
  policyKey,
} from '../model.js'
import { samePolicy } from '../policy/document.js'

/** RAM keeps at most this many versions of a custom policy. */
export const MAX_POLICY_VERSIONS = 5

/** The changes that turn `actual` into `desired`; empty when RAM already matches. */
export function plan(desired: Desired, actual: Actual): Change[] {
  const changes: Change[] = []
  const { role, user } = desired

  if (user && !actual.userExists)
    changes.push({ kind: 'create-user', user: user.name, comments: user.comments })

  if (!actual.role) {
    changes.push({
      kind: 'create-role',
      role: role.name,
      trustPolicy: role.trustPolicy,
      maxSessionDuration: role.maxSessionDuration,
      description: role.description,
    })
  } else {
    const trustDiffers = !samePolicy(actual.role.trustPolicy, role.trustPolicy)
    const durationDiffers = actual.role.maxSessionDuration !== role.maxSessionDuration
    if (trustDiffers || durationDiffers) {
      changes.push({
        kind: 'update-role',
        role: actual.role.name,
        trustPolicy: trustDiffers ? { before: actual.role.trustPolicy, after: role.trustPolicy } : undefined,
        maxSessionDuration: durationDiffers
          ? { before: actual.role.maxSessionDuration, after: role.maxSessionDuration }
          : undefined,
      })
    }
  }

  for (const policy of desired.customPolicies) {
    const versions = actual.policyVersions.get(policy.name.toLowerCase())
    if (!versions) {
      changes.push({
        kind: 'create-policy',
        policy: policy.name,
        document: policy.document,
        description: policy.description,
      })
      continue
    }
    const current = versions.find((v) => v.isDefault)
    if (current && samePolicy(current.document, policy.document)) continue
    if (versions.length >= MAX_POLICY_VERSIONS) {
      const oldest = oldestNonDefault(versions)
      if (oldest)
        changes.push({ kind: 'delete-policy-version', policy: policy.name, versionId: oldest.versionId })
    }
    changes.push({
      kind: 'create-policy-version',
      policy: policy.name,
      before: current?.document ?? '',
      after: policy.document,
    })
  }

  const rolePrincipal: Principal = { type: 'role', name: role.name }
  changes.push(...attachments(rolePrincipal, desired.rolePolicies, actual.rolePolicies, desired.exclusive))
  if (user) {
    const keep = [...user.policies, ...desired.allUsersPolicies]
    const attach = attachments({ type: 'user', name: user.name }, user.policies, actual.userPolicies, false)
    const detach = desired.exclusive
      ? attachments({ type: 'user', name: user.name }, keep, actual.userPolicies, true).filter(
          (c) => c.kind === 'detach-policy',
        )
      : []
    changes.push(...attach, ...detach)
  }

  const planned = new Set(changes.filter((c) => c.kind === 'attach-policy').map(attachmentKey))
  for (const policy of desired.allUsersPolicies) {
    const lacking = [...(actual.usersLacking.get(policyKey(policy)) ?? [])]
    // A sub-account this run creates lacks every policy, though no listing could show it yet.
    if (user && !actual.userExists) lacking.push(user.name)
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

function attachments(
  principal: Principal,
  wanted: PolicyRef[],
  attached: PolicyRef[],
  exclusive: boolean,
): Change[] {
  const have = new Set(attached.map(policyKey))
  const want = new Set(wanted.map(policyKey))
  const changes: Change[] = []
  for (const policy of dedupe(wanted)) {
    if (!have.has(policyKey(policy))) changes.push({ kind: 'attach-policy', principal, policy })
  }
  if (exclusive) {
    for (const policy of attached) {
      if (!want.has(policyKey(policy))) changes.push({ kind: 'detach-policy', principal, policy })
    }
  }
  return changes
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
