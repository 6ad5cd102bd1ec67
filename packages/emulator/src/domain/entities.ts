/**
 * The emulator's domain types: what an account holds. Plain data, no behaviour, so every layer
 * can import them without pulling in another.
 */
import type { KeyObject } from 'node:crypto'
import type { ParsedPolicy } from '../policy/grammar.js'

/** Quotas (README "Limits": the RAM limits page, Dec 2025 values). */
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
  /** The role name as this session's ARNs spell it (Fidelity.sessionRoleNameCase). */
  arnRoleName: string
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

export type PrincipalKind = 'user' | 'role'

/**
 * Choices where no public source decides what the real service does (README fidelity table);
 * the defaults are the less surprising readings.
 */
export interface Fidelity {
  /**
   * How session ARNs (`AssumedRoleUser.Arn`, GetCallerIdentity's `Arn`) spell the role name:
   * as the role was created (`preserve`, the default) or lower-cased (`lower`).
   */
  sessionRoleNameCase: 'preserve' | 'lower'
}

export const DEFAULT_FIDELITY: Fidelity = { sessionRoleNameCase: 'preserve' }
