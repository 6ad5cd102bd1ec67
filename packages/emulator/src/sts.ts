/**
 * STS (2015-04-01): AssumeRole, AssumeRoleWithOIDC, GetCallerIdentity; AssumeRoleWithSAML is
 * routed (anonymous) but answers NotImplemented.
 *
 * AssumeRole check order: parameter formats → root refused → caller's `sts:AssumeRole` permission
 * on the role ARN → role exists → DurationSeconds within the role's MaxSessionDuration → the
 * role's trust policy names the caller (and its conditions, e.g. `sts:ExternalId`, hold) → grant
 * changes have propagated (faults.ts `grantDelayMs`; a role not yet visible is EntityNotExist.Role).
 *
 * AssumeRoleWithOIDC (anonymous; a signature, if any, is verified but not used) check order:
 * parameter formats → the provider exists → the token verifies (oidc.ts) → role exists →
 * DurationSeconds → the role is in the provider's account and its trust policy has an Allow for the
 * provider ARN under `Federated` whose conditions hold over `oidc:iss`, `oidc:aud`, `oidc:sub` →
 * the role's trust change has propagated.
 */
import {
  assumedRoleUserArn,
  oidcProviderArn,
  parseOidcProviderArn,
  parseRoleArn,
  ramResource,
  roleArn,
  rootArn,
  userArn,
} from './arn.js'
import { type Identity, identityArn } from './auth.js'
import { authorize } from './authorize.js'
import { ApiError, invalidParam, noPermission, oidc, TRUST_DENIED_MESSAGE } from './errors.js'
import { verifyOidcToken } from './oidc.js'
import { type Consistency, type Operation, type OperationContext, operationTable } from './operation.js'
import * as P from './params.js'
import { evaluateTrust, type ParsedPolicy, PolicyError, parsePolicy } from './policy.js'
import type { Account, Role, StsSession } from './state.js'
import { isoSeconds } from './time.js'

const MAX_SESSION_POLICY = 2048

const wronglyFormed = (param: string): ApiError =>
  new ApiError(`InvalidParameter.${param}`, `The parameter ${param} is wrongly formed.`)

function sessionPolicy(text: string | undefined): ParsedPolicy | undefined {
  if (text === undefined) return undefined
  if (text.length > MAX_SESSION_POLICY) {
    throw new ApiError(
      'InvalidParameter.PolicySize',
      `The size of Policy must be smaller than ${MAX_SESSION_POLICY}.`,
    )
  }
  try {
    return parsePolicy(text, 'session')
  } catch (e) {
    if (e instanceof PolicyError) {
      throw new ApiError(
        'InvalidParameter.PolicyGrammar',
        `The parameter Policy has not a valid grammar: ${e.message}`,
      )
    }
    throw e
  }
}

/**
 * Eventual consistency of grants: false while the caller's attachments, or the default version of
 * a custom policy attached to the caller, changed less than `grantDelayMs` ago.
 */
function callerGrantsSettled(c: Consistency, identity: Exclude<Identity, { kind: 'root' }>): boolean {
  if (!c.active) return true
  const principal = identity.kind === 'user' ? identity.user : identity.role
  if (!c.settled(principal)) return false
  for (const a of principal.attachments) {
    const policy = a.policyType === 'Custom' ? identity.account.policies.get(a.policyName) : undefined
    if (policy && !c.settled(policy)) return false
  }
  return true
}

/** The parameters AssumeRole and AssumeRoleWithOIDC share, format-checked. */
function sessionParams(p: OperationContext['params']): {
  target: { accountId: string; roleName: string }
  sessionName: string
  duration: number
  policy: ParsedPolicy | undefined
} {
  const target = parseRoleArn(p.RoleArn!)
  if (!target) throw wronglyFormed('RoleArn')
  const sessionName = p.RoleSessionName!
  if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(sessionName)) throw wronglyFormed('RoleSessionName')
  const durationText = P.optional(p, 'DurationSeconds')
  if (durationText !== undefined && !/^\d{1,9}$/.test(durationText)) throw wronglyFormed('DurationSeconds')
  const duration = durationText === undefined ? 3600 : Number(durationText)
  return { target, sessionName, duration, policy: sessionPolicy(P.optional(p, 'Policy')) }
}

/** The role named by RoleArn, if it exists and is visible; otherwise EntityNotExist.Role. */
function targetRole(
  ctx: OperationContext,
  target: { accountId: string; roleName: string },
): { account: Account; role: Role } {
  const account = ctx.store.accounts.get(target.accountId)
  const role: Role | undefined = account?.roles.get(target.roleName)
  if (!account || !role || !ctx.consistency.visible(role)) {
    throw new ApiError(
      'EntityNotExist.Role',
      `The role not exists: ${roleArn(target.accountId, target.roleName)}.`,
    )
  }
  return { account, role }
}

function checkDuration(duration: number, role: Role): void {
  if (duration < 900 || duration > role.maxSessionDuration) {
    throw invalidParam(
      'DurationSeconds',
      `The Min/Max value of DurationSeconds is 15min/${role.maxSessionDuration / 3600}hr.`,
    )
  }
}

/** Issue STS credentials for a role session: the Credentials and AssumedRoleUser of the answer. */
function issueSession(
  ctx: OperationContext,
  account: Account,
  role: Role,
  opts: { sessionName: string; duration: number; policy?: ParsedPolicy; sourceIdentity?: string },
): Record<string, unknown> {
  const creds = ctx.store.ids.stsCredentials()
  const expiration = new Date(ctx.now.getTime() + opts.duration * 1000)
  const session: StsSession = {
    ...creds,
    accountId: account.accountId,
    roleId: role.roleId,
    roleName: role.roleName,
    sessionName: opts.sessionName,
    policy: opts.policy,
    expiration,
    sourceIdentity: opts.sourceIdentity,
  }
  ctx.store.sessions.set(creds.accessKeyId, session)
  return {
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      AccessKeySecret: creds.accessKeySecret,
      SecurityToken: creds.securityToken,
      Expiration: isoSeconds(expiration),
    },
    AssumedRoleUser: {
      Arn: assumedRoleUserArn(account.accountId, role.roleName, opts.sessionName),
      AssumedRoleId: `${role.roleId}:${opts.sessionName}`,
    },
  }
}

const assumeRole: Operation = {
  action: 'AssumeRole',
  required: ['RoleArn', 'RoleSessionName'],
  handle(ctx) {
    const p = ctx.params
    const identity = ctx.identity!
    const { target, sessionName, duration, policy } = sessionParams(p)
    const externalId = P.optional(p, 'ExternalId')
    if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId))
      throw wronglyFormed('ExternalId')
    const sourceIdentity = P.optional(p, 'SourceIdentity')
    if (sourceIdentity !== undefined && !/^[\w+=,.@-]{2,64}$/.test(sourceIdentity))
      throw wronglyFormed('SourceIdentity')

    if (identity.kind === 'root') throw noPermission('Roles may not be assumed by root accounts.')
    authorize(
      identity,
      'sts:AssumeRole',
      [ramResource(target.accountId, 'role', target.roleName)],
      ctx.conditions,
    )

    const { account, role } = targetRole(ctx, target)
    checkDuration(duration, role)
    const caller = identity.account.accountId
    const principals =
      identity.kind === 'user'
        ? [rootArn(caller), userArn(caller, identity.user.userName)]
        : [rootArn(caller), roleArn(caller, identity.role.roleName)]
    const trust = evaluateTrust(role.trustPolicy, principals, {
      ...ctx.conditions,
      'sts:ExternalId': externalId,
    })
    if (trust !== 'Allow') throw noPermission(TRUST_DENIED_MESSAGE)
    // A role just created or re-trusted, or grants of the caller just changed: not in effect yet.
    if (!ctx.consistency.settled(role)) throw noPermission(TRUST_DENIED_MESSAGE)
    if (!callerGrantsSettled(ctx.consistency, identity)) throw noPermission()

    const out = issueSession(ctx, account, role, { sessionName, duration, policy, sourceIdentity })
    if (sourceIdentity !== undefined) out.SourceIdentity = sourceIdentity
    return out
  },
}

const MAX_OIDC_TOKEN = 20000

const assumeRoleWithOidc: Operation = {
  action: 'AssumeRoleWithOIDC',
  anonymous: true,
  required: ['OIDCProviderArn', 'RoleArn', 'OIDCToken', 'RoleSessionName'],
  handle(ctx) {
    const p = ctx.params
    const providerRef = parseOidcProviderArn(p.OIDCProviderArn!)
    if (!providerRef) throw wronglyFormed('OIDCProviderArn')
    const token = p.OIDCToken!
    if (token.length < 4 || token.length > MAX_OIDC_TOKEN) throw wronglyFormed('OIDCToken')
    const { target, sessionName, duration, policy } = sessionParams(p)

    const provider = ctx.store.accounts.get(providerRef.accountId)?.oidcProviders.get(providerRef.name)
    if (!provider) throw oidc.noProvider()
    const providerArn = oidcProviderArn(providerRef.accountId, provider.name)
    const claims = verifyOidcToken(token, provider, ctx.now)

    const { account, role } = targetRole(ctx, target)
    checkDuration(duration, role)
    // The provider must belong to the role's account (stricter reading): a trust policy can only
    // name the providers of its own account.
    const trust =
      providerRef.accountId === account.accountId
        ? evaluateTrust(
            role.trustPolicy,
            [providerArn],
            { ...ctx.conditions, 'oidc:iss': claims.iss, 'oidc:aud': claims.aud, 'oidc:sub': claims.sub },
            'Federated',
          )
        : 'Implicit'
    if (trust !== 'Allow') throw oidc.trustDenied()
    if (!ctx.consistency.settled(role)) throw oidc.trustDenied()

    return {
      ...issueSession(ctx, account, role, { sessionName, duration, policy }),
      OIDCTokenInfo: {
        Subject: claims.sub,
        Issuer: claims.iss,
        ClientIds: claims.aud.join(','),
        ExpirationTime: isoSeconds(new Date(claims.exp * 1000)),
        IssuanceTime: isoSeconds(new Date(claims.iat * 1000)),
        VerificationInfo: 'Success',
      },
    }
  },
}

const getCallerIdentity: Operation = {
  action: 'GetCallerIdentity',
  required: [],
  handle(ctx) {
    const id = ctx.identity!
    const accountId = id.account.accountId
    const base = { AccountId: accountId, Arn: identityArn(id) }
    switch (id.kind) {
      case 'root':
        // The doc says UserId is not returned for the account itself.
        return { ...base, IdentityType: 'Account', PrincipalId: accountId }
      case 'user':
        return { ...base, IdentityType: 'RAMUser', PrincipalId: id.user.userId, UserId: id.user.userId }
      default:
        return {
          ...base,
          IdentityType: 'AssumedRoleUser',
          PrincipalId: `${id.role.roleId}:${id.session.sessionName}`,
          RoleId: id.role.roleId,
        }
    }
  },
}

const notImplemented = (action: string): Operation => ({
  action,
  anonymous: true,
  required: [],
  handle() {
    throw new ApiError('NotImplemented', `${action} is not implemented by the emulator yet.`)
  },
})

export const STS_OPERATIONS = operationTable([
  assumeRole,
  getCallerIdentity,
  assumeRoleWithOidc,
  notImplemented('AssumeRoleWithSAML'),
])
