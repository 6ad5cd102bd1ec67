/**
 * An account: its principals (principals.ts), custom policies with their versions, and the
 * attachments between them. Each policy knows who holds it, so policy-side lookups never scan
 * principals.
 */
import {
  type Attachment,
  type CustomPolicy,
  LIMITS,
  type PolicyType,
  type PolicyVersion,
  type PolicyView,
  type PrincipalKind,
  type Role,
  type User,
} from '../domain/entities.js'
import { entityError } from '../domain/errors.js'
import { NameMap } from '../domain/names.js'
import { type ParsedPolicy, parsePolicy } from '../policy/grammar.js'
import { AccountPrincipals } from './principals.js'
import { findSystemPolicy, SYSTEM_POLICIES } from './system-policies.js'
import { customPolicyView, systemPolicyView } from './views.js'

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

export class Account extends AccountPrincipals {
  readonly policies = new NameMap<CustomPolicy>()
  /** `<type>:<lower-case policy name>` → who holds it, so policy-side lookups never scan principals. */
  private readonly holders = new Map<string, Holders>()

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
