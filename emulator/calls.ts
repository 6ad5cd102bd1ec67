/** The call log: one record per API request, including rejected ones. */

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
  status: number
  code?: string
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

  record(r: Omit<CallRecord, 'seq'>): void {
    this.records.push({ seq: ++this.seq, ...r })
  }

  list(): CallRecord[] {
    return this.records.map((r) => ({ ...r, params: { ...r.params } }))
  }

  clear(): void {
    this.records = []
  }

  reset(): void {
    this.records = []
    this.seq = 0
  }
}
