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
