/**
 * The plan on the pull request: one comment per role, found again by its marker, created once
 * and edited in place after that, left alone when the plan did not change.
 */
import type { IssuesApi } from './api.js'
import type { Body } from './body.js'
import { markerFor, type Subject } from './marker.js'

/** What the conversation did, and the comment's address when there is one. */
export interface CommentOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'none'
  url?: string
}

/**
 * Brings the plan comment on pull request `pr` in line with `body`. `quiet` says the run has
 * nothing to report (no change, no failure): then no comment is created, but an existing one is
 * edited, so a comment that once listed changes now says there are none.
 */
export async function syncPlanComment(
  api: IssuesApi,
  pr: number,
  subject: Subject,
  body: Body,
  quiet: boolean,
): Promise<CommentOutcome> {
  for await (const page of api.comments(pr)) {
    for (const comment of page) {
      const marker = markerFor(comment.body, 'plan', subject)
      if (!marker) continue
      // The oldest marked comment is the one; reading on could only find copies.
      if (marker.digest === body.digest) return { action: 'unchanged', url: comment.html_url }
      const updated = await api.updateComment(comment.id, body.text)
      return { action: 'updated', url: updated.html_url }
    }
  }
  if (quiet) return { action: 'none' }
  const created = await api.createComment(pr, body.text)
  return { action: 'created', url: created.html_url }
}
