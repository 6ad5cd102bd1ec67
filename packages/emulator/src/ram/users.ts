/** RAM user actions. */

import { ramResource } from '../domain/arn.js'
import type { User } from '../domain/entities.js'
import type { Operation } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { readUser } from './reads.js'
import { account, accountId, opt, pageView, userRes, userView } from './views.js'

// ---- users ----------------------------------------------------------------------------------------

export const users: Operation[] = [
  {
    action: 'CreateUser',
    required: ['UserName'],
    resources: (ctx) => [userRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const fields = {
        userName: P.userName(p.UserName!),
        displayName: opt(p, 'DisplayName', (v) => P.displayName(v)),
        mobilePhone: opt(p, 'MobilePhone', (v) => P.mobilePhone(v)),
        email: opt(p, 'Email', (v) => P.email(v)),
        comments: opt(p, 'Comments', (v) => P.maxLength(v, 'Comments', 128)),
      }
      const user = account(ctx).createUser(fields, ctx.now)
      ctx.consistency.created(user)
      return { User: userView(user, 'create') }
    },
  },
  {
    action: 'GetUser',
    required: ['UserName'],
    resources: (ctx) => [userRes(ctx)],
    handle(ctx) {
      const user = readUser(ctx, P.userName(ctx.params.UserName!))
      return { User: userView(user, 'get') }
    },
  },
  {
    action: 'UpdateUser',
    required: ['UserName'],
    resources: (ctx) => [userRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const acct = account(ctx)
      const user = acct.requireUser(P.userName(p.UserName!))
      // A present-but-empty New* value clears the field (tf relies on this).
      const set = (name: string, check: (v: string) => string): string | undefined =>
        p[name] === undefined ? undefined : p[name] === '' ? '' : check(p[name]!)
      const newName = P.optional(p, 'NewUserName')
      const display = set('NewDisplayName', (v) => P.displayName(v, 'NewDisplayName'))
      const phone = set('NewMobilePhone', (v) => P.mobilePhone(v, 'NewMobilePhone'))
      const mail = set('NewEmail', (v) => P.email(v, 'NewEmail'))
      const comments = set('NewComments', (v) => P.maxLength(v, 'NewComments', 128))
      if (newName !== undefined) acct.renameUser(user, P.userName(newName, 'NewUserName'))
      if (display !== undefined) user.displayName = display
      if (phone !== undefined) user.mobilePhone = phone
      if (mail !== undefined) user.email = mail
      if (comments !== undefined) user.comments = comments
      user.updateDate = ctx.now
      return { User: userView(user, 'get') }
    },
  },
  {
    action: 'DeleteUser',
    required: ['UserName'],
    resources: (ctx) => [userRes(ctx)],
    handle(ctx) {
      account(ctx).deleteUser(P.userName(ctx.params.UserName!))
      return {}
    },
  },
  {
    action: 'ListUsers',
    required: [],
    resources: (ctx) => [ramResource(accountId(ctx), 'user', '*')],
    handle(ctx) {
      const users = account(ctx).users
      const page = P.paginate(
        ctx.params,
        (u: User) => u.userName.toLowerCase(),
        (after) => P.where(users.after(after), (u) => ctx.consistency.visible(u)),
      )
      return pageView(page, 'Users', 'User', (u) => userView(u, 'list'))
    },
  },
]
