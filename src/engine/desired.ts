/** The desired state: the seeds' console flow, written down as data from the inputs. */
import type { Desired, DesiredPolicy, Inputs, PolicyRef } from '../model.js'
import { accountTrustPolicy, assumeRolePolicy } from '../policy/document.js'

/** Marks what this action created, so a person browsing the console knows where it came from. */
export const OWNER_MARK = 'Managed by the ram-identity GitHub Action'

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
    customPolicies.push({
      name: inputs.policy.name,
      document: inputs.policy.file.document,
      description: `${OWNER_MARK}: permissions of role ${inputs.roleName}`,
    })
    rolePolicies.push({ type: 'Custom', name: inputs.policy.name })
  }
  let user: Desired['user']
  if (inputs.subAccount) {
    const { name, assumePolicyName, policies } = inputs.subAccount
    customPolicies.push({
      name: assumePolicyName,
      document: assumeRolePolicy(arn),
      description: `${OWNER_MARK}: lets ${name} assume role ${inputs.roleName}`,
    })
    user = {
      name,
      comments: `${OWNER_MARK}: may assume role ${inputs.roleName}`,
      policies: [{ type: 'Custom', name: assumePolicyName }, ...policies],
    }
  }
  return {
    role: {
      name: inputs.roleName,
      arn,
      trustPolicy: accountTrustPolicy(accountId),
      maxSessionDuration: inputs.maxSessionDuration,
      description: `${OWNER_MARK}; assumed by GitHub workflows`,
    },
    rolePolicies,
    customPolicies,
    user,
    allUsersPolicies: inputs.allUsersPolicies,
    exclusive: inputs.exclusive,
  }
}
