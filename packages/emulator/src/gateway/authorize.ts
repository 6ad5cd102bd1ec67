/**
 * Authorization of a caller for `<product>:<Action>` on resources, the way RAM decides it:
 * - the account root may do everything (AssumeRole refuses root separately, in sts.ts);
 * - a RAM user acts through the default versions of its attached policies;
 * - a role session acts through its role's attached policies intersected with the session policy.
 * Every resource must be allowed; an explicit Deny anywhere refuses.
 */
import { noPermission } from '../domain/errors.js'
import { type ConditionContext, evaluate } from '../policy/evaluate.js'
import type { Identity } from './auth.js'

export function isAllowed(
  identity: Identity,
  action: string,
  resource: string,
  context: ConditionContext,
): boolean {
  if (identity.kind === 'root') return true
  const req = { action, resource, context }
  if (identity.kind === 'user') {
    return evaluate(identity.account.attachedDocuments(identity.user), req) === 'Allow'
  }
  if (evaluate(identity.account.attachedDocuments(identity.role), req) !== 'Allow') return false
  const sessionPolicy = identity.session.policy
  return sessionPolicy === undefined || evaluate([sessionPolicy], req) === 'Allow'
}

export function authorize(
  identity: Identity,
  action: string,
  resources: string[],
  context: ConditionContext,
  message?: string,
): void {
  for (const resource of resources) {
    if (!isAllowed(identity, action, resource, context)) throw noPermission(message)
  }
}
