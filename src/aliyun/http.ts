import type { Agent, IncomingMessage, RequestOptions } from 'node:http'

/** What came back: the status and the whole body. */
export interface HttpReply {
  status: number
  body: string
}

/** A request that got no answer within its timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 'RequestTimeout'
}

/**
 * POSTs a form body and reads the whole reply. `node:https` is loaded only for https
 * endpoints, and the timeout covers connecting and reading alike: a request never hangs.
 */
export async function postForm(
  url: URL,
  body: string,
  options: { timeoutMs: number; agent?: Agent; headers: Record<string, string> },
): Promise<HttpReply> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http')
  const requestOptions: RequestOptions = {
    method: 'POST',
    agent: options.agent,
    headers: {
      ...options.headers,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
    },
  }
  return new Promise((resolve, reject) => {
    const req = request(url, requestOptions, (res: IncomingMessage) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    const timer = setTimeout(
      () => req.destroy(new RequestTimeoutError(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    )
    req.on('close', () => clearTimeout(timer))
    req.on('error', reject)
    req.end(body)
  })
}
