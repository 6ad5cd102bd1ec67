/**
 * Cloud errors in one safe shape: built from the response's Code, Message and RequestId (or
 * the socket error's code) only, never from a request, so it can be printed as is.
 */

/** A failed call to RAM or STS, printable as `Code: Message (RequestId ...)`. */
export class CloudError extends Error {
  override readonly name = 'CloudError'
  constructor(
    readonly service: 'ram' | 'sts',
    readonly action: string,
    readonly code: string,
    readonly detail: string,
    readonly requestId?: string,
    readonly status?: number,
  ) {
    super(`${code}: ${detail}${requestId ? ` (RequestId ${requestId})` : ''}`)
  }
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
])

/** The answer of a call: its JSON on success, a CloudError built from Code/Message/RequestId otherwise. */
export function fromReply(
  reply: { status: number; body: string },
  service: 'ram' | 'sts',
  action: string,
): Record<string, unknown> {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(reply.body)
  } catch {
    // An HTML page from a proxy or load balancer, or a truncated body.
    throw new CloudError(
      service,
      action,
      'InvalidResponse',
      `HTTP ${reply.status} with a body that is not JSON`,
      undefined,
      reply.status,
    )
  }
  const requestId = typeof json.RequestId === 'string' ? json.RequestId : undefined
  if (typeof json.Code === 'string' && !SUCCESS_CODES.has(json.Code)) {
    throw new CloudError(
      service,
      action,
      json.Code,
      safeMessage(json.Code, json.Message),
      requestId,
      reply.status,
    )
  }
  // Unlike pop-core, the HTTP status counts too: an error status without a Code is still an error.
  if (reply.status >= 400) {
    throw new CloudError(
      service,
      action,
      `HTTP${reply.status}`,
      `HTTP ${reply.status} without an error code`,
      requestId,
      reply.status,
    )
  }
  return json
}

const SUCCESS_CODES = new Set(['200', 'OK', 'Success', 'success'])

/** Turns a failure below HTTP (a reset, a refused connection, a timeout) into a CloudError. */
export function toCloudError(err: unknown, service: 'ram' | 'sts', action: string): CloudError {
  if (err instanceof CloudError) return err
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'RequestTimeout')
    return new CloudError(service, action, 'RequestTimeout', 'no answer within the request timeout')
  if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) {
    return new CloudError(service, action, code, 'the connection failed')
  }
  return new CloudError(service, action, 'UnknownError', 'the request failed for an unknown reason')
}

/**
 * The service's Message, minus the part that can echo request parameters: on
 * SignatureDoesNotMatch RAM appends its string-to-sign, which contains the SecurityToken.
 */
function safeMessage(code: string, message: unknown): string {
  const text = typeof message === 'string' ? message : ''
  const cut = text.indexOf('server string to sign is')
  const kept = cut >= 0 ? `${text.slice(0, cut).trim()} (is the AccessKey secret right?)` : text
  return kept.slice(0, 500) || code
}

/**
 * True for errors another attempt can cure: throttling, server-side faults, dropped
 * connections, timeouts and garbled bodies. Validation, signature and permission errors are
 * final, so a bad configuration fails in seconds.
 */
export function isTransient(e: CloudError): boolean {
  return (
    e.code.includes('Throttling') ||
    e.code === 'ServiceUnavailable' ||
    e.code === 'InternalError' ||
    e.code === 'SignatureNonceUsed' ||
    e.code === 'RequestTimeout' ||
    e.code === 'InvalidResponse' ||
    NETWORK_CODES.has(e.code) ||
    (e.status !== undefined && e.status >= 500)
  )
}

/** True when the service refused the request before doing anything (throttling). */
export function wasRejected(e: CloudError): boolean {
  return e.code.includes('Throttling') || e.code === 'SignatureNonceUsed'
}

/** True when the error says the named entity does not exist (any EntityNotExist.* code). */
export function isNotFound(e: unknown, what?: string): boolean {
  if (!(e instanceof CloudError)) return false
  return what ? e.code === `EntityNotExist.${what}` : e.code.startsWith('EntityNotExist')
}
