/**
 * A change in words: the `plan` output's machine-readable entry and the Terraform-style log
 * line. Both renderers (the GitHub step and the CLI) use these, so they never disagree.
 */
import type { Change, PolicyRef, RunResult, UnmanagedAttachment } from '../model.js'

/** A change as the `plan` output shows it. */
export interface PlanEntry {
  action: 'create' | 'update' | 'delete' | 'attach' | 'detach'
  kind: 'role' | 'policy' | 'policy-version' | 'user' | 'policy-attachment'
  name: string
  detail: string
  /** For a document change: the document before (as RAM stored it) and after (compact JSON). */
  before?: string
  after?: string
  /** For a document change: what access it adds (`+`), removes (`-`) and alters (`~`). */
  diff?: string[]
  /** The entity was not created by this action: the change takes it over (input `adopt`). */
  adopt?: true
}

const ref = (p: PolicyRef) => `${p.type}:${p.name}`

/** The machine-readable form of a change. */
export function planEntry(change: Change): PlanEntry {
  const adopt = 'adopt' in change && change.adopt ? { adopt: true as const } : {}
  switch (change.kind) {
    case 'create-user':
      return { action: 'create', kind: 'user', name: change.user, detail: 'RAM user (sub-account)' }
    case 'create-role':
      return {
        action: 'create',
        kind: 'role',
        name: change.role,
        detail: `trust policy; max session ${change.maxSessionDuration} s`,
        after: JSON.stringify(change.trustPolicy),
        diff: change.diff,
      }
    case 'update-role': {
      const parts = []
      if (change.trustPolicy) parts.push('trust policy')
      if (change.maxSessionDuration)
        parts.push(`max session ${change.maxSessionDuration.before} -> ${change.maxSessionDuration.after} s`)
      const documents = change.trustPolicy
        ? {
            before: change.trustPolicy.before,
            after: JSON.stringify(change.trustPolicy.after),
            diff: change.diff,
          }
        : {}
      return {
        action: 'update',
        kind: 'role',
        name: change.role,
        detail: parts.join('; '),
        ...documents,
        ...adopt,
      }
    }
    case 'create-policy':
      return {
        action: 'create',
        kind: 'policy',
        name: change.policy,
        detail: 'custom policy',
        after: JSON.stringify(change.document),
        diff: change.diff,
      }
    case 'create-policy-version':
      return {
        action: 'update',
        kind: 'policy',
        name: change.policy,
        detail: 'new default version',
        before: change.before,
        after: JSON.stringify(change.after),
        diff: change.diff,
        ...adopt,
      }
    case 'delete-policy-version':
      return {
        action: 'delete',
        kind: 'policy-version',
        name: `${change.policy}/${change.versionId}`,
        detail: 'oldest non-default version, to stay within 5 versions',
        ...adopt,
      }
    case 'attach-policy':
      return {
        action: 'attach',
        kind: 'policy-attachment',
        name: ref(change.policy),
        detail: `to ${change.principal.type} ${change.principal.name}`,
      }
    case 'detach-policy':
      return {
        action: 'detach',
        kind: 'policy-attachment',
        name: ref(change.policy),
        detail: `from ${change.principal.type} ${change.principal.name}`,
        ...adopt,
      }
    case 'mark-owned':
      return {
        action: 'update',
        kind: change.entity,
        name: change.name,
        detail: `ownership mark in its ${change.entity === 'user' ? 'comments' : 'description'} (adopt)`,
        before: change.before,
        after: change.after,
      }
  }
}

/** One log line per change, Terraform-style: `+` creates, `~` changes, `-` removes. */
export function changeLine(change: Change): string {
  const adopt = 'adopt' in change && change.adopt ? ' (adopt: not created by this action)' : ''
  switch (change.kind) {
    case 'create-user':
      return `+ create user ${change.user}`
    case 'create-role':
      return `+ create role ${change.role}`
    case 'update-role':
      return `~ update role ${change.role} (${planEntry(change).detail})${adopt}`
    case 'create-policy':
      return `+ create policy ${change.policy}`
    case 'create-policy-version':
      return `~ new version of policy ${change.policy}${adopt}`
    case 'delete-policy-version':
      return `- delete version ${change.versionId} of policy ${change.policy}${adopt}`
    case 'attach-policy':
      return `+ attach ${ref(change.policy)} to ${change.principal.type} ${change.principal.name}`
    case 'detach-policy':
      return `- detach ${ref(change.policy)} from ${change.principal.type} ${change.principal.name}${adopt}`
    case 'mark-owned':
      return `~ mark ${change.entity} ${change.name} as managed by this action (adopt)`
  }
}

/** True when RAM differs from the inputs: a change to make, or, for a drift check, access nobody declared. */
export function drifted(result: RunResult): boolean {
  return result.changes.length > 0 || (result.mode === 'check' && result.unmanaged.length > 0)
}

/** The access a change adds and removes, one line each; none for changes without documents. */
export function diffLines(change: Change): string[] {
  return 'diff' in change ? change.diff : []
}

/** An unmanaged attachment in words: `System:AdministratorAccess on role r`. */
export function describeUnmanaged(u: UnmanagedAttachment): string {
  return `${ref(u.policy)} on ${u.principal.type} ${u.principal.name}`
}

/**
 * Bytes the `plan` output may take. GitHub caps a job's outputs at 1 MB, counted as UTF-16, so
 * 256 KiB of ASCII leaves room for the rest; granting three policies to 5,000 users would
 * otherwise make a 2 MB plan.
 */
export const PLAN_OUTPUT_BUDGET = 256 * 1024

/**
 * The `plan` output: the JSON array of the changes' entries, as many as fit in `budget` bytes,
 * in plan order. When it holds fewer than `changes`, the step log still lists every one.
 */
export function planOutput(changes: Change[], budget = PLAN_OUTPUT_BUDGET): string {
  const entries: string[] = []
  let size = 2
  for (const change of changes) {
    const entry = JSON.stringify(planEntry(change))
    size += Buffer.byteLength(entry) + (entries.length > 0 ? 1 : 0)
    if (size > budget) break
    entries.push(entry)
  }
  return `[${entries.join(',')}]`
}
