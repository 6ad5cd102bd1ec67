/**
 * The job summary: what a run refused and found, what it changed and what access that grants,
 * who it assumed, and who could not be granted, as Markdown within GitHub's size limit. Never
 * a secret: only names, ARNs, documents and the expiry.
 */
import type { RunResult } from '../model.js'
import { changeLine, describeUnmanaged, diffLines, planEntry } from './plan.js'

/** Bytes the job summary may take: GitHub drops a step summary over 1 MiB whole. */
export const SUMMARY_BUDGET = 512 * 1024

/** The job summary as Markdown, within `budget` bytes: long tables end with a count of the rest. */
export function summaryMarkdown(result: RunResult, budget = SUMMARY_BUDGET): string {
  const lines: string[] = []
  // Room for what follows a table: the assumed identity and a line saying what was left out.
  let left = budget - 2048
  const table = (header: string[], rows: string[], what: string) => {
    lines.push(...header)
    let shown = 0
    for (const row of rows) {
      left -= Buffer.byteLength(row) + 1
      if (left < 0) break
      lines.push(row)
      shown++
    }
    lines.push('')
    if (shown < rows.length)
      lines.push(`_${rows.length - shown} more ${what} not shown: the step log lists every one._`, '')
  }
  lines.push(`### ${title(result)}`, '')
  if (result.roleArn) lines.push(`Role: \`${result.roleArn}\``, '')
  if (result.failure) lines.push(`**${cell(result.failure.message)}**`, '')
  if (result.refusals.length > 0) {
    lines.push('**Refused** (nothing is written while any of these stands):', '')
    for (const r of result.refusals)
      lines.push(`- ${cell(r.message)} (inputs: ${r.inputs.map((i) => `\`${i}\``).join(', ')})`)
    lines.push('')
  }
  if (result.findings.length > 0) {
    const rows = result.findings.map(
      (f) =>
        `| ${f.severity} | \`${f.rule}\` | ${cell(f.subject)} (${f.source === 'desired' ? 'inputs' : 'RAM now'}) | ${f.file ? `\`${cell(f.file)}${f.line ? `:${f.line}` : ''}\`` : ''} | ${cell(f.message)} |`,
    )
    table(
      [
        '**Security findings**',
        '',
        '| severity | rule | document | where | finding |',
        '|---|---|---|---|---|',
      ],
      rows,
      'finding(s)',
    )
  }
  if (result.unmanaged.length > 0) {
    lines.push(
      `**Attached though the inputs do not name them** (${result.mode === 'check' ? 'drift' : 'left attached'}; \`exclusive\` detaches them, \`ignore-policies\` accepts them):`,
      '',
    )
    for (const u of result.unmanaged) lines.push(`- ${cell(describeUnmanaged(u))}`)
    lines.push('')
  }
  if (result.changes.length > 0) {
    const rows = result.changes.map((change) => {
      const e = planEntry(change)
      return `| ${changeLine(change)[0]} | ${e.action} | ${e.kind} | ${cell(e.name)} | ${cell(e.detail)} |`
    })
    table(['| | action | kind | name | detail |', '|---|---|---|---|---|'], rows, 'change(s)')
    const diffs = result.changes.filter((c) => diffLines(c).length > 0)
    if (diffs.length > 0) {
      lines.push('**What the document changes grant and take away:**', '')
      for (const change of diffs) {
        const block = [`\`${changeLine(change)}\``, '', '```diff', ...diffLines(change), '```', '']
        const size = Buffer.byteLength(block.join('\n'))
        if (left - size < 0) {
          lines.push('_More document changes not shown: the step log lists every one._', '')
          break
        }
        left -= size
        lines.push(...block)
      }
    }
  }
  if (result.failedUsers.length > 0) {
    lines.push(`**${result.failedUsers.length} user(s) could not be granted:**`, '')
    const rows = result.failedUsers.map((f) => `| ${cell(f.user)} | ${cell(f.policy)} | ${cell(f.error)} |`)
    table(['| user | policy | error |', '|---|---|---|'], rows, 'user(s)')
  }
  if (result.session) {
    const { arn, expiration, via } = result.session
    lines.push('| assumed identity | expires (UTC) | called as |', '|---|---|---|')
    lines.push(`| \`${cell(arn)}\` | ${cell(expiration)} | ${cell(via)} |`, '')
  }
  return `${lines.join('\n')}\n`
}

function title(result: RunResult): string {
  const n = result.changes.length
  if (result.mode === 'check') {
    if (result.failure) return 'RAM drift check failed'
    return n > 0 ? `RAM drift: ${n} change(s) needed` : 'RAM drift check: no drift'
  }
  if (result.mode === 'assume') return result.failure ? 'Assuming the RAM role failed' : 'Assumed RAM role'
  if (result.failure)
    return n > 0 && result.applied ? `RAM reconcile failed after ${n} change(s)` : 'RAM reconcile failed'
  return n > 0 ? `RAM reconciled: ${n} change(s) applied` : 'RAM reconciled: already up to date'
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}
