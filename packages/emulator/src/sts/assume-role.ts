/**
 * AssumeRole. Check order: parameter formats → root refused → caller's `sts:AssumeRole` permission
 * on the role ARN → role exists → DurationSeconds within the role's MaxSessionDuration → the
 * role's trust policy names the caller (and its conditions, e.g. `sts:ExternalId`, hold) → grant
 * changes have propagated (faults/ `grantDelayMs`; a role not yet visible is EntityNotExist.Role).
 */

import { ramResource, roleArn, rootArn, userArn } from '../domain/arn.js'
import { noPermission, TRUST_DENIED_MESSAGE } from '../domain/errors.js'
import { authorize } from '../gateway/authorize.js'
import type { Operation } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { evaluateTrust } from '../policy/evaluate.js'
import {
  callerGrantsSettled,
  checkDuration,
  issueSession,
  sessionParams,
  targetRole,
  wronglyFormed,
} from './session.js'

export const assumeRole: Operation = {
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
