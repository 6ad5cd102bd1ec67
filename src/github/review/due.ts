/**
 * Whether a finished run owes GitHub a pull-request comment or a drift issue, decided from the
 * inputs, the result and GITHUB_EVENT_NAME alone. This module is in the main bundle: a run
 * that owes nothing must never load Octokit, so nothing here may import @actions/github.
 */
import type { Inputs, RunResult } from '../../model.js'

/** What a run posts: its plan on the pull request, or the drift issue brought in step with RAM. */
export type ReviewKind = 'pr-comment' | 'drift-issue'

/** The verdict: post, or a line saying why not (`undefined`: nothing was asked for here). */
export type ReviewDue = { kind: ReviewKind } | { skip: string; level: 'info' | 'warning' } | undefined

/** Events whose GITHUB_TOKEN and payload belong to a pull request. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

/** Decides what `result` owes GitHub on the event `eventName` (undefined outside a workflow run). */
export function reviewDue(
  inputs: Pick<Inputs, 'mode' | 'review'>,
  result: RunResult,
  eventName: string | undefined,
): ReviewDue {
  if (!eventName) return undefined
  const { review } = inputs
  let kind: ReviewKind
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    if (!review.prComment) return undefined
    kind = 'pr-comment'
  } else {
    // Drift is a scheduled check's business; an apply is reviewed on its pull request instead.
    if (!review.driftIssue || inputs.mode !== 'check') return undefined
    kind = 'drift-issue'
  }
  const what = kind === 'pr-comment' ? 'plan comment' : 'drift issue'
  // Both are found again by a marker naming the account; without it a later run could not.
  if (!result.accountId)
    return { skip: `no ${what}: the run stopped before it knew the account`, level: 'info' }
  // A check that failed knows nothing about drift: closing or updating the issue would be a guess.
  if (kind === 'drift-issue' && result.failure)
    return { skip: 'the drift issue is left as it is: the check did not finish', level: 'info' }
  if (!review.githubToken) return { skip: `no ${what}: github-token is empty`, level: 'warning' }
  return { kind }
}
