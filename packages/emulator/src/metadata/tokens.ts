/**
 * Metadata access tokens of the hardened mode: `PUT /latest/api/token` with
 * `X-aliyun-ecs-metadata-token-ttl-seconds` (1 to 21600, the ECS "Instance metadata" page) issues
 * one; later requests carry it as `X-aliyun-ecs-metadata-token` until it expires.
 */
import { randomBytes } from 'node:crypto'

/** The documented range of `X-aliyun-ecs-metadata-token-ttl-seconds`. */
export const MIN_TOKEN_TTL = 1
export const MAX_TOKEN_TTL = 21600
/** Tokens remembered at once; the oldest are forgotten first (a caller may ask for many). */
const MAX_TOKENS = 10_000

/** The TTL header's value in seconds, or undefined when it is missing or out of range. */
export function parseTtl(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,5}$/.test(header.trim())) return undefined
  const ttl = Number(header.trim())
  return ttl >= MIN_TOKEN_TTL && ttl <= MAX_TOKEN_TTL ? ttl : undefined
}

/** Why a token does not admit a request. */
export type TokenProblem = 'missing' | 'unknown' | 'expired'

/** The tokens issued so far, each with its expiry (the stand-in's clock). */
export class MetadataTokens {
  /** token → expiry (ms since the epoch), in issue order. */
  private readonly tokens = new Map<string, number>()

  constructor(private readonly now: () => Date) {}

  issue(ttlSeconds: number): string {
    const token = randomBytes(32).toString('base64url')
    this.tokens.set(token, this.now().getTime() + ttlSeconds * 1000)
    if (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!)
    return token
  }

  /** undefined when `token` admits a request now. */
  check(token: string | undefined): TokenProblem | undefined {
    if (token === undefined || token === '') return 'missing'
    const expiry = this.tokens.get(token)
    if (expiry === undefined) return 'unknown'
    if (this.now().getTime() >= expiry) {
      this.tokens.delete(token)
      return 'expired'
    }
    return undefined
  }
}
