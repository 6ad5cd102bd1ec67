/** Observing RAM: every read a run needs, all at once, into the `Actual` the planner takes. */
import {
  type Actual,
  type Inputs,
  type ObservedPolicy,
  type PolicyRef,
  policyKey,
  type RamReader,
} from '../model.js'

/** The names whose state a run needs; they come from the inputs, before the account id is known. */
export interface Targets {
  role: string
  customPolicies: string[]
  user?: string
  /** Policies to attach that this run does not create: each must exist before anything is written. */
  namedPolicies: PolicyRef[]
  allUsersPolicies: PolicyRef[]
}

/** The entities the inputs name. */
export function targetsOf(inputs: Inputs): Targets {
  const customPolicies = [inputs.policy?.name, inputs.subAccount?.assumePolicyName].filter(
    (n): n is string => !!n,
  )
  const created = new Set(customPolicies.map((name) => policyKey({ type: 'Custom', name })))
  return {
    role: inputs.roleName,
    customPolicies,
    user: inputs.subAccount?.name,
    namedPolicies: (inputs.subAccount?.policies ?? []).filter((p) => !created.has(policyKey(p))),
    allUsersPolicies: inputs.allUsersPolicies,
  }
}

/**
 * Reads what RAM has for the targets. Every read is independent, so they all run at once:
 * a converged account costs one round trip of reads, not a chain of them.
 */
export async function observe(ram: RamReader, targets: Targets): Promise<Actual> {
  const [role, rolePolicies, policies, user, userPolicies, named, allUsers] = await Promise.all([
    ram.getRole(targets.role),
    ram.listAttachedPolicies({ type: 'role', name: targets.role }),
    Promise.all(targets.customPolicies.map((name) => customPolicy(ram, name))),
    targets.user ? ram.getUser(targets.user) : undefined,
    targets.user ? ram.listAttachedPolicies({ type: 'user', name: targets.user }) : [],
    Promise.all(targets.namedPolicies.map(async (p) => ((await ram.getPolicy(p)) ? undefined : p))),
    targets.allUsersPolicies.length > 0 ? usersLackingPolicies(ram, targets.allUsersPolicies) : undefined,
  ])
  return {
    role,
    rolePolicies,
    customPolicies: new Map(targets.customPolicies.map((name, i) => [name.toLowerCase(), policies[i]])),
    user,
    userPolicies,
    usersLacking: allUsers?.lacking ?? new Map(),
    missingPolicies: [...named.filter((p): p is PolicyRef => !!p), ...(allUsers?.missing ?? [])],
  }
}

/** A custom policy's description (its ownership mark) and versions; undefined when it does not exist. */
async function customPolicy(ram: RamReader, name: string): Promise<ObservedPolicy | undefined> {
  const [info, versions] = await Promise.all([
    ram.getPolicy({ type: 'Custom', name }),
    ram.listPolicyVersions(name),
  ])
  return info && versions ? { description: info.description, versions } : undefined
}

/**
 * For each policy, the users that do not have it. One ListEntitiesForPolicy per policy says
 * who has it, so the cost does not grow with the users already granted; the user listing is
 * streamed a page at a time and only the names of those lacking a policy are kept. A policy
 * that does not exist is reported, not granted: granting it could only fail for everyone.
 */
async function usersLackingPolicies(
  ram: RamReader,
  policies: PolicyRef[],
): Promise<{ lacking: Map<string, string[]>; missing: PolicyRef[] }> {
  // The holders and the first page of users are read at once: one round trip, not two.
  const holders = Promise.all(policies.map((policy) => ram.listUsersWithPolicy(policy)))
  holders.catch(() => {}) // surfaced by the awaits below; no unhandled rejection meanwhile
  const lacking = policies.map(() => [] as string[])
  let has: Set<string>[] | undefined
  for await (const page of ram.listUsers()) {
    has ??= (await holders).map((users) => new Set((users ?? []).map((u) => u.toLowerCase())))
    for (const user of page) {
      has.forEach((set, i) => {
        if (!set.has(user.name.toLowerCase())) lacking[i]!.push(user.name)
      })
    }
  }
  const found = await holders
  const present = policies.map((policy, i) => ({ policy, lacking: lacking[i]! })).filter((_, i) => found[i])
  const missing = policies.filter((_, i) => !found[i])
  return { lacking: new Map(present.map((p) => [policyKey(p.policy), p.lacking])), missing }
}
