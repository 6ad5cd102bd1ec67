/**
 * STS (2015-04-01): AssumeRole, GetCallerIdentity; AssumeRoleWithOIDC / AssumeRoleWithSAML are
 * routed (anonymous) but answer NotImplemented for now.
 *
 * AssumeRole check order: parameter formats → root refused → caller's `sts:AssumeRole` permission
 * on the role ARN → role exists → DurationSeconds within the role's MaxSessionDuration → the
 * role's trust policy names the caller (and its conditions, e.g. `sts:ExternalId`, hold) → grant
 * changes have propagated (faults.ts `grantDelayMs`; a role not yet visible is EntityNotExist.Role).
 */
import { assumedRoleUserArn, parseRoleArn, ramResource, roleArn, rootArn, userArn } from './arn.js'
import { type Identity, identityArn } from './auth.js'
import { authorize } from './authorize.js'
import { ApiError, invalidParam, noPermission, TRUST_DENIED_MESSAGE } from './errors.js'
import { type Consistency, type Operation, operationTable } from './operation.js'
import * as P from './params.js'
import { evaluateTrust, type ParsedPolicy, PolicyError, parsePolicy } from './policy.js'
import type { Role, StsSession } from './state.js'
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

const assumeRole: Operation = {
  action: 'AssumeRole',
  required: ['RoleArn', 'RoleSessionName'],
  handle(ctx) {
    const p = ctx.params
    const identity = ctx.identity!
    const target = parseRoleArn(p.RoleArn!)
    if (!target) throw wronglyFormed('RoleArn')
    const sessionName = p.RoleSessionName!
    if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(sessionName)) throw wronglyFormed('RoleSessionName')
    const durationText = P.optional(p, 'DurationSeconds')
    if (durationText !== undefined && !/^\d{1,9}$/.test(durationText)) throw wronglyFormed('DurationSeconds')
    const duration = durationText === undefined ? 3600 : Number(durationText)
    const policy = sessionPolicy(P.optional(p, 'Policy'))
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

    const account = ctx.store.accounts.get(target.accountId)
    const role: Role | undefined = account?.roles.get(target.roleName)
    if (!account || !role || !ctx.consistency.visible(role)) {
      throw new ApiError(
        'EntityNotExist.Role',
        `The role not exists: ${roleArn(target.accountId, target.roleName)}.`,
      )
    }
    if (duration < 900 || duration > role.maxSessionDuration) {
      throw invalidParam(
        'DurationSeconds',
        `The Min/Max value of DurationSeconds is 15min/${role.maxSessionDuration / 3600}hr.`,
      )
    }
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

    const creds = ctx.store.ids.stsCredentials()
    const expiration = new Date(ctx.now.getTime() + duration * 1000)
    const session: StsSession = {
      ...creds,
      accountId: account.accountId,
      roleId: role.roleId,
      roleName: role.roleName,
      sessionName,
      policy,
      expiration,
      sourceIdentity,
    }
    ctx.store.sessions.set(creds.accessKeyId, session)
    const out: Record<string, unknown> = {
      Credentials: {
        AccessKeyId: creds.accessKeyId,
        AccessKeySecret: creds.accessKeySecret,
        SecurityToken: creds.securityToken,
        Expiration: isoSeconds(expiration),
      },
      AssumedRoleUser: {
        Arn: assumedRoleUserArn(account.accountId, role.roleName, sessionName),
        AssumedRoleId: `${role.roleId}:${sessionName}`,
      },
    }
    if (sourceIdentity !== undefined) out.SourceIdentity = sourceIdentity
    return out
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
  notImplemented('AssumeRoleWithOIDC'),
  notImplemented('AssumeRoleWithSAML'),
])
