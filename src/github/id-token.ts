/** The job's GitHub ID token, from the runner's token endpoint through @actions/core. */
import * as core from '@actions/core'
import { NoIdTokenError } from '../engine/oidc.js'

/** Fetches the job's ID token for `audience`; a job without `id-token: write` has none to give. */
export async function githubIdToken(audience: string): Promise<string> {
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new NoIdTokenError(
      'no GitHub ID token is available: give the job `permissions: id-token: write` (fork pull requests never get one)',
    )
  }
  return core.getIDToken(audience)
}
