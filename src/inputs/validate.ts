/**
 * Validating the inputs: raw strings in, typed `Inputs` (or every problem at once) out, before
 * anything touches the network. Each problem names its input and the expected form.
 */
import type { InputProblem, Inputs, Mode } from '../model.js'
import { MAX_POLICY_LENGTH, MAX_SESSION_POLICY_LENGTH } from '../policy/document.js'
import { signInSource, subAccountKeys } from './credentials.js'
import { Fields } from './fields.js'
import { readPolicyFile } from './policy-files.js'
import type { RawInputs } from './read.js'

/** Validated inputs, or every problem found. */
export type InputsResult = { ok: true; inputs: Inputs } | { ok: false; problems: InputProblem[] }

const MODES: readonly Mode[] = ['apply', 'check', 'assume']
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
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

  const maxSessionDuration = f.integer('max-session-duration', 3600, 3600, 43200)
  const durationSeconds = f.integer('duration-seconds', 3600, 900, 43200)
  if (mode !== 'assume' && durationSeconds > maxSessionDuration) {
    f.problem(
      'duration-seconds',
      `is ${durationSeconds}, above the role's max-session-duration ${maxSessionDuration}`,
    )
  }

  const policyFile = readPolicyFile(f, 'policy-file', raw.workspace, 'permission', MAX_POLICY_LENGTH)
  const policyName =
    f.name('policy-name', 'policy') || (roleName ? derivedPolicyName(roleName, 'policy') : '')
  if (f.raw('policy-name') && !f.raw('policy-file')) f.problem('policy-name', 'is set but policy-file is not')

  const subAccountName = f.name('sub-account', 'user', (name) =>
    name.startsWith('-') ? 'must not start with -' : undefined,
  )
  const subAccountPolicies = f.policyRefs('sub-account-policies')
  if (subAccountPolicies.length > 0 && !f.raw('sub-account'))
    f.problem('sub-account-policies', 'is set but sub-account is not')

  const { credentials, oidc } = signInSource(f, raw.env)
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
    if (!/^https?:\/\/[^\s/?#]+\/?$/.test(value))
      f.problem(name, `must be an http(s) URL with no path, not "${value}"`)
    return value.replace(/\/$/, '')
  }

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
    allUsersPolicies: f.policyRefs('all-users-policies'),
    maxSessionDuration,
    exclusive: f.boolean('exclusive', false),
    failOnDrift: f.boolean('fail-on-drift', true),
    credentials,
    oidc,
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
