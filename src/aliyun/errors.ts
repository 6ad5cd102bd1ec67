/**
 * The boundary where pop-core's outcomes become CloudErrors, and which of them another attempt
 * can cure. pop-core decides success by the body alone, throws a plain object (not an Error)
 * for a body that is not JSON, and puts the request URL in its messages; nothing here reads a
 * message, a URL or an entry's request, so nothing printed can carry a request parameter.
 */
import { CloudError, isNetworkCode } from '../cloud-error.js'

type Service = 'ram' | 'sts'

/**
 * Checks a reply pop-core accepted. pop-core ignores the HTTP status, so an error status whose
 * body has no Code (a gateway's JSON, an empty object) would otherwise pass as success.
 */
export function checkStatus(
  status: number | undefined,
  body: Record<string, unknown>,
  service: Service,
  action: string,
): void {
  if (status === undefined || status < 400) return
  const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined
  throw new CloudError(
    service,
    action,
    `HTTP${status}`,
    `HTTP ${status} without an error code`,
    requestId,
    status,
  )
}

/** Turns whatever a pop-core request threw into a CloudError, reading only safe fields. */
export function fromPopCore(err: unknown, service: Service, action: string): CloudError {
  if (err instanceof CloudError) return err
  const e = (err ?? {}) as {
    name?: unknown
    code?: unknown
    data?: { Message?: unknown; RequestId?: unknown }
    entry?: { response?: { statusCode?: unknown } }
  }
  const status = typeof e.entry?.response?.statusCode === 'number' ? e.entry.response.statusCode : undefined
  // A service error: pop-core found a Code in the body and kept the body in `data`.
  if (typeof e.code === 'string' && e.data && typeof e.data === 'object') {
    const requestId = typeof e.data.RequestId === 'string' ? e.data.RequestId : undefined
    return new CloudError(service, action, e.code, safeMessage(e.code, e.data.Message), requestId, status)
  }
  // json-bigint rejects a body that is not JSON (an HTML page from a proxy or load balancer,
  // a truncated body) with a plain object whose `text` is that body: never print it.
  if (e.name === 'SyntaxError') {
    return new CloudError(service, action, 'InvalidResponse', 'the reply body is not JSON')
  }
  if (e.name === 'RequestTimeoutError' || e.code === 'RequestTimeout') {
    return new CloudError(service, action, 'RequestTimeout', 'no answer within the request timeout')
  }
  if (typeof e.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(e.code)) {
    return new CloudError(service, action, e.code, 'the connection failed')
  }
  return new CloudError(service, action, 'UnknownError', 'the request failed for an unknown reason')
}

/**
 * The service's Message, minus the part that can echo request parameters: on
 * SignatureDoesNotMatch the service appends its string-to-sign, which holds the SecurityToken.
 */
function safeMessage(code: string, message: unknown): string {
  const text = typeof message === 'string' ? message : ''
  const cut = text.indexOf('server string to sign is')
  const kept = cut >= 0 ? `${text.slice(0, cut).trim()} (is the AccessKey secret right?)` : text
  return kept.slice(0, 500) || code
}

/**
 * True for errors another attempt can cure: throttling, server-side faults, dropped
 * connections, timeouts and garbled bodies. Validation, signature, permission and not-found
 * errors are final, so a bad configuration fails in seconds.
 */
export function isTransient(e: CloudError): boolean {
  return (
    wasRejected(e) ||
    e.code === 'ServiceUnavailable' ||
    e.code === 'InternalError' ||
    e.code === 'RequestTimeout' ||
    e.code === 'InvalidResponse' ||
    isNetworkCode(e.code) ||
    (e.status !== undefined && e.status >= 500)
  )
}

/** True when the service refused the request before doing anything (throttling). */
export function wasRejected(e: CloudError): boolean {
  return e.code.includes('Throttling') || e.code === 'SignatureNonceUsed'
}
