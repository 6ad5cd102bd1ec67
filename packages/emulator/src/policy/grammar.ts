export type PolicyKind = 'permission' | 'trust' | 'session'
export type Effect = 'Allow' | 'Deny'
export type Decision = 'Allow' | 'Deny' | 'Implicit'
export type ConditionValue = string | number | boolean

export interface Principal {
  RAM: string[]
  Service: string[]
  Federated: string[]
}

/** A list of patterns, or (from `NotAction`/`NotResource`) everything except them. */
export interface Patterns {
  patterns: string[]
  /** True for `NotAction`/`NotResource`: the statement covers what the patterns do not match. */
  negated: boolean
}

export interface Statement {
  effect: Effect
  actions: Patterns
  /** Empty and not negated for a trust statement without `Resource` (trust documents need none). */
  resources: Patterns
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
  const statements = doc.Statement.map((raw: unknown, i: number) =>
    parseStatement(raw, `Statement[${i}]`, kind),
  )
  return { statements }
}

const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Principal',
]

/**
 * One of `Action`/`NotAction` (or `Resource`/`NotResource`): the RAM policy-syntax page lists
 * `("Action" | "NotAction")` and `("Resource" | "NotResource")`, so exactly one may appear.
 */
function patterns(
  raw: Record<string, unknown>,
  at: string,
  name: 'Action' | 'Resource',
): Patterns | undefined {
  const not = `Not${name}`
  if (name in raw && not in raw) throw new PolicyError(`"${at}" may have "${name}" or "${not}", not both.`)
  if (name in raw) return { patterns: stringList(raw[name], `${at}.${name}`), negated: false }
  if (not in raw) return { patterns: stringList(raw[not], `${at}.${not}`), negated: true }
  return undefined
}

function parseStatement(raw: unknown, at: string, kind: PolicyKind): Statement {
  if (!isObject(raw)) throw new PolicyError(`"${at}" must be an object.`)
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.includes(key)) throw new PolicyError(`"${at}.${key}" is not a policy element.`)
  }
  if ('Sid' in raw && typeof raw.Sid !== 'string') throw new PolicyError(`"${at}.Sid" must be a string.`)
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')
    throw new PolicyError(`"${at}.Effect" must be "Allow" or "Deny".`)
  const actions = patterns(raw, at, 'Action')
  if (!actions) throw new PolicyError(`"${at}.Action" (or "NotAction") is required.`)
  for (const a of actions.patterns) {
    if (!ACTION_RE.test(a)) throw new PolicyError(`"${at}.Action" has an invalid action "${a}".`)
  }
  const resources = patterns(raw, at, 'Resource')
  let principal: Principal | undefined
  if (kind === 'trust') {
    if (!('Principal' in raw)) throw new PolicyError(`"${at}.Principal" is required in a trust policy.`)
    principal = parsePrincipal(raw.Principal, `${at}.Principal`)
  } else {
    if ('Principal' in raw) throw new PolicyError(`"${at}.Principal" belongs only in a trust policy.`)
    if (!resources) throw new PolicyError(`"${at}.Resource" (or "NotResource") is required.`)
  }
  const conditions = 'Condition' in raw ? parseConditions(raw.Condition, `${at}.Condition`) : []
  return {
    effect: raw.Effect,
    actions,
    resources: resources ?? { patterns: [], negated: false },
    principal,
    conditions,
  }
}
