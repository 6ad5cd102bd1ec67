/**
 * The call log: one record per API request, including rejected ones (O(1) per request), and the
 * number of API requests in flight (now, and the most at once since the log was cleared).
 *
 * It is bounded, because anyone who can reach the port can fill it: a parameter value is cut to
 * `maxParamChars`, a record keeps at most `maxParams` parameters, and past `maxEntries` records the
 * oldest are dropped (`seq` keeps counting, so a gap shows where).
 */

/** Bounds of the call log. */
export interface CallLogLimits {
  /** Records kept; older ones are dropped. Default 10,000. */
  maxEntries: number
  /** Characters kept of each parameter value; the rest is replaced by a marker. Default 1,024. */
  maxParamChars: number
  /** Parameters kept per record (in the order sent); the rest are counted in `…`. Default 64. */
  maxParams: number
}

export const DEFAULT_CALL_LOG_LIMITS: CallLogLimits = {
  maxEntries: 10_000,
  maxParamChars: 1024,
  maxParams: 64,
}
/** One API request as the call log keeps it (bounded, secrets redacted). */
export interface CallRecord {
  seq: number
  time: string
  service: 'ram' | 'sts'
  action: string
  write: boolean
  accountId?: string
  /** ARN of the authenticated caller. */
  caller?: string
  /** Merged query/body parameters; secrets (Signature, SecurityToken, secrets, federation tokens) redacted. */
  params: Record<string, string>
  /** HTTP status answered; 0 when the connection was reset instead (fault `reset`/`resetAfter`). */
  status: number
  code?: string
  /** The fault injected into this request (faults.ts): throttle, serverError, reset, resetAfter, qps, invisible, grantDelay, forced, latency. */
  fault?: string
}

const SECRET_PARAMS = new Set(['Signature', 'SecurityToken', 'AccessKeySecret', 'OIDCToken', 'SAMLAssertion'])
export const REDACTED = '***'

export function redact(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params))
    out[k] = SECRET_PARAMS.has(k) || /secret/i.test(k) ? REDACTED : v
  return out
}

/** `params` within the limits: long values cut, extra parameters counted under the key `…`. */
export function boundParams(params: Record<string, string>, limits: CallLogLimits): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = Object.entries(params)
  for (const [k, v] of entries.slice(0, limits.maxParams)) {
    const key = k.length > limits.maxParamChars ? `${k.slice(0, limits.maxParamChars)}…` : k
    out[key] =
      v.length > limits.maxParamChars
        ? `${v.slice(0, limits.maxParamChars)}…[${v.length - limits.maxParamChars} more characters]`
        : v
  }
  if (entries.length > limits.maxParams) out['…'] = `${entries.length - limits.maxParams} more parameters`
  return out
}

export class CallLog {
  private records: CallRecord[] = []
  private readonly limits: CallLogLimits

  constructor(limits: Partial<CallLogLimits> = {}) {
    this.limits = { ...DEFAULT_CALL_LOG_LIMITS, ...limits }
    for (const [k, v] of Object.entries(this.limits)) {
      if (!Number.isSafeInteger(v) || v < 1)
        throw new RangeError(`callLog.${k} must be a positive integer, got ${v}.`)
    }
  }
  private seq = 0
  private inFlight = 0
  private maxInFlight = 0

  /** An API request starts being handled; call the returned function once it is answered. */
  begin(): () => void {
    this.inFlight++
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight
    let done = false
    return () => {
      if (done) return
      done = true
      this.inFlight--
    }
  }

  concurrency(): { inFlight: number; max: number } {
    return { inFlight: this.inFlight, max: this.maxInFlight }
  }

  record(r: Omit<CallRecord, 'seq'>): void {
    this.records.push({ seq: ++this.seq, ...r, params: boundParams(r.params, this.limits) })
    // Drop in batches, so a full log costs O(1) amortized per request rather than a shift each.
    if (this.records.length > this.limits.maxEntries + Math.ceil(this.limits.maxEntries / 8)) {
      this.records.splice(0, this.records.length - this.limits.maxEntries)
    }
  }

  list(): CallRecord[] {
    const kept = this.records.slice(-this.limits.maxEntries)
    return kept.map((r) => ({ ...r, params: { ...r.params } }))
  }

  clear(): void {
    this.records = []
    this.maxInFlight = this.inFlight
  }

  reset(): void {
    this.clear()
    this.seq = 0
  }
}
