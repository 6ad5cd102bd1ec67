/**
 * What check and apply share: read RAM, plan, and judge the plan before anything is written:
 * the guards' refusals, the linter's findings, and the attachments nobody declared.
 */
import type { Actual, CallerIdentity, Desired, Inputs, ReadOnlyCloud, RunLog, RunResult } from '../model.js'
import { changeLine, diffLines } from '../report/plan.js'
import { desiredState } from './desired.js'
import { checkAccount, StepFailure, step } from './failure.js'
import { blockingFindings, findingsOf } from './findings.js'
import { refusals } from './guards.js'
import { observe, targetsOf } from './observe.js'
import { plan, unmanagedAttachments } from './plan.js'

/** How many plan lines are shown in place; more are folded into a group. */
const GROUP_OVER = 40

/** What the assessment read, for the steps after it. */
export interface Assessment {
  caller: CallerIdentity
  desired: Desired
  actual: Actual
}

/** Reads RAM and fills `result` with the plan and its judgement; logs the plan as it would run. */
export async function assess(
  inputs: Inputs,
  cloud: ReadOnlyCloud,
  result: RunResult,
  log: RunLog,
): Promise<Assessment> {
  // With allowed-account-ids the account is checked before any read of RAM: a wrong account's
  // refusals would otherwise hide the real cause. Without, the identity rides with the reads.
  const identity = cloud.identity.getCallerIdentity()
  if (inputs.allowedAccountIds.length > 0)
    checkAccount(inputs, (await step('Identifying the caller', () => identity)).accountId)
  const [caller, actual] = await step('Reading RAM', () =>
    Promise.all([identity, observe(cloud.ram, targetsOf(inputs))]),
  )
  const desired = desiredState(inputs, caller.accountId)
  result.accountId = caller.accountId
  result.roleArn = actual.role?.arn || desired.role.arn
  result.changes = plan(desired, actual)
  result.unmanaged = unmanagedAttachments(desired, actual)
  result.findings = findingsOf(inputs, desired, actual)
  result.refusals = refusals({ inputs, desired, actual, caller, changes: result.changes })

  const n = result.changes.length
  const verb = inputs.mode === 'check' ? 'needed' : 'to apply'
  if (n === 0) log.info(`RAM already matches the inputs (role ${inputs.roleName}).`)
  else {
    const lines = result.changes.flatMap((change) => [
      changeLine(change),
      ...diffLines(change).map((l) => `    ${l}`),
    ])
    // A short plan is read in place; a long one (thousands of grants) is folded under its count.
    if (lines.length > GROUP_OVER) log.group(`${n} change(s) ${verb}`, lines)
    else for (const line of [`${n} change(s) ${verb}:`, ...lines]) log.info(line)
  }
  return { caller, desired, actual }
}

/** Throws the failure that must stop the run before any write: refusals, or blocking findings. */
export function stopIfRefused(inputs: Inputs, result: RunResult): void {
  const messages = result.refusals.map((r) => `${r.message} [${r.inputs.join(', ')}]`)
  const blocking = blockingFindings(result.findings, inputs)
  if (blocking.length > 0) {
    messages.push(
      `${blocking.length} finding(s) at or above fail-on-findings (${inputs.failOnFindings}): ${blocking
        .map((f) => `${f.rule} in ${f.subject}`)
        .join('; ')}`,
    )
  }
  if (messages.length === 0) return
  const what = inputs.mode === 'check' ? 'the plan has problems' : 'refused, nothing was changed'
  throw new StepFailure({
    step: 'Checking the plan',
    message: `Checking the plan: ${what}: ${messages.join('. ')}`,
  })
}
