/**
 * An account's principals: users and their access keys, roles, OIDC providers. Entity names are
 * unique case-insensitively and keep the case they were stored with. Domain rules (existence,
 * quotas, conflicts) live here and throw ApiError, so the API handlers and the control surface
 * share them.
 */
import {
  type KeyRecord,
  LIMITS,
  type OidcProvider,
  type PrincipalKind,
  type Role,
  type StsSession,
  type User,
} from '../domain/entities.js'
import { entityError } from '../domain/errors.js'
import type { IdGenerator } from '../domain/ids.js'
import { NameMap } from '../domain/names.js'

/** What an account needs of the store that holds it: ids, and the global key and session indexes. */
export interface AccountStore {
  readonly ids: IdGenerator
  readonly keys: Map<string, KeyRecord>
  readonly sessions: Map<string, StsSession>
}

export class AccountPrincipals {
  readonly users = new NameMap<User>()
  readonly roles = new NameMap<Role>()
  readonly oidcProviders = new NameMap<OidcProvider>()
  readonly rootKeys: KeyRecord[] = []
  /** roleId → role, for STS session lookups on every request. */
  private readonly rolesById = new Map<string, Role>()

  constructor(
    protected readonly store: AccountStore,
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
    // Deleting a role invalidates its outstanding STS tokens (README fidelity table, "role deletion").
    for (const [id, s] of this.store.sessions) if (s.roleId === role.roleId) this.store.sessions.delete(id)
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
}
