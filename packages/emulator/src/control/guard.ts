/**
 * Who may use the HTTP control surface: requests addressed to a loopback Host, carrying the
 * control token printed at start (`Authorization: Bearer <token>`), and, when they change
 * anything, with a JSON body. Together these refuse a web page the developer happens to visit:
 * a DNS-rebound name fails the Host check, and a cross-site form or `text/plain` POST (a CORS
 * "simple request", sent without a preflight) can carry neither the token nor a JSON type.
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isLoopbackHostHeader } from '../net/loopback.js'

/** Why a control request is refused: the HTTP status, a code and a message. */
export interface Refusal {
  status: number
  code: string
  message: string
}

const sameToken = (given: string, token: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The refusal for a control request, or undefined when it may proceed. */
export function refuseControlRequest(req: IncomingMessage, token: string): Refusal | undefined {
  if (!isLoopbackHostHeader(req.headers.host)) {
    return { status: 403, code: 'ForbiddenHost', message: 'The control surface answers loopback hosts only.' }
  }
  const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (!auth || !sameToken(auth[1]!, token)) {
    return {
      status: 401,
      code: 'Unauthorized',
      message: 'Send the control token printed at start as "Authorization: Bearer <token>".',
    }
  }
  const method = (req.method ?? 'GET').toUpperCase()
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (method !== 'GET' && method !== 'HEAD' && type !== 'application/json') {
    return {
      status: 415,
      code: 'UnsupportedMediaType',
      message: 'Control requests that change state take "content-type: application/json".',
    }
  }
  return undefined
}
