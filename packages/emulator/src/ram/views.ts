/**
 * Response shapes of the RAM actions (field names of the official SDK models), the resources
 * each action is authorized against, and small request helpers the action modules share.
 */

import { ramResource, roleArn, systemPolicyResource } from '../domain/arn.js'
import type { PolicyView, Role, Tag, User } from '../domain/entities.js'
import { missingParam } from '../domain/errors.js'
import { isoSeconds } from '../domain/time.js'
import type { Identity } from '../gateway/auth.js'
import type { OperationContext } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import type { Account } from '../state/account.js'

type Ctx = OperationContext & { identity: Identity }
type Json = Record<string, unknown>
export const account = (ctx: OperationContext): Account => ctx.identity!.account
export const accountId = (ctx: OperationContext): string => account(ctx).accountId
export const date = isoSeconds
// ---- views ----------------------------------------------------------------------------------------

export function userView(u: User, extra: 'create' | 'get' | 'list'): Json {
  const v: Json = {
    UserId: u.userId,
    UserName: u.userName,
    DisplayName: u.displayName,
    MobilePhone: u.mobilePhone,
    Email: u.email,
    Comments: u.comments,
    CreateDate: date(u.createDate),
  }
  if (extra !== 'create') v.UpdateDate = date(u.updateDate)
  return v
}

export function roleView(acct: string, r: Role, shape: 'create' | 'get' | 'list'): Json {
  const v: Json = {
    RoleId: r.roleId,
    RoleName: r.roleName,
    Arn: roleArn(acct, r.roleName),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    CreateDate: date(r.createDate),
  }
  if (shape !== 'list') v.AssumeRolePolicyDocument = r.assumeRolePolicyDocument
  if (shape !== 'create') v.UpdateDate = date(r.updateDate)
  if (shape === 'list') v.Tags = tagsView(r.tags)
  return v
}

const tagsView = (tags: Tag[]): Json => ({ Tag: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) })

function attachmentCount(ctx: OperationContext, p: PolicyView): number {
  const c = ctx.consistency
  return account(ctx).attachmentCount(p.policyType, p.policyName, c.active ? (a) => c.visible(a) : undefined)
}

export function policyView(
  ctx: OperationContext,
  p: PolicyView,
  shape: 'create' | 'get' | 'list' | 'update',
): Json {
  const v: Json = {
    PolicyName: p.policyName,
    PolicyType: p.policyType,
    Description: p.description,
    DefaultVersion: p.defaultVersion,
    CreateDate: date(p.createDate),
  }
  if (shape === 'get' || shape === 'list') v.AttachmentCount = attachmentCount(ctx, p)
  if (shape !== 'create') v.UpdateDate = date(p.updateDate)
  if (shape === 'get') v.PolicyDocument = defaultDocument(p)
  if (shape === 'list') v.Tags = tagsView(p.tags)
  return v
}

const defaultDocument = (p: PolicyView): string =>
  p.versions.find((v) => v.versionId === p.defaultVersion)!.document

export const versionView = (
  p: PolicyView,
  v: { versionId: string; document: string; createDate: Date },
): Json => ({
  VersionId: v.versionId,
  IsDefaultVersion: v.versionId === p.defaultVersion,
  PolicyDocument: v.document,
  CreateDate: date(v.createDate),
})

/** Resource of a policy for authorization: system policies live under the `system` account. */
const policyResource = (ctx: Ctx, type: string | undefined, name: string): string =>
  type === 'System' ? systemPolicyResource(name) : ramResource(accountId(ctx), 'policy', name)

export const userRes = (ctx: Ctx, name = ctx.params.UserName ?? ''): string =>
  ramResource(accountId(ctx), 'user', name)
export const roleRes = (ctx: Ctx): string => ramResource(accountId(ctx), 'role', ctx.params.RoleName ?? '')
export const customPolicyRes = (ctx: Ctx): string =>
  ramResource(accountId(ctx), 'policy', ctx.params.PolicyName ?? '')
export const typedPolicyRes = (ctx: Ctx): string =>
  policyResource(ctx, ctx.params.PolicyType, ctx.params.PolicyName ?? '')

/** The user an access-key call is about: UserName, or the calling RAM user when omitted. */
export function keyOwnerName(ctx: OperationContext): string {
  const explicit = P.optional(ctx.params, 'UserName')
  if (explicit !== undefined) return explicit
  const id = ctx.identity!
  // Root and role sessions must name the user (stricter reading; the real API would use root's keys).
  if (id.kind !== 'user') throw missingParam('UserName')
  return id.user.userName
}
export function opt(p: P.Params, name: string, check: (v: string) => string): string | undefined {
  const v = P.optional(p, name)
  return v === undefined ? undefined : check(v)
}

export function pageView<T>(page: P.Page<T>, outer: string, inner: string, view: (item: T) => Json): Json {
  const out: Json = { IsTruncated: page.isTruncated }
  if (page.marker !== undefined) out.Marker = page.marker
  out[outer] = { [inner]: page.items.map(view) }
  return out
}
