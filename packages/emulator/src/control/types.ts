/** The control surface's in-process API: its interface and the shapes it answers. */
import type { PolicyType, Tag } from '../domain/entities.js'
import type { FaultConfig } from '../faults/config.js'
import type { CallRecord } from '../gateway/call-log.js'
import type { OidcProviderOptions } from '../oidc/provider.js'

/** An access key pair (a root or RAM user key). */
export interface AccessKey {
  accessKeyId: string
  accessKeySecret: string
}

/** A policy named by type and name. */
export interface PolicyRef {
  type: 'System' | 'Custom'
  name: string
}

/** An attachment as state() shows it. */
export interface AttachedPolicySnapshot {
  type: PolicyType
  name: string
  attachDate: string
}

/** One account as plain JSON (state(accountId)). */
export interface AccountSnapshot {
  accountId: string
  alias: string
  users: Array<{
    name: string
    userId: string
    displayName: string
    mobilePhone: string
    email: string
    comments: string
    createDate: string
    updateDate: string
    accessKeys: Array<{ accessKeyId: string; status: string; createDate: string }>
    policies: AttachedPolicySnapshot[]
  }>
  roles: Array<{
    name: string
    roleId: string
    arn: string
    description: string
    /** The AssumeRolePolicyDocument, verbatim. */
    trustPolicy: string
    maxSessionDuration: number
    createDate: string
    updateDate: string
    tags: Tag[]
    policies: AttachedPolicySnapshot[]
  }>
  policies: Array<{
    name: string
    description: string
    defaultVersion: string
    createDate: string
    updateDate: string
    tags: Tag[]
    versions: Array<{ versionId: string; isDefaultVersion: boolean; document: string; createDate: string }>
  }>
  /** Present only when the account has OIDC providers (createOidcProvider). */
  oidcProviders?: Array<{
    name: string
    arn: string
    issuerUrl: string
    clientIds: string[]
    /** The `kid`s of the registered keys. */
    kids: string[]
    createDate: string
  }>
}

/** What `credentialInfo` tells about an access key (and security token). */
export interface CredentialInfo {
  valid: boolean
  /** When invalid: the code the API would answer (`InvalidAccessKeyId.NotFound`, `MissingSecurityToken`, …). */
  reason?: string
  /** When valid: the AccessKeySecret to verify a signature with. */
  secret?: string
  /** When valid: the caller's account. */
  accountId?: string
  /** When valid: the caller's ARN (`…:root`, `…:user/<name>`, `…:assumed-role/<role>/<session>`). */
  caller?: string
}

/** Credentials of a role session a trusted service obtained (assumeRoleAsService). */
export interface ServiceSession {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  /** `yyyy-MM-ddTHH:mm:ssZ`. */
  expiration: string
  /** The session's ARN, as GetCallerIdentity answers it. */
  arn: string
}

/** What control.createRole takes besides the name. */
export interface CreateRoleOptions {
  assumeRolePolicyDocument: string
  description?: string
  maxSessionDuration?: number
  policies?: PolicyRef[]
}

/**
 * The control surface: set up and inspect the emulator without signing requests. Its writes
 * follow the API's own rules (limits, conflicts) and are never delayed by faults.
 */
export interface EmulatorControl {
  createAccount(opts?: { accountId?: string; alias?: string }): { accountId: string; root: AccessKey }
  createUser(
    accountId: string,
    userName: string,
    opts?: { policies?: PolicyRef[]; accessKey?: boolean },
  ): { userName: string; userId: string; accessKey?: AccessKey }
  createAccessKey(accountId: string, userName: string): AccessKey
  attachPolicy(accountId: string, principal: { type: 'user' | 'role'; name: string }, policy: PolicyRef): void
  detachPolicy(accountId: string, principal: { type: 'user' | 'role'; name: string }, policy: PolicyRef): void
  state(accountId: string): AccountSnapshot
  calls(): CallRecord[]
  clearCalls(): void
  reset(): void
  // ---- additions ----
  /** Create a role (trust document validated like CreateRole), optionally with attached policies. */
  createRole(
    accountId: string,
    roleName: string,
    opts: CreateRoleOptions,
  ): { roleName: string; roleId: string; arn: string }
  /** Create a custom policy (document validated like CreatePolicy). */
  createPolicy(
    accountId: string,
    policyName: string,
    document: string,
    opts?: { description?: string },
  ): { policyName: string }
  /** Ids of all accounts. */
  accounts(): string[]
  // ---- faults (faults.ts; README "Faults") ----
  /** Replace the whole fault config; resets the fault PRNG, the QPS buckets and the stats. */
  setFaults(config: FaultConfig): void
  clearFaults(): void
  /** Faults injected since setFaults/clearFaults, by kind. */
  faultStats(): Record<string, number>
  /** API requests being handled now / the most at once since clearCalls(). */
  concurrency(): { inFlight: number; max: number }
  // ---- federation and other services (README "OIDC", "OSS stand-in") ----
  /** Register an OIDC identity provider (issuer, client ids, RSA public JWKs) for AssumeRoleWithOIDC. */
  createOidcProvider(accountId: string, provider: OidcProviderOptions): { arn: string }
  /** Whether an access key (with its security token, for STS keys) is valid now, and whose it is. */
  credentialInfo(accessKeyId: string, securityToken?: string): CredentialInfo
  /**
   * Whether the holder of a valid key may do `action` (`oss:PutObject`) on `resource`
   * (`acs:oss:…`): the root always, a user through its policies, a role session through its role's
   * policies ∩ its session policy. Invalid credentials: false. `context` adds or overrides
   * condition keys (defaults: `acs:CurrentTime` now, `acs:SecureTransport` true, `acs:MFAPresent` false).
   */
  isAllowed(
    accessKeyId: string,
    securityToken: string | undefined,
    action: string,
    resource: string,
    context?: Record<string, string>,
  ): boolean
  /**
   * A role session obtained the way a cloud service does for a role that trusts it (the ECS
   * metadata stand-in uses this for an instance's RAM role): the role's trust policy must allow
   * `service` (e.g. `ecs.aliyuncs.com`) under `Principal.Service`, else NoPermission. The
   * credentials are accepted by RAM and STS like any role session's.
   */
  assumeRoleAsService(
    accountId: string,
    roleName: string,
    opts: { service: string; sessionName: string; durationSeconds: number },
  ): ServiceSession
}
