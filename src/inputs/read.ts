/**
 * Reading the inputs: the raw string of every input the action declares, from wherever they
 * come (the runner's INPUT_* variables, the CLI's flags), plus the environment variables that
 * stand in for some of them. Nothing is judged here; validate.ts does that.
 */

/** Every input action.yml declares, in its order. A test keeps the two lists equal. */
export const INPUT_NAMES = [
  'mode',
  'role-name',
  'policy-file',
  'policy-name',
  'trust-policy-file',
  'sub-account',
  'sub-account-policies',
  'all-users-policies',
  'max-session-duration',
  'exclusive',
  'adopt',
  'ignore-policies',
  'fail-on-drift',
  'fail-on-findings',
  'access-key-id',
  'access-key-secret',
  'security-token',
  'oidc-provider-arn',
  'oidc-role-arn',
  'oidc-audience',
  'role-chaining',
  'ecs-ram-role',
  'ecs-metadata-endpoint',
  'reconciler-role-arn',
  'allowed-account-ids',
  'sub-account-access-key-id',
  'sub-account-access-key-secret',
  'role-session-name',
  'duration-seconds',
  'session-policy-file',
  'external-id',
  'region',
  'ram-endpoint',
  'sts-endpoint',
  'export-env',
  'aliyun-profile',
  'retry-max-attempts',
  'timeout-seconds',
  'github-token',
  'pr-comment',
  'drift-issue',
  'drift-issue-label',
] as const

/** The name of an input. */
export type InputName = (typeof INPUT_NAMES)[number]

/** The environment variables some inputs fall back to, and those that name the run. */
const ENV_NAMES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  // Set by an earlier run of this action beside the credentials it exported (credentials/variables.ts).
  'RAM_IDENTITY_CREDENTIALS',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_ATTEMPT',
] as const

/** The inputs as given: each trimmed, '' when not given. */
export interface RawInputs {
  values: Record<InputName, string>
  env: Partial<Record<(typeof ENV_NAMES)[number], string>>
  /** The directory policy files must lie in. */
  workspace: string
}

/**
 * Reads every declared input through `get` (on GitHub, @actions/core's getInput; in the CLI,
 * the flags) and the environment variables that matter, and nothing else.
 */
export function readInputs(
  get: (name: InputName) => string,
  env: Record<string, string | undefined>,
  workspace: string,
): RawInputs {
  const values = Object.fromEntries(INPUT_NAMES.map((name) => [name, get(name).trim()])) as Record<
    InputName,
    string
  >
  const picked = Object.fromEntries(
    ENV_NAMES.filter((name) => env[name] !== undefined).map((name) => [name, env[name]!.trim()]),
  )
  return { values, env: picked, workspace }
}
