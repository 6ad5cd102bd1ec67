/**
 * The call log: one record per API request, including rejected ones (O(1) per request), and the
 * number of API requests in flight (now, and the most at once since the log was cleared).
 */
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

export class CallLog {
  private records: CallRecord[] = []
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
    this.records.push({ seq: ++this.seq, ...r })
  }

  list(): CallRecord[] {
    return this.records.map((r) => ({ ...r, params: { ...r.params } }))
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
