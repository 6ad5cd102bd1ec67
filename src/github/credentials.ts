/** Handing the session to later steps: masked step outputs and, if asked, environment variables. */
import * as core from '@actions/core'
import { credentialVariables } from '../credentials/variables.js'
import type { Session } from '../model.js'

/**
 * Masks the three secret values, then (and only then) sets the outputs and, if asked, the env.
 * Each value is masked on its own: the runner's masker does not reliably find parts of
 * structured values.
 */
export function exportCredentials(session: Session, region: string, exportEnv: boolean): void {
  const { accessKeyId, accessKeySecret, securityToken } = session.credentials
  for (const secret of [accessKeyId, accessKeySecret, securityToken]) core.setSecret(secret)
  core.setOutput('access-key-id', accessKeyId)
  core.setOutput('access-key-secret', accessKeySecret)
  core.setOutput('security-token', securityToken)
  core.setOutput('expiration', session.expiration)
  core.setOutput('assumed-role-arn', session.arn)
  if (!exportEnv) return
  for (const [name, value] of credentialVariables(session, region)) core.exportVariable(name, value)
}
