export const rootArn = (accountId: string): string => `acs:ram::${accountId}:root`
export const userArn = (accountId: string, userName: string): string =>
  `acs:ram::${accountId}:user/${userName}`
export const roleArn = (accountId: string, roleName: string): string =>
  `acs:ram::${accountId}:role/${roleName}`

/**
 * Session ARNs. `roleName` is the role name as the session ARN spells it: whether STS keeps the
 * role's case there is unconfirmed (README fidelity table), so the caller decides
 * (`Fidelity.sessionRoleNameCase`); the session name always keeps its case.
 */
export const assumedRoleUserArn = (accountId: string, roleName: string, session: string): string =>
  `acs:ram::${accountId}:role/${roleName}/${session}`
export const assumedRoleArn = (accountId: string, roleName: string, session: string): string =>
  `acs:ram::${accountId}:assumed-role/${roleName}/${session}`

export const oidcProviderArn = (accountId: string, name: string): string =>
  `acs:ram::${accountId}:oidc-provider/${name}`

/** `acs:ram::<uid>:oidc-provider/<name>` (case-insensitive prefix), or undefined. */
export function parseOidcProviderArn(arn: string): { accountId: string; name: string } | undefined {
  const m = /^acs:ram::(\d+):oidc-provider\/([^/]+)$/i.exec(arn)
  return m ? { accountId: m[1]!, name: m[2]! } : undefined
}

export type ResourceType = 'user' | 'role' | 'policy'

/** Authorization resource for an entity, or for "all of them" with name `*` (list calls). */
export const ramResource = (accountId: string, type: ResourceType, name: string): string =>
  `acs:ram::${accountId}:${type}/${name}`
export const systemPolicyResource = (name: string): string => `acs:ram::system:policy/${name}`
export const accountResource = (accountId: string): string => `acs:ram::${accountId}:*`

/** `acs:ram::<uid>:role/<name>` (case-insensitive prefix), or undefined. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const m = /^acs:ram::(\d+):role\/([^/]+)$/i.exec(arn)
  return m ? { accountId: m[1]!, roleName: m[2]! } : undefined
}
