/** Access-key actions and GetAccountAlias. */

import { accountResource } from '../domain/arn.js'
import type { Operation } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { account, accountId, date, keyOwnerName, userRes } from './views.js'

// ---- access keys and account ----------------------------------------------------------------------

const STATUS = ['Active', 'Inactive'] as const

export const accessKeys: Operation[] = [
  {
    action: 'CreateAccessKey',
    required: [],
    resources: (ctx) => [userRes(ctx, keyOwnerName(ctx))],
    handle(ctx) {
      const acct = account(ctx)
      const user = acct.requireUser(P.userName(keyOwnerName(ctx)))
      const key = acct.createAccessKey(user, ctx.now)
      return {
        AccessKey: {
          AccessKeyId: key.accessKeyId,
          AccessKeySecret: key.accessKeySecret,
          Status: key.status,
          CreateDate: date(key.createDate),
        },
      }
    },
  },
  {
    action: 'ListAccessKeys',
    required: [],
    resources: (ctx) => [userRes(ctx, keyOwnerName(ctx))],
    handle(ctx) {
      const user = account(ctx).requireUser(P.userName(keyOwnerName(ctx)))
      return {
        AccessKeys: {
          AccessKey: user.accessKeys.map((k) => ({
            AccessKeyId: k.accessKeyId,
            Status: k.status,
            CreateDate: date(k.createDate),
          })),
        },
      }
    },
  },
  {
    action: 'DeleteAccessKey',
    required: ['UserAccessKeyId'],
    resources: (ctx) => [userRes(ctx, keyOwnerName(ctx))],
    handle(ctx) {
      const acct = account(ctx)
      const user = acct.requireUser(P.userName(keyOwnerName(ctx)))
      acct.deleteAccessKey(user, ctx.params.UserAccessKeyId!)
      return {}
    },
  },
  {
    action: 'UpdateAccessKey',
    required: ['UserAccessKeyId', 'Status'],
    resources: (ctx) => [userRes(ctx, keyOwnerName(ctx))],
    handle(ctx) {
      const acct = account(ctx)
      const status = P.oneOf(ctx.params.Status!, 'Status', STATUS)
      const user = acct.requireUser(P.userName(keyOwnerName(ctx)))
      acct.requireAccessKey(user, ctx.params.UserAccessKeyId!).status = status
      return {}
    },
  },
  {
    action: 'GetAccountAlias',
    required: [],
    resources: (ctx) => [accountResource(accountId(ctx))],
    handle(ctx) {
      return { AccountAlias: account(ctx).alias }
    },
  },
]
