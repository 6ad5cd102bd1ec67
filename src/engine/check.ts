/**
 * The drift check. It is handed only RAM's read-only client and GetCallerIdentity, so it
 * cannot write and cannot mint credentials, whatever the inputs say.
 */
import type { Inputs, ReadOnlyCloud, RunLog, RunResult } from '../model.js'
import { changeLine } from '../report/plan.js'
import { desiredState } from './desired.js'
import { step } from './failure.js'
import { observe, targetsOf } from './observe.js'
import { plan } from './plan.js'

/** Reads RAM and fills `result` with what apply would change. */
export async function check(
  inputs: Inputs,
  cloud: ReadOnlyCloud,
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
  log.info(n === 0 ? `RAM already matches the inputs (role ${inputs.roleName}).` : `${n} change(s) needed:`)
  for (const change of result.changes) log.info(changeLine(change))
}
