/**
 * The Markdown of the pull-request comment and of the drift issue: a pure function from a run's
 * result and a few facts about the workflow run to a body within GitHub's size limit.
 *
 * A body is a list of sections in a fixed order. Each yields lines and tables; when the whole
 * would not fit, the tables are cut (each ends with a count of what was left out), the tables
 * that fit their fair share of the room keep every row, and the rest split what remains.
 */
import { createHash } from 'node:crypto'
import type { Change, RunResult } from '../../model.js'
import { changeLine, describeUnmanaged, diffLines, planEntry } from '../../report/plan.js'
import { oneLine } from '../log.js'
import { type MarkerKind, markerLine, type Subject } from './marker.js'

/** GitHub refuses an issue or comment body of more characters than this. */
export const GITHUB_BODY_LIMIT = 65_536

/**
 * What a body may take. Below GitHub's limit with a margin: this counts UTF-16 units, GitHub
 * counts characters, and the two may differ by how line breaks and symbols are counted.
 */
export const BODY_BUDGET = 65_000

/** A run as a body sees it: everything but the session, whose credentials are never posted. */
export type Reviewed = Omit<RunResult, 'session'>

/** Facts about the workflow run, from its context. */
export interface BodyFacts extends Subject {
  /** The run's page and its name (`run 4242`, `run 4242, attempt 2`); absent outside a run. */
  run?: { url: string; label: string }
  /** When the run looked at RAM, ISO 8601 UTC. */
  now: string
}

/** A rendered body and the digest of everything in it that is not about the run that posted it. */
export interface Body {
  text: string
  /** Equal digests mean the same plan: the marker carries it, so a rerun can leave a body as it is. */
  digest: string
}

/** A table whose rows may be cut; `what` names its rows in the line counting the ones left out. */
interface Table {
  header: string[]
  rows: string[]
  what: string
}

type Part = string | Table
type Section = (run: Reviewed, facts: BodyFacts) => Part[]

/** Room for the line that says how many rows of a table were left out. */
const CUT_NOTE_ROOM = 120
/** A longer line of server text (an error message) is clipped: one message must not crowd out the plan. */
const LINE_LIMIT = 2_000

// ---------------------------------------------------------------------------------------------
// Sections, in the order a reader wants them: what stops the run, what is risky, the plan, what
// the plan grants, access nobody declared, and who could not be granted.

const planHeading: Section = (run, facts) => [
  `### ${planTitle(run, facts.roleName)}`,
  '',
  [
    `Mode \`${run.mode}\``,
    `account \`${facts.accountId}\``,
    ...(run.roleArn ? [`role \`${run.roleArn}\``] : []),
  ].join(', '),
  '',
]

const failure: Section = (run) => (run.failure ? [`**${inline(run.failure.message)}**`, ''] : [])

const plan: Section = (run) => {
  const n = run.changes.length
  if (n === 0) {
    if (run.failure) return []
    if (run.mode === 'assume') return ['No changes: assume mode reads and changes nothing in RAM.', '']
    return [`No changes: RAM ${run.mode === 'apply' ? 'already matched' : 'matches'} the workflow.`, '']
  }
  return [
    `${n} change(s): ${countsByAction(run.changes)}`,
    '',
    {
      header: ['| | action | kind | name | detail |', '|---|---|---|---|---|'],
      rows: run.changes.map((change) => {
        const e = planEntry(change)
        return `| ${changeLine(change)[0]} | ${e.action} | ${e.kind} | ${inline(e.name)} | ${inline(e.detail)} |`
      }),
      what: 'change(s)',
    },
  ]
}

const refusals: Section = (run) => {
  if (run.refusals.length === 0) return []
  return [
    '**Refused** (nothing is written while any of these stands):',
    '',
    ...run.refusals.map(
      (r) => `- ${inline(r.message)} (inputs: ${r.inputs.map((i) => `\`${i}\``).join(', ')})`,
    ),
    '',
  ]
}

const findings: Section = (run) => {
  if (run.findings.length === 0) return []
  return [
    `**${run.findings.length} security finding(s):**`,
    '',
    {
      header: ['| severity | rule | document | where | finding |', '|---|---|---|---|---|'],
      rows: run.findings.map(
        (f) =>
          `| ${f.severity} | \`${f.rule}\` | ${inline(f.subject)} (${f.source === 'desired' ? 'this change' : 'RAM now'}) | ${f.file ? `\`${inline(f.file)}${f.line ? `:${f.line}` : ''}\`` : ''} | ${inline(f.message)} |`,
      ),
      what: 'finding(s)',
    },
  ]
}

const diffs: Section = (run) => {
  const rows = run.changes.flatMap((change) =>
    diffLines(change).map((line) => `| ${inline(changeLine(change))} | \`${inline(line)}\` |`),
  )
  if (rows.length === 0) return []
  return [
    '**What the document changes grant (`+`), take away (`-`) and alter (`~`):**',
    '',
    { header: ['| change | access |', '|---|---|'], rows, what: 'line(s) of document diff' },
  ]
}

const unmanaged: Section = (run) => {
  if (run.unmanaged.length === 0) return []
  return [
    `**Attached though the workflow does not name them** (\`exclusive\` detaches them, \`ignore-policies\` accepts them):`,
    '',
    {
      header: ['| attachment |', '|---|'],
      rows: run.unmanaged.map((u) => `| ${inline(describeUnmanaged(u))} |`),
      what: 'attachment(s)',
    },
  ]
}

const failedUsers: Section = (run) => {
  if (run.failedUsers.length === 0) return []
  return [
    `**${run.failedUsers.length} user(s) could not be granted:**`,
    '',
    {
      header: ['| user | policy | error |', '|---|---|---|'],
      rows: run.failedUsers.map((f) => `| ${inline(f.user)} | ${inline(f.policy)} | ${inline(f.error)} |`),
      what: 'user(s)',
    },
  ]
}

const driftIntro: Section = (run, facts) => [
  `RAM no longer matches the workflow for role \`${facts.roleName}\` in account \`${facts.accountId}\`: ` +
    [
      `${run.changes.length} change(s) would bring it back`,
      ...(run.unmanaged.length > 0 ? [`${run.unmanaged.length} attachment(s) nobody declared`] : []),
    ].join(', ') +
    '.',
  '',
]

const driftAdvice: Section = () => [
  'Run the apply workflow, or undo the change made by hand; the next check closes this issue once RAM matches again.',
  '',
]

const SECTIONS: Record<MarkerKind, Section[]> = {
  plan: [planHeading, failure, refusals, findings, plan, diffs, unmanaged, failedUsers],
  drift: [driftIntro, refusals, findings, plan, diffs, unmanaged, failedUsers, driftAdvice],
}

// ---------------------------------------------------------------------------------------------

/**
 * The body of a `kind` (the pull-request comment, or the drift issue) for `run`, at most
 * `budget` characters: the marker, the sections, and a footer naming the run.
 */
export function renderBody(kind: MarkerKind, run: Reviewed, facts: BodyFacts, budget = BODY_BUDGET): Body {
  const parts = SECTIONS[kind].flatMap((section) => section(run, facts))
  const tables = parts.filter((p): p is Table => typeof p !== 'string')
  const foot = footer(kind, facts)
  // Everything but the table rows, with the marker's longest form and a cut note per table.
  let fixed = markerLine(kind, facts, '0'.repeat(16)).length + foot.length + 4
  for (const part of parts) {
    if (typeof part === 'string') fixed += part.length + 1
    else fixed += part.header.reduce((sum, line) => sum + line.length + 1, 0) + 1 + CUT_NOTE_ROOM
  }
  const shown = share(
    tables.map((t) => t.rows.map((row) => row.length + 1)),
    budget - fixed,
  )
  const lines: string[] = []
  for (const part of parts) {
    if (typeof part === 'string') {
      lines.push(part)
      continue
    }
    const n = shown[tables.indexOf(part)]!
    lines.push(...part.header, ...part.rows.slice(0, n), '')
    if (n < part.rows.length)
      lines.push(`_${part.rows.length - n} more ${part.what} not shown: the step log lists every one._`, '')
  }
  const content = lines.join('\n').trimEnd()
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 16)
  return { text: `${markerLine(kind, facts, digest)}\n${content}\n\n${foot}\n`, digest }
}

/** The drift issue's title: it names the role, so a list of issues shows which role drifted. */
export function driftTitle(subject: Subject): string {
  return `RAM drift: role ${subject.roleName} (account ${subject.accountId})`
}

/** What happened to a drift issue, for the comment that tells its subscribers. */
export type DriftEvent = 'changed' | 'back' | 'resolved'

/** The comment on a drift issue when its plan changed, its drift came back, or RAM matches again. */
export function driftNote(event: DriftEvent, run: Reviewed, facts: BodyFacts): string {
  const by = facts.run ? ` ([${facts.run.label}](${facts.run.url}))` : ''
  const n = run.changes.length
  switch (event) {
    case 'changed':
      return `The plan changed: ${n} change(s) now${by}. The description shows the current plan.`
    case 'back':
      return `Drift is back: ${n} change(s)${by}. The description shows the current plan.`
    case 'resolved':
      return `Resolved: RAM matches the workflow again${by}. Closing.`
  }
}

function planTitle(run: Reviewed, roleName: string): string {
  const role = `role \`${roleName}\``
  const n = run.changes.length
  switch (run.mode) {
    case 'check':
      if (run.failure) return `RAM plan for ${role} failed`
      return n > 0 ? `RAM plan for ${role}: ${n} change(s) to apply` : `RAM plan for ${role}: no changes`
    case 'apply':
      if (run.failure)
        return n > 0 && run.applied
          ? `RAM apply for ${role} failed after ${n} change(s)`
          : `RAM apply for ${role} failed`
      return n > 0 ? `RAM apply for ${role}: ${n} change(s) applied` : `RAM apply for ${role}: no changes`
    case 'assume':
      return run.failure ? `Assuming RAM ${role} failed` : `RAM ${role} assumed: no changes`
  }
}

function footer(kind: MarkerKind, facts: BodyFacts): string {
  const link = facts.run ? `[${facts.run.label}](${facts.run.url})` : 'a run outside GitHub Actions'
  return kind === 'plan' ? `_From ${link}._` : `_Last seen by ${link} on ${facts.now}._`
}

/** `3 create, 4500 attach`: how many changes of each action, in the order they first appear. */
function countsByAction(changes: Change[]): string {
  const counts = new Map<string, number>()
  for (const change of changes) {
    const action = planEntry(change).action
    counts.set(action, (counts.get(action) ?? 0) + 1)
  }
  return [...counts].map(([action, n]) => `${n} ${action}`).join(', ')
}

/**
 * Text from RAM or the inputs, safe inside a table cell or a bold line: one line, no table
 * separator, no `<` (so no text opens a tag, hides itself in a comment or poses as the marker),
 * no @mention, clipped.
 */
function inline(text: string): string {
  const clipped = text.length > LINE_LIMIT ? `${text.slice(0, LINE_LIMIT)}...` : text
  return (
    oneLine(clipped)
      .replace(/&/g, '&amp;')
      // A backslash before a pipe would undo the pipe's escape below.
      .replace(/\\/g, '&#92;')
      .replace(/</g, '&lt;')
      .replace(/\|/g, '\\|')
      .replace(/@/g, '&#64;')
  )
}

/**
 * How many rows of each table fit in `room`, by max-min fairness: a table whose rows fit in an
 * even share keeps them all, and what it leaves over goes to the larger tables. A 5,000-row plan
 * therefore never pushes the few failed users out of the body.
 */
function share(tables: number[][], room: number): number[] {
  const sizes = tables.map((rows) => rows.reduce((sum, size) => sum + size, 0))
  const allowance = sizes.map(() => 0)
  let left = Math.max(0, room)
  const smallestFirst = sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!)
  smallestFirst.forEach((i, k) => {
    allowance[i] = Math.min(sizes[i]!, Math.floor(left / (smallestFirst.length - k)))
    left -= allowance[i]!
  })
  return tables.map((rows, i) => {
    let used = 0
    let n = 0
    while (n < rows.length && used + rows[n]! <= allowance[i]!) used += rows[n++]!
    return n
  })
}
