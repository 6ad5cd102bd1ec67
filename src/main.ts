import { CloudError } from './aliyun/errors.js'
import type { AssumedRole } from './aliyun/sts.js'
import { apply, type FailedUser } from './apply.js'
import { assumeHint, assumeRole } from './assume.js'
import { type Cloud, connect } from './cloud.js'
import { exportCredentials } from './credentials.js'
import { desiredState, roleArn } from './desired.js'
import { type InputProblem, type Inputs, readInputs } from './inputs.js'
import { MissingPolicyError, observe, targetsOf } from './observe.js'
import { type Change, plan } from './plan.js'
import { changeLine, explain, planEntry, type SummaryFacts, summaryMarkdown } from './report.js'
import * as core from './workflow-commands.js'

/** How long writes and AssumeRole may wait for RAM to propagate what this run changed. */
const PROPAGATION_WINDOW_MS = 60_000
/** How many all-users grants are queued at once; the RAM client's adaptive window paces them. */
const GRANT_CONCURRENCY = 64

/** A failure in one named step of the run, worded for the person reading the log. */
class StepError extends Error {}

/** The action: validate, observe, plan, apply, assume, export, report. */
export async function run(): Promise<void> {
  try {
    const parsed = readInputs({ get: core.getInput, env: process.env, workspace: workspace() })
    if (!parsed.ok) return failOnInputs(parsed.problems)
    const inputs = parsed.inputs
    maskInputSecrets(inputs)
    const cloud = connect(inputs, (action, error, attempt, delay) =>
      core.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${delay} ms)`),
    )
    if (inputs.mode === 'assume') return await assumeOnly(inputs, cloud)
    await reconcile(inputs, cloud)
  } catch (err) {
    core.setFailed(err instanceof StepError ? err.message : 'unexpected failure: the action has a bug')
    if (!(err instanceof StepError) && err instanceof Error) core.debug(err.stack ?? err.name)
  }
}

async function reconcile(inputs: Inputs, cloud: Cloud): Promise<void> {
  const [caller, actual] = await step('Reading RAM', () =>
    Promise.all([cloud.sts.getCallerIdentity(), observe(cloud.ram, targetsOf(inputs))]),
  )
  const desired = desiredState(inputs, caller.accountId)
  const changes = plan(desired, actual)
  core.setOutput('account-id', caller.accountId)
  core.setOutput('role-arn', actual.role?.arn || desired.role.arn)
  setPlanOutputs(changes)
  core.info(
    changes.length === 0
      ? `RAM already matches the inputs (role ${inputs.roleName}).`
      : `${changes.length} change(s) ${inputs.mode === 'check' ? 'needed' : 'to apply'}:`,
  )
  if (inputs.mode === 'check') {
    core.setOutput('failed-users', '[]')
    for (const change of changes) core.info(changeLine(change))
    writeSummary({ mode: 'check', roleArn: desired.role.arn, changes, applied: false, failedUsers: [] })
    if (changes.length === 0) return
    if (inputs.failOnDrift) core.setFailed(`drift detected: ${changes.length} change(s) needed`)
    else core.notice(`drift detected: ${changes.length} change(s) needed`)
    return
  }

  const writer = cloud.writer
  if (!writer) throw new Error('apply mode without a RAM writer')
  const applyOptions = {
    concurrency: GRANT_CONCURRENCY,
    propagationMs: PROPAGATION_WINDOW_MS,
    onChange: (change: Change) => core.info(changeLine(change)),
    onWait: (change: Change, error: CloudError) =>
      core.info(`  (${error.code} while RAM propagates a new entity; retrying: ${changeLine(change)})`),
  }
  const result = await step('Changing RAM', () => apply(changes, writer, applyOptions))
  if (result.conflicts > 0) {
    // Another run created some of the same entities meanwhile: look again and finish the job.
    core.info(`${result.conflicts} entity(ies) already existed (a concurrent run?); re-reading RAM.`)
    const again = await step('Re-reading RAM', () => observe(cloud.ram, targetsOf(inputs)))
    const rest = plan(desired, again).filter((c) => !(c.kind === 'attach-policy' && c.allUsers))
    await step('Changing RAM', () => apply(rest, writer, applyOptions))
  }
  const { failedUsers } = result
  core.setOutput('failed-users', JSON.stringify(failedUsers.map((f) => f.user)))
  const assumed = await assumeAndExport(inputs, cloud, desired.role.arn, caller, changes.length > 0)
  writeSummary({ mode: 'apply', roleArn: desired.role.arn, changes, applied: true, failedUsers, assumed })
  if (failedUsers.length > 0) failGrants(failedUsers)
}

async function assumeOnly(inputs: Inputs, cloud: Cloud): Promise<void> {
  // The role's account is the assuming identity's own account.
  const caller = await step('Identifying the caller', () => cloud.assumer.getCallerIdentity())
  const arn = roleArn(caller.accountId, inputs.roleName)
  core.setOutput('account-id', caller.accountId)
  core.setOutput('role-arn', arn)
  setPlanOutputs([])
  core.setOutput('failed-users', '[]')
  const assumed = await assumeAndExport(inputs, cloud, arn, caller, false)
  writeSummary({ mode: 'assume', roleArn: arn, changes: [], applied: false, failedUsers: [], assumed })
}

async function assumeAndExport(
  inputs: Inputs,
  cloud: Cloud,
  arn: string,
  reconciler: { arn: string; identityType: string },
  changed: boolean,
): Promise<NonNullable<SummaryFacts['assumed']>> {
  const viaSubAccount = inputs.subAccountCredentials !== undefined
  const caller = viaSubAccount
    ? { arn: `sub-account ${inputs.subAccount?.name ?? '(keys given)'}`, identityType: 'RAMUser' }
    : reconciler
  let assumed: AssumedRole
  try {
    assumed = await assumeRole(
      cloud.assumer,
      {
        roleArn: arn,
        sessionName: inputs.session.name,
        durationSeconds: inputs.session.durationSeconds,
        policy: inputs.session.policy?.text,
        externalId: inputs.session.externalId,
      },
      {
        changed,
        windowMs: PROPAGATION_WINDOW_MS,
        onWait: (error, delay) =>
          core.info(
            `AssumeRole refused (${error.code}) while RAM propagates the changes; retrying in ${delay} ms`,
          ),
      },
    )
  } catch (err) {
    if (!(err instanceof CloudError)) throw err
    const hint = assumeHint(err, caller, arn) || explain(err)
    throw new StepError(
      `AssumeRole of ${arn} as ${caller.arn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
    )
  }
  exportCredentials(core, assumed, inputs.region, inputs.exportEnv)
  core.info(`Assumed ${assumed.assumedRoleArn} until ${assumed.expiration}.`)
  return { arn: assumed.assumedRoleArn, expiration: assumed.expiration, via: caller.arn }
}

/** Runs one step; a cloud error becomes a message naming the step, the call and the likely cause. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof StepError) throw err
    if (err instanceof CloudError) {
      const hint = explain(err)
      throw new StepError(
        `${name} failed: ${err.service.toUpperCase()} ${err.action}: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
      )
    }
    if (err instanceof MissingPolicyError) throw new StepError(`${name} failed: ${err.message}`)
    throw err
  }
}

function maskInputSecrets(inputs: Inputs): void {
  const values = [
    inputs.credentials.accessKeySecret,
    inputs.credentials.securityToken,
    inputs.subAccountCredentials?.accessKeySecret,
  ]
  for (const value of values) if (value) core.setSecret(value)
}

function setPlanOutputs(changes: Change[]): void {
  core.setOutput('drift', changes.length > 0 ? 'true' : 'false')
  core.setOutput('changes', String(changes.length))
  core.setOutput('plan', JSON.stringify(changes.map(planEntry)))
}

function writeSummary(facts: SummaryFacts): void {
  core.appendSummary(summaryMarkdown(facts))
}

function failOnInputs(problems: InputProblem[]): void {
  for (const p of problems) {
    core.error(`${p.input}: ${p.message}`, {
      title: `Invalid input ${p.input}`,
      file: p.file,
      startLine: p.line,
      startColumn: p.column,
    })
  }
  core.setFailed(`${problems.length} invalid input(s); nothing was called or changed`)
}

function failGrants(failed: FailedUser[]): void {
  for (const f of failed) core.error(`could not grant ${f.policy} to user ${f.user}: ${f.error}`)
  core.setFailed(
    `${failed.length} user(s) could not be granted all-users-policies: ${failed.map((f) => f.user).join(', ')}`,
  )
}

function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}
