/**
 * The access a document change adds and removes, as a reviewer reads it: one line per item,
 * `+` for what it grants, `-` for what it takes away, `~` for what it alters. Documents are
 * compared as RAM judges them (policy/document.ts), so formatting never shows up here.
 */
import { type CanonicalStatement, canonicalStatements, parsePolicy, statementKey } from './document.js'

type Dimension = 'effect' | 'action' | 'resource' | 'principal' | 'condition'
const DIMENSIONS: Dimension[] = ['effect', 'action', 'resource', 'principal', 'condition']

/**
 * The statement-level diff of two documents (objects or the JSON strings RAM returns; '' or
 * undefined for none). Two statements that differ in one respect only (their actions, say)
 * are shown as that difference; any other statement is shown whole.
 */
export function diffDocuments(before: unknown, after: unknown): string[] {
  const was = canonicalStatements(parsePolicy(before))
  const now = canonicalStatements(parsePolicy(after))
  const key = statementKey
  const nowKeys = new Set(now.map(key))
  const wasKeys = new Set(was.map(key))
  const removed = was.filter((s) => !nowKeys.has(key(s)))
  const added = now.filter((s) => !wasKeys.has(key(s)))
  const lines: string[] = []
  const unpaired: CanonicalStatement[] = []
  for (const old of removed) {
    const i = added.findIndex((candidate) => differingDimensions(old, candidate).length === 1)
    if (i < 0) {
      unpaired.push(old)
      continue
    }
    const [replacement] = added.splice(i, 1)
    lines.push(...changedStatement(old, replacement!, differingDimensions(old, replacement!)[0]!))
  }
  for (const s of unpaired) lines.push(`- ${describe(s)}`)
  for (const s of added) lines.push(`+ ${describe(s)}`)
  return lines
}

function differingDimensions(a: CanonicalStatement, b: CanonicalStatement): Dimension[] {
  return DIMENSIONS.filter((d) => JSON.stringify(part(a, d)) !== JSON.stringify(part(b, d)))
}

function part(s: CanonicalStatement, d: Dimension): unknown {
  switch (d) {
    case 'effect':
      return s.effect
    case 'action':
      return [s.action?.map((a) => a.toLowerCase()), s.notAction?.map((a) => a.toLowerCase())]
    case 'resource':
      return [s.resource, s.notResource]
    case 'principal':
      return s.principal
    case 'condition':
      return s.condition
  }
}

function changedStatement(old: CanonicalStatement, now: CanonicalStatement, d: Dimension): string[] {
  const lines: string[] = []
  const each = (
    was: string[] = [],
    is: string[] = [],
    line: (op: '+' | '-', item: string) => string,
    fold = (v: string) => v,
  ) => {
    const has = (list: string[], item: string) => list.some((x) => fold(x) === fold(item))
    for (const item of was) if (!has(is, item)) lines.push(line('-', item))
    for (const item of is) if (!has(was, item)) lines.push(line('+', item))
  }
  switch (d) {
    case 'effect':
      return [`~ effect ${old.effect} -> ${now.effect}: ${describe({ ...now, effect: '' }).trim()}`]
    case 'action':
      // An exception list (NotAction) only makes sense whole.
      if (old.notAction || now.notAction) return [`- ${describe(old)}`, `+ ${describe(now)}`]
      each(
        old.action,
        now.action,
        (op, action) => `${op} ${describe({ ...now, action: [action] })}`,
        (a) => a.toLowerCase(),
      )
      return lines
    case 'resource':
      if (old.notResource || now.notResource) return [`- ${describe(old)}`, `+ ${describe(now)}`]
      each(
        old.resource,
        now.resource,
        (op, resource) => `${op} ${describe({ ...now, resource: [resource] })}`,
      )
      return lines
    case 'principal':
      for (const type of union(Object.keys(old.principal ?? {}), Object.keys(now.principal ?? {}))) {
        each(
          old.principal?.[type],
          now.principal?.[type],
          (op, id) => `${op} principal ${principal(type, id)}`,
        )
      }
      return lines
    case 'condition':
      for (const op of union(Object.keys(old.condition ?? {}), Object.keys(now.condition ?? {}))) {
        const was = old.condition?.[op] ?? {}
        const is = now.condition?.[op] ?? {}
        for (const k of union(Object.keys(was), Object.keys(is))) {
          if (!is[k]) lines.push(`- condition ${clause(op, k, was[k]!)}`)
          else if (!was[k]) lines.push(`+ condition ${clause(op, k, is[k])}`)
          else if (JSON.stringify(was[k]) !== JSON.stringify(is[k]))
            lines.push(`~ condition ${op} ${k}: ${values(was[k])} -> ${values(is[k])}`)
        }
      }
      return lines
  }
}

/** A statement in one line: `Allow oss:PutObject on acs:oss:*:*:b/* for ... when ...`. */
function describe(s: CanonicalStatement): string {
  const parts = [s.effect]
  if (s.action) parts.push(s.action.join(', '))
  if (s.notAction) parts.push(`every action except ${s.notAction.join(', ')}`)
  if (s.resource) parts.push(`on ${s.resource.join(', ')}`)
  if (s.notResource) parts.push(`on everything except ${s.notResource.join(', ')}`)
  if (s.principal) {
    const ids = Object.entries(s.principal).flatMap(([type, list]) => list.map((id) => principal(type, id)))
    parts.push(`for ${ids.join(', ')}`)
  }
  if (s.condition) {
    const clauses = Object.entries(s.condition).flatMap(([op, keys]) =>
      Object.entries(keys).map(([k, v]) => clause(op, k, v)),
    )
    parts.push(`when ${clauses.join(' and ')}`)
  }
  return parts.join(' ')
}

/** RAM principals by their ARN alone; other types (Service, Federated) named. */
function principal(type: string, id: string): string {
  return type === 'RAM' || type === '' ? id : `${type} ${id}`
}

function clause(op: string, key: string, v: string[]): string {
  return `${op} ${key} = ${values(v)}`
}

function values(v: string[]): string {
  return v.length === 1 ? v[0]! : `[${v.join(', ')}]`
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])].sort()
}
