/**
 * How the run signs in: an AccessKey pair (from inputs, or the environment) or GitHub OIDC,
 * and the sub-account's keys for AssumeRole. Secrets are only carried here, never judged by
 * content beyond being present.
 */
import type { Credentials, Inputs } from '../model.js'
import type { Fields } from './fields.js'
import type { InputName, RawInputs } from './read.js'

const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.-]{1,64}$/

/** The sign-in the inputs ask for: keys, or OIDC (never both). */
export function signInSource(
  fields: Fields,
  env: RawInputs['env'],
): { credentials?: Credentials; oidc?: Inputs['oidc'] } {
  const oidc = readOidc(fields)
  // With OIDC, keys left in the environment by an earlier step are not silently picked up.
  if (oidc) return { oidc }
  const credentials = keyPair(fields, {
    id: ['access-key-id', env.ALIBABA_CLOUD_ACCESS_KEY_ID, 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
    secret: ['access-key-secret', env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    token: ['security-token', env.ALIBABA_CLOUD_SECURITY_TOKEN, 'ALIBABA_CLOUD_SECURITY_TOKEN'],
    required: true,
  })
  return { credentials }
}

/** The sub-account's keys, when both halves are given. */
export function subAccountKeys(fields: Fields): Credentials | undefined {
  return keyPair(fields, {
    id: ['sub-account-access-key-id'],
    secret: ['sub-account-access-key-secret'],
    required: false,
  })
}

function readOidc(fields: Fields): Inputs['oidc'] {
  const providerArn = fields.raw('oidc-provider-arn')
  const roleArn = fields.raw('oidc-role-arn')
  if (!providerArn && !roleArn) return undefined
  if (!OIDC_PROVIDER_ARN.test(providerArn)) {
    fields.problem(
      'oidc-provider-arn',
      `must look like acs:ram::<account-id>:oidc-provider/<name>${providerArn ? '' : ' (oidc-role-arn is set)'}`,
    )
  }
  if (!ROLE_ARN.test(roleArn)) {
    fields.problem(
      'oidc-role-arn',
      `must look like acs:ram::<account-id>:role/<name>${roleArn ? '' : ' (oidc-provider-arn is set)'}`,
    )
  }
  for (const name of ['access-key-id', 'access-key-secret', 'security-token'] as const) {
    if (fields.raw(name))
      fields.problem(name, 'conflicts with oidc-provider-arn: sign in with OIDC or with keys, not both')
  }
  const audience = fields.raw('oidc-audience') || 'sts.aliyuncs.com'
  if (/\s/.test(audience)) fields.problem('oidc-audience', 'must not contain whitespace')
  return { providerArn, roleArn, audience }
}

/** An input, with the environment variable that stands in for it (and that variable's name). */
type Source = [input: InputName, fallback?: string, envName?: string]

function keyPair(
  fields: Fields,
  names: { id: Source; secret: Source; token?: Source; required: boolean },
): Credentials | undefined {
  const pick = ([input, fallback]: Source) => fields.raw(input) || fallback || ''
  const id = pick(names.id)
  const secret = pick(names.secret)
  const token = names.token ? pick(names.token) : ''
  const describe = ([input, , envName]: Source) => (envName ? `${input} (or env ${envName})` : input)
  if (!id && !secret) {
    if (token) fields.problem(names.token![0], 'is set without an AccessKey pair')
    else if (names.required)
      fields.problem(names.id[0], `is required: set ${describe(names.id)} and ${describe(names.secret)}`)
    return undefined
  }
  if (!id)
    fields.problem(
      names.id[0],
      `is missing while ${names.secret[0]} is set: give both halves of the key pair`,
    )
  if (!secret)
    fields.problem(
      names.secret[0],
      `is missing while ${names.id[0]} is set: give both halves of the key pair`,
    )
  if (!id || !secret) return undefined
  return { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined }
}
