/**
 * Guards: the changes a run refuses to make, decided from the plan and what was read, before
 * the first write. Each refusal names the inputs to look at. A drift check reports the same
 * refusals, so a nightly run warns before anyone applies.
 */
import {
  type Actual,
  type CallerIdentity,
  type Change,
  type Desired,
  type Inputs,
  policyKey,
  type Refusal,
} from '../model.js'
import { ownerText, policyOwner, sameOwner } from './ownership.js'
import { DEFAULT_MAX_SESSION_DURATION } from './plan.js'

/** Everything the guards look at. */
export interface GuardContext {
  inputs: Inputs
  desired: Desired
  actual: Actual
  caller: CallerIdentity
  changes: Change[]
}

/** The refusals of a plan; empty when every change may be made. */
export function refusals(ctx: GuardContext): Refusal[] {
  return [
    ...lockOut(ctx),
    ...selfDetach(ctx),
    ...ownerCollisions(ctx),
    ...missingPolicies(ctx),
    ...sessionTooLong(ctx),
    ...(ctx.inputs.mode === 'apply' && !ctx.inputs.adopt ? adoptions(ctx.changes) : []),
  ]
}

/** The role the run is signed in through: its OIDC role, or the role of the caller's session. */
export function signedInRole(inputs: Inputs, caller: CallerIdentity): string | undefined {
  const oidc = inputs.oidc && /^acs:ram::(\d+):role\/(.+)$/.exec(inputs.oidc.roleArn)
  if (oidc && oidc[1] === caller.accountId) return oidc[2]
  return /^acs:ram::\d+:assumed-role\/([^/]+)\//.exec(caller.arn)?.[1]
}

/** The RAM user the run is signed in as, if it is one. */
function signedInUser(caller: CallerIdentity): string | undefined {
  return /^acs:ram::\d+:user\/(.+)$/.exec(caller.arn)?.[1]
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase()

/** Replacing the trust of the role the run signs in through locks every later run out. */
function lockOut({ inputs, caller, changes }: GuardContext): Refusal[] {
  const own = signedInRole(inputs, caller)
  return changes
    .filter((c) => c.kind === 'update-role' && c.trustPolicy && same(own, c.role))
    .map(() => ({
      inputs: inputs.oidc
        ? ['role-name', 'oidc-role-arn', 'trust-policy-file']
        : ['role-name', 'trust-policy-file'],
      message:
        `the run signs in through role ${own} and would replace its trust policy: the next run could not sign in. ` +
        'Reconcile another role-name, or give trust-policy-file with the trust that role has now',
    }))
}

/** Detaching from the reconciling identity itself takes away the access the run stands on. */
function selfDetach({ inputs, caller, changes }: GuardContext): Refusal[] {
  const user = signedInUser(caller)
  const role = signedInRole(inputs, caller)
  return changes.flatMap((c) => {
    if (c.kind !== 'detach-policy') return []
    const self = c.principal.type === 'user' ? same(user, c.principal.name) : same(role, c.principal.name)
    if (!self) return []
    return [
      {
        inputs: ['exclusive', c.principal.type === 'user' ? 'sub-account' : 'role-name', 'ignore-policies'],
        message: `exclusive would detach ${c.policy.type}:${c.policy.name} from ${c.principal.type} ${c.principal.name}, the identity this run signs in as: it would lose the access it stands on. Name the policy in ignore-policies, or reconcile another ${c.principal.type}`,
      },
    ]
  })
}

/** A custom policy whose mark names another owner is never taken over. */
function ownerCollisions({ inputs, desired, actual }: GuardContext): Refusal[] {
  return desired.customPolicies.flatMap((policy) => {
    const observed = actual.customPolicies.get(policy.name.toLowerCase())
    const owner = observed && policyOwner(observed.description)
    if (!owner || owner === 'ours' || sameOwner(owner, policy.owner)) return []
    const input =
      policy.owner.purpose === 'permissions' && inputs.policy?.name === policy.name
        ? 'policy-name'
        : 'role-name'
    return [
      {
        inputs: [input],
        message: `policy ${policy.name} already holds ${ownerText(owner)} (its description says so); it would become ${ownerText(policy.owner)}, and the two would overwrite each other. Choose another ${input}`,
      },
    ]
  })
}

/** A policy to attach that does not exist would fail after other writes: found by reads, first. */
function missingPolicies({ inputs, actual }: GuardContext): Refusal[] {
  const allUsers = new Set(inputs.allUsersPolicies.map(policyKey))
  return actual.missingPolicies.map((p) => {
    const input = allUsers.has(policyKey(p)) ? 'all-users-policies' : 'sub-account-policies'
    return {
      inputs: [input],
      message: `${p.type} policy ${p.name} does not exist (check the name and the System:/Custom: prefix)`,
    }
  })
}

/** STS refuses a session longer than the role allows; say so before writing anything. */
function sessionTooLong({ inputs, desired, actual }: GuardContext): Refusal[] {
  const max =
    desired.role.maxSessionDuration ?? actual.role?.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION
  if (inputs.session.durationSeconds <= max) return []
  return [
    {
      inputs: ['duration-seconds', 'max-session-duration'],
      message: `duration-seconds is ${inputs.session.durationSeconds}, above the role's MaxSessionDuration ${max}`,
    },
  ]
}

/** Changes to entities the action did not create, without `adopt: true`. */
function adoptions(changes: Change[]): Refusal[] {
  return changes.flatMap((c): Refusal[] => {
    // A version delete only makes room for the new version, which is refused on its own.
    if (!('adopt' in c) || !c.adopt || c.kind === 'delete-policy-version') return []
    const what =
      c.kind === 'update-role'
        ? `change role ${c.role} (${[c.trustPolicy && 'trust policy', c.maxSessionDuration && 'MaxSessionDuration'].filter(Boolean).join(', ')})`
        : c.kind === 'detach-policy'
          ? `detach ${c.policy.type}:${c.policy.name} from ${c.principal.type} ${c.principal.name}`
          : `change the default version of policy ${c.policy}`
    return [
      {
        inputs: ['adopt'],
        message: `would ${what}, which this action did not create (no ownership mark): set adopt: true to take it over`,
      },
    ]
  })
}
