/**
 * Reading a request body under a size limit. An oversized body is read to its end and thrown
 * away, so the server can answer 413 on a connection the client is still writing to; resetting
 * it instead loses the answer. Past `drainLimit` the client is not worth waiting for.
 */
import type { IncomingMessage } from 'node:http'

export type Body = { ok: true; body: Buffer } | { ok: false; size: number }

/** The body, or `{ok: false}` once it passed `limit` bytes. */
export function readLimitedBody(req: IncomingMessage, limit: number, drainLimit = 8 * limit): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= limit) chunks.push(c)
      else if (chunks.length > 0) chunks.length = 0
      if (size > drainLimit) req.destroy()
    })
    req.on('end', () =>
      resolve(size <= limit ? { ok: true, body: Buffer.concat(chunks) } : { ok: false, size }),
    )
    req.on('error', reject)
  })
}
