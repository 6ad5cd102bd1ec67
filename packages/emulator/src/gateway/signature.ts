/**
 * Request signatures, as pure functions.
 * - V1 (HMAC-SHA1, RPC style; pop-core and the tea SDKs with signatureAlgorithm 'v2').
 * - V3 (ACS3-HMAC-SHA256; the current tea SDKs `@alicloud/ram20150501` / `@alicloud/sts20150401`).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** RFC 3986 percent-encoding as the gateway applies it: space → %20, `*` → %2A, `~` kept. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const byteOrder = (a: string, b: string): number => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return Buffer.compare(x, y)
}

// ---- V1 -----------------------------------------------------------------------------------------

/** Sorted `enc(name)=enc(value)` pairs joined by `&`, every parameter except `Signature`. */
export function canonicalizeV1(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort(byteOrder)
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&')
}

export function stringToSignV1(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalizeV1(params))}`
}

export function signV1(stringToSign: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64')
}

// ---- V3 -----------------------------------------------------------------------------------------

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256'

export interface V3Authorization {
  algorithm: string
  credential: string
  signedHeaders: string[]
  signature: string
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`; undefined if malformed. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const m = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header.trim())
  if (!m) return undefined
  const fields = new Map<string, string>()
  for (const part of m[2]!.split(',')) {
    const eq = part.indexOf('=')
    if (eq <= 0) return undefined
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const credential = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (!credential || !signedHeaders || !signature) return undefined
  return { algorithm: m[1]!, credential, signedHeaders: signedHeaders.split(';'), signature }
}

/** Query pairs sorted by name, name and value percent-encoded. */
export function canonicalQueryV3(query: Record<string, string>): string {
  return Object.keys(query)
    .sort(byteOrder)
    .map((k) => `${percentEncode(k)}=${percentEncode(query[k] ?? '')}`)
    .join('&')
}

/** `name:value\n` for each signed header (lower-case names in the order given, values trimmed). */
export function canonicalHeadersV3(headers: Record<string, string | undefined>, signed: string[]): string {
  return signed.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join('')
}

export interface V3Request {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | undefined>
  signedHeaders: string[]
  payloadHash: string
}

export function canonicalRequestV3(r: V3Request): string {
  return [
    r.method.toUpperCase(),
    r.path,
    canonicalQueryV3(r.query),
    canonicalHeadersV3(r.headers, r.signedHeaders),
    r.signedHeaders.join(';'),
    r.payloadHash,
  ].join('\n')
}

export function stringToSignV3(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`
}

export function signV3(stringToSign: string, secret: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex')
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
