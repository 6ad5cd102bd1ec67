/**
 * Request parameter reading and validation (names, lengths, charsets, enums, integers, booleans,
 * pagination, tags). Limits follow the README's "Limits" section, taking the union of old and new charsets and
 * rejecting anything outside it.
 */
import type { PolicyType, Tag } from '../domain/entities.js'
import { ApiError, badFormat, invalidChars, invalidParam, missingParam, tooLong } from '../domain/errors.js'

export type Params = Record<string, string>

/** A parameter that must be present and non-empty, else `Missing<Name>`. */
export function required(params: Params, name: string): string {
  const v = params[name]
  if (v === undefined || v === '') throw missingParam(name)
  return v
}

/** An optional parameter; an empty string counts as absent. */
export function optional(params: Params, name: string): string | undefined {
  const v = params[name]
  return v === undefined || v === '' ? undefined : v
}

function checkLength(value: string, param: string, max: number): void {
  if ([...value].length > max || value.length === 0) throw tooLong(param)
}

/** 1-64; letters, digits, `.`, `_`, `-`, `@`; must not start with `-`. */
export function userName(value: string, param = 'UserName'): string {
  checkLength(value, param, 64)
  if (!/^[A-Za-z0-9.@_-]+$/.test(value) || value.startsWith('-')) throw invalidChars(param)
  return value
}

/** 1-64; letters, digits, `.`, `-`, `@`. */
export function roleName(value: string, param = 'RoleName'): string {
  checkLength(value, param, 64)
  if (!/^[A-Za-z0-9.@-]+$/.test(value)) throw invalidChars(param)
  return value
}

/** 1-128; letters, digits, `-`. */
export function policyName(value: string, param = 'PolicyName'): string {
  checkLength(value, param, 128)
  if (!/^[A-Za-z0-9-]+$/.test(value)) throw invalidChars(param)
  return value
}

/** 1-128 characters of any script, no control characters. */
export function displayName(value: string, param = 'DisplayName'): string {
  checkLength(value, param, 128)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalidChars(param)
  return value
}

export function maxLength(value: string, param: string, max: number): string {
  checkLength(value, param, max)
  return value
}

/** `<country code>-<number>`, e.g. `86-18688888888`. */
export function mobilePhone(value: string, param = 'MobilePhone'): string {
  if (!/^\d{1,4}-\d{4,20}$/.test(value)) throw badFormat(param)
  return value
}

export function email(value: string, param = 'Email'): string {
  if (value.length > 128 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw badFormat(param)
  return value
}

export function policyType(value: string): PolicyType {
  if (value !== 'System' && value !== 'Custom') throw invalidParam('PolicyType')
  return value
}

export function versionId(value: string): string {
  if (!/^v[1-9]\d{0,8}$/.test(value)) throw badFormat('VersionId')
  return value
}

export function bool(value: string | undefined, param: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  const v = value.toLowerCase()
  if (v === 'true') return true
  if (v === 'false') return false
  throw invalidParam(param, `The parameter - "${param}" must be true or false.`)
}

export function integer(value: string, param: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalidParam(param, `The parameter - "${param}" must be an integer between ${min} and ${max}.`)
  }
  return Number(value)
}

export function oneOf<T extends string>(value: string, param: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParam(param, `The parameter - "${param}" must be one of ${allowed.join(', ')}.`)
  }
  return value as T
}

// ---- pagination -----------------------------------------------------------------------------------

export interface Page<T> {
  items: T[]
  isTruncated: boolean
  marker?: string
}

/**
 * Marker pagination. `from(after)` yields the items in `key` order whose key sorts strictly after
 * `after` (all of them when undefined); only one page (+1 to know whether it is truncated) is
 * drawn from it, so a page costs O(log n + page) with a sorted index. The marker is opaque
 * (base64url of the last key returned), so it survives inserts and deletes between pages.
 */
export function paginate<T>(
  params: Params,
  key: (item: T) => string,
  from: (after: string | undefined) => Iterable<T>,
): Page<T> {
  const maxText = optional(params, 'MaxItems')
  let max = 100
  if (maxText !== undefined) {
    if (!/^\d+$/.test(maxText) || Number(maxText) < 1 || Number(maxText) > 1000) {
      throw new ApiError(
        'InvalidParameter.MaxItems',
        'The parameter - "MaxItems" must be between 1 and 1000.',
      )
    }
    max = Number(maxText)
  }
  let after: string | undefined
  const marker = optional(params, 'Marker')
  if (marker !== undefined) {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8')
    if (!decoded.startsWith('m1:') || Buffer.from(decoded, 'utf8').toString('base64url') !== marker) {
      throw new ApiError('InvalidParameter.Marker', 'The parameter - "Marker" is invalid.')
    }
    after = decoded.slice(3)
  }
  const items: T[] = []
  let isTruncated = false
  for (const item of from(after)) {
    if (items.length === max) {
      isTruncated = true
      break
    }
    items.push(item)
  }
  const last = items[items.length - 1]
  return {
    items,
    isTruncated,
    marker: isTruncated && last ? Buffer.from(`m1:${key(last)}`, 'utf8').toString('base64url') : undefined,
  }
}

/** The items of `items` that pass `keep`, lazily. */
export function* where<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item
}

/** Two sequences sorted by `key`, merged lazily into one sorted sequence. */
export function* mergeSorted<T>(a: Iterable<T>, b: Iterable<T>, key: (item: T) => string): Generator<T> {
  const ia = a[Symbol.iterator]()
  const ib = b[Symbol.iterator]()
  let x = ia.next()
  let y = ib.next()
  while (!x.done || !y.done) {
    if (y.done || (!x.done && key(x.value) <= key(y.value))) {
      yield x.value as T
      x = ia.next()
    } else {
      yield y.value
      y = ib.next()
    }
  }
}

// ---- tags -----------------------------------------------------------------------------------------

/** `Tag` as a JSON string `[{"Key":"k","Value":"v"}]` (tea SDKs, tf) or flattened `Tag.N.Key`/`Tag.N.Value`. */
export function tags(params: Params): Tag[] {
  const out: Tag[] = []
  const json = optional(params, 'Tag')
  if (json !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch {
      throw invalidParam('Tag', 'The parameter - "Tag" must be a JSON array of {"Key","Value"} objects.')
    }
    if (!Array.isArray(parsed)) {
      throw invalidParam('Tag', 'The parameter - "Tag" must be a JSON array of {"Key","Value"} objects.')
    }
    for (const t of parsed) {
      if (typeof t !== 'object' || t === null || typeof t.Key !== 'string') {
        throw invalidParam('Tag', 'The parameter - "Tag" must be a JSON array of {"Key","Value"} objects.')
      }
      out.push({ key: t.Key, value: typeof t.Value === 'string' ? t.Value : '' })
    }
  }
  for (let i = 1; params[`Tag.${i}.Key`] !== undefined; i++) {
    out.push({ key: params[`Tag.${i}.Key`]!, value: params[`Tag.${i}.Value`] ?? '' })
  }
  if (out.length > 20) throw invalidParam('Tag', 'At most 20 tags are allowed.')
  for (const t of out) {
    if (t.key.length === 0 || t.key.length > 128)
      throw invalidParam('Tag.Key', 'The tag key must be 1-128 characters.')
    if (t.value.length > 256) throw invalidParam('Tag.Value', 'The tag value must be at most 256 characters.')
  }
  return out
}
