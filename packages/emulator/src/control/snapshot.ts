/** `state(accountId)`: one account as plain JSON. */
import { oidcProviderArn, roleArn } from '../domain/arn.js'
import type { Attachment } from '../domain/entities.js'
import { isoSeconds } from '../domain/time.js'
import type { Account } from '../state/account.js'
import type { AccountSnapshot, AttachedPolicySnapshot } from './types.js'

const attachedSnapshot = (list: Attachment[]): AttachedPolicySnapshot[] =>
  list.map((a) => ({ type: a.policyType, name: a.policyName, attachDate: isoSeconds(a.attachDate) }))

/** One account as plain JSON: its users, roles, custom policies (every version) and OIDC providers. */
export function accountSnapshot(a: Account): AccountSnapshot {
  const providers = a.oidcProviders.sorted()
  return {
    accountId: a.accountId,
    alias: a.alias,
    users: a.users.sorted().map((u) => ({
      name: u.userName,
      userId: u.userId,
      displayName: u.displayName,
      mobilePhone: u.mobilePhone,
      email: u.email,
      comments: u.comments,
      createDate: isoSeconds(u.createDate),
      updateDate: isoSeconds(u.updateDate),
      accessKeys: u.accessKeys.map((k) => ({
        accessKeyId: k.accessKeyId,
        status: k.status,
        createDate: isoSeconds(k.createDate),
      })),
      policies: attachedSnapshot(u.attachments),
    })),
    roles: a.roles.sorted().map((r) => ({
      name: r.roleName,
      roleId: r.roleId,
      arn: roleArn(a.accountId, r.roleName),
      description: r.description,
      trustPolicy: r.assumeRolePolicyDocument,
      maxSessionDuration: r.maxSessionDuration,
      createDate: isoSeconds(r.createDate),
      updateDate: isoSeconds(r.updateDate),
      tags: r.tags.map((t) => ({ ...t })),
      policies: attachedSnapshot(r.attachments),
    })),
    policies: a.policies.sorted().map((p) => ({
      name: p.policyName,
      description: p.description,
      defaultVersion: p.defaultVersion,
      createDate: isoSeconds(p.createDate),
      updateDate: isoSeconds(p.updateDate),
      tags: p.tags.map((t) => ({ ...t })),
      versions: p.versions.map((v) => ({
        versionId: v.versionId,
        isDefaultVersion: v.versionId === p.defaultVersion,
        document: v.document,
        createDate: isoSeconds(v.createDate),
      })),
    })),
    ...(providers.length > 0
      ? {
          oidcProviders: providers.map((p) => ({
            name: p.name,
            arn: oidcProviderArn(a.accountId, p.name),
            issuerUrl: p.issuerUrl,
            clientIds: [...p.clientIds],
            kids: [...p.keys.keys()],
            createDate: isoSeconds(p.createDate),
          })),
        }
      : {}),
  }
}
