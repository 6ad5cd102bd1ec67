import { CloudError } from './aliyun/errors.js'
import type { AssumedRole } from './aliyun/sts.js'
import { apply, type FailedUser } from './apply.js'
import { assumeHint, assumeRole } from './assume.js'
import { type Cloud, connect, type OnRetry, retryPolicy, stsAs } from './cloud.js'
import { exportCredentials } from './credentials.js'
import { desiredState, roleArn } from './desired.js'
import { type InputProblem, type Inputs, readInputs } from './inputs.js'
import { MissingPolicyError, observe, targetsOf } from './observe.js'
import { OidcError, signInWithOidc } from './oidc.js'
import { type Change, plan } from './plan.js'
import { changeLine, explain, planOutput, type SummaryFacts, summaryMarkdown } from './report.js'
import { type ActionIo, githubIo } from './workflow-commands.js'

/** How long writes and AssumeRole may wait for RAM to propagate what this run changed. */
const PROPAGATION_WINDOW_MS = 60_000
/** How many all-users grants are queued at once; the RAM client's adaptive window paces them. */
const GRANT_CONCURRENCY = 64

/** A failure in one named step of the run, worded for the person reading the log. */
class StepError extends Error {}

/** The action: validate, sign in, observe, plan, apply, assume, export, report. */
export async function run(io: ActionIo = githubIo): Promise<void> {
  try {
    const parsed = readInputs({ get: io.getInput, env: process.env, workspace: workspace() })
    if (!parsed.ok) return failOnInputs(io, parsed.problems)
    const inputs = parsed.inputs
    maskInputSecrets(io, inputs)
    const retry = retryPolicy(inputs)
    const onRetry: OnRetry = (action, error, attempt, delay) =>
      io.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${delay} ms)`)
    const credentials =
      inputs.credentials ??
      (await step('Signing in with GitHub OIDC', () =>
        signInWithOidc(io, inputs, stsAs(inputs, { accessKeyId: '', accessKeySecret: '' }, retry, onRetry)),
      ))
    const cloud = connect(inputs, credentials, retry, onRetry)
    if (inputs.mode === 'assume') return await assumeOnly(io, inputs, cloud)
    await reconcile(io, inputs, cloud)
  } catch (err) {
    io.setFailed(err instanceof StepError ? err.message : 'unexpected failure: the action has a bug')
    if (!(err instanceof StepError) && err instanceof Error) io.debug(err.stack ?? err.name)
  }
}

async function reconcile(io: ActionIo, inputs: Inputs, cloud: Cloud): Promise<void> {
  const [caller, actual] = await step('Reading RAM', () =>
    Promise.all([cloud.sts.getCallerIdentity(), observe(cloud.ram, targetsOf(inputs))]),
  )
  const desired = desiredState(inputs, caller.accountId)
  const changes = plan(desired, actual)
  io.setOutput('account-id', caller.accountId)
  io.setOutput('role-arn', actual.role?.arn || desired.role.arn)
  setPlanOutputs(io, changes)
  io.info(
    changes.length === 0
      ? `RAM already matches the inputs (role ${inputs.roleName}).`
      : `${changes.length} change(s) ${inputs.mode === 'check' ? 'needed' : 'to apply'}:`,
  )
  if (inputs.mode === 'check') {
    io.setOutput('failed-users', '[]')
    for (const change of changes) io.info(changeLine(change))
    writeSummary(io, { mode: 'check', roleArn: desired.role.arn, changes, applied: false, failedUsers: [] })
    if (changes.length === 0) return
    if (inputs.failOnDrift) io.setFailed(`drift detected: ${changes.length} change(s) needed`)
    else io.notice(`drift detected: ${changes.length} change(s) needed`)
    return
  }

  const writer = cloud.writer
  if (!writer) throw new Error('apply mode without a RAM writer')
  const applyOptions = {
    concurrency: GRANT_CONCURRENCY,
    propagationMs: PROPAGATION_WINDOW_MS,
    onChange: (change: Change) => io.info(changeLine(change)),
    onWait: (change: Change, error: CloudError) =>
      io.info(`  (${error.code} while RAM propagates a new entity; retrying: ${changeLine(change)})`),
  }
  const result = await step('Changing RAM', () => apply(changes, writer, applyOptions))
  if (result.conflicts > 0) {
    // Another run created some of the same entities meanwhile: look again and finish the job.
    io.info(`${result.conflicts} entity(ies) already existed (a concurrent run?); re-reading RAM.`)
    const again = await step('Re-reading RAM', () => observe(cloud.ram, targetsOf(inputs)))
    const rest = plan(desired, again).filter((c) => !(c.kind === 'attach-policy' && c.allUsers))
    await step('Changing RAM', () => apply(rest, writer, applyOptions))
  }
  const { failedUsers } = result
  io.setOutput('failed-users', JSON.stringify(failedUsers.map((f) => f.user)))
  const assumed = await assumeAndExport(io, inputs, cloud, desired.role.arn, caller, changes.length > 0)
  writeSummary(io, { mode: 'apply', roleArn: desired.role.arn, changes, applied: true, failedUsers, assumed })
  if (failedUsers.length > 0) failGrants(io, failedUsers)
}

async function assumeOnly(io: ActionIo, inputs: Inputs, cloud: Cloud): Promise<void> {
  // The role's account is the assuming identity's own account.
  const caller = await step('Identifying the caller', () => cloud.assumer.getCallerIdentity())
  const arn = roleArn(caller.accountId, inputs.roleName)
  io.setOutput('account-id', caller.accountId)
  io.setOutput('role-arn', arn)
  setPlanOutputs(io, [])
  io.setOutput('failed-users', '[]')
  const assumed = await assumeAndExport(io, inputs, cloud, arn, caller, false)
  writeSummary(io, { mode: 'assume', roleArn: arn, changes: [], applied: false, failedUsers: [], assumed })
}

async function assumeAndExport(
  io: ActionIo,
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
          io.info(
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
  exportCredentials(io, assumed, inputs.region, inputs.exportEnv)
  io.info(`Assumed ${assumed.assumedRoleArn} until ${assumed.expiration}.`)
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
    if (err instanceof MissingPolicyError || err instanceof OidcError)
      throw new StepError(`${name} failed: ${err.message}`)
    throw err
  }
}

function maskInputSecrets(io: ActionIo, inputs: Inputs): void {
  const values = [
    inputs.credentials?.accessKeySecret,
    inputs.credentials?.securityToken,
    inputs.subAccountCredentials?.accessKeySecret,
  ]
  for (const value of values) if (value) io.setSecret(value)
}

function setPlanOutputs(io: ActionIo, changes: Change[]): void {
  io.setOutput('drift', changes.length > 0 ? 'true' : 'false')
  io.setOutput('changes', String(changes.length))
  io.setOutput('plan', planOutput(changes))
}

function writeSummary(io: ActionIo, facts: SummaryFacts): void {
  io.appendSummary(summaryMarkdown(facts))
}

function failOnInputs(io: ActionIo, problems: InputProblem[]): void {
  for (const p of problems) {
    io.error(`${p.input}: ${p.message}`, {
      title: `Invalid input ${p.input}`,
      file: p.file,
      startLine: p.line,
      startColumn: p.column,
    })
  }
  io.setFailed(`${problems.length} invalid input(s); nothing was called or changed`)
}

function failGrants(io: ActionIo, failed: FailedUser[]): void {
  for (const f of failed) io.error(`could not grant ${f.policy} to user ${f.user}: ${f.error}`)
  io.setFailed(
    `${failed.length} user(s) could not be granted all-users-policies: ${failed.map((f) => f.user).join(', ')}`,
  )
}

function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}
