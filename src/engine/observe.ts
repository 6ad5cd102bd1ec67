/** Observing RAM: every read a run needs, all at once, into the `Actual` the planner takes. */
import { type Actual, type Inputs, type PolicyRef, policyKey, type RamReader } from '../model.js'
import { RunProblem } from './failure.js'

/** The names whose state a run needs; they come from the inputs, before the account id is known. */
export interface Targets {
  role: string
  customPolicies: string[]
  user?: string
  allUsersPolicies: PolicyRef[]
}

/** The entities the inputs name. */
export function targetsOf(inputs: Inputs): Targets {
  const customPolicies = [inputs.policy?.name, inputs.subAccount?.assumePolicyName].filter(
    (n): n is string => !!n,
  )
  return {
    role: inputs.roleName,
    customPolicies,
    user: inputs.subAccount?.name,
    allUsersPolicies: inputs.allUsersPolicies,
  }
}

/**
 * Reads what RAM has for the targets. Every read is independent, so they all run at once:
 * a converged account costs one round trip of reads, not a chain of them.
 */
export async function observe(ram: RamReader, targets: Targets): Promise<Actual> {
  const [role, rolePolicies, versions, user, userPolicies, usersLacking] = await Promise.all([
    ram.getRole(targets.role),
    ram.listAttachedPolicies({ type: 'role', name: targets.role }),
    Promise.all(targets.customPolicies.map((name) => ram.listPolicyVersions(name))),
    targets.user ? ram.getUser(targets.user) : undefined,
    targets.user ? ram.listAttachedPolicies({ type: 'user', name: targets.user }) : [],
    targets.allUsersPolicies.length > 0 ? usersLackingPolicies(ram, targets.allUsersPolicies) : new Map(),
  ])
  return {
    role,
    rolePolicies,
    policyVersions: new Map(targets.customPolicies.map((name, i) => [name.toLowerCase(), versions[i]])),
    userExists: user !== undefined,
    userPolicies,
    usersLacking,
  }
}

/**
 * For each policy, the users that do not have it. One ListEntitiesForPolicy per policy says
 * who has it, so the cost does not grow with the users already granted; the user listing is
 * streamed a page at a time and only the names of those lacking a policy are kept.
 */
async function usersLackingPolicies(ram: RamReader, policies: PolicyRef[]): Promise<Map<string, string[]>> {
  const holders = Promise.all(
    policies.map(async (policy) => {
      const users = await ram.listUsersWithPolicy(policy)
      if (!users)
        throw new RunProblem(`all-users-policies: ${policy.type} policy ${policy.name} does not exist`)
      return new Set(users.map((u) => u.toLowerCase()))
    }),
  )
  holders.catch(() => {}) // surfaced by the await below; avoid an unhandled rejection meanwhile
  const lacking = policies.map(() => [] as string[])
  for await (const page of ram.listUsers()) {
    const has = await holders
    for (const user of page) {
      policies.forEach((_, i) => {
        if (!has[i]!.has(user.name.toLowerCase())) lacking[i]!.push(user.name)
      })
    }
  }
  return new Map(policies.map((policy, i) => [policyKey(policy), lacking[i]!]))
}
