/**
 * Signing in without a long-lived key: the job's GitHub ID token is exchanged with STS
 * AssumeRoleWithOIDC for a session of `oidc-role-arn`, which then reconciles and assumes.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { CloudError } from '../cloud-error.js'
import { oidcHint, type TokenClaims } from '../hints.js'
import { type Credentials, type Inputs, maskCredentials, type OidcExchange, type RunLog } from '../model.js'
import { RunProblem } from './failure.js'

/** Where the job's ID token comes from: GitHub's token endpoint, or a file for the CLI. */
export type IdTokenSource = (audience: string) => Promise<string>

/** The source has no token to give, and retrying cannot change that (no `id-token: write`). */
export class NoIdTokenError extends Error {}

/** Exchanges the job's ID token for the session credentials of `oidc-role-arn`. */
export async function signInWithOidc(
  inputs: Inputs,
  exchange: OidcExchange,
  idToken: IdTokenSource,
  log: RunLog,
): Promise<Credentials> {
  const oidc = inputs.oidc!
  const token = await fetchToken(idToken, oidc.audience, log)
  log.mask(token)
  const claims = readClaims(token)
  log.info(`GitHub ID token: sub=${claims.sub ?? '?'} aud=${[claims.aud ?? '?'].flat().join(',')}`)
  try {
    const session = await exchange.assumeRoleWithOidc({
      providerArn: oidc.providerArn,
      roleArn: oidc.roleArn,
      token,
      sessionName: inputs.session.name,
      durationSeconds: 3600,
    })
    const { credentials } = session
    maskCredentials(log, credentials)
    log.info(`Signed in with OIDC as ${session.assumedRoleArn}.`)
    return credentials
  } catch (err) {
    if (!(err instanceof CloudError)) throw err
    throw new RunProblem(
      `AssumeRoleWithOIDC of ${oidc.roleArn} failed: ${err.message}. Likely cause: ${oidcHint(err, claims, oidc)}`,
    )
  }
}

/** The ID token, with a few retries: the token endpoint has transient failures of its own. */
async function fetchToken(idToken: IdTokenSource, audience: string, log: RunLog): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await idToken(audience)
    } catch (err) {
      if (err instanceof NoIdTokenError) throw new RunProblem(err.message)
      if (attempt >= 3) {
        throw new RunProblem(
          `could not get a GitHub ID token after ${attempt} attempts: ${(err as Error).message}`,
        )
      }
      log.debug(`getIDToken failed (attempt ${attempt}); retrying`)
      await delay(500 * 2 ** attempt)
    }
  }
}

/** The token's claims, read without verifying (STS verifies); only for messages. */
function readClaims(token: string): TokenClaims {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined)
    const aud = Array.isArray(claims.aud)
      ? claims.aud.filter((a: unknown) => typeof a === 'string')
      : text(claims.aud)
    return { sub: text(claims.sub), aud, iss: text(claims.iss) }
  } catch {
    return {}
  }
}
