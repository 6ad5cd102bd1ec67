/**
 * Handing the session to later steps: masked step outputs, environment variables, and the
 * `aliyun` CLI profile when asked; and remembering (saveState) what was handed, so the post step
 * takes away exactly that.
 */
import { homedir } from 'node:os'
import * as core from '@actions/core'
import { ProfileError, writeProfile } from '../credentials/profile.js'
import { credentialVariables } from '../credentials/variables.js'
import type { Inputs, Session } from '../model.js'
import { oneLine } from './log.js'

/** The names of the state the post step reads. */
export const STATE = { exported: 'exported-env', profile: 'aliyun-profile' } as const

/**
 * Masks the three secret values, then (and only then) sets the outputs, the env and the profile.
 * Each value is masked on its own: the runner's masker does not reliably find parts of
 * structured values. Returns a problem with the profile, if any, for the step's verdict.
 */
export function exportCredentials(
  session: Session,
  inputs: Pick<Inputs, 'region' | 'exportEnv' | 'profile'>,
): string | undefined {
  const { accessKeyId, accessKeySecret, securityToken } = session.credentials
  for (const secret of [accessKeyId, accessKeySecret, securityToken]) core.setSecret(secret)
  core.setOutput('access-key-id', accessKeyId)
  core.setOutput('access-key-secret', accessKeySecret)
  core.setOutput('security-token', securityToken)
  core.setOutput('expiration', session.expiration)
  core.setOutput('assumed-role-arn', session.arn)
  if (inputs.exportEnv) {
    const variables = credentialVariables(session, inputs.region)
    for (const [name, value] of variables) core.exportVariable(name, value)
    core.saveState(STATE.exported, JSON.stringify(variables.map(([name]) => name)))
  }
  if (!inputs.profile) return undefined
  try {
    const written = writeProfile(homedir(), inputs.profile, session, inputs.region)
    core.saveState(STATE.profile, JSON.stringify(written))
    core.info(oneLine(`Wrote the aliyun CLI profile ${written.name} to ${written.path}.`))
    return undefined
  } catch (err) {
    if (!(err instanceof ProfileError)) throw err
    return `aliyun-profile: ${err.message}`
  }
}
