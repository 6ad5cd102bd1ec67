/** GetCallerIdentity. */
import { identityArn } from '../gateway/auth.js'
import type { Operation } from '../gateway/operation.js'

export const getCallerIdentity: Operation = {
  action: 'GetCallerIdentity',
  required: [],
  handle(ctx) {
    const id = ctx.identity!
    const accountId = id.account.accountId
    const base = { AccountId: accountId, Arn: identityArn(id) }
    switch (id.kind) {
      case 'root':
        // The GetCallerIdentity reference: UserId is the account id when the caller is the account.
        return { ...base, IdentityType: 'Account', PrincipalId: accountId, UserId: accountId }
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
