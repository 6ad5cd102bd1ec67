/** Attaching and detaching policies, and the lists of who holds what. */

import { roleArn } from '../domain/arn.js'
import type { PolicyType } from '../domain/entities.js'
import { entityError } from '../domain/errors.js'
import type { Operation } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { typedPolicy } from './policies.js'
import { readableCustom, readRole, readUser } from './reads.js'
import { account, date, roleRes, typedPolicyRes, userRes } from './views.js'

// ---- attachments ----------------------------------------------------------------------------------

function attachment(kind: 'user' | 'role', verb: 'Attach' | 'Detach'): Operation {
  const param = kind === 'user' ? 'UserName' : 'RoleName'
  const suffix = kind === 'user' ? 'User' : 'Role'
  return {
    action: verb === 'Attach' ? `AttachPolicyTo${suffix}` : `DetachPolicyFrom${suffix}`,
    required: ['PolicyType', 'PolicyName', param],
    // Both the principal and the policy are resources of the call.
    resources: (ctx) => [kind === 'user' ? userRes(ctx) : roleRes(ctx), typedPolicyRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const type: PolicyType = P.policyType(p.PolicyType!)
      const name = P.policyName(p.PolicyName!)
      const principalName = kind === 'user' ? P.userName(p.UserName!) : P.roleName(p.RoleName!)
      const acct = account(ctx)
      const principal = acct.principal(kind, principalName)
      // Propagation (faults/ attachDelayMs): a principal or custom policy created a moment ago is
      // not yet found by the attachment service, as the read-after-write waits of tf expect.
      if (!ctx.consistency.attachable(principal))
        throw entityError(kind === 'user' ? 'EntityNotExist.User' : 'EntityNotExist.Role')
      const custom = type === 'Custom' ? acct.policies.get(name) : undefined
      if (custom && !ctx.consistency.attachable(custom)) throw entityError('EntityNotExist.Policy')
      if (verb === 'Attach') ctx.consistency.created(acct.attach(kind, principal, type, name, ctx.now))
      else acct.detach(kind, principal, type, name)
      ctx.consistency.grantsChanged(principal)
      return {}
    },
  }
}

function listPoliciesFor(kind: 'user' | 'role'): Operation {
  const param = kind === 'user' ? 'UserName' : 'RoleName'
  return {
    action: kind === 'user' ? 'ListPoliciesForUser' : 'ListPoliciesForRole',
    required: [param],
    resources: (ctx) => [kind === 'user' ? userRes(ctx) : roleRes(ctx)],
    handle(ctx) {
      const acct = account(ctx)
      const name = kind === 'user' ? P.userName(ctx.params.UserName!) : P.roleName(ctx.params.RoleName!)
      const principal = kind === 'user' ? readUser(ctx, name) : readRole(ctx, name)
      const list = principal.attachments
        .filter((a) => ctx.consistency.visible(a))
        .map((a) => {
          const custom = a.policyType === 'Custom' ? acct.policies.get(a.policyName) : undefined
          const policy = custom ? readableCustom(ctx, custom) : acct.findPolicy(a.policyType, a.policyName)
          return {
            PolicyName: a.policyName,
            PolicyType: a.policyType,
            Description: policy?.description ?? '',
            DefaultVersion: policy?.defaultVersion ?? '',
            AttachDate: date(a.attachDate),
          }
        })
      return { Policies: { Policy: list } }
    },
  }
}

export const attachments: Operation[] = [
  attachment('user', 'Attach'),
  attachment('role', 'Attach'),
  attachment('user', 'Detach'),
  attachment('role', 'Detach'),
  listPoliciesFor('user'),
  listPoliciesFor('role'),
  {
    action: 'ListEntitiesForPolicy',
    required: ['PolicyName', 'PolicyType'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const acct = account(ctx)
      const policy = typedPolicy(ctx)
      const held = acct.attachmentsOf(policy.policyType, policy.policyName)
      const us = held.users.filter(([, a]) => ctx.consistency.visible(a))
      const rs = held.roles.filter(([, a]) => ctx.consistency.visible(a))
      return {
        Users: {
          User: us.map(([u, a]) => ({
            UserName: u.userName,
            UserId: u.userId,
            DisplayName: u.displayName,
            AttachDate: date(a.attachDate),
          })),
        },
        Groups: { Group: [] },
        Roles: {
          Role: rs.map(([r, a]) => ({
            RoleName: r.roleName,
            RoleId: r.roleId,
            Arn: roleArn(acct.accountId, r.roleName),
            Description: r.description,
            AttachDate: date(a.attachDate),
          })),
        },
      }
    },
  },
]
