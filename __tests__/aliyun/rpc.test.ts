// The RPC client (pop-core underneath) against a scripted local HTTP server: POST only, no
// undefined params, classified retries, pop-core's quirks handled at this one boundary, and
// errors that carry Code/Message/RequestId but never the request.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { fromPopCore, isTransient } from '../../src/aliyun/errors.js'
import { createRpc, type RetryPolicy } from '../../src/aliyun/rpc.js'
import { CloudError } from '../../src/cloud-error.js'

type Reply = { status: number; body: string } | 'reset' | 'hang'
let script: Reply[] = []
const seen: { method: string; url: string; body: URLSearchParams }[] = []
let server: Server
let endpoint: string

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body: new URLSearchParams(body) })
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
    // Nothing in the URL: with GET, pop-core's errors would carry it, token and all.
    expect(seen[0]!.url).toBe('/')
    expect(seen[0]!.body.get('Action')).toBe('GetRole')
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

  const throttled = err(400, 'Throttling.User')
  const unavailable = err(503, 'ServiceUnavailable')
  const ok = { status: 200, body: '{"RequestId":"OK-1"}' }
  it.each<[string, Reply[], 'resolves' | 'rejects', number]>([
    [
      'retries throttling past maxAttempts: only the deadline bounds it',
      [...Array(20).fill(throttled), ok],
      'resolves',
      21,
    ],
    [
      'keeps the server-error attempts whole through throttling',
      [...Array(5).fill(throttled), unavailable, unavailable, ok],
      'resolves',
      8,
    ],
    [
      'counts only server errors against maxAttempts',
      [unavailable, throttled, unavailable, throttled, unavailable, ok],
      'rejects',
      5,
    ],
  ])('%s', async (_reason, replies, outcome, requests) => {
    script = replies
    const { rpc } = client({ maxAttempts: 3 })
    const call = rpc.call('GetRole')
    if (outcome === 'resolves') await expect(call).resolves.toBeDefined()
    else await expect(call).rejects.toMatchObject({ code: 'ServiceUnavailable' })
    expect(seen).toHaveLength(requests)
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

describe("pop-core's quirks, handled at the boundary", () => {
  it.each<[string, Reply, string, boolean]>([
    ['throttling', err(400, 'Throttling.Api', 'flow control'), 'Throttling.Api', true],
    ['Rejected.Throttling', err(400, 'Rejected.Throttling'), 'Rejected.Throttling', true],
    ['an unknown code with a 5xx', err(502, 'Whatever'), 'Whatever', true],
    ['NoPermission', err(403, 'NoPermission'), 'NoPermission', false],
    // pop-core resolves these: it decides success by the body alone.
    ['a 4xx without a Code', { status: 404, body: '{"RequestId":"R"}' }, 'HTTP404', false],
    ['a 5xx without a Code', { status: 503, body: '{}' }, 'HTTP503', true],
    // pop-core rejects this with a plain object holding the body.
    ['an HTML body', { status: 502, body: '<html>bad gateway</html>' }, 'InvalidResponse', true],
  ])('%s', async (_reason, reply, code, transient) => {
    // One attempt: a past deadline stops even throttling, which maxAttempts does not bound.
    script = [reply]
    const { rpc } = client({ maxAttempts: 1, deadline: Date.now() - 1 })
    const e = (await rpc.call('GetRole').catch((x) => x)) as CloudError
    expect(e).toBeInstanceOf(CloudError)
    expect(e.code).toBe(code)
    expect(isTransient(e)).toBe(transient)
    expect(e.message).not.toMatch(/html|127\.0\.0\.1|http:/)
  })

  it('passes a success through as plain objects, and a Code of 200 counts as success', async () => {
    script = [
      { status: 200, body: '{"RequestId":"R","Role":{"RoleId":12345678901234567890,"Arn":"a"}}' },
      { status: 200, body: '{"Code":"200","RequestId":"R"}' },
    ]
    const { rpc } = client()
    const role = await rpc.call('GetRole')
    // json-bigint's null-prototype objects and BigNumbers do not leak out.
    expect(Object.getPrototypeOf(role)).toBe(Object.prototype)
    expect(role).toEqual({ RequestId: 'R', Role: { RoleId: '12345678901234567890', Arn: 'a' } })
    expect(await rpc.call('GetRole')).toMatchObject({ RequestId: 'R' })
  })

  it('refuses a reply with a "__proto__" key as not JSON, and pollutes no prototype', async () => {
    // pop-core's parser (json-bigint) rejects the key outright; plain() would keep it a key.
    script = [{ status: 200, body: '{"RequestId":"R","__proto__":{"polluted":true}}' }]
    const { rpc } = client({ maxAttempts: 1, deadline: Date.now() - 1 })
    const e = (await rpc.call('GetRole').catch((x) => x)) as CloudError
    expect(seen).toHaveLength(1)
    expect(e.code).toBe('InvalidResponse')
    expect((e as { polluted?: boolean }).polluted).toBeUndefined()
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('sends no request body to the log, even when DEBUG asks its HTTP layer for it', async () => {
    jest.resetModules()
    const saved = process.env.DEBUG
    process.env.DEBUG = '*'
    const written: string[] = []
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk))
      return true
    })
    try {
      const fresh = (await import('../../src/aliyun/rpc.js')).createRpc({
        service: 'sts',
        endpoint,
        credentials: { accessKeyId: 'LTAIkey', accessKeySecret: 'secret', securityToken: 'CAIStoken+/=' },
        retry: {
          maxAttempts: 1,
          deadline: Date.now() + 5000,
          requestTimeoutMs: 2000,
          baseDelayMs: 1,
          maxDelayMs: 1,
        },
      })
      await fresh.call('GetCallerIdentity')
      // DEBUG is back as it was for everything else, before this test restores anything.
      expect(process.env.DEBUG).toBe('*')
    } finally {
      spy.mockRestore()
      if (saved === undefined) delete process.env.DEBUG
      else process.env.DEBUG = saved
    }
    expect(seen).toHaveLength(1)
    expect(written.join('')).not.toMatch(/CAIStoken|SecurityToken/)
  })

  it.each<[string, unknown, string, boolean]>([
    [
      'a timeout',
      Object.assign(new Error('ReadTimeout(1). POST http://x/ failed.'), { name: 'RequestTimeoutError' }),
      'RequestTimeout',
      true,
    ],
    ['a reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'ECONNRESET', true],
    [
      'a refused connection',
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED',
      true,
    ],
    ['something else', 42, 'UnknownError', false],
  ])('%s below HTTP', (_reason, raw, code, transient) => {
    const e = fromPopCore(raw, 'ram', 'GetRole')
    expect(e.code).toBe(code)
    expect(isTransient(e)).toBe(transient)
    expect(e.message).not.toMatch(/http:/)
  })
})
