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
import { changeLine, planEntry, summaryMarkdown } from './report.js'
import * as core from './workflow-commands.js'

/** How long AssumeRole may wait for RAM to propagate changes this run made. */
const PROPAGATION_WINDOW_MS = 60_000
/** How many all-users grants are in flight at once. */
const GRANT_CONCURRENCY = 8

/** The action: validate, observe, plan, apply, assume, export, report. */
export async function run(): Promise<void> {
  try {
    const parsed = readInputs({
      get: (name) => core.getInput(name),
      env: process.env,
      workspace: workspace(),
    })
    if (!parsed.ok) return failOnInputs(parsed.problems)
    const inputs = parsed.inputs
    for (const secret of [inputs.credentials.accessKeySecret, inputs.credentials.securityToken]) {
      if (secret) core.setSecret(secret)
    }
    if (inputs.subAccountCredentials) core.setSecret(inputs.subAccountCredentials.accessKeySecret)
    const cloud = connect(inputs, (action, error, attempt, delay) =>
      core.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${delay} ms)`),
    )
    if (inputs.mode === 'assume') return await assumeOnly(inputs, cloud)
    await reconcile(inputs, cloud)
  } catch (err) {
    core.setFailed(describe(err))
  }
}

async function reconcile(inputs: Inputs, cloud: Cloud): Promise<void> {
  const [caller, actual] = await Promise.all([
    cloud.sts.getCallerIdentity(),
    observe(cloud.ram, targetsOf(inputs)),
  ])
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
    await writeSummary({ mode: 'check', roleArn: desired.role.arn, changes, applied: false, failedUsers: [] })
    if (changes.length === 0) return
    if (inputs.failOnDrift) core.setFailed(`drift detected: ${changes.length} change(s) needed`)
    else core.notice(`drift detected: ${changes.length} change(s) needed`)
    return
  }

  const failedUsers = await apply(changes, cloud.writer(), {
    concurrency: GRANT_CONCURRENCY,
    onChange: (change) => core.info(changeLine(change)),
  })
  core.setOutput('failed-users', JSON.stringify(failedUsers.map((f) => f.user)))
  const assumed = await assumeAndExport(inputs, cloud, desired.role.arn, caller, changes.length > 0)
  await writeSummary({
    mode: 'apply',
    roleArn: desired.role.arn,
    changes,
    applied: true,
    failedUsers,
    assumed,
  })
  if (failedUsers.length > 0) failGrants(failedUsers)
}

async function assumeOnly(inputs: Inputs, cloud: Cloud): Promise<void> {
  // The role's account is the assuming identity's own account.
  const caller = await cloud.assumer.getCallerIdentity()
  const arn = roleArn(caller.accountId, inputs.roleName)
  core.setOutput('account-id', caller.accountId)
  core.setOutput('role-arn', arn)
  setPlanOutputs([])
  core.setOutput('failed-users', '[]')
  const assumed = await assumeAndExport(inputs, cloud, arn, caller, false)
  await writeSummary({ mode: 'assume', roleArn: arn, changes: [], applied: false, failedUsers: [], assumed })
}

async function assumeAndExport(
  inputs: Inputs,
  cloud: Cloud,
  arn: string,
  reconciler: { arn: string; identityType: string },
  changed: boolean,
): Promise<{ arn: string; expiration: string; via: string }> {
  const via = inputs.subAccountCredentials
    ? `sub-account ${inputs.subAccount?.name ?? ''}`.trim()
    : reconciler.arn
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
          core.info(`AssumeRole refused (${error.code}) while RAM propagates; retrying in ${delay} ms`),
      },
    )
  } catch (err) {
    if (!(err instanceof CloudError)) throw err
    const caller = inputs.subAccountCredentials ? { arn: via, identityType: 'RAMUser' } : reconciler
    const hint = assumeHint(err, caller, arn)
    throw new Error(`AssumeRole of ${arn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`)
  }
  exportCredentials(core, assumed, inputs.region, inputs.exportEnv)
  core.info(`Assumed ${assumed.assumedRoleArn} until ${assumed.expiration}.`)
  return { arn: assumed.assumedRoleArn, expiration: assumed.expiration, via }
}

function setPlanOutputs(changes: Change[]): void {
  core.setOutput('drift', changes.length > 0 ? 'true' : 'false')
  core.setOutput('changes', String(changes.length))
  core.setOutput('plan', JSON.stringify(changes.map(planEntry)))
}

async function writeSummary(facts: Parameters<typeof summaryMarkdown>[0]): Promise<void> {
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

function describe(err: unknown): string {
  if (err instanceof CloudError) return `${err.service.toUpperCase()} ${err.action} failed: ${err.message}`
  if (err instanceof MissingPolicyError) return err.message
  if (err instanceof Error) return err.message
  return 'unexpected failure'
}

function workspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}
