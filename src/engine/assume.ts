/**
 * Assuming the role: AssumeRole, with RAM's propagation lag waited out when this run just
 * changed what STS checks, and the session's secrets masked the moment they arrive.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { CloudError } from '../cloud-error.js'
import { assumeHint } from '../hints.js'
import {
  type AssumedRole,
  type AssumeRoleRequest,
  type Assumer,
  type CallerIdentity,
  type Inputs,
  maskCredentials,
  type RunLog,
  type Session,
} from '../model.js'
import { StepFailure } from './failure.js'

/** How long to keep retrying an AssumeRole that RAM's propagation may still be refusing. */
export interface Propagation {
  /**
   * When the role, its trust or the grant last changed (ms since epoch): by this run, or by
   * another as RAM's dates show. Undefined: nothing changed lately, so a refusal is final.
   */
  since?: number
  /** How long after `since` a refusal may still be propagation. */
  windowMs: number
  /** Absolute time past which no wait starts (timeout-seconds). */
  deadline?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  onWait?: (error: CloudError, delayMs: number) => void
}

// RAM is eventually consistent: for some seconds after a role, its trust policy or a grant
// changes, STS can still answer as if the change had not happened.
const PROPAGATION_CODES = new Set(['NoPermission', 'EntityNotExist.Role', 'AuthenticationFail.NoPermission'])

/** Calls AssumeRole; if what it checks changed lately, waits out propagation within a bounded window. */
export async function assumeRole(
  sts: Assumer,
  request: AssumeRoleRequest,
  propagation: Propagation,
): Promise<AssumedRole> {
  const sleep = propagation.sleep ?? delay
  const now = propagation.now ?? Date.now
  const until =
    propagation.since === undefined
      ? Number.NEGATIVE_INFINITY
      : Math.min(propagation.since + propagation.windowMs, propagation.deadline ?? Number.POSITIVE_INFINITY)
  for (let wait = 1000; ; wait = Math.min(wait * 2, 4000)) {
    try {
      return await sts.assumeRole(request)
    } catch (err) {
      const waitable = err instanceof CloudError && PROPAGATION_CODES.has(err.code)
      if (!waitable || now() + wait > until) throw err
      propagation.onWait?.(err, wait)
      await sleep(wait)
    }
  }
}

/**
 * Assumes `roleArn` as `caller` for the session the inputs describe and returns the session,
 * its secrets already masked. A refusal becomes a failure naming the likely cause.
 */
export async function assumeSession(
  inputs: Inputs,
  assumer: Assumer,
  roleArn: string,
  caller: Pick<CallerIdentity, 'arn' | 'identityType'>,
  propagation: Propagation,
  log: RunLog,
): Promise<Session> {
  let assumed: AssumedRole
  try {
    assumed = await assumeRole(
      assumer,
      {
        roleArn,
        sessionName: inputs.session.name,
        durationSeconds: inputs.session.durationSeconds,
        policy: inputs.session.policy?.text,
        externalId: inputs.session.externalId,
      },
      propagation,
    )
  } catch (err) {
    if (!(err instanceof CloudError)) throw err
    const hint = assumeHint(err, caller, roleArn)
    throw new StepFailure({
      step: 'Assuming the role',
      message: `AssumeRole of ${roleArn} as ${caller.arn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
    })
  }
  const { credentials } = assumed
  maskCredentials(log, credentials)
  log.info(`Assumed ${assumed.assumedRoleArn} until ${assumed.expiration}.`)
  return { credentials, arn: assumed.assumedRoleArn, expiration: assumed.expiration, via: caller.arn }
}
