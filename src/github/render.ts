/**
 * The GitHub step's rendering of a run: step outputs, exported credentials, the job summary,
 * annotations and the step's verdict, all through @actions/core.
 */
import * as core from '@actions/core'
import type { InputProblem, Inputs, RunResult } from '../model.js'
import { describeUnmanaged, drifted, planOutput } from '../report/plan.js'
import { summaryMarkdown } from '../report/summary.js'
import { exportCredentials } from './credentials.js'
import { oneLine } from './log.js'

/** Annotates each invalid input (on the policy file's line, when it has one) and fails the step. */
export function renderInputProblems(problems: InputProblem[]): void {
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

/** Renders a finished run: outputs for what is known, annotations, the summary, then the verdict. */
export async function renderResult(result: RunResult, inputs: Inputs): Promise<void> {
  if (result.accountId) core.setOutput('account-id', result.accountId)
  if (result.roleArn) core.setOutput('role-arn', result.roleArn)
  // The plan outputs exist whenever the run got as far as knowing the plan (assume: none).
  if (result.accountId || result.mode === 'assume') {
    core.setOutput('drift', drifted(result) ? 'true' : 'false')
    core.setOutput('changes', String(result.changes.length))
    core.setOutput('plan', planOutput(result.changes))
    core.setOutput('failed-users', JSON.stringify(result.failedUsers.map((f) => f.user)))
    core.setOutput('findings', JSON.stringify(result.findings))
    core.setOutput('unmanaged-policies', JSON.stringify(result.unmanaged))
  }
  const profileProblem = result.session ? exportCredentials(result.session, inputs) : undefined
  annotate(result)
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(result)).write()

  if (result.failure) {
    core.setFailed(oneLine(result.failure.message))
    return
  }
  if (profileProblem) {
    core.setFailed(oneLine(profileProblem))
    return
  }
  if (result.failedUsers.length > 0) {
    for (const f of result.failedUsers)
      core.error(oneLine(`could not grant ${f.policy} to user ${f.user}: ${f.error}`))
    core.setFailed(
      `${result.failedUsers.length} user(s) could not be granted all-users-policies: ${result.failedUsers.map((f) => f.user).join(', ')}`,
    )
    return
  }
  if (result.mode === 'check' && drifted(result)) {
    const parts = [`${result.changes.length} change(s) needed`]
    if (result.unmanaged.length > 0) parts.push(`${result.unmanaged.length} unmanaged attachment(s)`)
    const message = `drift detected: ${parts.join(', ')}`
    if (inputs.failOnDrift) core.setFailed(message)
    else core.notice(message)
  }
}

/** Findings and refusals as annotations: on the policy file's line when the document came from one. */
function annotate(result: RunResult): void {
  for (const f of result.findings) {
    const text = oneLine(
      `${f.rule}: ${f.message} (${f.subject}, ${f.source === 'desired' ? 'as the inputs would write it' : 'as RAM holds it'})`,
    )
    const where = { title: `RAM policy ${f.severity} (${f.rule})`, file: f.file, startLine: f.line }
    if (f.severity === 'error') core.error(text, where)
    else core.warning(text, where)
  }
  for (const r of result.refusals)
    core.error(oneLine(r.message), { title: `Refused (${r.inputs.join(', ')})` })
  if (result.mode === 'check' && result.unmanaged.length > 0) {
    core.warning(
      oneLine(
        `attached though the inputs do not name them: ${result.unmanaged.map(describeUnmanaged).join('; ')}`,
      ),
      {
        title: 'Unmanaged policy attachments',
      },
    )
  }
}
