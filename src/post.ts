/**
 * The post step, run by the runner when the job ends: it blanks every variable the main step
 * exported and removes the profile it wrote, so the credentials do not outlive the job's use of
 * them. It makes no network call, and does nothing when RAM_IDENTITY_SKIP_CLEANUP is true (a
 * composite action that hands the credentials on keeps them so).
 */
import * as core from '@actions/core'
import { type ProfileWrite, removeProfile } from './credentials/profile.js'
import { STATE } from './github/credentials.js'
import { oneLine } from './github/log.js'

/** The action's post step. Never fails the job: a cleanup problem is a warning. */
export async function post(): Promise<void> {
  if ((process.env.RAM_IDENTITY_SKIP_CLEANUP ?? '').toLowerCase() === 'true') {
    core.info('RAM_IDENTITY_SKIP_CLEANUP is true: the exported credentials stay for the rest of the job.')
    return
  }
  try {
    const exported = parse<string[]>(core.getState(STATE.exported)) ?? []
    for (const name of exported) core.exportVariable(name, '')
    if (exported.length > 0) core.info(`Blanked ${exported.length} exported variable(s).`)
    const profile = parse<ProfileWrite>(core.getState(STATE.profile))
    if (profile) {
      const outcome = removeProfile(profile)
      core.info(
        oneLine(
          outcome === 'removed'
            ? `Removed the aliyun CLI profile ${profile.name} from ${profile.path}.`
            : `The aliyun CLI profile ${profile.name} was already gone.`,
        ),
      )
    }
  } catch (err) {
    core.warning(oneLine(`cleanup incomplete: ${err instanceof Error ? err.message : 'unexpected failure'}`))
  }
}

function parse<T>(state: string): T | undefined {
  if (!state) return undefined
  try {
    return JSON.parse(state) as T
  } catch {
    return undefined
  }
}
