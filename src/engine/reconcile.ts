/**
 * Apply mode: observe, plan, apply, then assume the role. The plan is data; apply executes it
 * and, when a concurrent run raced it to a create, looks again and finishes the job.
 */
import type { CloudError } from '../cloud-error.js'
import type { ApplyCloud, Change, Inputs, RunLog, RunResult } from '../model.js'
import { changeLine } from '../report/plan.js'
import { apply } from './apply.js'
import { assumeSession } from './assume.js'
import { desiredState } from './desired.js'
import { step } from './failure.js'
import { observe, targetsOf } from './observe.js'
import { plan } from './plan.js'

/** How long writes and AssumeRole may wait for RAM to propagate what this run changed. */
export const PROPAGATION_WINDOW_MS = 60_000
/** How many all-users grants are queued at once; the RAM client's pacer decides when each goes. */
const GRANT_CONCURRENCY = 64

/** Reconciles RAM with the inputs, then assumes the role; fills `result` as it goes. */
export async function reconcile(
  inputs: Inputs,
  cloud: ApplyCloud,
  result: RunResult,
  log: RunLog,
): Promise<void> {
  const [caller, actual] = await step('Reading RAM', () =>
    Promise.all([cloud.identity.getCallerIdentity(), observe(cloud.ram, targetsOf(inputs))]),
  )
  const desired = desiredState(inputs, caller.accountId)
  result.accountId = caller.accountId
  result.roleArn = actual.role?.arn || desired.role.arn
  result.changes = plan(desired, actual)
  const n = result.changes.length
  log.info(n === 0 ? `RAM already matches the inputs (role ${inputs.roleName}).` : `${n} change(s) to apply:`)

  const options = {
    concurrency: GRANT_CONCURRENCY,
    propagationMs: PROPAGATION_WINDOW_MS,
    onChange: (change: Change) => log.info(changeLine(change)),
    onWait: (change: Change, error: CloudError) =>
      log.info(`  (${error.code} while RAM propagates a new entity; retrying: ${changeLine(change)})`),
  }
  result.applied = n > 0
  const applied = await step('Changing RAM', () => apply(result.changes, cloud.writer, options))
  if (applied.conflicts > 0) {
    // Another run created some of the same entities meanwhile: look again and finish the job.
    log.info(`${applied.conflicts} entity(ies) already existed (a concurrent run?); re-reading RAM.`)
    const again = await step('Re-reading RAM', () => observe(cloud.ram, targetsOf(inputs)))
    const rest = plan(desired, again).filter((c) => !(c.kind === 'attach-policy' && c.allUsers))
    await step('Changing RAM', () => apply(rest, cloud.writer, options))
  }
  result.failedUsers = applied.failedUsers

  const viaSubAccount = inputs.subAccountCredentials !== undefined
  const assumer = viaSubAccount
    ? { arn: `sub-account ${inputs.subAccount?.name ?? '(keys given)'}`, identityType: 'RAMUser' }
    : caller
  result.session = await assumeSession(
    inputs,
    cloud.assumer,
    desired.role.arn,
    assumer,
    {
      changed: n > 0,
      windowMs: PROPAGATION_WINDOW_MS,
      onWait: (error, wait) =>
        log.info(
          `AssumeRole refused (${error.code}) while RAM propagates the changes; retrying in ${wait} ms`,
        ),
    },
    log,
  )
}
