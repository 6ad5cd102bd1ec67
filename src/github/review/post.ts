/**
 * Posting a finished run to GitHub: its plan on the pull request, or the drift issue. This and
 * the modules it imports are the only code that loads @actions/github; main.ts imports it only
 * when something is due, so ncc puts Octokit in a chunk that every other run leaves unloaded.
 *
 * Nothing here can fail the step or change its verdict: each failure becomes one warning that
 * says what went wrong and, when the token was refused, which permission the job must grant.
 */
import * as core from '@actions/core'
import { context } from '@actions/github'
import type { Inputs, RunResult } from '../../model.js'
import { drifted } from '../../report/plan.js'
import { oneLine } from '../log.js'
import { failureOf, isRateLimited, issuesApi } from './api.js'
import { type BodyFacts, driftNote, driftTitle, renderBody } from './body.js'
import { syncDriftIssue } from './drift-issue.js'
import type { ReviewKind } from './due.js'
import { syncPlanComment } from './pr-comment.js'

/** The addresses for the `comment-url` and `drift-issue-url` outputs; absent when none. */
export interface ReviewUrls {
  commentUrl?: string
  driftIssueUrl?: string
}

/** The permission each kind of post needs from the job's token. */
const PERMISSION: Record<ReviewKind, string> = {
  'pr-comment': 'pull-requests: write',
  'drift-issue': 'issues: write',
}

/** A reason not to post that is not GitHub's answer; its message is ours and safe to show. */
class NotPosted extends Error {}

/**
 * Posts what `kind` asks for about `result`; retries stop at `deadline` (epoch ms). Returns the
 * address of the comment or issue, and never throws.
 */
export async function postReview(
  kind: ReviewKind,
  result: RunResult,
  inputs: Inputs,
  deadline: number,
): Promise<ReviewUrls> {
  // The session's credentials never come near a body: the bodies get the run without it.
  const { session: _session, ...run } = result
  try {
    const repo = repository()
    const facts = runFacts(result.accountId!, inputs.roleName, repo)
    const api = issuesApi({
      token: inputs.review.githubToken,
      repo,
      deadline,
      maxAttempts: inputs.retryMaxAttempts,
      debug: (line) => core.debug(oneLine(line)),
    })
    // The URLs in these lines come from GitHub's answers: kept to one line, like all server text.
    if (kind === 'pr-comment') {
      const pr = pullRequestNumber()
      const quiet =
        run.changes.length === 0 &&
        run.failedUsers.length === 0 &&
        run.findings.length === 0 &&
        run.refusals.length === 0 &&
        run.unmanaged.length === 0 &&
        !run.failure
      const outcome = await syncPlanComment(api, pr, facts, renderBody('plan', run, facts), quiet)
      const lines = {
        created: `Posted the plan on pull request #${pr}: ${outcome.url}`,
        updated: `Updated the plan on pull request #${pr}: ${outcome.url}`,
        unchanged: `The plan on pull request #${pr} is up to date: ${outcome.url}`,
        none: `No plan comment on pull request #${pr}: nothing to report`,
      }
      core.info(oneLine(lines[outcome.action]))
      return { commentUrl: outcome.url }
    }
    const outcome = await syncDriftIssue(api, inputs.review.driftIssueLabel, facts, drifted(result), {
      title: driftTitle(facts),
      body: renderBody('drift', run, facts),
      changed: driftNote('changed', run, facts),
      back: driftNote('back', run, facts),
      resolved: driftNote('resolved', run, facts),
    })
    const lines = {
      opened: `Opened the drift issue: ${outcome.url}`,
      reopened: `Reopened the drift issue: ${outcome.url}`,
      updated: `Updated the drift issue: ${outcome.url}`,
      closed: `Closed the drift issue: ${outcome.url}`,
      none: 'No drift and no open drift issue',
    }
    core.info(oneLine(lines[outcome.action]))
    if (outcome.warning) core.warning(oneLine(outcome.warning))
    return { driftIssueUrl: outcome.url }
  } catch (error) {
    core.warning(oneLine(warning(kind, error)))
    return {}
  }
}

/** The repository the run belongs to, as @actions/github reads it. */
function repository(): { owner: string; repo: string } {
  if (!process.env.GITHUB_REPOSITORY && !context.payload.repository)
    throw new NotPosted('GITHUB_REPOSITORY is not set')
  return context.repo
}

/** The pull request of a pull_request or pull_request_target event, from its payload. */
function pullRequestNumber(): number {
  const n = context.payload.pull_request?.number
  if (typeof n !== 'number') throw new NotPosted('the event payload names no pull request')
  return n
}

/** The subject and the run's link, as the bodies need them. */
function runFacts(accountId: string, roleName: string, repo: { owner: string; repo: string }): BodyFacts {
  const id = context.runId
  const attempt = Number.isInteger(context.runAttempt) ? context.runAttempt : 1
  const run = Number.isInteger(id)
    ? {
        url: `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${id}/attempts/${attempt}`,
        label: attempt > 1 ? `run ${id}, attempt ${attempt}` : `run ${id}`,
      }
    : undefined
  return { accountId, roleName, run, now: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }
}

/**
 * The warning for a post that did not happen. Built from the status and GitHub's `message`
 * only: the request (with its Authorization header) is never printed.
 */
function warning(kind: ReviewKind, error: unknown): string {
  const what = kind === 'pr-comment' ? 'post the plan on the pull request' : 'update the drift issue'
  if (error instanceof NotPosted) return `could not ${what}: ${error.message}`
  const failure = failureOf(error)
  const said = failure.message ? ` (${clip(failure.message)})` : ''
  switch (true) {
    case failure.status === undefined: {
      const e = error as { name?: string; message?: string }
      if (e?.name !== 'HttpError' && e?.name !== 'AbortError' && e?.name !== 'TimeoutError') {
        // A bug, not GitHub: its message could hold anything, so only the debug log gets the stack.
        if (error instanceof Error) core.debug(error.stack ?? error.name)
        return `could not ${what}: unexpected error (the action has a bug)`
      }
      return `could not ${what}: no answer from GitHub (${clip(e.message ?? e.name)}); check GITHUB_API_URL, the network and any proxy`
    }
    case isRateLimited(failure):
      return `could not ${what}: GitHub's rate limit (${failure.status}${said}) did not clear before timeout-seconds`
    case failure.status === 401:
      return `could not ${what}: GitHub refused github-token (401${said})`
    case failure.status === 403 || failure.status === 404:
      return (
        `could not ${what}: GitHub answered ${failure.status}${said}. The token needs \`${PERMISSION[kind]}\`: ` +
        `add it to the job's permissions${kind === 'pr-comment' ? ' (pull requests from forks only ever get a read-only token)' : ''}`
      )
    default:
      return `could not ${what}: GitHub answered ${failure.status}${said}`
  }
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}...` : text
}
