/**
 * Validating the inputs: raw strings in, typed `Inputs` (or every problem at once) out, before
 * anything touches the network. Each problem names its input and the expected form.
 */
import type { InputProblem, Inputs, Mode } from '../model.js'
import { MAX_POLICY_LENGTH, MAX_SESSION_POLICY_LENGTH } from '../policy/document.js'
import { ROLE_ARN, signInSource, subAccountKeys } from './credentials.js'
import { Fields } from './fields.js'
import { readPolicyFile } from './policy-files.js'
import type { RawInputs } from './read.js'

/** Validated inputs, or every problem found. */
export type InputsResult = { ok: true; inputs: Inputs } | { ok: false; problems: InputProblem[] }

const MODES: readonly Mode[] = ['apply', 'check', 'assume']
const FINDING_LEVELS = ['error', 'warning', 'never'] as const
/**
 * The longest trust policy accepted here. RAM's own limit is not published (2,048 and 4,096
 * both appear); the larger is taken, and RAM has the last word.
 */
const MAX_TRUST_LENGTH = 4096
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
const PROFILE = /^[A-Za-z0-9._-]{1,64}$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/
/** GitHub's label names: at most 50 characters. A comma would split the issue list's label filter. */
const LABEL = /^[^,\p{Cc}]{1,50}$/u

/** `<role-name>-<suffix>` with every character a policy name cannot hold turned into '-'. */
export function derivedPolicyName(roleName: string, suffix: string): string {
  return `${roleName}-${suffix}`.replace(/[^A-Za-z0-9-]/g, '-')
}

/** Validates every input, reporting all problems at once. */
export function validateInputs(raw: RawInputs): InputsResult {
  const f = new Fields(raw.values)
  const mode = f.choice('mode', MODES)
  const roleName = f.name('role-name', 'role')
  if (!f.raw('role-name')) f.problem('role-name', 'is required')

  // Not given: an existing role keeps its value (the guards compare against it), a new one gets 3600.
  const maxSessionDuration = f.raw('max-session-duration')
    ? f.integer('max-session-duration', 3600, 3600, 43200)
    : undefined
  const durationSeconds = f.integer('duration-seconds', 3600, 900, 43200)
  if (mode !== 'assume' && maxSessionDuration !== undefined && durationSeconds > maxSessionDuration) {
    f.problem(
      'duration-seconds',
      `is ${durationSeconds}, above the role's max-session-duration ${maxSessionDuration}`,
    )
  }

  const policyFile = readPolicyFile(f, 'policy-file', raw.workspace, 'permission', MAX_POLICY_LENGTH)
  const policyName =
    f.name('policy-name', 'policy') || (roleName ? derivedPolicyName(roleName, 'policy') : '')
  if (f.raw('policy-name') && !f.raw('policy-file')) f.problem('policy-name', 'is set but policy-file is not')
  const trustPolicy = readPolicyFile(f, 'trust-policy-file', raw.workspace, 'trust', MAX_TRUST_LENGTH)

  const subAccountName = f.name('sub-account', 'user', (name) =>
    name.startsWith('-') ? 'must not start with -' : undefined,
  )
  const subAccountPolicies = f.policyRefs('sub-account-policies')
  if (subAccountPolicies.length > 0 && !f.raw('sub-account'))
    f.problem('sub-account-policies', 'is set but sub-account is not')
  const assumePolicyName = derivedPolicyName(roleName, 'assume')
  if (subAccountName && policyFile && policyName.toLowerCase() === assumePolicyName.toLowerCase()) {
    f.problem(
      'policy-name',
      `is ${policyName}, the name of the sub-account's assume policy: the two documents would overwrite each other; choose another name`,
    )
  }

  const signIn = signInSource(f, raw.env)
  const reconcilerRoleArn = f.raw('reconciler-role-arn') || undefined
  if (reconcilerRoleArn && !ROLE_ARN.test(reconcilerRoleArn))
    f.problem('reconciler-role-arn', 'must look like acs:ram::<account-id>:role/<name>')
  const allowedAccountIds = f
    .raw('allowed-account-ids')
    .split(/[\s,]+/)
    .filter(Boolean)
  for (const id of allowedAccountIds)
    if (!/^\d{1,32}$/.test(id)) f.problem('allowed-account-ids', `"${id}" is not an account id (digits only)`)
  const profile = f.raw('aliyun-profile') || undefined
  if (profile && !PROFILE.test(profile))
    f.problem('aliyun-profile', 'must be a profile name of 1-64 characters of A-Z a-z 0-9 . _ -')
  const subAccountCredentials = subAccountKeys(f)
  if (subAccountCredentials && !f.raw('sub-account') && mode !== 'assume') {
    f.problem('sub-account-access-key-id', 'is set but sub-account is not')
  }

  const sessionName =
    f.name('role-session-name', 'session') || (f.raw('role-session-name') ? '' : defaultSessionName(raw.env))
  const externalId = f.raw('external-id') || undefined
  if (externalId && !EXTERNAL_ID.test(externalId)) {
    f.problem('external-id', 'must be 2-1224 characters of letters, digits and _ + = , . @ : / -')
  }
  const sessionPolicy = readPolicyFile(
    f,
    'session-policy-file',
    raw.workspace,
    'session',
    MAX_SESSION_POLICY_LENGTH,
  )

  const region = f.raw('region') || 'cn-hangzhou'
  if (!REGION.test(region)) f.problem('region', `must look like cn-hangzhou, not "${region}"`)
  const endpoint = (name: 'ram-endpoint' | 'sts-endpoint', fallback: string): string => {
    const value = f.raw(name) || fallback
    const problem = endpointProblem(value)
    if (problem) f.problem(name, problem)
    return value.replace(/\/$/, '')
  }

  const inputs: Inputs = {
    mode,
    roleName,
    policy: policyFile ? { name: policyName, file: policyFile } : undefined,
    subAccount: subAccountName
      ? { name: subAccountName, assumePolicyName, policies: subAccountPolicies }
      : undefined,
    trustPolicy,
    allUsersPolicies: f.policyRefs('all-users-policies'),
    maxSessionDuration,
    exclusive: f.boolean('exclusive', false),
    adopt: f.boolean('adopt', false),
    ignorePolicies: f.policyRefs('ignore-policies'),
    failOnDrift: f.boolean('fail-on-drift', true),
    failOnFindings: f.choice('fail-on-findings', FINDING_LEVELS),
    ...signIn,
    reconcilerRoleArn,
    allowedAccountIds,
    profile,
    subAccountCredentials,
    session: { name: sessionName, durationSeconds, policy: sessionPolicy, externalId },
    region,
    ramEndpoint: endpoint('ram-endpoint', 'https://ram.aliyuncs.com'),
    stsEndpoint: endpoint('sts-endpoint', `https://sts.${region}.aliyuncs.com`),
    exportEnv: f.boolean('export-env', true),
    retryMaxAttempts: f.integer('retry-max-attempts', 6, 1, 20),
    timeoutSeconds: f.integer('timeout-seconds', 120, 5, 3600),
    review: reviewInputs(f),
  }
  return f.problems.length > 0 ? { ok: false, problems: f.problems } : { ok: true, inputs }
}

/**
 * What is wrong with an endpoint, if anything. Credentials travel to it, so it must be a plain
 * origin (no path, no user:password@, which would end up in logs), and plain http only to this
 * machine (the emulator), never across a network.
 */
function endpointProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an http(s) URL such as https://ram.aliyuncs.com'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `must be an https:// URL, not ${url.protocol}//`
  if (url.username || url.password) return 'must not hold credentials (user:password@): give keys as inputs'
  if (url.pathname !== '/' || url.search || url.hash || /[?#]$/.test(value))
    return `must have no path, query or fragment, only scheme://host[:port]`
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    return `plain http:// is allowed only to this machine (127.0.0.1, ::1, localhost); use https://${url.host}`
  return undefined
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** The GitHub token and what to post with it. The token is only carried: GitHub judges it. */
function reviewInputs(f: Fields): Inputs['review'] {
  const driftIssueLabel = f.raw('drift-issue-label') || 'ram-drift'
  if (!LABEL.test(driftIssueLabel))
    f.problem('drift-issue-label', 'must be a label name of 1-50 characters without commas or line breaks')
  return {
    githubToken: f.raw('github-token'),
    prComment: f.boolean('pr-comment', true),
    driftIssue: f.boolean('drift-issue', false),
    driftIssueLabel,
  }
}

/** `github-<run id>-<attempt>`: the run that minted the credentials, in RAM's audit trail. */
function defaultSessionName(env: RawInputs['env']): string {
  const run = env.GITHUB_RUN_ID
  return run ? `github-${run}-${env.GITHUB_RUN_ATTEMPT || '1'}` : 'github-action'
}
