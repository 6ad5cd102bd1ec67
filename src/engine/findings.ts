/**
 * Which documents a run lints, and which findings stop it. The documents the inputs would
 * write stop any run at the `fail-on-findings` level, before any write; the documents RAM holds
 * now stop a drift check, whose job is to say what is live.
 */
import type { Actual, Desired, Finding, Inputs } from '../model.js'
import { parsePolicy, samePolicy } from '../policy/document.js'
import { type LintTarget, lint } from '../policy/lint.js'

/** Findings on the desired documents, and on the actual ones that differ from them. */
export function findingsOf(inputs: Inputs, desired: Desired, actual: Actual): Finding[] {
  const accountId = desired.accountId
  const targets: LintTarget[] = []
  const pair = (
    subject: string,
    kind: LintTarget['kind'],
    wanted: unknown,
    file: LintTarget['file'],
    live?: string,
  ) => {
    targets.push({ document: wanted, kind, subject, source: 'desired', accountId, file })
    if (live !== undefined && !samePolicy(live, wanted))
      targets.push({ document: parsePolicy(live), kind, subject, source: 'actual', accountId })
  }
  pair(
    `trust policy of role ${desired.role.name}`,
    'trust',
    desired.role.trustPolicy,
    desired.role.trustFile,
    actual.role?.trustPolicy,
  )
  for (const policy of desired.customPolicies) {
    const live = actual.customPolicies
      .get(policy.name.toLowerCase())
      ?.versions.find((v) => v.isDefault)?.document
    pair(`policy ${policy.name}`, 'permission', policy.document, policy.file, live)
  }
  if (inputs.session.policy) {
    const file = inputs.session.policy
    targets.push({
      document: file.document,
      kind: 'session',
      subject: 'session policy',
      source: 'desired',
      accountId,
      file,
    })
  }
  return targets.flatMap(lint)
}

const RANK = { warning: 1, error: 2 } as const

/** The findings that fail this run at the inputs' `fail-on-findings` level. */
export function blockingFindings(findings: Finding[], inputs: Inputs): Finding[] {
  if (inputs.failOnFindings === 'never') return []
  const floor = RANK[inputs.failOnFindings]
  return findings.filter(
    (f) => RANK[f.severity] >= floor && (f.source === 'desired' || inputs.mode === 'check'),
  )
}
