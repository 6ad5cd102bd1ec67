import { setTimeout as delay } from 'node:timers/promises'
import { CloudError } from './aliyun/errors.js'
import type { Credentials } from './aliyun/rpc.js'
import type { Sts } from './aliyun/sts.js'
import type { Inputs } from './inputs.js'
import { type ActionIo, OidcUnavailableError } from './workflow-commands.js'

/** Why signing in with OIDC failed, worded for the workflow's author. */
export class OidcError extends Error {}

/**
 * Signs in without a long-lived key: the job's GitHub ID token is exchanged with STS
 * AssumeRoleWithOIDC for a session of `oidc-role-arn`, which then reconciles and assumes.
 */
export async function signInWithOidc(
  io: ActionIo,
  inputs: Inputs,
  anonymousSts: Sts,
  sleep: (ms: number) => Promise<void> = delay,
): Promise<Credentials> {
  const oidc = inputs.oidc!
  const token = await idToken(io, oidc.audience, sleep)
  io.setSecret(token)
  const claims = readClaims(token)
  io.info(`GitHub ID token: sub=${claims.sub ?? '?'} aud=${[claims.aud ?? '?'].flat().join(',')}`)
  try {
    const session = await anonymousSts.assumeRoleWithOidc({
      providerArn: oidc.providerArn,
      roleArn: oidc.roleArn,
      token,
      sessionName: inputs.session.name,
      durationSeconds: 3600,
    })
    for (const secret of [session.credentials.accessKeySecret, session.credentials.securityToken])
      io.setSecret(secret)
    io.info(`Signed in with OIDC as ${session.assumedRoleArn}.`)
    return session.credentials
  } catch (err) {
    if (!(err instanceof CloudError)) throw err
    throw new OidcError(
      `AssumeRoleWithOIDC of ${oidc.roleArn} failed: ${err.message}. Likely cause: ${oidcHint(err, claims, oidc)}`,
    )
  }
}

/** The ID token, with a few retries: the token endpoint has transient failures of its own. */
async function idToken(
  io: ActionIo,
  audience: string,
  sleep: (ms: number) => Promise<void>,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await io.getIDToken(audience)
    } catch (err) {
      if (err instanceof OidcUnavailableError) throw new OidcError(err.message)
      if (attempt >= 3) {
        throw new OidcError(
          `could not get a GitHub ID token after ${attempt} attempts: ${(err as Error).message}`,
        )
      }
      io.debug(`getIDToken failed (attempt ${attempt}); retrying`)
      await sleep(500 * 2 ** attempt)
    }
  }
}

interface Claims {
  sub?: string
  aud?: string | string[]
  iss?: string
  exp?: number
}

/** The token's claims, read without verifying (STS verifies); only for messages. */
function readClaims(token: string): Claims {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Claims
  } catch {
    return {}
  }
}

function oidcHint(err: CloudError, claims: Claims, oidc: NonNullable<Inputs['oidc']>): string {
  if (err.code.endsWith('AudienceNotMatch')) {
    return `the token's audience ${oidc.audience} is not a client id of ${oidc.providerArn}: set oidc-audience to one of them`
  }
  if (err.code.endsWith('Expired')) return 'the ID token expired before STS saw it; re-run the job'
  if (err.code.endsWith('IssuerNotMatch')) {
    return `the OIDC provider's issuer URL is not ${claims.iss ?? 'the token issuer'} (https://token.actions.githubusercontent.com)`
  }
  if (err.code === 'AuthenticationFail.NoPermission' || err.code === 'NoPermission') {
    return `the trust policy of ${oidc.roleArn} does not accept this token (sub=${claims.sub ?? '?'}, aud=${[claims.aud ?? '?'].flat().join(',')}), or ${oidc.providerArn} does not exist`
  }
  if (err.code === 'EntityNotExist.Role') return `${oidc.roleArn} does not exist`
  return 'see the code above'
}
