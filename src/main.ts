/**
 * The GitHub step: read and validate the inputs, run the engine, render its result. Every
 * runner interaction goes through @actions/core.
 */
import * as core from '@actions/core'
import { aliyunCloud } from './aliyun/connect.js'
import { instanceRoleCredentials } from './aliyun/ecs-metadata.js'
import { runDeadline, runEngine } from './engine/run.js'
import { githubIdToken } from './github/id-token.js'
import { githubLog } from './github/log.js'
import { renderInputProblems, renderResult } from './github/render.js'
import { reviewDue } from './github/review/due.js'
import type { ReviewUrls } from './github/review/post.js'
import { readInputs } from './inputs/read.js'
import { validateInputs } from './inputs/validate.js'
import type { Inputs, RunResult } from './model.js'

/** The action's main step. */
export async function run(): Promise<void> {
  try {
    const raw = readInputs(
      (name) => core.getInput(name),
      process.env,
      process.env.GITHUB_WORKSPACE || process.cwd(),
    )
    const validated = validateInputs(raw)
    if (!validated.ok) return renderInputProblems(validated.problems)
    const inputs = validated.inputs
    maskInputSecrets(inputs)
    // The run's one deadline: the engine's waits, the cloud's retries and GitHub's calls share it.
    const deadline = runDeadline(inputs)
    const cloud = aliyunCloud(inputs, deadline, (action, error, attempt, wait) =>
      core.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${wait} ms)`),
    )
    const deps = { cloud, idToken: githubIdToken, instanceRole: instanceRoleCredentials, log: githubLog }
    const result = await runEngine(inputs, deps, deadline)
    await renderResult(result, inputs)
    await review(result, inputs, deadline)
  } catch (err) {
    // Only a bug gets here: expected failures come back in the result. Never print the error
    // itself, which could hold anything; its stack goes to the debug log.
    core.setFailed('unexpected failure: the action has a bug')
    if (err instanceof Error) core.debug(err.stack ?? err.name)
  }
}

/** The input secrets, masked before anything else can print them. */
function maskInputSecrets(inputs: Inputs): void {
  const values = [
    inputs.credentials?.accessKeySecret,
    inputs.credentials?.securityToken,
    inputs.subAccountCredentials?.accessKeySecret,
    inputs.review.githubToken,
  ]
  for (const value of values) if (value) core.setSecret(value)
}

/**
 * Posts the run on its pull request or to the drift issue when one is due, after the verdict
 * and the credentials are out: GitHub can only add warnings, never change the step's outcome.
 * The URL outputs are set on every run that got this far, empty when nothing was posted.
 */
async function review(result: RunResult, inputs: Inputs, deadline: number): Promise<void> {
  const due = reviewDue(inputs, result, process.env.GITHUB_EVENT_NAME)
  let urls: ReviewUrls = {}
  if (due && 'skip' in due) {
    if (due.level === 'warning') core.warning(due.skip)
    else core.info(due.skip)
  } else if (due) {
    try {
      // The only import of @actions/github and Octokit: ncc makes it a chunk that a run with
      // nothing due never loads.
      const { postReview } = await import('./github/review/post.js')
      urls = await postReview(due.kind, result, inputs, deadline)
    } catch {
      core.warning('could not load the code that posts to GitHub: dist/ is incomplete')
    }
  }
  core.setOutput('comment-url', urls.commentUrl ?? '')
  core.setOutput('drift-issue-url', urls.driftIssueUrl ?? '')
}
