import type { CloudError } from './aliyun/errors.js'
import type { PolicyRef } from './aliyun/ram.js'
import type { FailedUser } from './apply.js'
import type { Change } from './plan.js'

/** A change as the `plan` output shows it. */
export interface PlanEntry {
  action: 'create' | 'update' | 'delete' | 'attach' | 'detach'
  kind: 'role' | 'policy' | 'policy-version' | 'user' | 'policy-attachment'
  name: string
  detail: string
}

const ref = (p: PolicyRef) => `${p.type}:${p.name}`

/** The machine-readable form of a change. */
export function planEntry(change: Change): PlanEntry {
  switch (change.kind) {
    case 'create-user':
      return { action: 'create', kind: 'user', name: change.user, detail: 'RAM user (sub-account)' }
    case 'create-role':
      return {
        action: 'create',
        kind: 'role',
        name: change.role,
        detail: `trusts the account; max session ${change.maxSessionDuration} s`,
      }
    case 'update-role': {
      const parts = []
      if (change.trustPolicy) parts.push('trust policy')
      if (change.maxSessionDuration)
        parts.push(`max session ${change.from} -> ${change.maxSessionDuration} s`)
      return { action: 'update', kind: 'role', name: change.role, detail: parts.join('; ') }
    }
    case 'create-policy':
      return { action: 'create', kind: 'policy', name: change.policy, detail: 'custom policy' }
    case 'create-policy-version':
      return { action: 'update', kind: 'policy', name: change.policy, detail: 'new default version' }
    case 'delete-policy-version':
      return {
        action: 'delete',
        kind: 'policy-version',
        name: `${change.policy}/${change.versionId}`,
        detail: 'oldest non-default version, to stay within 5 versions',
      }
    case 'attach-policy':
      return {
        action: 'attach',
        kind: 'policy-attachment',
        name: ref(change.policy),
        detail: `to ${change.principal.type} ${change.principal.name}`,
      }
    case 'detach-policy':
      return {
        action: 'detach',
        kind: 'policy-attachment',
        name: ref(change.policy),
        detail: `from ${change.principal.type} ${change.principal.name}`,
      }
  }
}

/** One log line per change, Terraform-style: `+` creates, `~` changes, `-` removes. */
export function changeLine(change: Change): string {
  switch (change.kind) {
    case 'create-user':
      return `+ create user ${change.user}`
    case 'create-role':
      return `+ create role ${change.role}`
    case 'update-role':
      return `~ update role ${change.role} (${planEntry(change).detail})`
    case 'create-policy':
      return `+ create policy ${change.policy}`
    case 'create-policy-version':
      return `~ new version of policy ${change.policy}`
    case 'delete-policy-version':
      return `- delete version ${change.versionId} of policy ${change.policy}`
    case 'attach-policy':
      return `+ attach ${ref(change.policy)} to ${change.principal.type} ${change.principal.name}`
    case 'detach-policy':
      return `- detach ${ref(change.policy)} from ${change.principal.type} ${change.principal.name}`
  }
}

/**
 * Bytes the `plan` output may take. GitHub caps a job's outputs at 1 MB, counted as UTF-16, so
 * 256 KiB of ASCII leaves room for the rest; granting three policies to 5,000 users would
 * otherwise make a 2 MB plan.
 */
export const PLAN_OUTPUT_BUDGET = 256 * 1024
/** Bytes the job summary may take: GitHub drops a step summary over 1 MiB whole. */
export const SUMMARY_BUDGET = 512 * 1024

/**
 * The `plan` output: the JSON array of the changes' entries, as many as fit in `budget` bytes,
 * in plan order. When it holds fewer than `changes`, the step log still lists every one.
 */
export function planOutput(changes: Change[], budget = PLAN_OUTPUT_BUDGET): string {
  const entries: string[] = []
  let size = 2
  for (const change of changes) {
    const entry = JSON.stringify(planEntry(change))
    size += Buffer.byteLength(entry) + (entries.length > 0 ? 1 : 0)
    if (size > budget) break
    entries.push(entry)
  }
  return `[${entries.join(',')}]`
}

/** What the job summary shows. Never a secret: only names, ARNs and the expiry. */
export interface SummaryFacts {
  mode: string
  roleArn?: string
  changes: Change[]
  applied: boolean
  failedUsers: FailedUser[]
  assumed?: { arn: string; expiration: string; via: string }
}

/** The job summary as Markdown, within `budget` bytes: long tables end with a count of the rest. */
export function summaryMarkdown(facts: SummaryFacts, budget = SUMMARY_BUDGET): string {
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
  const title =
    facts.mode === 'check'
      ? facts.changes.length > 0
        ? `RAM drift: ${facts.changes.length} change(s) needed`
        : 'RAM drift check: no drift'
      : facts.mode === 'assume'
        ? 'Assumed RAM role'
        : facts.changes.length > 0
          ? `RAM reconciled: ${facts.changes.length} change(s) ${facts.applied ? 'applied' : 'planned'}`
          : 'RAM reconciled: already up to date'
  lines.push(`### ${title}`, '')
  if (facts.roleArn) lines.push(`Role: \`${facts.roleArn}\``, '')
  if (facts.changes.length > 0) {
    const rows = facts.changes.map((change) => {
      const e = planEntry(change)
      return `| ${changeLine(change)[0]} | ${e.action} | ${e.kind} | ${cell(e.name)} | ${cell(e.detail)} |`
    })
    table(['| | action | kind | name | detail |', '|---|---|---|---|---|'], rows, 'change(s)')
  }
  if (facts.failedUsers.length > 0) {
    lines.push(`**${facts.failedUsers.length} user(s) could not be granted:**`, '')
    const rows = facts.failedUsers.map((f) => `| ${cell(f.user)} | ${cell(f.policy)} | ${cell(f.error)} |`)
    table(['| user | policy | error |', '|---|---|---|'], rows, 'user(s)')
  }
  if (facts.assumed) {
    lines.push('| assumed identity | expires (UTC) | called as |', '|---|---|---|')
    lines.push(`| \`${facts.assumed.arn}\` | ${facts.assumed.expiration} | ${facts.assumed.via} |`, '')
  }
  return `${lines.join('\n')}\n`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The most likely cause of a cloud error, in a sentence; '' when the code says it all. */
export function explain(e: CloudError): string {
  const code = e.code
  if (code === 'NoPermission' || code.startsWith('Forbidden')) {
    return `the identity lacks ${e.service}:${e.action}; the README lists the RAM permissions the reconciling identity needs`
  }
  if (code.startsWith('InvalidAccessKeyId')) return 'the AccessKey id is unknown or disabled'
  if (code === 'SignatureDoesNotMatch') return 'the AccessKey secret does not belong to the AccessKey id'
  if (code.startsWith('InvalidSecurityToken') || code === 'MissingSecurityToken') {
    return 'the security token is missing, expired or belongs to another AccessKey'
  }
  if (code === 'InvalidTimeStamp.Expired') return "the runner's clock is more than 15 minutes off"
  if (code.includes('Throttling')) {
    return 'still throttled after all retries: raise retry-max-attempts or timeout-seconds, or run fewer jobs at once'
  }
  if (code === 'RequestTimeout' || code.startsWith('E')) {
    return `the ${e.service.toUpperCase()} endpoint could not be reached: check ${e.service}-endpoint, the network and any proxy`
  }
  if (code === 'LimitExceeded.Policy.Version') return 'the policy already has 5 versions'
  return ''
}
