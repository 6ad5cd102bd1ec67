/**
 * Ownership marks: what the action writes into the descriptions of what it creates, and reads
 * back to know whether an entity is its own, and for which role and purpose. An entity without
 * the mark was made by someone else: changing it needs `adopt: true`.
 */
import type { MarkedEntity, PolicyOwner } from '../model.js'

/** Marks what this action created, so a person browsing the console knows where it came from. */
const OWNER_MARK = 'Managed by the ram-identity GitHub Action'

/** RAM's length limits of the fields a mark is written into. */
const MAX_LENGTH: Record<MarkedEntity, number> = { role: 1024, policy: 1024, user: 128 }

/** The description of a role the action creates. */
export function roleDescription(): string {
  return `${OWNER_MARK}; assumed by GitHub workflows`
}

/** The description of a custom policy the action creates. */
export function policyDescription(owner: PolicyOwner, user?: string): string {
  return owner.purpose === 'permissions'
    ? `${OWNER_MARK}: permissions of role ${owner.role}`
    : `${OWNER_MARK}: lets ${user ?? 'the sub-account'} assume role ${owner.role}`
}

/** The comments of the RAM user the action creates for a role. */
export function userComments(role: string): string {
  return `${OWNER_MARK}: may assume role ${role}`
}

/** True when the text carries the mark. */
export function isMarked(text: string | undefined): boolean {
  return (text ?? '').includes(OWNER_MARK)
}

/**
 * The owner a marked policy description names; undefined when it has no mark, and 'ours' for
 * a mark that names no owner (then it is taken as this action's, whoever ran it).
 */
export function policyOwner(description: string): PolicyOwner | 'ours' | undefined {
  if (!isMarked(description)) return undefined
  const rest = description.slice(description.indexOf(OWNER_MARK) + OWNER_MARK.length)
  const permissions = /^: permissions of role ([A-Za-z0-9.-]+)/.exec(rest)
  if (permissions) return { purpose: 'permissions', role: permissions[1]! }
  const assume = /^: lets .+? assume role ([A-Za-z0-9.-]+)/.exec(rest)
  if (assume) return { purpose: 'assume', role: assume[1]! }
  return 'ours'
}

/** The role a marked user's comments name; undefined without a mark. */
export function userOwner(comments: string | undefined): string | 'ours' | undefined {
  if (!isMarked(comments)) return undefined
  return /may assume role ([A-Za-z0-9.-]+)/.exec(comments ?? '')?.[1] ?? 'ours'
}

/** True when a policy owner is this one (role names compare case-insensitively, as RAM's do). */
export function sameOwner(a: PolicyOwner, b: PolicyOwner): boolean {
  return a.purpose === b.purpose && a.role.toLowerCase() === b.role.toLowerCase()
}

/** How an owner reads in a message: `the permissions of role r`. */
export function ownerText(owner: PolicyOwner): string {
  return owner.purpose === 'permissions'
    ? `the permissions of role ${owner.role}`
    : `the assume policy of role ${owner.role}`
}

/**
 * The text with the mark added, keeping what a person wrote there: adopting a hand-made role
 * should not erase its description. Cut to RAM's limit for the field.
 */
export function withMark(entity: MarkedEntity, existing: string, mark: string): string {
  const kept = existing.trim()
  if (!kept) return mark
  const room = MAX_LENGTH[entity] - mark.length - 3
  return room <= 0 ? mark : `${kept.slice(0, room)} (${mark})`
}
