/**
 * Loopback only. The emulator hands out secrets to anyone who asks its control surface, so it
 * never binds an interface another machine can reach, and its control surface answers only
 * requests addressed to a loopback name (a DNS-rebound name reaching 127.0.0.1 carries its own
 * name in Host and is refused).
 */
import { isIP } from 'node:net'

/** 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  if (h.toLowerCase() === 'localhost') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (isIP(h) === 6) return h === '::1' || h.toLowerCase() === '0:0:0:0:0:0:0:1'
  return false
}

/** Throws unless `host` is a loopback address (what every listener of the package binds). */
export function requireLoopback(host: string, what: string): void {
  if (!isLoopbackHost(host)) {
    throw new Error(`${what} listens on loopback only (127.0.0.1, ::1 or localhost), not on "${host}".`)
  }
}

/** Whether a Host header names a loopback host (with or without a port). */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header) return false
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d{1,5})?$/.exec(header)
  return m !== null && isLoopbackHost(m[1]!)
}
