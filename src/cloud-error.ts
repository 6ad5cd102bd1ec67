/**
 * A failed call to RAM or STS, in one safe shape: built only from the response's Code, Message
 * and RequestId (or the transport's error code), never from the request, so it can be printed
 * as is. The adapter (aliyun/) makes them; the engine and the hints read them.
 */
export class CloudError extends Error {
  override readonly name = 'CloudError'
  constructor(
    readonly service: 'ram' | 'sts',
    readonly action: string,
    readonly code: string,
    readonly detail: string,
    readonly requestId?: string,
    /** The HTTP status, when there was an answer. */
    readonly status?: number,
  ) {
    super(`${code}: ${detail}${requestId ? ` (RequestId ${requestId})` : ''}`)
  }
}

/** True when the error says the named entity does not exist (any EntityNotExist.* code). */
export function isNotFound(e: unknown, what?: string): boolean {
  if (!(e instanceof CloudError)) return false
  return what ? e.code === `EntityNotExist.${what}` : e.code.startsWith('EntityNotExist')
}

/** Connection-level failures, from Node's sockets and DNS. */
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

/** True for a code that says the connection failed, as opposed to the service answering. */
export function isNetworkCode(code: string): boolean {
  return NETWORK_CODES.has(code)
}

/** True when no answer came back at all: the request may or may not have been carried out. */
export function isTransportFailure(e: CloudError): boolean {
  return e.code === 'RequestTimeout' || isNetworkCode(e.code) || e.code.startsWith('UND_ERR')
}
