/**
 * RAM policy language: validation of permission, trust and session documents, and evaluation.
 *
 * Validation takes the strict reading of the documented grammar (reference §3.3/§3.4):
 * - top level: only `Version` (the string "1") and `Statement` (a non-empty array);
 * - statement keys: `Effect`, `Action`, `Resource`, `Condition`, and `Principal` (trust only);
 *   `NotAction`, `NotResource`, `Sid` and anything else are rejected;
 * - permission/session statements need `Resource`; trust statements need `Principal`, must not
 *   carry `Resource`, and their only action is `sts:AssumeRole`;
 * - condition operators must be one of the documented ones.
 *
 * Evaluation: an explicit Deny wins; otherwise any Allow allows; otherwise implicit deny.
 * Actions and resources match with `*` / `?` wildcards, case-insensitively.
 */

export type PolicyKind = 'permission' | 'trust' | 'session'
export type Effect = 'Allow' | 'Deny'
export type Decision = 'Allow' | 'Deny' | 'Implicit'
export type ConditionValue = string | number | boolean

export interface Principal {
  RAM: string[]
  Service: string[]
  Federated: string[]
}

export interface Statement {
  effect: Effect
  actions: string[]
  resources: string[]
  principal?: Principal
  conditions: Array<{ operator: string; key: string; values: string[] }>
}

export interface ParsedPolicy {
  statements: Statement[]
}

export class PolicyError extends Error {}

const STRING_OPS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
]
const NUMERIC_OPS = [
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
]
const DATE_OPS = NUMERIC_OPS.map((op) => op.replace('Numeric', 'Date'))
export const CONDITION_OPERATORS: readonly string[] = [
  ...STRING_OPS,
  ...NUMERIC_OPS,
  ...DATE_OPS,
  'Bool',
  'IpAddress',
  'NotIpAddress',
]

const ACTION_RE = /^(\*|[A-Za-z0-9*?_-]+:[A-Za-z0-9*?_.-]+)$/
const PRINCIPAL_KEYS = ['RAM', 'Service', 'Federated'] as const

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function stringList(v: unknown, where: string): string[] {
  const list = typeof v === 'string' ? [v] : v
  if (!Array.isArray(list) || list.length === 0) {
    throw new PolicyError(`"${where}" must be a string or a non-empty array of strings.`)
  }
  for (const item of list) {
    if (typeof item !== 'string' || item === '') {
      throw new PolicyError(`"${where}" must contain only non-empty strings.`)
    }
  }
  return list as string[]
}

function parseConditions(v: unknown, where: string): Statement['conditions'] {
  if (!isObject(v)) throw new PolicyError(`"${where}" must be an object.`)
  const out: Statement['conditions'] = []
  for (const [operator, block] of Object.entries(v)) {
    if (!CONDITION_OPERATORS.includes(operator)) {
      throw new PolicyError(`"${where}" uses an unsupported operator "${operator}".`)
    }
    if (!isObject(block) || Object.keys(block).length === 0) {
      throw new PolicyError(`"${where}.${operator}" must be a non-empty object.`)
    }
    for (const [key, raw] of Object.entries(block)) {
      const list = Array.isArray(raw) ? raw : [raw]
      if (list.length === 0) throw new PolicyError(`"${where}.${operator}.${key}" must not be empty.`)
      const values = list.map((item) => {
        if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
          throw new PolicyError(`"${where}.${operator}.${key}" values must be strings, numbers or booleans.`)
        }
        return String(item)
      })
      out.push({ operator, key, values })
    }
  }
  return out
}

function parsePrincipal(v: unknown, where: string): Principal {
  if (!isObject(v)) throw new PolicyError(`"${where}" must be an object with RAM, Service or Federated.`)
  const principal: Principal = { RAM: [], Service: [], Federated: [] }
  const keys = Object.keys(v)
  if (keys.length === 0) throw new PolicyError(`"${where}" must name at least one principal.`)
  for (const key of keys) {
    if (!(PRINCIPAL_KEYS as readonly string[]).includes(key)) {
      throw new PolicyError(`"${where}" has an unsupported principal type "${key}".`)
    }
    principal[key as keyof Principal] = stringList(v[key], `${where}.${key}`)
  }
  return principal
}

/** Parse and validate a policy document; throws PolicyError with a readable reason. */
export function parsePolicy(text: string, kind: PolicyKind): ParsedPolicy {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new PolicyError(`the document is not valid JSON (${(e as Error).message}).`)
  }
  if (!isObject(doc)) throw new PolicyError('the document must be a JSON object.')
  for (const key of Object.keys(doc)) {
    if (key !== 'Version' && key !== 'Statement') throw new PolicyError(`unsupported top-level key "${key}".`)
  }
  if (!('Version' in doc)) throw new PolicyError('"Version" is required.')
  if (doc.Version !== '1') throw new PolicyError('"Version" must be the string "1".')
  if (!Array.isArray(doc.Statement) || doc.Statement.length === 0) {
    throw new PolicyError('"Statement" must be a non-empty array.')
  }
  const statements = doc.Statement.map((raw: unknown, i: number): Statement => {
    const at = `Statement[${i}]`
    if (!isObject(raw)) throw new PolicyError(`"${at}" must be an object.`)
    const allowed =
      kind === 'trust'
        ? ['Effect', 'Action', 'Principal', 'Condition']
        : ['Effect', 'Action', 'Resource', 'Condition']
    for (const key of Object.keys(raw)) {
      if (!allowed.includes(key)) {
        throw new PolicyError(
          `"${at}.${key}" is not allowed in a ${kind === 'trust' ? 'trust' : 'permission'} policy.`,
        )
      }
    }
    if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')
      throw new PolicyError(`"${at}.Effect" must be "Allow" or "Deny".`)
    if (!('Action' in raw)) throw new PolicyError(`"${at}.Action" is required.`)
    const actions = stringList(raw.Action, `${at}.Action`)
    for (const a of actions) {
      if (!ACTION_RE.test(a)) throw new PolicyError(`"${at}.Action" has an invalid action "${a}".`)
      if (kind === 'trust' && a.toLowerCase() !== 'sts:assumerole') {
        throw new PolicyError(`"${at}.Action" of a trust policy must be "sts:AssumeRole", not "${a}".`)
      }
    }
    let resources: string[] = []
    let principal: Principal | undefined
    if (kind === 'trust') {
      if (!('Principal' in raw)) throw new PolicyError(`"${at}.Principal" is required in a trust policy.`)
      principal = parsePrincipal(raw.Principal, `${at}.Principal`)
    } else {
      if (!('Resource' in raw)) throw new PolicyError(`"${at}.Resource" is required.`)
      resources = stringList(raw.Resource, `${at}.Resource`)
      for (const r of resources) {
        if (r !== '*' && !r.startsWith('acs:')) {
          throw new PolicyError(`"${at}.Resource" has an invalid resource "${r}" (expected "*" or "acs:…").`)
        }
      }
    }
    const conditions = 'Condition' in raw ? parseConditions(raw.Condition, `${at}.Condition`) : []
    return { effect: raw.Effect, actions, resources, principal, conditions }
  })
  return { statements }
}

// ---- evaluation ---------------------------------------------------------------------------------

const globCache = new Map<string, RegExp>()

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
    s.actions.some((a) => globMatch(a, req.action)) &&
    s.resources.some((r) => globMatch(r, req.resource)) &&
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
  principalType: 'RAM' | 'Federated' = 'RAM',
): Decision {
  const wanted = principals.map((p) => p.toLowerCase())
  let decision: Decision = 'Implicit'
  for (const s of policy.statements) {
    if (!s.actions.some((a) => globMatch(a, 'sts:AssumeRole'))) continue
    if (!s.principal?.[principalType].some((p) => wanted.includes(p.toLowerCase()))) continue
    if (!s.conditions.every((c) => conditionHolds(c, context))) continue
    if (s.effect === 'Deny') return 'Deny'
    decision = 'Allow'
  }
  return decision
}
