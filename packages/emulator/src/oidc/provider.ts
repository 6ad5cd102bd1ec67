/**
 * OIDC identity providers and token verification for AssumeRoleWithOIDC.
 *
 * A provider is registered through the control surface with its issuer URL, client ids and the
 * issuer's RSA public keys as JWKs (the emulator never fetches a discovery document or a JWKS).
 * A token is a compact JWS, RS256 only, verified with the provider key named by its `kid`.
 *
 * Check order (the real one is not documented): shape → base64url → header JSON → `alg` → `kid`
 * → signature → claims JSON and types → `iss` → `aud` → `exp` → `nbf`. No clock leeway.
 */
import { createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto'
import type { OidcProvider } from '../domain/entities.js'
import { ApiError, oidc } from '../domain/errors.js'

/** An OIDC identity provider to register with control.createOidcProvider. */
export interface OidcProviderOptions {
  /** 1–128 characters of `[A-Za-z0-9.-]`; unique per account, case-insensitively. */
  name: string
  /** `https://…`, at most 255 characters, no query or fragment; compared exactly with `iss`. */
  issuerUrl: string
  /** 1–50 client ids (the accepted `aud` values), each 1–128 characters without commas. */
  clientIds: string[]
  /** 1–10 RSA public JWKs, each with a unique `kid` (`alg`, if present, `RS256`; `use`, if present, `sig`). */
  keys: JsonWebKey[]
}

const bad = (param: string, detail: string): ApiError =>
  new ApiError(`InvalidParameter.${param}`, `The parameter ${param} is invalid: ${detail}`)

/** Validate provider options (the control surface's createOidcProvider); throws ApiError. */
export function checkOidcProvider(opts: OidcProviderOptions): Omit<OidcProvider, 'createDate'> {
  const { name, issuerUrl, clientIds, keys } = opts
  if (typeof name !== 'string' || !/^[A-Za-z0-9.-]{1,128}$/.test(name)) {
    throw bad('OIDCProviderName', 'expected 1-128 characters of [A-Za-z0-9.-].')
  }
  let url: URL | undefined
  try {
    url = typeof issuerUrl === 'string' ? new URL(issuerUrl) : undefined
  } catch {}
  if (url?.protocol !== 'https:' || issuerUrl.length > 255 || url.search || url.hash || url.username) {
    throw bad('IssuerUrl', 'expected an https URL of at most 255 characters without query or fragment.')
  }
  if (!Array.isArray(clientIds) || clientIds.length < 1 || clientIds.length > 50) {
    throw bad('ClientIds', 'expected 1-50 client ids.')
  }
  for (const id of clientIds) {
    if (typeof id !== 'string' || id.length < 1 || id.length > 128 || id.includes(',')) {
      throw bad('ClientIds', 'each client id must be 1-128 characters without commas.')
    }
  }
  if (new Set(clientIds).size !== clientIds.length) throw bad('ClientIds', 'client ids must be unique.')
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > 10) throw bad('Keys', 'expected 1-10 JWKs.')
  const byKid = new Map<string, KeyObject>()
  for (const jwk of keys) {
    if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'RSA') {
      throw bad('Keys', 'each key must be an RSA JWK (kty "RSA").')
    }
    const kid = (jwk as { kid?: unknown }).kid
    if (typeof kid !== 'string' || kid === '') throw bad('Keys', 'each key needs a non-empty "kid".')
    if (byKid.has(kid)) throw bad('Keys', `duplicate kid "${kid}".`)
    if (jwk.d !== undefined) throw bad('Keys', `key "${kid}" is a private key; register the public key only.`)
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') throw bad('Keys', `key "${kid}" has alg "${jwk.alg}".`)
    if (jwk.use !== undefined && jwk.use !== 'sig') throw bad('Keys', `key "${kid}" has use "${jwk.use}".`)
    let key: KeyObject
    try {
      key = createPublicKey({ key: jwk, format: 'jwk' })
    } catch (e) {
      throw bad('Keys', `key "${kid}" cannot be imported (${(e as Error).message}).`)
    }
    byKid.set(kid, key)
  }
  return { name, issuerUrl, clientIds: [...clientIds], keys: byKid }
}

/** The claims AssumeRoleWithOIDC uses, after verification. */
export interface VerifiedToken {
  iss: string
  sub: string
  /** `aud` as a list (a string `aud` becomes one element). */
  aud: string[]
  /** Seconds since the epoch. */
  exp: number
  iat: number
}

const B64URL = /^[A-Za-z0-9_-]+$/
const CONTENT_INVALID = 'The Jwt content is invalid that cannot be recognized.'

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** NumericDate seconds that a Date can hold. */
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e12

/** Verify a compact JWS against a provider; throws the AuthenticationFail.* ApiErrors. */
export function verifyOidcToken(token: string, provider: OidcProvider, now: Date): VerifiedToken {
  const parts = token.split('.')
  if (parts.length !== 3)
    throw oidc.invalid("The number of Jwt field should be divided into 3 parts with '.' .")
  const [h, p, s] = parts as [string, string, string]
  if (!B64URL.test(h) || !B64URL.test(p) || !B64URL.test(s)) {
    throw oidc.invalid('Cannot decode base64 encoded response(format invalided).')
  }
  const header = jsonObject(h)
  if (!header) throw oidc.invalid(CONTENT_INVALID)
  if (header.alg !== 'RS256') {
    throw oidc.invalid(`The algorithm ${String(header.alg)} that be specified in Jwt header is unknown.`)
  }
  const kid = header.kid
  if (typeof kid !== 'string' || kid === '')
    throw oidc.invalid('OIDC token validate failed: the Jwt header has no kid.')
  const key = provider.keys.get(kid)
  if (!key) {
    throw oidc.invalid(
      `OIDC token validate failed: no public key with kid ${kid} is registered for the provider.`,
    )
  }
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
    throw oidc.invalid('OIDC token validate failed: invalid signature.')
  }
  const claims = jsonObject(p)
  if (!claims) throw oidc.invalid(CONTENT_INVALID)
  const { iss, sub, aud, exp, iat, nbf } = claims
  const audList = typeof aud === 'string' ? [aud] : aud
  if (
    typeof iss !== 'string' ||
    typeof sub !== 'string' ||
    sub === '' ||
    !Array.isArray(audList) ||
    audList.length === 0 ||
    !audList.every((a) => typeof a === 'string' && a !== '') ||
    !isTime(exp) ||
    !isTime(iat) ||
    (nbf !== undefined && !isTime(nbf))
  ) {
    throw oidc.invalid(CONTENT_INVALID)
  }
  if (iss !== provider.issuerUrl) throw oidc.issuer()
  const audiences = audList as string[]
  if (!audiences.some((a) => provider.clientIds.includes(a))) throw oidc.audience()
  const t = now.getTime()
  if (exp * 1000 <= t) throw oidc.expired()
  if (nbf !== undefined && nbf * 1000 > t) {
    throw oidc.invalid('OIDC token validate failed: the token is not valid yet (nbf).')
  }
  return { iss, sub, aud: audiences, exp, iat }
}
