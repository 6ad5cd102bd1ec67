/** What AssumeRole and AssumeRoleWithOIDC share: parameters, the target role, issuing a session. */

import { assumedRoleUserArn, parseRoleArn, roleArn } from '../domain/arn.js'
import type { Role, StsSession } from '../domain/entities.js'
import { ApiError, invalidParam } from '../domain/errors.js'
import { isoSeconds } from '../domain/time.js'
import type { Identity } from '../gateway/auth.js'
import type { Consistency, OperationContext } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { type ParsedPolicy, PolicyError, parsePolicy } from '../policy/grammar.js'
import type { Account } from '../state/account.js'
import type { Store } from '../state/store.js'

const MAX_SESSION_POLICY = 2048

export const wronglyFormed = (param: string): ApiError =>
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
export function callerGrantsSettled(c: Consistency, identity: Exclude<Identity, { kind: 'root' }>): boolean {
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
export function sessionParams(p: OperationContext['params']): {
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
export function targetRole(
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

export function checkDuration(duration: number, role: Role): void {
  if (duration < 900 || duration > role.maxSessionDuration) {
    throw invalidParam(
      'DurationSeconds',
      `The Min/Max value of DurationSeconds is 15min/${role.maxSessionDuration / 3600}hr.`,
    )
  }
}

/** What a new role session is made of. */
export interface SessionOptions {
  sessionName: string
  /** Seconds. */
  duration: number
  policy?: ParsedPolicy
  sourceIdentity?: string
}

/**
 * Create a role session that RAM and STS then accept (its key, secret and token), valid for
 * `duration` seconds from `now`. AssumeRole, AssumeRoleWithOIDC and the metadata stand-in's
 * instance role all come through here.
 */
export function createSession(
  store: Store,
  account: Account,
  role: Role,
  now: Date,
  opts: SessionOptions,
): StsSession {
  const creds = store.ids.stsCredentials()
  const session: StsSession = {
    ...creds,
    accountId: account.accountId,
    roleId: role.roleId,
    roleName: role.roleName,
    arnRoleName: store.fidelity.sessionRoleNameCase === 'lower' ? role.roleName.toLowerCase() : role.roleName,
    sessionName: opts.sessionName,
    policy: opts.policy,
    expiration: new Date(now.getTime() + opts.duration * 1000),
    sourceIdentity: opts.sourceIdentity,
  }
  store.sessions.set(creds.accessKeyId, session)
  return session
}

/** Issue STS credentials for a role session: the Credentials and AssumedRoleUser of the answer. */
export function issueSession(
  ctx: OperationContext,
  account: Account,
  role: Role,
  opts: SessionOptions,
): Record<string, unknown> {
  const session = createSession(ctx.store, account, role, ctx.now, opts)
  const creds = session
  const expiration = session.expiration
  return {
    Credentials: {
      AccessKeyId: creds.accessKeyId,
      AccessKeySecret: creds.accessKeySecret,
      SecurityToken: creds.securityToken,
      Expiration: isoSeconds(expiration),
    },
    AssumedRoleUser: {
      Arn: assumedRoleUserArn(account.accountId, session.arnRoleName, opts.sessionName),
      AssumedRoleId: `${role.roleId}:${opts.sessionName}`,
    },
  }
}
