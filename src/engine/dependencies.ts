/**
 * What each change of a plan must wait for, derived from the typed changes alone, so apply can
 * run every change as soon as what it needs exists: independent writes go at once.
 */
import type { Change, Principal } from '../model.js'

/**
 * For each change, the indices of the earlier changes of the plan it waits for:
 *
 * - an attach or detach waits for the create of its role or user;
 * - an attach of a custom policy also waits for the policy's create or new version, so a
 *   principal never holds the policy's old document, not even for a moment;
 * - a new policy version waits for the version delete that makes room for it;
 * - a role update waits for the role's create (a plan never holds both; the rule costs nothing);
 * - an ownership mark waits for the entity's other changes, so it is written only once they are.
 *
 * Creates, and updates of entities that exist, wait for nothing. Only earlier changes count: a
 * plan lists what a change needs before the change, so the graph has no cycle, and it only
 * relaxes the plan's order where nothing depends on it.
 */
export function dependencies(plan: readonly Change[]): number[][] {
  const providers = new Map<string, number[]>()
  return plan.map((change, i) => {
    const waitsFor = needs(change).flatMap((key) => providers.get(key) ?? [])
    for (const key of provides(change)) {
      const list = providers.get(key)
      if (list) list.push(i)
      else providers.set(key, [i])
    }
    return waitsFor.length > 1 ? [...new Set(waitsFor)] : waitsFor
  })
}

// Keys name what a change makes exist (or makes right) and what another change needs. Both
// switches list every kind, so a new kind of change does not type-check until someone says
// what it waits for.
/** The key of a role or user, as the changes that make it and need it name it. */
export const principal = (p: Principal) => `${p.type}:${p.name.toLowerCase()}`
/** The key of a custom policy, as the changes that make it and need it name it. */
export const policy = (name: string) => `policy:${name.toLowerCase()}`
const versionSlot = (name: string) => `version-slot:${name.toLowerCase()}`
const updated = (p: Principal) => `updated:${principal(p)}`

function provides(change: Change): string[] {
  switch (change.kind) {
    case 'create-user':
      return [principal({ type: 'user', name: change.user })]
    case 'create-role':
      return [principal({ type: 'role', name: change.role })]
    case 'create-policy':
    case 'create-policy-version':
      return [policy(change.policy)]
    case 'delete-policy-version':
      return [versionSlot(change.policy)]
    case 'update-role':
      return [updated({ type: 'role', name: change.role })]
    case 'attach-policy':
    case 'detach-policy':
    case 'mark-owned':
      return []
  }
}

function needs(change: Change): string[] {
  switch (change.kind) {
    case 'attach-policy':
      return change.policy.type === 'Custom'
        ? [principal(change.principal), policy(change.policy.name)]
        : [principal(change.principal)]
    case 'detach-policy':
      return [principal(change.principal)]
    case 'create-policy-version':
      return [versionSlot(change.policy)]
    case 'update-role':
      return [principal({ type: 'role', name: change.role })]
    case 'mark-owned':
      return change.entity === 'policy'
        ? [policy(change.name)]
        : [
            principal({ type: change.entity, name: change.name }),
            updated({ type: change.entity, name: change.name }),
          ]
    case 'create-user':
    case 'create-role':
    case 'create-policy':
    case 'delete-policy-version':
      return []
  }
}
