/**
 * In-memory state: accounts with their users, roles, custom policies and attachments; the global
 * index of permanent access keys and issued STS sessions. Entity names are unique
 * case-insensitively and keep the case they were stored with. Domain rules (existence, quotas,
 * conflicts, version rotation) live here and throw ApiError, so the API handlers and the control
 * surface share them.
 */
import type { KeyObject } from 'node:crypto'
import { ApiError, entityError } from './errors.js'
import type { IdGenerator } from './ids.js'
import { type ParsedPolicy, parsePolicy } from './policy.js'
import { findSystemPolicy, SYSTEM_POLICIES, type SystemPolicy } from './system-policies.js'

/** Quotas of reference §3.2 (Dec 2025 values). */
export const LIMITS = {
  usersPerAccount: 5000,
  rolesPerAccount: 1000,
  customPoliciesPerAccount: 1500,
  versionsPerPolicy: 5,
  systemPoliciesPerPrincipal: 20,
  customPoliciesPerPrincipal: 10,
  accessKeysPerUser: 2,
}

export type PolicyType = 'System' | 'Custom'

export interface Tag {
  key: string
  value: string
}

export interface Attachment {
  policyType: PolicyType
  policyName: string
  attachDate: Date
}

export interface User {
  userId: string
  userName: string
  displayName: string
  mobilePhone: string
  email: string
  comments: string
  createDate: Date
  updateDate: Date
  accessKeys: KeyRecord[]
  attachments: Attachment[]
}

export interface Role {
  roleId: string
  roleName: string
  description: string
  assumeRolePolicyDocument: string
  trustPolicy: ParsedPolicy
  maxSessionDuration: number
  createDate: Date
  updateDate: Date
  tags: Tag[]
  attachments: Attachment[]
}

export interface PolicyVersion {
  versionId: string
  document: string
  parsed: ParsedPolicy
  createDate: Date
}

export interface CustomPolicy {
  policyName: string
  description: string
  versions: PolicyVersion[]
  defaultVersion: string
  nextVersion: number
  createDate: Date
  updateDate: Date
  tags: Tag[]
}

/** An OIDC identity provider (control surface only; RAM's OIDC provider actions are not emulated). */
export interface OidcProvider {
  name: string
  issuerUrl: string
  clientIds: string[]
  /** Verification keys by `kid`. */
  keys: Map<string, KeyObject>
  createDate: Date
}

export interface KeyRecord {
  accessKeyId: string
  accessKeySecret: string
  status: 'Active' | 'Inactive'
  createDate: Date
  accountId: string
  /** The owning RAM user; undefined for the account root. */
  user?: User
}

export interface StsSession {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  accountId: string
  roleId: string
  roleName: string
  sessionName: string
  policy?: ParsedPolicy
  expiration: Date
  sourceIdentity?: string
}

/** A policy of either type, as the read APIs see it. */
export interface PolicyView {
  policyType: PolicyType
  policyName: string
  description: string
  defaultVersion: string
  versions: Array<{ versionId: string; document: string; createDate: Date }>
  createDate: Date
  updateDate: Date
  tags: Tag[]
}

/** Lower-case index of `sorted` at or after which `key` belongs (binary search). */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Map keyed case-insensitively; values keep their own spelling. The lower-cased keys are also
 * kept sorted (binary search + splice on insert/delete), so the list calls page through it in
 * O(log n + page) instead of sorting every entity on every request.
 */
export class NameMap<T> {
  private readonly map = new Map<string, T>()
  private readonly keys: string[] = []

  get(name: string): T | undefined {
    return this.map.get(name.toLowerCase())
  }

  set(name: string, value: T): void {
    const k = name.toLowerCase()
    if (!this.map.has(k)) this.keys.splice(lowerBound(this.keys, k), 0, k)
    this.map.set(k, value)
  }

  delete(name: string): void {
    const k = name.toLowerCase()
    if (!this.map.delete(k)) return
    this.keys.splice(lowerBound(this.keys, k), 1)
  }

  get size(): number {
    return this.map.size
  }

  values(): T[] {
    return [...this.map.values()]
  }

  /** Values sorted by lower-cased name (the order list calls and markers rely on). */
  sorted(): T[] {
    return this.keys.map((k) => this.map.get(k)!)
  }

  /** Values in name order whose lower-cased name sorts strictly after `after` (all when undefined). */
  *after(after?: string): Generator<T> {
    let i = after === undefined ? 0 : lowerBound(this.keys, after)
    if (after !== undefined && this.keys[i] === after) i++
    for (; i < this.keys.length; i++) yield this.map.get(this.keys[i]!)!
  }
}

export function systemPolicyView(p: SystemPolicy): PolicyView {
  return {
    policyType: 'System',
    policyName: p.policyName,
    description: p.description,
    defaultVersion: p.defaultVersion,
    versions: [{ versionId: p.defaultVersion, document: p.document, createDate: p.createDate }],
    createDate: p.createDate,
    updateDate: p.updateDate,
    tags: [],
  }
}

export function customPolicyView(p: CustomPolicy): PolicyView {
  return {
    policyType: 'Custom',
    policyName: p.policyName,
    description: p.description,
    defaultVersion: p.defaultVersion,
    versions: p.versions,
    createDate: p.createDate,
    updateDate: p.updateDate,
    tags: p.tags,
  }
}

export type PrincipalKind = 'user' | 'role'

/** Parsed documents of the system policies (validated once at load time). */
const systemParsed = new Map(
  SYSTEM_POLICIES.map((p) => [p.policyName.toLowerCase(), parsePolicy(p.document, 'permission')]),
)

/** Principals holding one policy, kept in step with their `attachments` lists. */
interface Holders {
  users: Map<User, Attachment>
  roles: Map<Role, Attachment>
}

const policyKey = (type: PolicyType, name: string): string => `${type}:${name.toLowerCase()}`
const byName =
  <T>(name: (x: T) => string) =>
  (a: [T, Attachment], b: [T, Attachment]): number => {
    const x = name(a[0]).toLowerCase()
    const y = name(b[0]).toLowerCase()
    return x < y ? -1 : x > y ? 1 : 0
  }

export class Account {
  readonly users = new NameMap<User>()
  readonly roles = new NameMap<Role>()
  readonly policies = new NameMap<CustomPolicy>()
  readonly oidcProviders = new NameMap<OidcProvider>()
  readonly rootKeys: KeyRecord[] = []
  /** roleId → role, for STS session lookups on every request. */
  private readonly rolesById = new Map<string, Role>()
  /** `<type>:<lower-case policy name>` → who holds it, so policy-side lookups never scan principals. */
  private readonly holders = new Map<string, Holders>()

  constructor(
    private readonly store: Store,
    readonly accountId: string,
    public alias: string,
    readonly createDate: Date,
  ) {}

  // ---- users ---------------------------------------------------------------------------------

  requireUser(name: string): User {
    const u = this.users.get(name)
    if (!u) throw entityError('EntityNotExist.User')
    return u
  }

  createUser(
    fields: Pick<User, 'userName'> &
      Partial<Pick<User, 'displayName' | 'mobilePhone' | 'email' | 'comments'>>,
    now: Date,
  ): User {
    if (this.users.get(fields.userName)) throw entityError('EntityAlreadyExists.User')
    if (this.users.size >= LIMITS.usersPerAccount) throw entityError('LimitExceeded.User')
    const user: User = {
      userId: this.store.ids.principalId(),
      userName: fields.userName,
      displayName: fields.displayName ?? '',
      mobilePhone: fields.mobilePhone ?? '',
      email: fields.email ?? '',
      comments: fields.comments ?? '',
      createDate: now,
      updateDate: now,
      accessKeys: [],
      attachments: [],
    }
    this.users.set(user.userName, user)
    return user
  }

  renameUser(user: User, newName: string): void {
    const clash = this.users.get(newName)
    if (clash && clash !== user) throw entityError('EntityAlreadyExists.User')
    this.users.delete(user.userName)
    user.userName = newName
    this.users.set(newName, user)
  }

  deleteUser(name: string): void {
    const user = this.requireUser(name)
    if (user.accessKeys.length > 0) throw entityError('DeleteConflict.User.AccessKey')
    if (user.attachments.length > 0) throw entityError('DeleteConflict.User.Policy')
    this.users.delete(user.userName)
  }

  // ---- access keys ---------------------------------------------------------------------------

  createAccessKey(user: User | undefined, now: Date): KeyRecord {
    const list = user ? user.accessKeys : this.rootKeys
    if (user && list.length >= LIMITS.accessKeysPerUser) throw entityError('LimitExceeded.User.AccessKey')
    const { accessKeyId, accessKeySecret } = this.store.ids.accessKey()
    const key: KeyRecord = {
      accessKeyId,
      accessKeySecret,
      status: 'Active',
      createDate: now,
      accountId: this.accountId,
      user,
    }
    list.push(key)
    this.store.keys.set(accessKeyId, key)
    return key
  }

  requireAccessKey(user: User, accessKeyId: string): KeyRecord {
    const key = user.accessKeys.find((k) => k.accessKeyId === accessKeyId)
    if (!key) throw entityError('EntityNotExist.User.AccessKey')
    return key
  }

  deleteAccessKey(user: User, accessKeyId: string): void {
    const key = this.requireAccessKey(user, accessKeyId)
    user.accessKeys.splice(user.accessKeys.indexOf(key), 1)
    this.store.keys.delete(key.accessKeyId)
  }

  // ---- roles ---------------------------------------------------------------------------------

  requireRole(name: string): Role {
    const r = this.roles.get(name)
    if (!r) throw entityError('EntityNotExist.Role')
    return r
  }

  roleById(roleId: string): Role | undefined {
    return this.rolesById.get(roleId)
  }

  createRole(
    fields: Pick<
      Role,
      'roleName' | 'assumeRolePolicyDocument' | 'trustPolicy' | 'description' | 'maxSessionDuration' | 'tags'
    >,
    now: Date,
  ): Role {
    if (this.roles.get(fields.roleName)) throw entityError('EntityAlreadyExists.Role')
    if (this.roles.size >= LIMITS.rolesPerAccount) throw entityError('LimitExceeded.Role')
    const role: Role = {
      ...fields,
      roleId: this.store.ids.principalId(),
      createDate: now,
      updateDate: now,
      attachments: [],
    }
    this.roles.set(role.roleName, role)
    this.rolesById.set(role.roleId, role)
    return role
  }

  deleteRole(name: string): void {
    const role = this.requireRole(name)
    if (role.attachments.length > 0) throw entityError('DeleteConflict.Role.Policy')
    this.roles.delete(role.roleName)
    this.rolesById.delete(role.roleId)
    // Deleting a role invalidates its outstanding STS tokens (reference §2.3).
    for (const [id, s] of this.store.sessions) if (s.roleId === role.roleId) this.store.sessions.delete(id)
  }

  // ---- policies ------------------------------------------------------------------------------

  findPolicy(type: PolicyType, name: string): PolicyView | undefined {
    if (type === 'System') {
      const p = findSystemPolicy(name)
      return p && systemPolicyView(p)
    }
    const p = this.policies.get(name)
    return p && customPolicyView(p)
  }

  requirePolicy(type: PolicyType, name: string): PolicyView {
    const p = this.findPolicy(type, name)
    if (!p) throw entityError('EntityNotExist.Policy')
    return p
  }

  requireCustomPolicy(name: string): CustomPolicy {
    const p = this.policies.get(name)
    if (!p) throw entityError('EntityNotExist.Policy')
    return p
  }

  createPolicy(
    fields: Pick<CustomPolicy, 'policyName' | 'description' | 'tags'> & {
      document: string
      parsed: ParsedPolicy
    },
    now: Date,
  ): CustomPolicy {
    // Custom names may not shadow system policy names either (stricter reading).
    if (this.policies.get(fields.policyName) || findSystemPolicy(fields.policyName)) {
      throw entityError('EntityAlreadyExists.Policy')
    }
    if (this.policies.size >= LIMITS.customPoliciesPerAccount) throw entityError('LimitExceeded.Policy')
    const policy: CustomPolicy = {
      policyName: fields.policyName,
      description: fields.description,
      tags: fields.tags,
      versions: [{ versionId: 'v1', document: fields.document, parsed: fields.parsed, createDate: now }],
      defaultVersion: 'v1',
      nextVersion: 2,
      createDate: now,
      updateDate: now,
    }
    this.policies.set(policy.policyName, policy)
    return policy
  }

  /**
   * Add a version. At the 5-version cap it fails with LimitExceeded.Policy.Version unless `rotate`,
   * which first deletes the oldest non-default version. Ids are monotonic and never reused.
   */
  createPolicyVersion(
    policy: CustomPolicy,
    document: string,
    parsed: ParsedPolicy,
    setAsDefault: boolean,
    rotate: boolean,
    now: Date,
  ): PolicyVersion {
    if (policy.versions.length >= LIMITS.versionsPerPolicy) {
      if (!rotate) throw entityError('LimitExceeded.Policy.Version')
      const oldest = policy.versions.find((v) => v.versionId !== policy.defaultVersion)!
      policy.versions.splice(policy.versions.indexOf(oldest), 1)
    }
    const version: PolicyVersion = {
      versionId: `v${policy.nextVersion++}`,
      document,
      parsed,
      createDate: now,
    }
    policy.versions.push(version)
    if (setAsDefault) policy.defaultVersion = version.versionId
    policy.updateDate = now
    return version
  }

  requireVersion(policy: CustomPolicy, versionId: string): PolicyVersion {
    const v = policy.versions.find((x) => x.versionId === versionId)
    if (!v) throw entityError('EntityNotExist.Policy.Version')
    return v
  }

  deletePolicyVersion(policy: CustomPolicy, versionId: string, now: Date): void {
    const v = this.requireVersion(policy, versionId)
    if (v.versionId === policy.defaultVersion) throw entityError('DeleteConflict.Policy.Version.Default')
    policy.versions.splice(policy.versions.indexOf(v), 1)
    policy.updateDate = now
  }

  deletePolicy(name: string, cascading: boolean): void {
    const policy = this.requireCustomPolicy(name)
    const holders = this.holders.get(policyKey('Custom', policy.policyName))
    if (holders && holders.users.size > 0) throw entityError('DeleteConflict.Policy.User')
    if (holders && holders.roles.size > 0) throw entityError('DeleteConflict.Policy.Role')
    if (policy.versions.length > 1 && !cascading) throw entityError('DeleteConflict.Policy.Version')
    this.policies.delete(policy.policyName)
    this.holders.delete(policyKey('Custom', policy.policyName))
  }

  // ---- OIDC providers ------------------------------------------------------------------------

  createOidcProvider(fields: Omit<OidcProvider, 'createDate'>, now: Date): OidcProvider {
    if (this.oidcProviders.get(fields.name)) throw entityError('EntityAlreadyExists.OIDCProvider')
    const provider: OidcProvider = { ...fields, createDate: now }
    this.oidcProviders.set(provider.name, provider)
    return provider
  }

  // ---- attachments ---------------------------------------------------------------------------

  principal(kind: PrincipalKind, name: string): User | Role {
    return kind === 'user' ? this.requireUser(name) : this.requireRole(name)
  }

  /** Attach; O(attachments of the principal) (at most 30). Returns the new attachment. */
  attach(kind: PrincipalKind, principal: User | Role, type: PolicyType, name: string, now: Date): Attachment {
    const policy = this.requirePolicy(type, name)
    const list = principal.attachments
    const prefix = kind === 'user' ? 'User' : 'Role'
    if (list.some((a) => a.policyType === type && a.policyName.toLowerCase() === name.toLowerCase())) {
      throw entityError(`EntityAlreadyExists.${prefix}.Policy`)
    }
    const limit = type === 'System' ? LIMITS.systemPoliciesPerPrincipal : LIMITS.customPoliciesPerPrincipal
    if (list.filter((a) => a.policyType === type).length >= limit)
      throw entityError(`LimitExceeded.${prefix}.Policy`)
    const attachment: Attachment = { policyType: type, policyName: policy.policyName, attachDate: now }
    list.push(attachment)
    const key = policyKey(type, policy.policyName)
    const holders = this.holders.get(key) ?? { users: new Map(), roles: new Map() }
    this.holders.set(key, holders)
    if (kind === 'user') holders.users.set(principal as User, attachment)
    else holders.roles.set(principal as Role, attachment)
    return attachment
  }

  detach(kind: PrincipalKind, principal: User | Role, type: PolicyType, name: string): void {
    this.requirePolicy(type, name)
    const list = principal.attachments
    const i = list.findIndex(
      (a) => a.policyType === type && a.policyName.toLowerCase() === name.toLowerCase(),
    )
    if (i < 0) throw entityError(`EntityNotExist.${kind === 'user' ? 'User' : 'Role'}.Policy`)
    list.splice(i, 1)
    const holders = this.holders.get(policyKey(type, name))
    if (kind === 'user') holders?.users.delete(principal as User)
    else holders?.roles.delete(principal as Role)
  }

  /** Principals holding a policy, each list in name order: O(holders), never O(principals). */
  attachmentsOf(
    type: PolicyType,
    name: string,
  ): { users: Array<[User, Attachment]>; roles: Array<[Role, Attachment]> } {
    const holders = this.holders.get(policyKey(type, name))
    return {
      users: [...(holders?.users ?? [])].sort(byName((u) => u.userName)),
      roles: [...(holders?.roles ?? [])].sort(byName((r) => r.roleName)),
    }
  }

  /** How many principals hold a policy, O(1); `filter` (eventual consistency) makes it O(holders). */
  attachmentCount(type: PolicyType, name: string, filter?: (a: Attachment) => boolean): number {
    const holders = this.holders.get(policyKey(type, name))
    if (!holders) return 0
    if (!filter) return holders.users.size + holders.roles.size
    let n = 0
    for (const a of holders.users.values()) if (filter(a)) n++
    for (const a of holders.roles.values()) if (filter(a)) n++
    return n
  }

  /** Default-version documents of everything attached to a principal. */
  attachedDocuments(principal: User | Role): ParsedPolicy[] {
    const out: ParsedPolicy[] = []
    for (const a of principal.attachments) {
      if (a.policyType === 'Custom') {
        const p = this.policies.get(a.policyName)
        const v = p?.versions.find((x) => x.versionId === p.defaultVersion)
        if (v) out.push(v.parsed)
      } else {
        const parsed = systemParsed.get(a.policyName.toLowerCase())
        if (parsed) out.push(parsed)
      }
    }
    return out
  }
}

export class Store {
  readonly accounts = new Map<string, Account>()
  readonly keys = new Map<string, KeyRecord>()
  readonly sessions = new Map<string, StsSession>()

  constructor(readonly ids: IdGenerator) {}

  reset(): void {
    this.accounts.clear()
    this.keys.clear()
    this.sessions.clear()
  }

  createAccount(opts: { accountId?: string; alias?: string }, now: Date): Account {
    let id = opts.accountId
    if (id !== undefined && !/^\d{1,32}$/.test(id))
      throw new ApiError('InvalidParameter.AccountId', `Account ids are numeric strings: ${id}`)
    if (id !== undefined && this.accounts.has(id)) {
      throw new ApiError('EntityAlreadyExists.Account', `Account ${id} already exists.`)
    }
    while (id === undefined || this.accounts.has(id)) id = this.ids.accountId()
    const account = new Account(this, id, opts.alias ?? id, now)
    this.accounts.set(id, account)
    return account
  }

  requireAccount(id: string): Account {
    const a = this.accounts.get(id)
    if (!a) throw new ApiError('EntityNotExist.Account', `Account ${id} does not exist.`)
    return a
  }
}
