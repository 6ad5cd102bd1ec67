/**
 * Control surface for tests and demos: set up accounts, users, keys, roles, policies and
 * attachments without signing requests, inspect state and the call log, reset. Available
 * in-process (EmulatorControl) and over HTTP on the RAM port under /__emulator/ (JSON in and out;
 * see README). Domain rules are the API's own (state.ts), so limits and conflicts apply here too.
 */
import type { JsonWebKey } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { oidcProviderArn, roleArn } from './arn.js'
import { type Authenticator, type Identity, identityArn } from './auth.js'
import { isAllowed } from './authorize.js'
import type { CallLog, CallRecord } from './calls.js'
import { ApiError } from './errors.js'
import type { FaultConfig, Faults } from './faults.js'
import { checkOidcProvider, type OidcProviderOptions } from './oidc.js'
import * as P from './params.js'
import { checkDocument } from './ram.js'
import type { Account, Attachment, PolicyType, PrincipalKind, Store, Tag } from './state.js'
import { type Clock, isoSeconds } from './time.js'

export interface AccessKey {
  accessKeyId: string
  accessKeySecret: string
}

export interface PolicyRef {
  type: 'System' | 'Custom'
  name: string
}

export interface AttachedPolicySnapshot {
  type: PolicyType
  name: string
  attachDate: string
}

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

export interface CreateRoleOptions {
  assumeRolePolicyDocument: string
  description?: string
  maxSessionDuration?: number
  policies?: PolicyRef[]
}

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
}

const key = (k: { accessKeyId: string; accessKeySecret: string }): AccessKey => ({
  accessKeyId: k.accessKeyId,
  accessKeySecret: k.accessKeySecret,
})

const attachedSnapshot = (list: Attachment[]): AttachedPolicySnapshot[] =>
  list.map((a) => ({ type: a.policyType, name: a.policyName, attachDate: isoSeconds(a.attachDate) }))

export function createControl(
  store: Store,
  calls: CallLog,
  clock: Clock,
  resetAll: () => void,
  faults: Faults,
  auth: Authenticator,
): EmulatorControl {
  const acct = (id: string): Account => store.requireAccount(id)
  /** The identity behind a key and token, or the API error code that refuses them. */
  const resolve = (accessKeyId: string, token: string | undefined): Identity | string => {
    try {
      return auth.resolveKey(accessKeyId, token || undefined, clock()).identity
    } catch (e) {
      if (e instanceof ApiError) return e.code
      throw e
    }
  }
  const attach = (a: Account, kind: PrincipalKind, name: string, policies: PolicyRef[] | undefined): void => {
    for (const p of policies ?? []) {
      a.attach(kind, a.principal(kind, name), P.policyType(p.type), P.policyName(p.name), clock())
    }
  }
  return {
    createAccount(opts = {}) {
      const a = store.createAccount(opts, clock())
      return { accountId: a.accountId, root: key(a.createAccessKey(undefined, clock())) }
    },
    createUser(accountId, userName, opts = {}) {
      const a = acct(accountId)
      const user = a.createUser({ userName: P.userName(userName) }, clock())
      attach(a, 'user', user.userName, opts.policies)
      const accessKey = opts.accessKey ? key(a.createAccessKey(user, clock())) : undefined
      return { userName: user.userName, userId: user.userId, ...(accessKey ? { accessKey } : {}) }
    },
    createAccessKey(accountId, userName) {
      const a = acct(accountId)
      return key(a.createAccessKey(a.requireUser(userName), clock()))
    },
    attachPolicy(accountId, principal, policy) {
      const a = acct(accountId)
      a.attach(
        principal.type,
        a.principal(principal.type, principal.name),
        P.policyType(policy.type),
        policy.name,
        clock(),
      )
    },
    detachPolicy(accountId, principal, policy) {
      const a = acct(accountId)
      a.detach(
        principal.type,
        a.principal(principal.type, principal.name),
        P.policyType(policy.type),
        policy.name,
      )
    },
    createRole(accountId, roleName, opts) {
      const a = acct(accountId)
      const doc = opts.assumeRolePolicyDocument
      const max = P.integer(String(opts.maxSessionDuration ?? 3600), 'MaxSessionDuration', 3600, 43200)
      const role = a.createRole(
        {
          roleName: P.roleName(roleName),
          assumeRolePolicyDocument: doc,
          trustPolicy: checkDocument(doc, 'AssumeRolePolicyDocument', 'trust', 2048),
          description: opts.description ?? '',
          maxSessionDuration: max,
          tags: [],
        },
        clock(),
      )
      attach(a, 'role', role.roleName, opts.policies)
      return { roleName: role.roleName, roleId: role.roleId, arn: roleArn(accountId, role.roleName) }
    },
    createPolicy(accountId, policyName, document, opts = {}) {
      const parsed = checkDocument(document, 'PolicyDocument', 'permission', 6144)
      const p = acct(accountId).createPolicy(
        {
          policyName: P.policyName(policyName),
          description: opts.description ?? '',
          document,
          parsed,
          tags: [],
        },
        clock(),
      )
      return { policyName: p.policyName }
    },
    createOidcProvider(accountId, provider) {
      const a = acct(accountId)
      const p = a.createOidcProvider(checkOidcProvider(provider ?? ({} as OidcProviderOptions)), clock())
      return { arn: oidcProviderArn(a.accountId, p.name) }
    },
    credentialInfo(accessKeyId, securityToken) {
      if (typeof accessKeyId !== 'string' || accessKeyId === '') {
        return { valid: false, reason: 'MissingAccessKeyId' }
      }
      const id = resolve(accessKeyId, securityToken)
      if (typeof id === 'string') return { valid: false, reason: id }
      const secret =
        id.kind === 'session' ? id.session.accessKeySecret : store.keys.get(accessKeyId)!.accessKeySecret
      return { valid: true, secret, accountId: id.account.accountId, caller: identityArn(id) }
    },
    isAllowed(accessKeyId, securityToken, action, resource, context = {}) {
      const id = resolve(accessKeyId, securityToken)
      if (typeof id === 'string') return false
      return isAllowed(id, action, resource, {
        'acs:CurrentTime': isoSeconds(clock()),
        'acs:SecureTransport': 'true',
        'acs:MFAPresent': 'false',
        ...context,
      })
    },
    state(accountId) {
      const a = acct(accountId)
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
    },
    calls: () => calls.list(),
    clearCalls: () => calls.clear(),
    reset: resetAll,
    accounts: () => [...store.accounts.keys()],
    setFaults: (config) => faults.set(config),
    clearFaults: () => faults.clear(),
    faultStats: () => faults.stats(),
    concurrency: () => calls.concurrency(),
  }
}

// ---- HTTP -----------------------------------------------------------------------------------------

type Args = Record<string, unknown>

const str = (args: Args, name: string): string => {
  const v = args[name]
  if (typeof v !== 'string' || v === '')
    throw new ApiError('InvalidArgument', `"${name}" must be a non-empty string.`)
  return v
}
const optStr = (args: Args, name: string): string | undefined =>
  args[name] === undefined ? undefined : str(args, name)
const optObj = <T>(args: Args, name: string): T | undefined => {
  const v = args[name]
  if (v !== undefined && (typeof v !== 'object' || v === null)) {
    throw new ApiError('InvalidArgument', `"${name}" must be an object or array.`)
  }
  return v as T | undefined
}
const stringRecord = (args: Args, name: string): Record<string, string> | undefined => {
  const v = args[name]
  if (v === undefined) return undefined
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    Object.values(v).some((x) => typeof x !== 'string')
  ) {
    throw new ApiError('InvalidArgument', `"${name}" must be an object of strings.`)
  }
  return v as Record<string, string>
}
const principalArg = (args: Args): { type: 'user' | 'role'; name: string } => {
  const p = optObj<Args>(args, 'principal') ?? {}
  const type = p.type
  if (type !== 'user' && type !== 'role')
    throw new ApiError('InvalidArgument', '"principal.type" must be "user" or "role".')
  return { type, name: str(p, 'name') }
}
const policyArg = (args: Args): PolicyRef => {
  const p = optObj<Args>(args, 'policy') ?? {}
  if (p.type !== 'System' && p.type !== 'Custom') {
    throw new ApiError('InvalidArgument', '"policy.type" must be "System" or "Custom".')
  }
  return { type: p.type, name: str(p, 'name') }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
type Run = (control: EmulatorControl, args: Args) => unknown
/** The handlers of one control route, by HTTP method. */
type Route = Partial<Record<Method, Run>>

/**
 * `/__emulator/<name>`: GET and DELETE take query arguments, POST and PUT a JSON object of named
 * arguments. `GET faults` answers the current fault config, read through `faultConfig`.
 */
export function controlRoutes(faultConfig: () => FaultConfig): Record<string, Route> {
  return {
    createAccount: {
      POST: (c, a) => c.createAccount({ accountId: optStr(a, 'accountId'), alias: optStr(a, 'alias') }),
    },
    createUser: {
      POST: (c, a) =>
        c.createUser(str(a, 'accountId'), str(a, 'userName'), {
          policies: optObj<PolicyRef[]>(a, 'policies'),
          accessKey: a.accessKey === true,
        }),
    },
    createAccessKey: { POST: (c, a) => c.createAccessKey(str(a, 'accountId'), str(a, 'userName')) },
    attachPolicy: { POST: (c, a) => c.attachPolicy(str(a, 'accountId'), principalArg(a), policyArg(a)) },
    detachPolicy: { POST: (c, a) => c.detachPolicy(str(a, 'accountId'), principalArg(a), policyArg(a)) },
    createRole: {
      POST: (c, a) =>
        c.createRole(str(a, 'accountId'), str(a, 'roleName'), {
          assumeRolePolicyDocument: str(a, 'assumeRolePolicyDocument'),
          description: optStr(a, 'description'),
          maxSessionDuration: typeof a.maxSessionDuration === 'number' ? a.maxSessionDuration : undefined,
          policies: optObj<PolicyRef[]>(a, 'policies'),
        }),
    },
    createPolicy: {
      POST: (c, a) =>
        c.createPolicy(str(a, 'accountId'), str(a, 'policyName'), str(a, 'document'), {
          description: optStr(a, 'description'),
        }),
    },
    state: { GET: (c, a) => c.state(str(a, 'accountId')) },
    accounts: { GET: (c) => c.accounts() },
    calls: { GET: (c) => c.calls() },
    clearCalls: { POST: (c) => c.clearCalls() },
    reset: { POST: (c) => c.reset() },
    faults: {
      GET: () => faultConfig(),
      PUT: (c, a) => {
        c.setFaults(a as FaultConfig)
        return faultConfig()
      },
      DELETE: (c) => c.clearFaults(),
    },
    'faults/stats': { GET: (c) => c.faultStats() },
    concurrency: { GET: (c) => c.concurrency() },
    createOidcProvider: {
      POST: (c, a) =>
        c.createOidcProvider(str(a, 'accountId'), {
          name: str(a, 'name'),
          issuerUrl: str(a, 'issuerUrl'),
          clientIds: optObj<string[]>(a, 'clientIds') ?? [],
          keys: optObj<JsonWebKey[]>(a, 'keys') ?? [],
        }),
    },
    // Keys and tokens travel in a POST body rather than a URL.
    credentialInfo: {
      POST: (c, a) => c.credentialInfo(str(a, 'accessKeyId'), optStr(a, 'securityToken')),
    },
    isAllowed: {
      POST: (c, a) =>
        c.isAllowed(
          str(a, 'accessKeyId'),
          optStr(a, 'securityToken'),
          str(a, 'action'),
          str(a, 'resource'),
          stringRecord(a, 'context'),
        ),
    },
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {})
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

export function controlHttpHandler(control: EmulatorControl, faultConfig: () => FaultConfig) {
  const routes = controlRoutes(faultConfig)
  const methods = (r: Route): Method[] => Object.keys(r) as Method[]
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://emulator')
    const name = url.pathname.slice('/__emulator/'.length)
    if (name === '') {
      reply(res, 200, {
        routes: Object.entries(routes).flatMap(([n, r]) => methods(r).map((m) => `${m} /__emulator/${n}`)),
      })
      return true
    }
    const route = Object.hasOwn(routes, name) ? routes[name] : undefined
    if (!route) {
      reply(res, 404, { error: { code: 'NotFound', message: `Unknown control route /__emulator/${name}` } })
      return true
    }
    const method = (req.method ?? 'GET').toUpperCase() as Method
    const run = Object.hasOwn(route, method) ? route[method] : undefined
    if (!run) {
      reply(res, 405, {
        error: {
          code: 'MethodNotAllowed',
          message: `Use ${methods(route).join(' or ')} for /__emulator/${name}`,
        },
      })
      return true
    }
    try {
      let args: Args = Object.fromEntries(url.searchParams)
      if ((method === 'POST' || method === 'PUT') && body.length > 0) {
        const parsed: unknown = JSON.parse(body.toString('utf8'))
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw new ApiError('InvalidArgument', 'The body must be a JSON object.')
        }
        args = parsed as Args
      }
      reply(res, 200, run(control, args))
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 400
      const code = e instanceof ApiError ? e.code : 'InvalidArgument'
      reply(res, status, { error: { code, message: (e as Error).message } })
    }
    return true
  }
}
