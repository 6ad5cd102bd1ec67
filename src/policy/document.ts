/**
 * RAM policy documents: local validation (so a bad file fails before any API call) and
 * semantic comparison (RAM returns documents exactly as stored, so strings never compare).
 */

import type { PolicyDocument } from '../model.js'

/** The longest permission-policy document RAM accepts, in characters. */
export const MAX_POLICY_LENGTH = 6144
/** The longest inline session policy STS accepts, in characters. */
export const MAX_SESSION_POLICY_LENGTH = 2048

/** What a document is for: it decides whether `Resource` or `Principal` is required. */
export type PolicyKind = 'permission' | 'trust' | 'session'

const LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const
const STATEMENT_KEYS = new Set<string>([...LIST_KEYS, 'Effect', 'Principal', 'Condition', 'Sid'])

/**
 * Returns the problems that make `doc` an invalid policy of the given kind; empty when valid.
 * Each problem names the JSON path it is about.
 */
export function policyProblems(doc: unknown, kind: PolicyKind): string[] {
  const problems: string[] = []
  if (!isObject(doc)) return ['the document must be a JSON object']
  for (const key of Object.keys(doc)) {
    if (key !== 'Version' && key !== 'Statement') problems.push(`unknown top-level key "${key}"`)
  }
  if (doc.Version !== '1') problems.push('"Version" must be the string "1"')
  const statements = doc.Statement
  if (!Array.isArray(statements) || statements.length === 0) {
    problems.push('"Statement" must be a non-empty array')
    return problems
  }
  statements.forEach((statement, i) => {
    problems.push(...statementProblems(statement, kind).map((p) => `Statement[${i}]: ${p}`))
  })
  return problems
}

function statementProblems(s: unknown, kind: PolicyKind): string[] {
  if (!isObject(s)) return ['must be an object']
  const problems: string[] = []
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) problems.push(`unknown key "${key}"`)
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') problems.push('"Effect" must be "Allow" or "Deny"')
  for (const key of LIST_KEYS) {
    if (key in s && !isStringOrStrings(s[key]))
      problems.push(`"${key}" must be a string or a non-empty array of strings`)
  }
  if (!('Action' in s) && !('NotAction' in s)) problems.push('"Action" is required')
  if (kind === 'trust') {
    if (!isObject(s.Principal) || Object.keys(s.Principal).length === 0) {
      problems.push('"Principal" is required in a trust policy')
    } else {
      for (const [type, ids] of Object.entries(s.Principal)) {
        if (!isStringOrStrings(ids))
          problems.push(`"Principal.${type}" must be a string or an array of strings`)
      }
    }
  } else {
    if ('Principal' in s) problems.push('"Principal" belongs only in a trust policy')
    if (!('Resource' in s) && !('NotResource' in s)) problems.push('"Resource" is required')
  }
  if ('Condition' in s) {
    if (!isObject(s.Condition)) problems.push('"Condition" must be an object')
    else {
      for (const [op, clause] of Object.entries(s.Condition)) {
        if (!isObject(clause)) problems.push(`"Condition.${op}" must be an object of key -> value(s)`)
      }
    }
  }
  return problems
}

/**
 * A canonical JSON form for comparison: keys sorted, single values turned into one-element
 * arrays where the grammar allows either, those arrays sorted and de-duplicated, and
 * statements sorted. Two documents that grant the same thing this way compare equal.
 */
export function canonicalPolicy(doc: unknown): string {
  if (!isObject(doc)) return JSON.stringify(sortKeys(doc))
  const statements = Array.isArray(doc.Statement)
    ? doc.Statement
    : doc.Statement === undefined
      ? []
      : [doc.Statement]
  const canonical = {
    ...doc,
    Statement: statements.map(canonicalStatement).sort(),
  }
  return JSON.stringify(sortKeys(canonical))
}

function canonicalStatement(s: unknown): string {
  if (!isObject(s)) return JSON.stringify(sortKeys(s))
  const out: Record<string, unknown> = { ...s }
  delete out.Sid
  for (const key of LIST_KEYS) if (key in out) out[key] = asSet(out[key])
  if (isObject(out.Principal)) out.Principal = mapValues(out.Principal, asSet)
  if (isObject(out.Condition)) {
    out.Condition = mapValues(out.Condition, (clause) =>
      isObject(clause) ? mapValues(clause, asSet) : clause,
    )
  }
  return JSON.stringify(sortKeys(out))
}

/**
 * True when two policy documents (objects, or JSON strings as RAM returns them) mean the same.
 * A string that does not parse only equals the identical string.
 */
export function samePolicy(a: unknown, b: unknown): boolean {
  const pa = typeof a === 'string' ? tryParse(a) : { value: a }
  const pb = typeof b === 'string' ? tryParse(b) : { value: b }
  if (!pa || !pb) return a === b
  return canonicalPolicy(pa.value) === canonicalPolicy(pb.value)
}

/** The trust policy of a role that any RAM identity of `accountId` may assume (if granted). */
export function accountTrustPolicy(accountId: string): PolicyDocument {
  return {
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
    ],
  }
}

/** A permission policy allowing `sts:AssumeRole` on exactly one role. */
export function assumeRolePolicy(roleArn: string): PolicyDocument {
  return { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }] }
}

function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

function asSet(value: unknown): unknown {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...new Set(value)].sort()
  return value
}

function mapValues(obj: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isObject(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  )
}

function isStringOrStrings(v: unknown): boolean {
  return (
    (typeof v === 'string' && v.length > 0) ||
    (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0))
  )
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
