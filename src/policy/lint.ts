/**
 * A local RAM policy linter: the documents a run would write, and those RAM holds, checked for
 * the grants that most often turn a CI identity into a way into the account. Each finding
 * names its rule, its severity and, for a file, the line of the statement.
 */
import type { Finding, PolicyFile } from '../model.js'
import { type CanonicalStatement, canonicalStatement } from './document.js'

/** One document to check, and how to name it in a finding. */
export interface LintTarget {
  document: unknown
  kind: 'trust' | 'permission' | 'session'
  subject: string
  source: Finding['source']
  /** The account the run works in: trust in any other one is worth a look. */
  accountId: string
  file?: PolicyFile
}

/** The rules, each with the severity it reports at. */
export const RULES = {
  'trust-any-principal': 'error',
  'oidc-trust-without-sub': 'error',
  'oidc-trust-any-repository': 'error',
  'wildcard-action-on-any-resource': 'warning',
  'ram-write-access': 'warning',
  'assume-any-role': 'warning',
  'not-action-or-not-resource': 'warning',
  'trust-other-account': 'warning',
} as const satisfies Record<string, Finding['severity']>

type Rule = keyof typeof RULES

/**
 * RAM actions that let an identity give itself, or another, more access: whoever may call
 * them may grant themselves anything.
 */
const RAM_ESCALATION = [
  'ram:CreateUser',
  'ram:UpdateUser',
  'ram:CreateAccessKey',
  'ram:UpdateAccessKey',
  'ram:CreateLoginProfile',
  'ram:UpdateLoginProfile',
  'ram:CreateGroup',
  'ram:AddUserToGroup',
  'ram:CreateRole',
  'ram:UpdateRole',
  'ram:CreatePolicy',
  'ram:CreatePolicyVersion',
  'ram:SetDefaultPolicyVersion',
  'ram:AttachPolicyToUser',
  'ram:AttachPolicyToGroup',
  'ram:AttachPolicyToRole',
  'ram:PassRole',
  'ram:UnbindMFADevice',
  'ram:SetSecurityPreference',
]

/** Every finding of one document, in statement order, each rule at most once per statement. */
export function lint(target: LintTarget): Finding[] {
  const doc = target.document as { Statement?: unknown } | undefined
  const raw = doc && typeof doc === 'object' ? doc.Statement : undefined
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  const findings: Finding[] = []
  const seen = new Set<string>()
  statements.forEach((original, i) => {
    const s = canonicalStatement(original)
    if (s.effect !== 'Allow') return
    const found = target.kind === 'trust' ? trustRules(s, target.accountId) : permissionRules(s)
    for (const [rule, message] of found) {
      const key = `${rule}\n${message}`
      if (seen.has(key)) continue
      seen.add(key)
      findings.push({
        rule,
        severity: RULES[rule],
        message,
        subject: target.subject,
        source: target.source,
        ...(target.file ? { file: target.file.path, line: target.file.lines.get(`Statement[${i}]`) } : {}),
      })
    }
  })
  return findings
}

function trustRules(s: CanonicalStatement, accountId: string): [Rule, string][] {
  const found: [Rule, string][] = []
  const principals = Object.entries(s.principal ?? {}).flatMap(([type, ids]) =>
    ids.map((id) => [type, id] as const),
  )
  if (principals.some(([, id]) => id === '*')) {
    found.push(['trust-any-principal', 'the trust policy lets any principal assume the role (Principal *)'])
  }
  for (const [type, id] of principals) {
    if (type !== 'Federated' || !/:oidc-provider\//i.test(id)) continue
    const subs = subConditions(s)
    if (subs.length === 0) {
      found.push([
        'oidc-trust-without-sub',
        `the trust of ${id} has no oidc:sub condition: any repository whose tokens the provider accepts can assume the role`,
      ])
    } else {
      const open = subs.find((v) => opensToAnyRepository(v))
      if (open) {
        found.push([
          'oidc-trust-any-repository',
          `the oidc:sub condition "${open}" matches repositories of any GitHub owner: name the owner exactly`,
        ])
      }
    }
  }
  for (const [type, id] of principals) {
    const account = type === 'RAM' ? /^acs:ram::(\d+):/.exec(id)?.[1] : undefined
    if (account && account !== accountId) {
      found.push(['trust-other-account', `the trust policy lets account ${account} in (${id})`])
    }
  }
  return found
}

/** The oidc:sub values the conditions restrict to, as patterns (StringEquals values are literal). */
function subConditions(s: CanonicalStatement): string[] {
  const patterns: string[] = []
  for (const [op, keys] of Object.entries(s.condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() !== 'oidc:sub') continue
      if (/^StringLike$/i.test(op)) patterns.push(...values)
      else if (/^StringEquals(IgnoreCase)?$/i.test(op))
        patterns.push(...values.map((v) => v.replace(/[*?]/g, '')))
    }
  }
  return patterns
}

/**
 * True when a `sub` pattern lets in a repository of any owner: GitHub owner names are first
 * come, first served, so any wildcard in the owner (or before it) admits whoever registers
 * a matching name.
 */
function opensToAnyRepository(pattern: string): boolean {
  const m = /^repo:([^/]*)/i.exec(pattern)
  if (!m) return /^[*?]/.test(pattern)
  return /[*?]/.test(m[1]!)
}

function permissionRules(s: CanonicalStatement): [Rule, string][] {
  const found: [Rule, string][] = []
  const actions = s.action ?? []
  const anyResource = (s.resource ?? []).includes('*')
  const wide = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a))
  if (wide.length > 0 && anyResource) {
    found.push(['wildcard-action-on-any-resource', `allows ${wide.join(', ')} on every resource (*)`])
  }
  const escalating = actions.filter((a) => RAM_ESCALATION.some((ram) => matches(a, ram)))
  if (escalating.length > 0) {
    found.push([
      'ram-write-access',
      `allows ${escalating.join(', ')}: RAM write actions let the holder grant itself more access`,
    ])
  }
  if (anyResource && actions.some((a) => matches(a, 'sts:AssumeRole'))) {
    found.push(['assume-any-role', 'allows sts:AssumeRole on every role (Resource *)'])
  }
  if (s.notAction || s.notResource) {
    found.push([
      'not-action-or-not-resource',
      `allows by exclusion (${s.notAction ? 'NotAction' : 'NotResource'}): everything not listed, including actions and resources added later`,
    ])
  }
  return found
}

/** RAM's wildcard match (`*` any run, `?` one character), case-insensitive. */
export function matches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${regex}$`, 'i').test(value)
}
