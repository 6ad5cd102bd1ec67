/** How the OSS stand-in reads a PutObject request: bucket and object, region, signature V1. */

import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { readLimitedBody } from '../net/body.js'

const MAX_BODY = 16 * 1024 * 1024
export const WINDOW_MS = 15 * 60 * 1000
const DEFAULT_REGION = 'cn-hangzhou'

export class OssError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const denied = (message: string): OssError => new OssError(403, 'AccessDenied', message)

export const xmlEscape = (s: string): string =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v.join(',') : v
}

function hostname(host: string): string {
  const h = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '')
  return h.toLowerCase()
}

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/

/**
 * The readings of (Host, path) as bucket and object, in order: virtual-hosted (bucket = first
 * label of a host name that is not an IP or `localhost`, object = the whole path), then
 * path-style (`/<bucket>/<object>`). ali-oss with an IP endpoint sends the bucket in Host and, with
 * `sldEnable`, in the path as well; the signature tells which reading the client signed.
 */
export function targets(host: string, path: string): Array<{ bucket: string; key: string }> {
  const out: Array<{ bucket: string; key: string }> = []
  const name = hostname(host)
  if (name.includes('.') && isIP(name) === 0) {
    const bucket = name.split('.')[0]!
    if (BUCKET.test(bucket) && path.length > 1) out.push({ bucket, key: path.slice(1) })
  }
  const m = /^\/([^/]+)\/(.+)$/s.exec(path)
  if (m && BUCKET.test(m[1]!)) out.push({ bucket: m[1]!, key: m[2]! })
  return out
}

/** `oss-<region>[-internal]` among the Host labels after the first, else cn-hangzhou. */
export function regionOf(host: string): string {
  for (const label of hostname(host).split('.').slice(1)) {
    const m = /^oss-([a-z0-9-]+?)(?:-internal)?$/.exec(label)
    if (m) return m[1]!
  }
  return DEFAULT_REGION
}

export function stringToSign(req: IncomingMessage, resource: string): string {
  const oss = Object.keys(req.headers)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${(header(req, k) ?? '').trim()}`)
  return [
    req.method ?? '',
    header(req, 'content-md5') ?? '',
    header(req, 'content-type') ?? '',
    header(req, 'x-oss-date') ?? header(req, 'date') ?? '',
    ...oss,
    resource,
  ].join('\n')
}

export function signatureMatches(secret: string, toSign: string, provided: string): boolean {
  const expected = Buffer.from(createHmac('sha1', secret).update(toSign, 'utf8').digest('base64'))
  const got = Buffer.from(provided)
  return expected.length === got.length && timingSafeEqual(expected, got)
}

/** The body, or EntityTooLarge once it passes 16 MB (read to its end, so the answer arrives). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const read = await readLimitedBody(req, MAX_BODY)
  if (!read.ok)
    throw new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the stand-in limit (16 MB).')
  return read.body
}
