/**
 * The domain: what RAM looks like, what the workflow wants, the changes between the two, and
 * what one run produced. Everything else imports from here; this module imports nothing, so the
 * planner, the renderers and the tests never depend on how the cloud is called.
 */

/** What a run does: reconcile and assume, only look, or only assume. */
export type Mode = 'apply' | 'check' | 'assume'

/** A policy as RAM names it: its type and name (names compare case-insensitively). */
export interface PolicyRef {
  type: 'System' | 'Custom'
  name: string
}

/** A RAM identity that policies attach to. */
export interface Principal {
  type: 'role' | 'user'
  name: string
}

/** A policy document as RAM's grammar describes it (only the parts this action reads). */
export interface PolicyDocument {
  Version: string
  Statement: Statement[]
}

/** One statement of a policy document. */
export interface Statement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Principal?: Record<string, string | string[]>
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>
}

/** A role as RAM returns it. */
export interface RoleInfo {
  name: string
  arn: string
  /** The trust policy exactly as RAM stored it. */
  trustPolicy: string
  maxSessionDuration: number
  description: string
  /** ISO 8601 UTC; '' when RAM did not say. */
  createDate: string
  updateDate: string
}

/** One version of a custom policy as RAM returns it. */
export interface PolicyVersion {
  versionId: string
  isDefault: boolean
  /** The document exactly as RAM stored it. */
  document: string
  createDate: string
}

/** A RAM user as RAM returns it. */
export interface UserInfo {
  name: string
  /** '' when RAM did not say (ListUsers leaves it out). */
  comments?: string
  createDate?: string
}

/** A custom or system policy as GetPolicy returns it. */
export interface PolicyInfo {
  name: string
  type: 'System' | 'Custom'
  description: string
}

/** A policy attached to a role or user, and since when. */
export interface Attachment extends PolicyRef {
  /** ISO 8601 UTC; '' when RAM did not say. */
  attachDate: string
}

/** What a create found: it made the entity, or the entity was there already (a race, or lag). */
export type CreateOutcome = 'created' | 'existed'

/** Who made a call, from STS GetCallerIdentity. */
export interface CallerIdentity {
  accountId: string
  arn: string
  /** `Account` (root), `RAMUser` or `AssumedRoleUser`. */
  identityType: string
}

/** An AccessKey pair, optionally with the SecurityToken of an STS session. */
export interface Credentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

/** Temporary credentials from STS, and the identity they act as. */
export interface AssumedRole {
  credentials: Required<Credentials>
  /** ISO 8601 UTC. */
  expiration: string
  assumedRoleArn: string
  assumedRoleId: string
}

/** An AssumeRole request. */
export interface AssumeRoleRequest {
  roleArn: string
  sessionName: string
  durationSeconds: number
  policy?: string
  externalId?: string
}

/** An AssumeRoleWithOIDC request: unsigned, the ID token is the credential. */
export interface AssumeRoleWithOidcRequest {
  providerArn: string
  roleArn: string
  token: string
  sessionName: string
  durationSeconds: number
}

// ---------------------------------------------------------------------------------------------
// Ports: the cloud as the engine sees it. The adapter in aliyun/ implements them; the tests use
// an in-memory RAM. A drift check receives only the read-only ones, so it cannot write.

/** The RAM calls that only read. */
export interface RamReader {
  getRole(name: string): Promise<RoleInfo | undefined>
  getUser(name: string): Promise<UserInfo | undefined>
  /** A policy's name, type and description, or undefined when it does not exist. */
  getPolicy(policy: PolicyRef): Promise<PolicyInfo | undefined>
  /** Every version of a custom policy, or undefined when the policy does not exist. */
  listPolicyVersions(name: string): Promise<PolicyVersion[] | undefined>
  /** The policies attached to a role or user; empty when it does not exist. */
  listAttachedPolicies(principal: Principal): Promise<Attachment[]>
  /** One page of the account's users at a time, at the largest page size RAM allows. */
  listUsers(): AsyncIterable<UserInfo[]>
  /** The users a policy is attached to, or undefined when the policy does not exist. */
  listUsersWithPolicy(policy: PolicyRef): Promise<string[] | undefined>
}

/**
 * The RAM calls that change something. Each is idempotent: an outcome another run already
 * reached (attached, detached, deleted, created) counts as success. createPolicyVersion, which
 * RAM does not make idempotent, looks at the policy before it tries again.
 */
export interface RamWriter {
  createRole(role: {
    name: string
    trustPolicy: string
    description: string
    maxSessionDuration: number
  }): Promise<CreateOutcome>
  updateRole(
    name: string,
    patch: { trustPolicy?: string; maxSessionDuration?: number; description?: string },
  ): Promise<void>
  createUser(user: { name: string; comments: string }): Promise<CreateOutcome>
  updateUserComments(name: string, comments: string): Promise<void>
  updatePolicyDescription(name: string, description: string): Promise<void>
  createPolicy(policy: { name: string; document: string; description: string }): Promise<CreateOutcome>
  createPolicyVersion(name: string, document: string): Promise<void>
  deletePolicyVersion(name: string, versionId: string): Promise<void>
  attachPolicy(principal: Principal, policy: PolicyRef): Promise<void>
  detachPolicy(principal: Principal, policy: PolicyRef): Promise<void>
}

/** STS GetCallerIdentity: who the signed-in identity is. Read-only. */
export interface Identity {
  getCallerIdentity(): Promise<CallerIdentity>
}

/** STS AssumeRole: mints credentials, so a drift check never holds one. */
export interface Assumer extends Identity {
  assumeRole(request: AssumeRoleRequest): Promise<AssumedRole>
}

/** STS AssumeRoleWithOIDC, called without a key. */
export interface OidcExchange {
  assumeRoleWithOidc(request: AssumeRoleWithOidcRequest): Promise<AssumedRole>
}

// ---------------------------------------------------------------------------------------------
// Desired state, observed state and the plan between them.

/** The owner of a custom policy the action manages: a role, and which of its policies it is. */
export interface PolicyOwner {
  /** A role's permissions (policy-file), or what lets the sub-account assume the role. */
  purpose: 'permissions' | 'assume'
  role: string
}

/** A custom policy the action owns: its document is kept equal to this one. */
export interface DesiredPolicy {
  name: string
  document: PolicyDocument
  /** The ownership mark written as its description, naming its owner. */
  description: string
  /** Whose policy it is: a policy is never moved between owners. */
  owner: PolicyOwner
  /** Where the document came from, for annotations; none for documents the action writes itself. */
  file?: PolicyFile
}

/** How RAM should look, derived from the inputs and the account id alone. */
export interface Desired {
  accountId: string
  role: {
    name: string
    arn: string
    trustPolicy: PolicyDocument
    trustFile?: PolicyFile
    /** Undefined: an existing role keeps its value, a new one gets 3600. */
    maxSessionDuration?: number
    description: string
  }
  rolePolicies: PolicyRef[]
  customPolicies: DesiredPolicy[]
  user?: { name: string; comments: string; policies: PolicyRef[] }
  /** Policies every user of the account must have. */
  allUsersPolicies: PolicyRef[]
  /** Detach from the role and user what the inputs do not name. */
  exclusive: boolean
  /** Change entities the action did not create, and mark them as its own. */
  adopt: boolean
  /** Known extra attachments: neither reported as unmanaged nor detached. */
  ignorePolicies: PolicyRef[]
}

/** A custom policy as observed: its description (the ownership mark) and every version. */
export interface ObservedPolicy {
  description: string
  versions: PolicyVersion[]
}

/** RAM as observed: only the entities the desired state names. */
export interface Actual {
  role?: RoleInfo
  rolePolicies: Attachment[]
  /** Each desired custom policy by lower-case name; undefined when it does not exist. */
  customPolicies: Map<string, ObservedPolicy | undefined>
  user?: UserInfo
  userPolicies: Attachment[]
  /** For each all-users policy (by policyKey), the names of users that lack it. */
  usersLacking: Map<string, string[]>
  /** Policies the inputs name for attaching (sub-account-policies) that RAM does not have. */
  missingPolicies: PolicyRef[]
}

/** An entity whose ownership mark a change writes. */
export type MarkedEntity = 'role' | 'policy' | 'user'

/**
 * One write, typed, with the documents before and after where the write replaces one, and
 * the statement-level diff between them. The plan is a list of these; apply performs them.
 * `adopt` marks a change to an entity the action did not create.
 */
export type Change =
  | { kind: 'create-user'; user: string; comments: string }
  | {
      kind: 'create-role'
      role: string
      trustPolicy: PolicyDocument
      maxSessionDuration: number
      description: string
      diff: string[]
    }
  | {
      kind: 'update-role'
      role: string
      /** The trust policy as RAM stored it, and the one that replaces it. */
      trustPolicy?: { before: string; after: PolicyDocument }
      maxSessionDuration?: { before: number; after: number }
      diff: string[]
      adopt?: true
    }
  | { kind: 'create-policy'; policy: string; document: PolicyDocument; description: string; diff: string[] }
  | { kind: 'delete-policy-version'; policy: string; versionId: string; adopt?: true }
  | {
      kind: 'create-policy-version'
      policy: string
      /** The default version's document as RAM stored it ('' when the policy had no default). */
      before: string
      after: PolicyDocument
      diff: string[]
      adopt?: true
    }
  | {
      kind: 'attach-policy'
      principal: Principal
      policy: PolicyRef
      /** Set on the all-users grants: a failure is reported per user and does not stop the run. */
      allUsers?: true
    }
  | { kind: 'detach-policy'; principal: Principal; policy: PolicyRef; adopt?: true }
  | { kind: 'mark-owned'; entity: MarkedEntity; name: string; before: string; after: string }

/** The key RAM itself uses for a policy: type plus case-insensitive name. */
export function policyKey(p: PolicyRef): string {
  return `${p.type}:${p.name.toLowerCase()}`
}

// ---------------------------------------------------------------------------------------------
// What a reviewer must see: risky documents, access nobody declared, and what the run refused.

/** A security finding about a policy document, from the local linter (policy/lint.ts). */
export interface Finding {
  /** A stable rule id, e.g. `trust-any-principal`. */
  rule: string
  severity: 'error' | 'warning'
  message: string
  /** The document: `trust policy of role r`, `policy p`, `session policy`. */
  subject: string
  /** `desired`: what the inputs would write; `actual`: what RAM holds now. */
  source: 'desired' | 'actual'
  /** The workspace file and line, when the document came from a file. */
  file?: string
  line?: number
}

/** A policy attached to the managed role or sub-account that the inputs do not name. */
export interface UnmanagedAttachment {
  principal: Principal
  policy: PolicyRef
}

/** A change the run refuses to make, and the inputs to look at. */
export interface Refusal {
  inputs: string[]
  message: string
}

// ---------------------------------------------------------------------------------------------
// The result of one run, which the GitHub step and the CLI each render.

/** A user the all-users grant could not reach, and why. */
export interface FailedUser {
  user: string
  policy: string
  error: string
}

/** The session a run assumed: its credentials are secret, everything else is not. */
export interface Session {
  credentials: Required<Credentials>
  arn: string
  /** ISO 8601 UTC. */
  expiration: string
  /** Who called AssumeRole, for the summary: an ARN or `sub-account <name>`. */
  via: string
}

/** Why a run stopped: the step that failed and a message for the person reading the log. */
export interface Failure {
  step: string
  message: string
}

/** Everything one run produced. Renderers decide what reaches outputs, files and exit codes. */
export interface RunResult {
  mode: Mode
  /** Known once the caller was identified. */
  accountId?: string
  roleArn?: string
  /** The plan: for check, what apply would do; for apply, what it did (or tried). */
  changes: Change[]
  /** True when the changes were written. */
  applied: boolean
  failedUsers: FailedUser[]
  /** Findings on the documents the inputs would write and on those RAM holds. */
  findings: Finding[]
  /** Attachments nobody declared (and `ignore-policies` does not name). */
  unmanaged: UnmanagedAttachment[]
  /** What the guards refused; a run with refusals writes nothing. */
  refusals: Refusal[]
  session?: Session
  /** Set when the run stopped early; the fields above hold what was known by then. */
  failure?: Failure
}

/** A run's result before it has learnt anything: what the engine starts from. */
export function newRunResult(mode: Mode): RunResult {
  return { mode, changes: [], applied: false, failedUsers: [], findings: [], unmanaged: [], refusals: [] }
}

// ---------------------------------------------------------------------------------------------
// What the engine is given: the clients each mode may hold, and where its progress lines go.

/** All a drift check holds: RAM reads and GetCallerIdentity. Nothing here can write or mint. */
export interface ReadOnlyCloud {
  ram: RamReader
  identity: Identity
}

/** What apply holds: the reads, the writes, and the STS that assumes the role. */
export interface ApplyCloud extends ReadOnlyCloud {
  writer: RamWriter
  /** The identity that calls AssumeRole: the sub-account when its keys are given. */
  assumer: Assumer
}

/** What assume mode holds: STS only, no RAM at all. */
export interface AssumeCloud {
  assumer: Assumer
}

/** Builds the clients for one identity; the real one speaks to Alibaba Cloud, tests use fakes. */
export interface CloudFactory {
  readOnly(credentials: Credentials): ReadOnlyCloud
  forApply(credentials: Credentials, assumerCredentials?: Credentials): ApplyCloud
  forAssume(credentials: Credentials): AssumeCloud
  /** Unsigned STS, for AssumeRoleWithOIDC. */
  oidc(): OidcExchange
}

/** Where the engine's progress goes while it runs: the step log, or the CLI's stderr. */
export interface RunLog {
  info(line: string): void
  /** Lines under a title, folded away in the step log (a long plan would bury the rest). */
  group(title: string, lines: string[]): void
  debug(line: string): void
  warning(line: string): void
  /** Registers a secret the moment it is known, before anything could print it. */
  mask(secret: string): void
}

/** Masks every part of a key or session, the id included: it names whose access leaked. */
export function maskCredentials(log: Pick<RunLog, 'mask'>, credentials: Credentials): void {
  for (const part of [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken]) {
    if (part) log.mask(part)
  }
}

// ---------------------------------------------------------------------------------------------
// The workflow's word: every input, validated, with defaults applied.

/** A policy document read from the workspace, already validated. */
export interface PolicyFile {
  /** Workspace-relative path, for annotations. */
  path: string
  document: PolicyDocument
  /** Compact JSON, as sent to RAM. */
  text: string
  /** The line each JSON path starts on (`Statement[0]`), for annotations. */
  lines: Map<string, number>
}

/** Every input, validated and with defaults applied. Nothing here has touched the network. */
export interface Inputs {
  mode: Mode
  roleName: string
  policy?: { name: string; file: PolicyFile }
  /** A whole trust document; the default is the account-root trust. */
  trustPolicy?: PolicyFile
  subAccount?: { name: string; assumePolicyName: string; policies: PolicyRef[] }
  allUsersPolicies: PolicyRef[]
  /** Undefined: an existing role keeps its value, a new one gets 3600. */
  maxSessionDuration?: number
  exclusive: boolean
  /** Change (and mark as owned) entities the action did not create. */
  adopt: boolean
  ignorePolicies: PolicyRef[]
  failOnDrift: boolean
  /** The least severe finding that fails the step, or never. */
  failOnFindings: 'error' | 'warning' | 'never'
  /** The reconciling identity's keys; absent when it signs in another way. */
  credentials?: Credentials
  /** Where `credentials` came from: the inputs, the environment, or an earlier run's export. */
  credentialsSource?: 'inputs' | 'env' | 'chained'
  oidc?: { providerArn: string; roleArn: string; audience: string }
  /** Sign in with the ECS instance's RAM role, through the metadata service in hardened mode. */
  ecs?: { role: string | 'auto'; endpoint: string }
  /** A role the signed-in identity assumes first, to reconcile in that role's account. */
  reconcilerRoleArn?: string
  /** Accounts the run may work in; empty: any. */
  allowedAccountIds: string[]
  /** The `aliyun` CLI profile to write the credentials to. */
  profile?: string
  subAccountCredentials?: Credentials
  session: { name: string; durationSeconds: number; policy?: PolicyFile; externalId?: string }
  region: string
  ramEndpoint: string
  stsEndpoint: string
  exportEnv: boolean
  retryMaxAttempts: number
  timeoutSeconds: number
  /** What the GitHub step posts about the run; the CLI never posts. */
  review: ReviewInputs
}

/** The pull-request comment and the drift issue: whether to post them, and as whom. */
export interface ReviewInputs {
  /** Secret: masked as soon as it is read, sent only in the Authorization header. */
  githubToken: string
  /** Post the plan on the pull request (pull_request and pull_request_target events). */
  prComment: boolean
  /** Keep one issue per role in step with RAM (check mode, outside pull requests). */
  driftIssue: boolean
  driftIssueLabel: string
}

/** One thing wrong with one input; `line`/`column` point into a policy file. */
export interface InputProblem {
  input: string
  message: string
  file?: string
  line?: number
  column?: number
}
