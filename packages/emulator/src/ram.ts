/**
 * RAM (2015-05-01) actions: one handler per action, with the request and response fields of the
 * official SDK models. Authorization resources (see README): `acs:ram::<uid>:user/<name>`,
 * `…:role/<name>`, `…:policy/<name>` (system policies: `acs:ram::system:policy/<name>`), `…:user/*`,
 * `…:role/*`, `…:policy/*` for the list calls and `acs:ram::<uid>:*` for GetAccountAlias.
 */
import { accountResource, ramResource, roleArn, systemPolicyResource } from './arn.js'
import type { Identity } from './auth.js'
import { entityError, malformedPolicy, missingParam, tooLong } from './errors.js'
import { type Operation, type OperationContext, operationTable } from './operation.js'
import * as P from './params.js'
import { type ParsedPolicy, PolicyError, type PolicyKind, parsePolicy } from './policy.js'
import {
  type Account,
  type CustomPolicy,
  customPolicyView,
  type PolicyType,
  type PolicyView,
  type Role,
  systemPolicyView,
  type Tag,
  type User,
} from './state.js'
import { SYSTEM_POLICIES } from './system-policies.js'
import { isoSeconds } from './time.js'

type Ctx = OperationContext & { identity: Identity }
type Json = Record<string, unknown>

const MAX_POLICY_DOCUMENT = 6144
/** AssumeRolePolicyDocument limit: unconfirmed; the stricter 2048 is used. */
const MAX_TRUST_DOCUMENT = 2048

const account = (ctx: OperationContext): Account => ctx.identity!.account
const accountId = (ctx: OperationContext): string => account(ctx).accountId
const date = isoSeconds

/** Validate a document's length and grammar; returns the parsed form. */
export function checkDocument(text: string, param: string, kind: PolicyKind, max: number): ParsedPolicy {
  if (text.length > max) throw tooLong(param)
  try {
    return parsePolicy(text, kind)
  } catch (e) {
    if (e instanceof PolicyError) throw malformedPolicy(e.message)
    throw e
  }
}

// ---- views ----------------------------------------------------------------------------------------

function userView(u: User, extra: 'create' | 'get' | 'list'): Json {
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

function roleView(acct: string, r: Role, shape: 'create' | 'get' | 'list'): Json {
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

function policyView(ctx: OperationContext, p: PolicyView, shape: 'create' | 'get' | 'list' | 'update'): Json {
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

const versionView = (p: PolicyView, v: { versionId: string; document: string; createDate: Date }): Json => ({
  VersionId: v.versionId,
  IsDefaultVersion: v.versionId === p.defaultVersion,
  PolicyDocument: v.document,
  CreateDate: date(v.createDate),
})

/** Resource of a policy for authorization: system policies live under the `system` account. */
const policyResource = (ctx: Ctx, type: string | undefined, name: string): string =>
  type === 'System' ? systemPolicyResource(name) : ramResource(accountId(ctx), 'policy', name)

const userRes = (ctx: Ctx, name = ctx.params.UserName ?? ''): string =>
  ramResource(accountId(ctx), 'user', name)
const roleRes = (ctx: Ctx): string => ramResource(accountId(ctx), 'role', ctx.params.RoleName ?? '')
const customPolicyRes = (ctx: Ctx): string =>
  ramResource(accountId(ctx), 'policy', ctx.params.PolicyName ?? '')
const typedPolicyRes = (ctx: Ctx): string =>
  policyResource(ctx, ctx.params.PolicyType, ctx.params.PolicyName ?? '')

/** The user an access-key call is about: UserName, or the calling RAM user when omitted. */
function keyOwnerName(ctx: OperationContext): string {
  const explicit = P.optional(ctx.params, 'UserName')
  if (explicit !== undefined) return explicit
  const id = ctx.identity!
  // Root and role sessions must name the user (stricter reading; the real API would use root's keys).
  if (id.kind !== 'user') throw missingParam('UserName')
  return id.user.userName
}

// ---- reads under eventual consistency (faults.ts: visibilityDelayMs) -------------------------------
// Reads go through these; writes use the Account's require* and see everything (the service knows
// what it just wrote: creating it again still answers EntityAlreadyExists.*).

function readUser(ctx: OperationContext, name: string): User {
  const user = account(ctx).requireUser(name)
  if (!ctx.consistency.visible(user)) throw entityError('EntityNotExist.User')
  return user
}

function readRole(ctx: OperationContext, name: string): Role {
  const role = account(ctx).requireRole(name)
  if (!ctx.consistency.visible(role)) throw entityError('EntityNotExist.Role')
  return role
}

/** A custom policy as reads see it: new versions hidden, the previous default while a change propagates. */
function readableCustom(ctx: OperationContext, policy: CustomPolicy): PolicyView {
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

function readPolicy(ctx: OperationContext, type: PolicyType, name: string): PolicyView {
  if (type === 'System') return account(ctx).requirePolicy('System', name)
  const policy = account(ctx).requireCustomPolicy(name)
  if (!ctx.consistency.visible(policy)) throw entityError('EntityNotExist.Policy')
  return readableCustom(ctx, policy)
}

// ---- users ----------------------------------------------------------------------------------------

const users: Operation[] = [
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

function opt(p: P.Params, name: string, check: (v: string) => string): string | undefined {
  const v = P.optional(p, name)
  return v === undefined ? undefined : check(v)
}

function pageView<T>(page: P.Page<T>, outer: string, inner: string, view: (item: T) => Json): Json {
  const out: Json = { IsTruncated: page.isTruncated }
  if (page.marker !== undefined) out.Marker = page.marker
  out[outer] = { [inner]: page.items.map(view) }
  return out
}

// ---- roles ----------------------------------------------------------------------------------------

const sessionDuration = (v: string, param: string): number => P.integer(v, param, 3600, 43200)

const roles: Operation[] = [
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

const hasTags = (have: Tag[], want: Tag[]): boolean =>
  want.every((w) => have.some((h) => h.key === w.key && (w.value === '' || h.value === w.value)))

// ---- policies -------------------------------------------------------------------------------------

const ROTATE = ['None', 'DeleteOldestNonDefaultVersionWhenLimitExceeded'] as const
const policyKey = (p: PolicyView): string => p.policyName.toLowerCase()
/** System policies in list order, views built once. */
const SYSTEM_SORTED: readonly PolicyView[] = SYSTEM_POLICIES.map(systemPolicyView).sort((a, b) =>
  policyKey(a) < policyKey(b) ? -1 : policyKey(a) > policyKey(b) ? 1 : 0,
)

/** The policy named by PolicyType + PolicyName, as reads see it. */
function typedPolicy(ctx: OperationContext): PolicyView {
  const type = P.policyType(ctx.params.PolicyType!)
  return readPolicy(ctx, type, P.policyName(ctx.params.PolicyName!))
}

const policies: Operation[] = [
  {
    action: 'CreatePolicy',
    required: ['PolicyName', 'PolicyDocument'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const policyName = P.policyName(p.PolicyName!)
      const description = opt(p, 'Description', (v) => P.maxLength(v, 'Description', 1024)) ?? ''
      const document = p.PolicyDocument!
      const parsed = checkDocument(document, 'PolicyDocument', 'permission', MAX_POLICY_DOCUMENT)
      const policy = account(ctx).createPolicy(
        { policyName, description, document, parsed, tags: P.tags(p) },
        ctx.now,
      )
      ctx.consistency.created(policy)
      return { Policy: policyView(ctx, customPolicyView(policy), 'create') }
    },
  },
  {
    action: 'GetPolicy',
    required: ['PolicyName', 'PolicyType'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const policy = typedPolicy(ctx)
      const def = policy.versions.find((v) => v.versionId === policy.defaultVersion)!
      return {
        Policy: policyView(ctx, policy, 'get'),
        DefaultPolicyVersion: versionView(policy, def),
      }
    },
  },
  {
    action: 'GetPolicyVersion',
    required: ['PolicyName', 'PolicyType', 'VersionId'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const versionId = P.versionId(ctx.params.VersionId!)
      const policy = typedPolicy(ctx)
      const v = policy.versions.find((x) => x.versionId === versionId)
      if (!v) throw entityError('EntityNotExist.Policy.Version')
      return { PolicyVersion: versionView(policy, v) }
    },
  },
  {
    action: 'ListPolicyVersions',
    required: ['PolicyName', 'PolicyType'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const policy = typedPolicy(ctx)
      return { PolicyVersions: { PolicyVersion: policy.versions.map((v) => versionView(policy, v)) } }
    },
  },
  {
    action: 'CreatePolicyVersion',
    required: ['PolicyName', 'PolicyDocument'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(p.PolicyName!))
      const setAsDefault = P.bool(p.SetAsDefault, 'SetAsDefault', false)
      const rotate = P.oneOf(P.optional(p, 'RotateStrategy') ?? 'None', 'RotateStrategy', ROTATE)
      const document = p.PolicyDocument!
      const parsed = checkDocument(document, 'PolicyDocument', 'permission', MAX_POLICY_DOCUMENT)
      const previous = policy.defaultVersion
      const v = acct.createPolicyVersion(policy, document, parsed, setAsDefault, rotate !== 'None', ctx.now)
      ctx.consistency.created(v)
      if (setAsDefault) ctx.consistency.defaultChanged(policy, previous)
      return { PolicyVersion: versionView(acct.requirePolicy('Custom', policy.policyName), v) }
    },
  },
  {
    action: 'SetDefaultPolicyVersion',
    required: ['PolicyName', 'VersionId'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const versionId = P.versionId(ctx.params.VersionId!)
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(ctx.params.PolicyName!))
      acct.requireVersion(policy, versionId)
      const previous = policy.defaultVersion
      policy.defaultVersion = versionId
      if (previous !== versionId) ctx.consistency.defaultChanged(policy, previous)
      policy.updateDate = ctx.now
      return {}
    },
  },
  {
    action: 'DeletePolicyVersion',
    required: ['PolicyName', 'VersionId'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const versionId = P.versionId(ctx.params.VersionId!)
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(ctx.params.PolicyName!))
      acct.deletePolicyVersion(policy, versionId, ctx.now)
      return {}
    },
  },
  {
    action: 'DeletePolicy',
    required: ['PolicyName'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const cascading = P.bool(ctx.params.CascadingDelete, 'CascadingDelete', false)
      account(ctx).deletePolicy(P.policyName(ctx.params.PolicyName!), cascading)
      return {}
    },
  },
  {
    action: 'UpdatePolicyDescription',
    required: ['PolicyName'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(ctx.params.PolicyName!))
      const d = ctx.params.NewDescription
      if (d !== undefined) policy.description = d === '' ? '' : P.maxLength(d, 'NewDescription', 1024)
      policy.updateDate = ctx.now
      return { Policy: policyView(ctx, customPolicyView(policy), 'update') }
    },
  },
  {
    action: 'ListPolicies',
    required: [],
    resources: (ctx) => [ramResource(accountId(ctx), 'policy', '*')],
    handle(ctx) {
      const acct = account(ctx)
      const typeText = P.optional(ctx.params, 'PolicyType')
      const type = typeText === undefined ? undefined : P.policyType(typeText)
      const filter = P.tags(ctx.params)
      const c = ctx.consistency
      const system = (after: string | undefined): Iterable<PolicyView> =>
        type === 'Custom' ? [] : P.where(SYSTEM_SORTED, (p) => after === undefined || policyKey(p) > after)
      function* custom(after: string | undefined): Generator<PolicyView> {
        if (type === 'System') return
        for (const p of acct.policies.after(after)) if (c.visible(p)) yield readableCustom(ctx, p)
      }
      const page = P.paginate(ctx.params, policyKey, (after) =>
        P.where(P.mergeSorted(system(after), custom(after), policyKey), (p) => hasTags(p.tags, filter)),
      )
      return pageView(page, 'Policies', 'Policy', (p) => policyView(ctx, p, 'list'))
    },
  },
]

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

const attachments: Operation[] = [
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

// ---- access keys and account ----------------------------------------------------------------------

const STATUS = ['Active', 'Inactive'] as const

const accessKeys: Operation[] = [
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

export const RAM_OPERATIONS = operationTable([...users, ...roles, ...policies, ...attachments, ...accessKeys])
