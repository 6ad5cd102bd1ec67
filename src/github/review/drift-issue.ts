/**
 * The drift issue: one per role, kept in step with RAM by the scheduled check. On drift it is
 * opened, or the most recently closed one for the role is reopened, and its description follows
 * the plan; once RAM matches again it gets a "resolved" comment and is closed.
 */
import type { Issue, IssuesApi } from './api.js'
import type { Body } from './body.js'
import { markerFor, type Subject } from './marker.js'

/** What the conversation did, and the issue's address when there is one. */
export interface IssueOutcome {
  action: 'opened' | 'reopened' | 'updated' | 'closed' | 'none'
  url?: string
  /** Something the job's owner must fix, though the call itself succeeded. */
  warning?: string
}

/** The texts the conversation may post; only the ones its case needs are used. */
export interface DriftTexts {
  title: string
  body: Body
  /** Comments: the plan changed, drift came back after the issue was closed, RAM matches again. */
  changed: string
  back: string
  resolved: string
}

/**
 * Brings the drift issue for `subject` in step with the check: `drift` says whether RAM differs
 * from the workflow. Issues are found by `label` and the marker; the label alone is shared by
 * every role of every account the repository checks.
 */
export async function syncDriftIssue(
  api: IssuesApi,
  label: string,
  subject: Subject,
  drift: boolean,
  texts: DriftTexts,
): Promise<IssueOutcome> {
  const { open, closed } = await findIssues(api, label, subject)
  if (!drift) {
    if (!open) return { action: 'none' }
    // The comment first, so it reads above the "closed" event in the issue's timeline.
    await api.createComment(open.number, texts.resolved)
    const done = await api.updateIssue(open.number, { state: 'closed', state_reason: 'completed' })
    return { action: 'closed', url: done.html_url }
  }
  if (open) {
    const same = markerFor(open.body, 'drift', subject)?.digest === texts.body.digest
    // The description always shows the latest run; a comment (and its notification) only
    // when the plan itself changed.
    const updated = await api.updateIssue(open.number, { body: texts.body.text })
    if (!same) await api.createComment(open.number, texts.changed)
    return { action: 'updated', url: updated.html_url }
  }
  if (closed) {
    const reopened = await api.updateIssue(closed.number, { state: 'open', body: texts.body.text })
    await api.createComment(closed.number, texts.back)
    return { action: 'reopened', url: reopened.html_url }
  }
  const created = await api.createIssue({ title: texts.title, body: texts.body.text, labels: [label] })
  // GitHub drops the labels of a new issue, silently, when the token may not push; every later
  // run would then miss this issue and open another.
  const labelled = (created.labels ?? []).some(
    (l) => (typeof l === 'string' ? l : l.name)?.toLowerCase() === label.toLowerCase(),
  )
  const warning = labelled
    ? undefined
    : `GitHub opened the drift issue without the label "${label}" (the token may not set labels), so the next check will not find it: use a token with issues: write`
  return { action: 'opened', url: created.html_url, warning }
}

/**
 * The open issue for `subject`, else the one closed most recently. Pages come most recently
 * updated first; an open one ends the search, otherwise every page is read, because a closed
 * issue that someone commented on later is not necessarily the one closed last.
 */
async function findIssues(
  api: IssuesApi,
  label: string,
  subject: Subject,
): Promise<{ open?: Issue; closed?: Issue }> {
  let closed: Issue | undefined
  for await (const page of api.labelledIssues(label)) {
    for (const issue of page) {
      if (issue.pull_request || !markerFor(issue.body, 'drift', subject)) continue
      if (issue.state === 'open') return { open: issue }
      if (!closed || (issue.closed_at ?? '') > (closed.closed_at ?? '')) closed = issue
    }
  }
  return { closed }
}
