/**
 * Policy evaluation: an explicit Deny wins; otherwise any Allow allows; otherwise implicit deny.
 * Actions and resources match with `*` / `?` wildcards, case-insensitively.
 */
import type { Decision, ParsedPolicy, Patterns, Statement } from './grammar.js'

const globCache = new Map<string, RegExp>()

/** Whether a statement's Action/Resource (or NotAction/NotResource) covers a value. */
export function covers(p: Patterns, value: string): boolean {
  return p.patterns.some((pattern) => globMatch(pattern, value)) !== p.negated
}

/** `*` matches any run of characters, `?` exactly one; case-insensitive. */
export function globMatch(pattern: string, value: string): boolean {
  let re = globCache.get(pattern)
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+(){}[\]]/g, '\\$&')))
      .join('')
    re = new RegExp(`^${body}$`, 'is')
    globCache.set(pattern, re)
  }
  return re.test(value)
}

/**
 * Request context keys (`acs:CurrentTime`, `acs:SourceIp`, `sts:ExternalId`, `oidc:aud`, …), matched
 * case-insensitively. A key may carry several values (`oidc:aud` of a token with an audience array):
 * a positive operator then holds when it holds for any value, a negated one when it holds for all.
 */
export type ConditionContext = Record<string, string | readonly string[] | undefined>

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined
    n = n * 256 + Number(p)
  }
  return n
}

function ipMatches(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/')
  const a = ipv4ToInt(base ?? '')
  const b = ipv4ToInt(ip)
  if (a === undefined || b === undefined) return cidr.toLowerCase() === ip.toLowerCase()
  const bits = bitsText === undefined ? 32 : Number(bitsText)
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false
  const mask = bits === 0 ? 0 : Number((0xffffffffn << BigInt(32 - bits)) & 0xffffffffn)
  return (a & mask) >>> 0 === (b & mask) >>> 0
}

function compare(kind: 'Numeric' | 'Date', relation: string, actual: string, expected: string): boolean {
  const parse = (s: string): number =>
    kind === 'Numeric' ? Number(s) : /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s)
  const x = parse(actual)
  const y = parse(expected)
  if (Number.isNaN(x) || Number.isNaN(y)) return false
  switch (relation) {
    case 'Equals':
      return x === y
    case 'NotEquals':
      return x !== y
    case 'LessThan':
      return x < y
    case 'LessThanEquals':
      return x <= y
    case 'GreaterThan':
      return x > y
    default:
      return x >= y
  }
}

function conditionHolds(c: Statement['conditions'][number], ctx: ConditionContext): boolean {
  const lowerKey = c.key.toLowerCase()
  const entry = Object.entries(ctx).find(([k]) => k.toLowerCase() === lowerKey)
  const raw = entry?.[1]
  const actuals = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw
  const negated = c.operator.startsWith('StringNot') || c.operator === 'NotIpAddress'
  // A missing key fails every positive operator and satisfies every negated one.
  if (actuals.length === 0) return negated
  const holds = (actual: string): boolean => valueHolds(c, actual)
  return negated ? actuals.every(holds) : actuals.some(holds)
}

function valueHolds(c: Statement['conditions'][number], actual: string): boolean {
  const any = (test: (v: string) => boolean): boolean => c.values.some(test)
  switch (c.operator) {
    case 'StringEquals':
      return any((v) => v === actual)
    case 'StringNotEquals':
      return !any((v) => v === actual)
    case 'StringEqualsIgnoreCase':
      return any((v) => v.toLowerCase() === actual.toLowerCase())
    case 'StringNotEqualsIgnoreCase':
      return !any((v) => v.toLowerCase() === actual.toLowerCase())
    case 'StringLike':
      return any((v) => globMatch(v, actual))
    case 'StringNotLike':
      return !any((v) => globMatch(v, actual))
    case 'Bool':
      return any((v) => v.toLowerCase() === actual.toLowerCase())
    case 'IpAddress':
      return any((v) => ipMatches(v, actual))
    case 'NotIpAddress':
      return !any((v) => ipMatches(v, actual))
    default: {
      const kind = c.operator.startsWith('Numeric') ? 'Numeric' : 'Date'
      const relation = c.operator.slice(kind.length)
      return any((v) => compare(kind, relation, actual, v))
    }
  }
}

export interface EvalRequest {
  action: string
  resource: string
  context: ConditionContext
}

function statementMatches(s: Statement, req: EvalRequest): boolean {
  return (
    covers(s.actions, req.action) &&
    covers(s.resources, req.resource) &&
    s.conditions.every((c) => conditionHolds(c, req.context))
  )
}

/** Combine a set of policies for one request: Deny beats Allow beats nothing. */
export function evaluate(policies: ParsedPolicy[], req: EvalRequest): Decision {
  let decision: Decision = 'Implicit'
  for (const p of policies) {
    for (const s of p.statements) {
      if (!statementMatches(s, req)) continue
      if (s.effect === 'Deny') return 'Deny'
      decision = 'Allow'
    }
  }
  return decision
}

/**
 * Trust-policy check. `principals` are the caller's candidate ARNs, compared case-insensitively and
 * without wildcards against the statements' `principalType` list: for AssumeRole the `RAM` list
 * (the caller's account root, its user or role ARN), for AssumeRoleWithOIDC the `Federated` list
 * (the OIDC provider ARN). Service principals never match; RAM callers never match `Federated`.
 */
export function evaluateTrust(
  policy: ParsedPolicy,
  principals: string[],
  context: ConditionContext,
  principalType: 'RAM' | 'Federated' | 'Service' = 'RAM',
): Decision {
  // A trust statement applies to the call when its Action covers sts:AssumeRole (the documented
  // trust action) or the call's own action (sts:AssumeRoleWithOIDC for an OIDC principal).
  const actions =
    principalType === 'Federated' ? ['sts:AssumeRole', 'sts:AssumeRoleWithOIDC'] : ['sts:AssumeRole']
  const wanted = principals.map((p) => p.toLowerCase())
  let decision: Decision = 'Implicit'
  for (const s of policy.statements) {
    if (!actions.some((a) => covers(s.actions, a))) continue
    if (!s.principal?.[principalType].some((p) => wanted.includes(p.toLowerCase()))) continue
    if (!s.conditions.every((c) => conditionHolds(c, context))) continue
    if (s.effect === 'Deny') return 'Deny'
    decision = 'Allow'
  }
  return decision
}
