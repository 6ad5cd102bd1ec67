/**
 * The likely cause of a cloud error, in one sentence for the person reading the log. Every
 * hint the action gives lives here, so they stay consistent and are tested as one table.
 */
import { type CloudError, isTransportFailure } from './cloud-error.js'
import type { CallerIdentity, Inputs } from './model.js'

/** The most likely cause of any cloud error; '' when the code says it all. */
export function explain(e: CloudError): string {
  const code = e.code
  if (code === 'NoPermission' || code.startsWith('Forbidden')) {
    return `the identity lacks ${e.service}:${e.action}; the README lists the RAM permissions the reconciling identity needs`
  }
  if (code.startsWith('InvalidAccessKeyId')) return 'the AccessKey id is unknown or disabled'
  if (code === 'SignatureDoesNotMatch') return 'the AccessKey secret does not belong to the AccessKey id'
  if (code.startsWith('InvalidSecurityToken') || code === 'MissingSecurityToken') {
    return 'the security token is missing, expired or belongs to another AccessKey'
  }
  if (code === 'InvalidTimeStamp.Expired') return "the runner's clock is more than 15 minutes off"
  if (code.includes('Throttling')) {
    return 'still throttled after all retries: raise timeout-seconds, or run fewer jobs at once'
  }
  if (isTransportFailure(e)) {
    return `the ${e.service.toUpperCase()} endpoint could not be reached: check ${e.service}-endpoint, the network and any proxy`
  }
  if (code === 'InvalidResponse' || /^HTTP5\d\d$/.test(code)) {
    return `the ${e.service.toUpperCase()} endpoint answered with something that is not the service (a proxy or gateway?)`
  }
  if (code.startsWith('EntityNotExist.')) {
    return `RAM says the ${code.slice('EntityNotExist.'.length).toLowerCase().replace('.', ' ')} does not exist`
  }
  if (code === 'LimitExceeded.Policy.Version') return 'the policy already has 5 versions'
  return ''
}

/** A sentence on what most likely went wrong when AssumeRole is refused. */
export function assumeHint(
  error: CloudError,
  caller: Pick<CallerIdentity, 'arn' | 'identityType'>,
  roleArn: string,
): string {
  if (caller.identityType === 'Account') {
    return 'the caller is the account root, which STS never lets assume a role: use a RAM user (or sub-account keys)'
  }
  if (error.code === 'EntityNotExist.Role')
    return `the role ${roleArn} does not exist (yet): run with mode apply first`
  if (error.code === 'NoPermission') {
    return (
      `${caller.arn} may not assume ${roleArn}: it needs sts:AssumeRole on the role ` +
      '(e.g. through the <role-name>-assume policy or AliyunSTSAssumeRoleAccess), and the role trust policy must name its account'
    )
  }
  if (error.code.startsWith('InvalidAccessKeyId') || error.code === 'SignatureDoesNotMatch') {
    return 'the AccessKey pair used for AssumeRole is wrong or disabled'
  }
  return explain(error)
}

/** The claims of a GitHub ID token that help explain a refusal; none of them is secret. */
export interface TokenClaims {
  sub?: string
  aud?: string | string[]
  iss?: string
}

/** A sentence on why STS refused to exchange the job's ID token. */
export function oidcHint(err: CloudError, claims: TokenClaims, oidc: NonNullable<Inputs['oidc']>): string {
  const aud = [claims.aud ?? '?'].flat().join(',')
  if (err.code.endsWith('AudienceNotMatch')) {
    return `the token's audience ${oidc.audience} is not a client id of ${oidc.providerArn}: set oidc-audience to one of them`
  }
  if (err.code.endsWith('Expired')) return 'the ID token expired before STS saw it; re-run the job'
  if (err.code.endsWith('IssuerNotMatch')) {
    return `the OIDC provider's issuer URL is not ${claims.iss ?? 'the token issuer'} (https://token.actions.githubusercontent.com)`
  }
  if (err.code === 'AuthenticationFail.NoPermission' || err.code === 'NoPermission') {
    return `the trust policy of ${oidc.roleArn} does not accept this token (sub=${claims.sub ?? '?'}, aud=${aud}), or ${oidc.providerArn} does not exist`
  }
  if (err.code === 'EntityNotExist.Role') return `${oidc.roleArn} does not exist`
  return explain(err) || 'see the code above'
}
