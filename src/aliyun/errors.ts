/**
 * Cloud errors in one safe shape.
 *
 * pop-core's own Error carries the request URL (with GET: the signed query, SecurityToken
 * included) in `message`, `url` and `entry`. None of those is ever read here: a CloudError is
 * built from the response's Code, Message and RequestId only, so it can be printed as is.
 */

/** A failed call to RAM or STS, printable as `Code: Message (RequestId …)`. */
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

/** Turns whatever pop-core rejected with into a CloudError, reading no URL or message from it. */
export function toCloudError(err: unknown, service: 'ram' | 'sts', action: string): CloudError {
  if (err instanceof CloudError) return err
  const e = (err ?? {}) as {
    code?: unknown
    name?: unknown
    data?: { Code?: unknown; Message?: unknown; RequestId?: unknown }
    entry?: { response?: { statusCode?: unknown } }
  }
  const data = e.data
  if (data && typeof data.Code === 'string') {
    const status = typeof e.entry?.response?.statusCode === 'number' ? e.entry.response.statusCode : undefined
    return new CloudError(
      service,
      action,
      data.Code,
      safeMessage(data.Code, data.Message),
      typeof data.RequestId === 'string' ? data.RequestId : undefined,
      status,
    )
  }
  if (e.name === 'RequestTimeoutError') {
    return new CloudError(service, action, 'RequestTimeout', 'no answer within the request timeout')
  }
  if (e.name === 'SyntaxError') {
    return new CloudError(
      service,
      action,
      'InvalidResponse',
      'the service answered with a body that is not JSON',
    )
  }
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || e.code.startsWith('E'))) {
    return new CloudError(service, action, e.code, 'the connection failed')
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
