// The RPC client against a scripted local HTTP server: POST only, no undefined params,
// classified retries, and errors that carry Code/Message/RequestId but never the request.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { CloudError, fromReply, isTransient, toCloudError } from '../src/aliyun/errors.js'
import { createRpc, type RetryPolicy } from '../src/aliyun/rpc.js'

type Reply = { status: number; body: string } | 'reset' | 'hang'
let script: Reply[] = []
const seen: { method: string; body: URLSearchParams }[] = []
let server: Server
let endpoint: string

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', body: new URLSearchParams(body) })
      const reply = script.shift() ?? { status: 200, body: '{"RequestId":"OK-1"}' }
      if (reply === 'reset') return req.socket.destroy()
      if (reply === 'hang') return
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})
beforeEach(() => {
  script = []
  seen.length = 0
})

const err = (status: number, code: string, message = 'm') => ({
  status,
  body: JSON.stringify({ RequestId: 'REQ-9', HostId: 'ram.aliyuncs.com', Code: code, Message: message }),
})

function client(retry: Partial<RetryPolicy> = {}) {
  const sleeps: number[] = []
  const rpc = createRpc({
    service: 'ram',
    endpoint,
    credentials: { accessKeyId: 'LTAIkey', accessKeySecret: 'secret/+=', securityToken: 'CAIStoken+/=' },
    retry: {
      maxAttempts: 4,
      deadline: Date.now() + 60_000,
      requestTimeoutMs: 2000,
      baseDelayMs: 1,
      maxDelayMs: 2,
      ...retry,
    },
    sleep: async (ms) => {
      sleeps.push(ms)
    },
  })
  return { rpc, sleeps }
}

describe('createRpc()', () => {
  it('POSTs a signed form body and drops undefined parameters', async () => {
    const { rpc } = client()
    await rpc.call('GetRole', { RoleName: 'r', Marker: undefined })
    expect(seen[0]!.method).toBe('POST')
    expect(seen[0]!.body.get('RoleName')).toBe('r')
    expect(seen[0]!.body.has('Marker')).toBe(false)
    expect(seen[0]!.body.get('SecurityToken')).toBe('CAIStoken+/=')
    expect(seen[0]!.body.get('Signature')).toBeTruthy()
  })

  it.each<[string, Reply[], number]>([
    ['throttling then success', [err(400, 'Throttling.User')], 2],
    ['a 503 then success', [err(503, 'ServiceUnavailable')], 2],
    ['a reset then success', ['reset'], 2],
    ['an HTML 502 then success', [{ status: 502, body: '<html>bad gateway</html>' }], 2],
    ['InternalError twice then success', [err(500, 'InternalError'), err(500, 'InternalError')], 3],
  ])('retries %s', async (_reason, replies, calls) => {
    script = [...replies]
    const { rpc, sleeps } = client()
    await expect(rpc.call('GetRole', { RoleName: 'r' })).resolves.toBeDefined()
    expect(seen).toHaveLength(calls)
    expect(sleeps).toHaveLength(calls - 1)
  })

  it.each<[string, Reply]>([
    ['a permission error', err(403, 'NoPermission')],
    [
      'a signature error',
      err(
        400,
        'SignatureDoesNotMatch',
        'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3DCAIStoken',
      ),
    ],
    ['a validation error', err(400, 'InvalidParameter.RoleName.InvalidChars')],
    ['not found', err(404, 'EntityNotExist.Role')],
  ])('fails at once on %s', async (_reason, reply) => {
    script = [reply]
    const { rpc } = client()
    await expect(rpc.call('GetRole', { RoleName: 'r' })).rejects.toBeInstanceOf(CloudError)
    expect(seen).toHaveLength(1)
  })

  it('gives up after maxAttempts', async () => {
    script = Array.from({ length: 10 }, () => err(503, 'ServiceUnavailable'))
    const { rpc } = client({ maxAttempts: 3 })
    await expect(rpc.call('GetRole')).rejects.toMatchObject({ code: 'ServiceUnavailable' })
    expect(seen).toHaveLength(3)
  })

  it('gives throttling three times the attempts: the shared window is already slowing down', async () => {
    script = Array.from({ length: 20 }, () => err(400, 'Throttling.User'))
    const { rpc } = client({ maxAttempts: 3 })
    await expect(rpc.call('GetRole')).rejects.toMatchObject({ code: 'Throttling.User' })
    expect(seen).toHaveLength(9)
  })

  it('stops retrying at the deadline', async () => {
    script = Array.from({ length: 10 }, () => err(400, 'Throttling'))
    const { rpc } = client({ deadline: Date.now() - 1 })
    await expect(rpc.call('GetRole')).rejects.toMatchObject({ code: 'Throttling' })
    expect(seen).toHaveLength(1)
  })

  it('times a request out instead of hanging, then retries', async () => {
    script = ['hang']
    const { rpc } = client({ requestTimeoutMs: 200 })
    await expect(rpc.call('GetRole')).resolves.toBeDefined()
    expect(seen).toHaveLength(2)
  })

  it('reports Code: Message (RequestId) and never the token or URL', async () => {
    script = [
      err(
        400,
        'SignatureDoesNotMatch',
        'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3DCAIStoken',
      ),
    ]
    const { rpc } = client()
    const e = (await rpc.call('GetRole').catch((x) => x)) as CloudError
    expect(e.message).toBe(
      'SignatureDoesNotMatch: Specified signature is not matched with our calculation. (is the AccessKey secret right?) (RequestId REQ-9)',
    )
    expect(JSON.stringify({ ...e, message: e.message })).not.toMatch(/CAIS|LTAI|127\.0\.0\.1/)
  })
})

describe('fromReply(), toCloudError() and isTransient()', () => {
  const reply = (status: number, body: unknown) => ({
    status,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

  it.each<[string, { status: number; body: string }, string, boolean]>([
    [
      'throttling',
      reply(400, { Code: 'Throttling.Api', Message: 'flow control', RequestId: 'R' }),
      'Throttling.Api',
      true,
    ],
    [
      'Rejected.Throttling',
      reply(400, { Code: 'Rejected.Throttling', Message: 'x' }),
      'Rejected.Throttling',
      true,
    ],
    ['an unknown code with a 5xx', reply(502, { Code: 'Whatever' }), 'Whatever', true],
    ['NoPermission', reply(403, { Code: 'NoPermission', Message: 'no' }), 'NoPermission', false],
    ['a 4xx without a Code', reply(404, { RequestId: 'R' }), 'HTTP404', false],
    ['a 5xx without a Code', reply(503, {}), 'HTTP503', true],
    ['an HTML body', reply(502, '<html>bad gateway</html>'), 'InvalidResponse', true],
  ])('%s', (_reason, r, code, transient) => {
    let error: CloudError | undefined
    try {
      fromReply(r, 'ram', 'GetRole')
    } catch (e) {
      error = e as CloudError
    }
    expect(error?.code).toBe(code)
    expect(isTransient(error!)).toBe(transient)
  })

  it('passes a success through, and a Code of 200 counts as success', () => {
    expect(fromReply(reply(200, { RequestId: 'R', Role: {} }), 'ram', 'GetRole')).toEqual({
      RequestId: 'R',
      Role: {},
    })
    expect(fromReply(reply(200, { Code: '200', RequestId: 'R' }), 'ram', 'GetRole')).toMatchObject({
      RequestId: 'R',
    })
  })

  it.each<[string, unknown, string, boolean]>([
    ['a timeout', Object.assign(new Error('x'), { code: 'RequestTimeout' }), 'RequestTimeout', true],
    ['a reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'ECONNRESET', true],
    [
      'a refused connection',
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED',
      true,
    ],
    ['something else', 42, 'UnknownError', false],
  ])('%s below HTTP', (_reason, raw, code, transient) => {
    const e = toCloudError(raw, 'ram', 'GetRole')
    expect(e.code).toBe(code)
    expect(isTransient(e)).toBe(transient)
  })
})
