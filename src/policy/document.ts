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

/** A statement reduced to what it means, for comparing, diffing and linting. */
export interface CanonicalStatement {
  effect: string
  action?: string[]
  notAction?: string[]
  resource?: string[]
  notResource?: string[]
  /** Principal type (RAM, Service, Federated) to identifiers. */
  principal?: Record<string, string[]>
  /** Operator to condition key to values. */
  condition?: Record<string, Record<string, string[]>>
}

/**
 * The statements of a document as RAM judges them: lists as sorted sets (a string equals a
 * one-element list), action names compared case-insensitively (the first spelling is kept for
 * display), RAM ARNs in one form (`acs:ram:*:` is `acs:ram::`, RAM having no regions), `Sid`
 * ignored, and a statement given twice counted once. Sorted, so equal documents give equal lists.
 */
export function canonicalStatements(doc: unknown): CanonicalStatement[] {
  const raw = isObject(doc) ? doc.Statement : undefined
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  const byKey = new Map<string, CanonicalStatement>()
  for (const s of list) {
    const statement = canonicalStatement(s)
    const key = statementKey(statement)
    if (!byKey.has(key)) byKey.set(key, statement)
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, st]) => st)
}

/** The identity of a canonical statement: equal keys grant the same. */
export function statementKey(s: CanonicalStatement): string {
  const lower = (v?: string[]) => v?.map((a) => a.toLowerCase())
  return JSON.stringify({ ...s, action: lower(s.action), notAction: lower(s.notAction) })
}

/** One statement reduced the same way, for looking at statements one by one. */
export function canonicalStatement(s: unknown): CanonicalStatement {
  if (!isObject(s)) return { effect: JSON.stringify(s) }
  const out: CanonicalStatement = { effect: String(s.Effect) }
  const arns = (v: unknown) => strings(v).map(ramArn)
  if ('Action' in s) out.action = set(strings(s.Action), true)
  if ('NotAction' in s) out.notAction = set(strings(s.NotAction), true)
  if ('Resource' in s) out.resource = set(arns(s.Resource))
  if ('NotResource' in s) out.notResource = set(arns(s.NotResource))
  if (isObject(s.Principal)) {
    out.principal = Object.fromEntries(
      Object.keys(s.Principal)
        .sort()
        .map((type) => [type, set(arns((s.Principal as Record<string, unknown>)[type]))]),
    )
  } else if (s.Principal !== undefined) out.principal = { '': set(strings(s.Principal)) }
  if (isObject(s.Condition)) {
    const condition: Record<string, Record<string, string[]>> = {}
    for (const op of Object.keys(s.Condition).sort()) {
      const clause = s.Condition[op]
      condition[op] = isObject(clause)
        ? Object.fromEntries(
            Object.keys(clause)
              .sort()
              .map((key) => [key, set(strings(clause[key]))]),
          )
        : { '': set(strings(clause)) }
    }
    out.condition = condition
  }
  return out
}

/** A document's canonical JSON: two documents that grant the same thing give the same string. */
export function canonicalPolicy(doc: unknown): string {
  const version = isObject(doc) ? doc.Version : undefined
  return JSON.stringify({ Version: version, Statement: canonicalStatements(doc).map(statementKey) })
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

/** A document from RAM (a JSON string) or the inputs, parsed; undefined when it does not parse. */
export function parsePolicy(doc: unknown): unknown {
  return typeof doc === 'string' ? tryParse(doc)?.value : doc
}

/** `acs:ram:*:...` and `acs:ram::...` name the same thing: RAM is not regional. */
function ramArn(value: string): string {
  return value.replace(/^acs:ram:\*:/i, 'acs:ram::')
}

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x))
  return v === undefined || v === null ? [] : [String(v)]
}

/** The distinct values, sorted; compared case-insensitively if asked, keeping the first spelling. */
function set(values: string[], ignoreCase = false): string[] {
  const norm = (v: string) => (ignoreCase ? v.toLowerCase() : v)
  const byKey = new Map<string, string>()
  for (const v of values) if (!byKey.has(norm(v))) byKey.set(norm(v), v)
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!)
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

function isStringOrStrings(v: unknown): boolean {
  return (
    (typeof v === 'string' && v.length > 0) ||
    (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0))
  )
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
