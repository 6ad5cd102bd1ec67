/**
 * How the run signs in, decided from the inputs alone: AccessKey inputs, GitHub OIDC, the ECS
 * instance role, or the environment. Inputs, when given, replace the environment completely;
 * credentials an earlier run of this action exported are used only when the workflow says so
 * (`role-chaining: true`), so a second run never quietly signs in as the first run's role.
 */

import { exportedBy } from '../credentials/variables.js'
import type { Credentials, Inputs } from '../model.js'
import { type Fields, NAME_RULES } from './fields.js'
import type { RawInputs } from './read.js'

const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/
/** A role ARN, the form STS accepts in AssumeRole and AssumeRoleWithOIDC. */
export const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.-]{1,64}$/

/** The ways to sign in, as a sentence for the error that finds none (or the wrong one). */
const WAYS =
  'access-key-id and access-key-secret, oidc-provider-arn and oidc-role-arn, ecs-ram-role, or role-chaining: true'

/** The sign-in the inputs ask for; exactly one of keys, OIDC and the ECS instance role. */
export function signInSource(
  fields: Fields,
  env: RawInputs['env'],
): Pick<Inputs, 'credentials' | 'credentialsSource' | 'oidc' | 'ecs'> {
  const oidc = readOidc(fields)
  const ecs = readEcs(fields)
  const keyInputs = ['access-key-id', 'access-key-secret', 'security-token'] as const
  const keysGiven = keyInputs.some((name) => fields.raw(name))
  const chaining = fields.boolean('role-chaining', false)
  const given = [
    keysGiven && 'access-key-id',
    oidc && 'oidc-role-arn',
    ecs && 'ecs-ram-role',
    chaining && 'role-chaining',
  ].filter((name): name is string => !!name)
  if (given.length > 1) {
    for (const name of given.slice(1))
      fields.problem(
        name,
        `conflicts with ${given[0]}: sign in one way (${WAYS.replace(', or role-chaining: true', '')})`,
      )
    return {}
  }
  if (oidc) return { oidc }
  if (ecs) return { ecs }
  if (keysGiven) {
    // Given as inputs, the keys replace the environment completely: an empty security-token
    // input means no token, never the one an earlier step exported.
    const [id, secret] = [fields.raw('access-key-id'), fields.raw('access-key-secret')]
    if (!id && !secret) {
      fields.problem('security-token', 'is set without an AccessKey pair')
      return {}
    }
    const credentials = keyPair(fields, id, secret, fields.raw('security-token'))
    return credentials ? { credentials, credentialsSource: 'inputs' } : {}
  }
  return fromEnvironment(fields, env, chaining)
}

/** The sub-account's keys, when both halves are given. */
export function subAccountKeys(fields: Fields): Credentials | undefined {
  const id = fields.raw('sub-account-access-key-id')
  const secret = fields.raw('sub-account-access-key-secret')
  if (!id && !secret) return undefined
  return keyPair(fields, id, secret, '', ['sub-account-access-key-id', 'sub-account-access-key-secret'])
}

function fromEnvironment(
  fields: Fields,
  env: RawInputs['env'],
  chaining: boolean,
): Pick<Inputs, 'credentials' | 'credentialsSource'> {
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? ''
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? ''
  if (!id && !secret) {
    if (chaining)
      fields.problem(
        'role-chaining',
        'is true, but no earlier run of this action exported credentials in this job',
      )
    else
      fields.problem(
        'access-key-id',
        `is required: sign in with ${WAYS} (or set env ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET)`,
      )
    return {}
  }
  const chained = exportedBy(id, env.RAM_IDENTITY_CREDENTIALS)
  if (chained && !chaining) {
    fields.problem(
      'role-chaining',
      'the environment holds the role credentials an earlier run of this action exported; set role-chaining: true ' +
        `to sign in as that role, or sign in with ${WAYS.replace(', or role-chaining: true', '')}`,
    )
    return {}
  }
  if (!chained && chaining) {
    fields.problem(
      'role-chaining',
      'is true, but the credentials in the environment were not exported by this action',
    )
    return {}
  }
  const credentials = keyPair(fields, id, secret, env.ALIBABA_CLOUD_SECURITY_TOKEN ?? '', undefined, [
    'env ALIBABA_CLOUD_ACCESS_KEY_ID',
    'env ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  ])
  return credentials ? { credentials, credentialsSource: chained ? 'chained' : 'env' } : {}
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
  const audience = fields.raw('oidc-audience') || 'sts.aliyuncs.com'
  if (/\s/.test(audience)) fields.problem('oidc-audience', 'must not contain whitespace')
  return { providerArn, roleArn, audience }
}

function readEcs(fields: Fields): Inputs['ecs'] {
  const role = fields.raw('ecs-ram-role')
  if (!role) return undefined
  if (role !== 'auto' && !NAME_RULES.role.pattern.test(role))
    fields.problem('ecs-ram-role', `must be the instance role name (${NAME_RULES.role.text}) or auto`)
  const endpoint = (fields.raw('ecs-metadata-endpoint') || 'http://100.100.100.200').replace(/\/$/, '')
  const problem = metadataEndpointProblem(endpoint)
  if (problem) fields.problem('ecs-metadata-endpoint', problem)
  return { role, endpoint }
}

/** The metadata service is plain http on a link-local address by design; a path or credentials are not. */
function metadataEndpointProblem(value: string): string | undefined {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:') return 'must be an http:// URL: the metadata service speaks plain http'
    if (url.username || url.password) return 'must not hold credentials'
    if (url.pathname !== '/' || url.search || url.hash) return 'must have no path, query or fragment'
    return undefined
  } catch {
    return 'must be an http(s) URL such as http://100.100.100.200'
  }
}

function keyPair(
  fields: Fields,
  id: string,
  secret: string,
  token: string,
  names: [string, string] = ['access-key-id', 'access-key-secret'],
  labels: [string, string] = names,
): Credentials | undefined {
  if (!id)
    fields.problem(
      names[0],
      `${labels[0]} is missing while ${labels[1]} is set: give both halves of the key pair`,
    )
  if (!secret)
    fields.problem(
      names[1],
      `${labels[1]} is missing while ${labels[0]} is set: give both halves of the key pair`,
    )
  if (!id || !secret) return undefined
  return { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined }
}
