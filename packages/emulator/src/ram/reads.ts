/**
 * Reads under eventual consistency (faults/: visibilityDelayMs). Reads go through these; writes use
 * the Account's require* and see everything (the service knows what it just wrote: creating it
 * again still answers EntityAlreadyExists.*).
 */
import type { CustomPolicy, PolicyType, PolicyView, Role, User } from '../domain/entities.js'
import { entityError } from '../domain/errors.js'
import type { OperationContext } from '../gateway/operation.js'
import { customPolicyView } from '../state/views.js'
import { account } from './views.js'

export function readUser(ctx: OperationContext, name: string): User {
  const user = account(ctx).requireUser(name)
  if (!ctx.consistency.visible(user)) throw entityError('EntityNotExist.User')
  return user
}

export function readRole(ctx: OperationContext, name: string): Role {
  const role = account(ctx).requireRole(name)
  if (!ctx.consistency.visible(role)) throw entityError('EntityNotExist.Role')
  return role
}

/** A custom policy as reads see it: new versions hidden, the previous default while a change propagates. */
export function readableCustom(ctx: OperationContext, policy: CustomPolicy): PolicyView {
  const view = customPolicyView(policy)
  const c = ctx.consistency
  if (!c.active) return view
  const def = c.visibleDefault(policy)
  return {
    ...view,
    defaultVersion: def,
    versions: view.versions.filter((v) => v.versionId === def || c.visible(v)),
  }
}

export function readPolicy(ctx: OperationContext, type: PolicyType, name: string): PolicyView {
  if (type === 'System') return account(ctx).requirePolicy('System', name)
  const policy = account(ctx).requireCustomPolicy(name)
  if (!ctx.consistency.visible(policy)) throw entityError('EntityNotExist.Policy')
  return readableCustom(ctx, policy)
}
