import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import type { PolicyRef } from './aliyun/ram.js'
import type { Credentials } from './aliyun/rpc.js'
import { parseJson } from './json-source.js'
import {
  MAX_POLICY_LENGTH,
  MAX_SESSION_POLICY_LENGTH,
  type PolicyDocument,
  type PolicyKind,
  policyProblems,
} from './policy-document.js'

export type Mode = 'apply' | 'check' | 'assume'

/** A policy document read from the workspace, already validated. */
export interface PolicyFile {
  /** Workspace-relative path, for annotations. */
  path: string
  document: PolicyDocument
  /** Compact JSON, as sent to RAM. */
  text: string
}

/** Every input, validated and with defaults applied. Nothing here has touched the network. */
export interface Inputs {
  mode: Mode
  roleName: string
  policy?: { name: string; file: PolicyFile }
  subAccount?: { name: string; assumePolicyName: string; policies: PolicyRef[] }
  allUsersPolicies: PolicyRef[]
  maxSessionDuration: number
  exclusive: boolean
  failOnDrift: boolean
  /** The reconciling identity's keys; absent when it signs in with GitHub OIDC instead. */
  credentials?: Credentials
  oidc?: { providerArn: string; roleArn: string; audience: string }
  subAccountCredentials?: Credentials
  session: { name: string; durationSeconds: number; policy?: PolicyFile; externalId?: string }
  region: string
  ramEndpoint: string
  stsEndpoint: string
  exportEnv: boolean
  retryMaxAttempts: number
  timeoutSeconds: number
}

/** One thing wrong with one input; `line`/`column` point into a policy file. */
export interface InputProblem {
  input: string
  message: string
  file?: string
  line?: number
  column?: number
}

export type InputsResult = { ok: true; inputs: Inputs } | { ok: false; problems: InputProblem[] }

/** Where inputs come from: the runner's INPUT_* variables, the environment and the workspace. */
export interface InputSource {
  /** The raw input value ('' when not given), as @actions/core's getInput returns it. */
  get(name: string): string
  env: Record<string, string | undefined>
  workspace: string
}

const ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/
const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/
const POLICY_NAME = /^[A-Za-z0-9-]{1,128}$/
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.-]{1,64}$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/
const MAX_FILE_BYTES = 64 * 1024

/** `<role-name>-<suffix>` with every character a policy name cannot hold turned into '-'. */
export function derivedPolicyName(roleName: string, suffix: string): string {
  return `${roleName}-${suffix}`.replace(/[^A-Za-z0-9-]/g, '-')
}

/** Reads and validates every input, reporting all problems at once. */
export function readInputs(source: InputSource): InputsResult {
  const problems: InputProblem[] = []
  const problem = (input: string, message: string, at?: Partial<InputProblem>) =>
    problems.push({ input, message, ...at })
  const get = (name: string) => source.get(name).trim()

  const mode = (get('mode') || 'apply') as Mode
  if (!['apply', 'check', 'assume'].includes(mode))
    problem('mode', `must be apply, check or assume, not "${mode}"`)

  const roleName = get('role-name')
  if (!roleName) problem('role-name', 'is required')
  else if (!ROLE_NAME.test(roleName)) problem('role-name', 'must be 1-64 characters of A-Z a-z 0-9 . -')

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name)
    if (!raw) return fallback
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      problem(name, `must be a whole number from ${min} to ${max}, not "${raw}"`)
      return fallback
    }
    return n
  }
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = get(name).toLowerCase()
    if (!raw) return fallback
    if (raw === 'true') return true
    if (raw === 'false') return false
    problem(name, `must be true or false, not "${get(name)}"`)
    return fallback
  }
  const policyRefs = (name: string): PolicyRef[] =>
    get(name)
      .split(/[\s,]+/)
      .filter(Boolean)
      .flatMap((item) => {
        const m = /^(?:(system|custom):)?(.*)$/i.exec(item)!
        const type = m[1]?.toLowerCase() === 'custom' ? 'Custom' : 'System'
        if (!POLICY_NAME.test(m[2]!)) {
          problem(name, `"${item}" is not a policy name: [System:|Custom:]name, name 1-128 of A-Z a-z 0-9 -`)
          return []
        }
        return [{ type, name: m[2]! }]
      })
  const readPolicyFile = (name: string, kind: PolicyKind, maxLength: number): PolicyFile | undefined => {
    const raw = get(name)
    if (!raw) return undefined
    const result = readWorkspaceJson(source.workspace, raw)
    if ('problem' in result) {
      problem(name, result.problem, result.at)
      return undefined
    }
    const issues = policyProblems(result.value, kind)
    for (const issue of issues) problem(name, `${issue} (in ${result.path})`, { file: result.path })
    if (issues.length > 0) return undefined
    const text = JSON.stringify(result.value)
    if (text.length > maxLength) {
      problem(name, `is ${text.length} characters as compact JSON; RAM accepts at most ${maxLength}`, {
        file: result.path,
      })
      return undefined
    }
    return { path: result.path, document: result.value as PolicyDocument, text }
  }

  const maxSessionDuration = integer('max-session-duration', 3600, 3600, 43200)
  const durationSeconds = integer('duration-seconds', 3600, 900, 43200)
  if (mode !== 'assume' && durationSeconds > maxSessionDuration) {
    problem(
      'duration-seconds',
      `is ${durationSeconds}, above the role's max-session-duration ${maxSessionDuration}`,
    )
  }

  const policyFile = readPolicyFile('policy-file', 'permission', MAX_POLICY_LENGTH)
  const policyName = get('policy-name') || (roleName ? derivedPolicyName(roleName, 'policy') : '')
  if (get('policy-name') && !POLICY_NAME.test(policyName)) {
    problem('policy-name', 'must be 1-128 characters of A-Z a-z 0-9 -')
  }
  if (get('policy-name') && !get('policy-file')) problem('policy-name', 'is set but policy-file is not')

  const subAccountName = get('sub-account')
  if (subAccountName && (!USER_NAME.test(subAccountName) || subAccountName.startsWith('-'))) {
    problem('sub-account', 'must be 1-64 characters of A-Z a-z 0-9 . _ - and not start with -')
  }
  const subAccountPolicies = policyRefs('sub-account-policies')
  if (subAccountPolicies.length > 0 && !subAccountName)
    problem('sub-account-policies', 'is set but sub-account is not')

  const oidc = readOidc(get, problem)
  // With OIDC, keys left in the environment by an earlier step are not silently picked up.
  const credentials = oidc
    ? undefined
    : keyPair(source, problem, {
        id: ['access-key-id', 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
        secret: ['access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
        token: ['security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
        required: true,
      })
  const subAccountCredentials = keyPair(source, problem, {
    id: ['sub-account-access-key-id'],
    secret: ['sub-account-access-key-secret'],
    required: false,
  })
  if (subAccountCredentials && !subAccountName && mode !== 'assume') {
    problem('sub-account-access-key-id', 'is set but sub-account is not')
  }

  const sessionName = get('role-session-name') || defaultSessionName(source.env)
  if (!SESSION_NAME.test(sessionName)) {
    problem('role-session-name', 'must be 2-64 characters of A-Z a-z 0-9 . @ - _')
  }
  const externalId = get('external-id') || undefined
  if (externalId && !EXTERNAL_ID.test(externalId)) {
    problem('external-id', 'must be 2-1224 characters of letters, digits and _ + = , . @ : / -')
  }
  const sessionPolicy = readPolicyFile('session-policy-file', 'session', MAX_SESSION_POLICY_LENGTH)

  const region = get('region') || 'cn-hangzhou'
  if (!REGION.test(region)) problem('region', `must look like cn-hangzhou, not "${region}"`)
  const endpoint = (name: string, fallback: string): string => {
    const raw = get(name) || fallback
    if (!/^https?:\/\/[^\s/?#]+\/?$/.test(raw))
      problem(name, `must be an http(s) URL with no path, not "${raw}"`)
    return raw.replace(/\/$/, '')
  }
  const ramEndpoint = endpoint('ram-endpoint', 'https://ram.aliyuncs.com')
  const stsEndpoint = endpoint('sts-endpoint', `https://sts.${region}.aliyuncs.com`)

  const inputs: Inputs = {
    mode,
    roleName,
    policy: policyFile ? { name: policyName, file: policyFile } : undefined,
    subAccount: subAccountName
      ? {
          name: subAccountName,
          assumePolicyName: derivedPolicyName(roleName, 'assume'),
          policies: subAccountPolicies,
        }
      : undefined,
    allUsersPolicies: policyRefs('all-users-policies'),
    maxSessionDuration,
    exclusive: boolean('exclusive', false),
    failOnDrift: boolean('fail-on-drift', true),
    credentials,
    oidc,
    subAccountCredentials,
    session: { name: sessionName, durationSeconds, policy: sessionPolicy, externalId },
    region,
    ramEndpoint,
    stsEndpoint,
    exportEnv: boolean('export-env', true),
    retryMaxAttempts: integer('retry-max-attempts', 6, 1, 20),
    timeoutSeconds: integer('timeout-seconds', 120, 5, 3600),
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, inputs }
}

function readOidc(
  get: (name: string) => string,
  problem: (input: string, message: string) => void,
): Inputs['oidc'] {
  const providerArn = get('oidc-provider-arn')
  const roleArn = get('oidc-role-arn')
  if (!providerArn && !roleArn) return undefined
  if (!OIDC_PROVIDER_ARN.test(providerArn)) {
    problem(
      'oidc-provider-arn',
      `must look like acs:ram::<account-id>:oidc-provider/<name>${providerArn ? '' : ' (oidc-role-arn is set)'}`,
    )
  }
  if (!ROLE_ARN.test(roleArn)) {
    problem(
      'oidc-role-arn',
      `must look like acs:ram::<account-id>:role/<name>${roleArn ? '' : ' (oidc-provider-arn is set)'}`,
    )
  }
  for (const name of ['access-key-id', 'access-key-secret', 'security-token']) {
    if (get(name)) problem(name, 'conflicts with oidc-provider-arn: sign in with OIDC or with keys, not both')
  }
  const audience = get('oidc-audience') || 'sts.aliyuncs.com'
  if (/\s/.test(audience)) problem('oidc-audience', 'must not contain whitespace')
  return { providerArn, roleArn, audience }
}

/** `github-<run id>-<attempt>`, the run that minted the credentials, visible in RAM's audit trail. */
function defaultSessionName(env: Record<string, string | undefined>): string {
  const run = env.GITHUB_RUN_ID
  return run ? `github-${run}-${env.GITHUB_RUN_ATTEMPT || '1'}` : 'github-action'
}

function keyPair(
  source: InputSource,
  problem: (input: string, message: string) => void,
  names: { id: string[]; secret: string[]; token?: string[]; required: boolean },
): Credentials | undefined {
  const pick = ([input, env]: string[]) =>
    source.get(input!).trim() || (env ? (source.env[env] ?? '').trim() : '')
  const id = pick(names.id)
  const secret = pick(names.secret)
  const token = names.token ? pick(names.token) : ''
  const describe = (n: string[]) => (n[1] ? `${n[0]} (or env ${n[1]})` : n[0]!)
  if (!id && !secret) {
    if (token) problem(names.token![0]!, 'is set without an AccessKey pair')
    else if (names.required)
      problem(names.id[0]!, `is required: set ${describe(names.id)} and ${describe(names.secret)}`)
    return undefined
  }
  if (!id)
    problem(names.id[0]!, `is missing while ${names.secret[0]} is set: give both halves of the key pair`)
  if (!secret)
    problem(names.secret[0]!, `is missing while ${names.id[0]} is set: give both halves of the key pair`)
  if (!id || !secret) return undefined
  return { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined }
}

type JsonFileResult = { path: string; value: unknown } | { problem: string; at?: Partial<InputProblem> }

/** Reads a JSON file that must lie inside the workspace (symlinks resolved before the check). */
function readWorkspaceJson(workspace: string, raw: string): JsonFileResult {
  let root: string
  try {
    root = realpathSync(workspace)
  } catch {
    return { problem: `the workspace ${workspace} does not exist` }
  }
  const full = resolve(root, raw)
  let real: string
  try {
    real = realpathSync(full)
  } catch {
    return { problem: `file "${raw}" does not exist in the workspace` }
  }
  const rel = relative(root, real)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    return { problem: `"${raw}" is outside the workspace; give a path inside ${root}` }
  }
  const stat = statSync(real)
  if (stat.isDirectory()) return { problem: `"${raw}" is a directory, not a JSON file` }
  // A FIFO or device would block or never end: only regular files are read.
  if (!stat.isFile()) return { problem: `"${raw}" is not a regular file` }
  let text: string
  try {
    text = readSmallFile(real)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'TOO_LARGE') return { problem: `"${raw}" is larger than ${MAX_FILE_BYTES} bytes` }
    return { problem: `"${raw}" cannot be read (${code ?? 'error'})` }
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ''))
  if (!parsed.ok) {
    const { line, column, message } = parsed.error
    return {
      problem: `${rel}:${line}:${column}: invalid JSON: ${message}`,
      at: { file: rel, line, column },
    }
  }
  return { path: rel, value: parsed.value }
}

function readSmallFile(path: string): string {
  const fd = openSync(path, 'r')
  try {
    if (fstatSync(fd).size > MAX_FILE_BYTES)
      throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' })
    const buf = Buffer.alloc(MAX_FILE_BYTES + 1)
    const n = readSync(fd, buf, 0, buf.length, 0)
    if (n > MAX_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' })
    return buf.subarray(0, n).toString('utf8')
  } finally {
    closeSync(fd)
  }
}
