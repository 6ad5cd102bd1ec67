/**
 * Apply mode: assess, refuse what must not happen, apply, then assume the role. The plan is
 * data; apply executes it and, when a concurrent run raced it to a create, looks again and
 * finishes the job.
 */
import type { CloudError } from '../cloud-error.js'
import type { ApplyCloud, Change, Inputs, RunLog, RunResult } from '../model.js'
import { changeLine, describeUnmanaged } from '../report/plan.js'
import { apply } from './apply.js'
import { assess, stopIfRefused } from './assess.js'
import { assumeSession } from './assume.js'
import { step } from './failure.js'
import { observe, targetsOf } from './observe.js'
import { plan } from './plan.js'
import {
  ENTITY_VISIBILITY_WINDOW_MS,
  GRANT_PROPAGATION_WINDOW_MS,
  laggingChanges,
  lastAccessChange,
} from './propagation.js'

/** How many all-users grants are queued at once; the RAM client's pacer decides when each goes. */
const GRANT_CONCURRENCY = 64

/** Reconciles RAM with the inputs, then assumes the role; fills `result` as it goes. */
export async function reconcile(
  inputs: Inputs,
  cloud: ApplyCloud,
  result: RunResult,
  log: RunLog,
  deadline: number,
): Promise<void> {
  const { caller, desired, actual } = await assess(inputs, cloud, result, log)
  stopIfRefused(inputs, result)
  if (result.unmanaged.length > 0) {
    log.warning(
      `left attached, though the inputs do not name them (exclusive: true detaches them; ignore-policies accepts them): ${result.unmanaged.map(describeUnmanaged).join('; ')}`,
    )
  }

  const n = result.changes.length
  const options = {
    concurrency: GRANT_CONCURRENCY,
    propagationMs: ENTITY_VISIBILITY_WINDOW_MS,
    deadline,
    lagging: laggingChanges(actual, Date.now(), ENTITY_VISIBILITY_WINDOW_MS),
    onChange: (change: Change) => log.debug(`applying: ${changeLine(change)}`),
    onWait: (change: Change, error: CloudError) =>
      log.info(`  (${error.code} while RAM propagates a new entity; retrying: ${changeLine(change)})`),
  }
  result.applied = n > 0
  const applied = await step('Changing RAM', () => apply(result.changes, cloud.writer, options))
  if (applied.conflicts > 0) {
    // Another run created some of the same entities meanwhile: look again and finish the job.
    log.info(`${applied.conflicts} entity(ies) already existed (a concurrent run?); re-reading RAM.`)
    // The all-users grants went out in the first pass, their failures recorded: only the
    // identity's own entities are read again, not every user of the account.
    const targets = { ...targetsOf(inputs), allUsersPolicies: [] }
    const again = await step('Re-reading RAM', () => observe(cloud.ram, targets))
    const rest = plan(desired, again)
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
      since: n > 0 ? Date.now() : lastAccessChange(desired, actual, viaSubAccount),
      windowMs: GRANT_PROPAGATION_WINDOW_MS,
      deadline,
      onWait: (error, wait) =>
        log.info(
          `AssumeRole refused (${error.code}) while RAM propagates recent changes; retrying in ${wait} ms`,
        ),
    },
    log,
  )
}
