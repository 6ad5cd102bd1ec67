/** The desired state: the seeds' console flow, written down as data from the inputs. */
import type { Desired, DesiredPolicy, Inputs, PolicyRef } from '../model.js'
import { accountTrustPolicy, assumeRolePolicy } from '../policy/document.js'
import { policyDescription, roleDescription, userComments } from './ownership.js'

/** The ARN STS expects for a role of an account. */
export function roleArn(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName}`
}

/** Builds the desired state: the seeds' console flow, written down as data. */
export function desiredState(inputs: Inputs, accountId: string): Desired {
  const arn = roleArn(accountId, inputs.roleName)
  const customPolicies: DesiredPolicy[] = []
  const rolePolicies: PolicyRef[] = []
  if (inputs.policy) {
    const owner = { purpose: 'permissions' as const, role: inputs.roleName }
    customPolicies.push({
      name: inputs.policy.name,
      document: inputs.policy.file.document,
      description: policyDescription(owner),
      owner,
      file: inputs.policy.file,
    })
    rolePolicies.push({ type: 'Custom', name: inputs.policy.name })
  }
  let user: Desired['user']
  if (inputs.subAccount) {
    const { name, assumePolicyName, policies } = inputs.subAccount
    const owner = { purpose: 'assume' as const, role: inputs.roleName }
    customPolicies.push({
      name: assumePolicyName,
      document: assumeRolePolicy(arn),
      description: policyDescription(owner, name),
      owner,
    })
    user = {
      name,
      comments: userComments(inputs.roleName),
      policies: [{ type: 'Custom', name: assumePolicyName }, ...policies],
    }
  }
  return {
    accountId,
    role: {
      name: inputs.roleName,
      arn,
      trustPolicy: inputs.trustPolicy?.document ?? accountTrustPolicy(accountId),
      trustFile: inputs.trustPolicy,
      maxSessionDuration: inputs.maxSessionDuration,
      description: roleDescription(),
    },
    rolePolicies,
    customPolicies,
    user,
    allUsersPolicies: inputs.allUsersPolicies,
    exclusive: inputs.exclusive,
    adopt: inputs.adopt,
    ignorePolicies: inputs.ignorePolicies,
  }
}
