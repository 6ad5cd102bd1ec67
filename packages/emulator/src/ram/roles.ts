/** RAM role actions. */

import { ramResource } from '../domain/arn.js'
import type { Role, Tag } from '../domain/entities.js'
import type { Operation } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { checkDocument, MAX_TRUST_DOCUMENT } from './documents.js'
import { readRole } from './reads.js'
import { account, accountId, opt, pageView, roleRes, roleView } from './views.js'

// ---- roles ----------------------------------------------------------------------------------------

const sessionDuration = (v: string, param: string): number => P.integer(v, param, 3600, 43200)

export const roles: Operation[] = [
  {
    action: 'CreateRole',
    required: ['RoleName', 'AssumeRolePolicyDocument'],
    resources: (ctx) => [roleRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const roleName = P.roleName(p.RoleName!)
      const description = opt(p, 'Description', (v) => P.maxLength(v, 'Description', 1024)) ?? ''
      const max = P.optional(p, 'MaxSessionDuration')
      const maxSessionDuration = max === undefined ? 3600 : sessionDuration(max, 'MaxSessionDuration')
      const doc = p.AssumeRolePolicyDocument!
      const trustPolicy = checkDocument(doc, 'AssumeRolePolicyDocument', 'trust', MAX_TRUST_DOCUMENT)
      const tags = P.tags(p)
      const role = account(ctx).createRole(
        { roleName, description, maxSessionDuration, assumeRolePolicyDocument: doc, trustPolicy, tags },
        ctx.now,
      )
      ctx.consistency.created(role)
      ctx.consistency.grantsChanged(role)
      return { Role: roleView(accountId(ctx), role, 'create') }
    },
  },
  {
    action: 'GetRole',
    required: ['RoleName'],
    resources: (ctx) => [roleRes(ctx)],
    handle(ctx) {
      const role = readRole(ctx, P.roleName(ctx.params.RoleName!))
      return { Role: roleView(accountId(ctx), role, 'get') }
    },
  },
  {
    action: 'UpdateRole',
    required: ['RoleName'],
    resources: (ctx) => [roleRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const role = account(ctx).requireRole(P.roleName(p.RoleName!))
      const doc = P.optional(p, 'NewAssumeRolePolicyDocument')
      const parsed =
        doc === undefined
          ? undefined
          : checkDocument(doc, 'NewAssumeRolePolicyDocument', 'trust', MAX_TRUST_DOCUMENT)
      const description =
        p.NewDescription === undefined
          ? undefined
          : p.NewDescription === ''
            ? ''
            : P.maxLength(p.NewDescription, 'NewDescription', 1024)
      const max = P.optional(p, 'NewMaxSessionDuration')
      const maxSessionDuration = max === undefined ? undefined : sessionDuration(max, 'NewMaxSessionDuration')
      if (doc !== undefined && parsed) {
        role.assumeRolePolicyDocument = doc
        role.trustPolicy = parsed
        ctx.consistency.grantsChanged(role)
      }
      if (description !== undefined) role.description = description
      if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration
      role.updateDate = ctx.now
      return { Role: roleView(accountId(ctx), role, 'get') }
    },
  },
  {
    action: 'DeleteRole',
    required: ['RoleName'],
    resources: (ctx) => [roleRes(ctx)],
    handle(ctx) {
      account(ctx).deleteRole(P.roleName(ctx.params.RoleName!))
      return {}
    },
  },
  {
    action: 'ListRoles',
    required: [],
    resources: (ctx) => [ramResource(accountId(ctx), 'role', '*')],
    handle(ctx) {
      const filter = P.tags(ctx.params)
      const roles = account(ctx).roles
      const page = P.paginate(
        ctx.params,
        (r: Role) => r.roleName.toLowerCase(),
        (after) => P.where(roles.after(after), (r) => hasTags(r.tags, filter) && ctx.consistency.visible(r)),
      )
      return pageView(page, 'Roles', 'Role', (r) => roleView(accountId(ctx), r, 'list'))
    },
  },
]

export const hasTags = (have: Tag[], want: Tag[]): boolean =>
  want.every((w) => have.some((h) => h.key === w.key && (w.value === '' || h.value === w.value)))
