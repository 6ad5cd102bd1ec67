/**
 * The CLI's rendering of a run: a human summary, one complete JSON document, or shell export
 * lines. Only the result goes to stdout; everything else goes to stderr.
 */
import { credentialVariables } from '../credentials/variables.js'
import type { InputProblem, Inputs, RunResult } from '../model.js'
import { changeLine, describeUnmanaged, diffLines, drifted, planEntry } from '../report/plan.js'
import type { Command, Parsed } from './args.js'

/** The exit code of a run: 1 for any failure, 2 for drift found by `check`, else 0. */
export function exitCode(command: Command, result: RunResult): number {
  if (result.failure || result.failedUsers.length > 0) return 1
  return command === 'check' && drifted(result) ? 2 : 0
}

/** Everything the run produced as one JSON value: the whole plan, never cut. */
export function jsonDocument(command: Command, result: RunResult, code: number): object {
  const session = result.session
  return {
    command,
    exitCode: code,
    mode: result.mode,
    'account-id': result.accountId ?? null,
    'role-arn': result.roleArn ?? null,
    drift: drifted(result),
    changes: result.changes.length,
    plan: result.changes.map(planEntry),
    'failed-users': result.failedUsers,
    findings: result.findings,
    'unmanaged-policies': result.unmanaged,
    refusals: result.refusals,
    'assumed-role-arn': session?.arn ?? null,
    expiration: session?.expiration ?? null,
    'access-key-id': session?.credentials.accessKeyId ?? null,
    'access-key-secret': session?.credentials.accessKeySecret ?? null,
    'security-token': session?.credentials.securityToken ?? null,
    errors: errorsOf(result),
  }
}

/** The JSON document for inputs that did not validate. */
export function problemsDocument(command: Command, problems: InputProblem[]): object {
  return { command, exitCode: 1, errors: problems.map((p) => `${p.input}: ${p.message}`) }
}

/** `export NAME='value'` lines for the session's variables, for `eval`. */
export function exportLines(result: RunResult, inputs: Inputs): string {
  if (!result.session) return ''
  return credentialVariables(result.session, inputs.region)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join('')
}

/** The human rendering for stdout: the plan and the outcome, never a secret. */
export function humanSummary(parsed: Parsed, result: RunResult): string {
  const lines: string[] = []
  const n = result.changes.length
  for (const f of result.findings)
    lines.push(
      `${f.severity}: ${f.rule}: ${f.message} (${f.subject}${f.file ? `, ${f.file}${f.line ? `:${f.line}` : ''}` : ''})`,
    )
  for (const r of result.refusals) lines.push(`refused: ${r.message} [${r.inputs.join(', ')}]`)
  if (result.mode === 'check') {
    for (const change of result.changes) {
      lines.push(changeLine(change))
      for (const line of diffLines(change)) lines.push(`    ${line}`)
    }
    for (const u of result.unmanaged) lines.push(`! unmanaged: ${describeUnmanaged(u)}`)
    if (!result.failure) {
      // `plan` describes what apply would do; `check` judges RAM against the flags.
      const extra = result.unmanaged.length > 0 ? `, ${result.unmanaged.length} unmanaged attachment(s)` : ''
      if (parsed.command === 'plan')
        lines.push(n === 0 ? `no changes${extra}` : `${n} change(s) planned${extra}`)
      else lines.push(drifted(result) ? `drift: ${n} change(s) needed${extra}` : 'no drift')
    }
  } else if (result.mode === 'apply' && !result.failure) {
    lines.push(n === 0 ? 'RAM already matched; no changes' : `${n} change(s) applied`)
  }
  for (const f of result.failedUsers) lines.push(`not granted: ${f.policy} to user ${f.user}: ${f.error}`)
  if (result.session) {
    lines.push(
      `credentials for ${result.session.arn} until ${result.session.expiration} (use --env or --json to print them)`,
    )
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

function errorsOf(result: RunResult): string[] {
  const errors = result.failure ? [result.failure.message] : []
  for (const f of result.failedUsers) errors.push(`could not grant ${f.policy} to user ${f.user}: ${f.error}`)
  return errors
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}
