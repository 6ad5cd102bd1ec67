// The emulator as a local server facing hostile input: one test per safety property.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startCli } from '../src/cli.js'
import { type Emulator, startEmulator, startOssStandIn } from '../src/index.js'
import { controlHeaders, popRam } from './harness.js'

type Json = Record<string, unknown>

/** A raw request, so a test controls the Host header and the target (fetch normalizes both). */
function raw(
  endpoint: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; json: Json }> {
  const url = new URL(endpoint)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: Json = {}
          try {
            json = JSON.parse(text) as Json
          } catch {}
          resolve({ status: res.statusCode ?? 0, json })
        })
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ seed: 31, callLog: { maxEntries: 5 } })
})
afterAll(async () => {
  await emu.close()
})

describe('loopback only', () => {
  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com'])('refuses to bind %s', async (host) => {
    await expect(startEmulator({ host })).rejects.toThrow('loopback only')
    await expect(startOssStandIn(emu, { host })).rejects.toThrow('loopback only')
  })

  it.each(['127.0.0.1', 'localhost'])('binds %s', async (host) => {
    const other = await startEmulator({ host })
    await other.close()
  })
})

describe('the control surface', () => {
  const accounts = () => emu.control.accounts().length
  const post = (headers: Record<string, string>, path = '/__emulator/createAccount') =>
    raw(emu.ramEndpoint, {
      method: 'POST',
      path,
      headers: { host: new URL(emu.ramEndpoint).host, ...headers },
      body: '{}',
    })

  it('answers with the token and a JSON body', async () => {
    const before = accounts()
    const res = await post(controlHeaders(emu))
    expect(res.status).toBe(200)
    expect(accounts()).toBe(before + 1)
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['the token without "Bearer"', { authorization: 'TOKEN' }],
  ])('refuses %s with 401 and changes nothing', async (_name, auth) => {
    const before = accounts()
    const res = await post({ 'content-type': 'application/json', ...auth })
    expect(res.status).toBe(401)
    expect((res.json.error as Json).code).toBe('Unauthorized')
    expect(accounts()).toBe(before)
  })

  it('refuses a read without the token too (state holds no secrets, credentialInfo does)', async () => {
    const res = await raw(emu.ramEndpoint, {
      path: '/__emulator/accounts',
      headers: { host: new URL(emu.ramEndpoint).host },
    })
    expect(res.status).toBe(401)
  })

  it.each(['evil.example', 'evil.example:80', 'rebound.attacker.test:8101', '127.0.0.1.nip.io'])(
    'refuses Host %s with 403, token or not (DNS rebinding)',
    async (host) => {
      const before = accounts()
      const res = await post({ ...controlHeaders(emu), host })
      expect(res.status).toBe(403)
      expect((res.json.error as Json).code).toBe('ForbiddenHost')
      expect(accounts()).toBe(before)
    },
  )

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'refuses a write sent as %j (a CORS simple request) with 415',
    async (type) => {
      const before = accounts()
      const headers: Record<string, string> = { authorization: `Bearer ${emu.controlToken}` }
      if (type) headers['content-type'] = type
      const res = await post(headers)
      expect(res.status).toBe(415)
      expect(accounts()).toBe(before)
    },
  )

  it('has a token of its own per start, not derived from the seed', async () => {
    const again = await startEmulator({ seed: 31 })
    expect(again.controlToken).not.toBe(emu.controlToken)
    expect(again.controlToken.length).toBeGreaterThanOrEqual(32)
    await again.close()
  })
})

describe('the call log', () => {
  it('cuts long parameter values', async () => {
    const { accountId } = emu.control.createAccount()
    const { accessKey } = emu.control.createUser(accountId, 'logger', { accessKey: true })
    emu.control.clearCalls()
    await popRam(emu, accessKey!)
      .call('GetUser', { UserName: 'logger', Junk: 'x'.repeat(100_000) })
      .catch(() => undefined)
    const [record] = emu.control.calls()
    expect(record!.params.Junk).toBe(`${'x'.repeat(1024)}…[${100_000 - 1024} more characters]`)
  })

  it('keeps at most maxEntries records, dropping the oldest', async () => {
    const { accountId } = emu.control.createAccount()
    const { accessKey } = emu.control.createUser(accountId, 'counter', { accessKey: true })
    const ram = popRam(emu, accessKey!)
    for (let i = 0; i < 12; i++) await ram.call('GetUser', { UserName: 'counter' }).catch(() => undefined)
    const calls = emu.control.calls()
    expect(calls).toHaveLength(5)
    const seqs = calls.map((c) => c.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(seqs[4]! - seqs[0]!).toBe(4)
  })

  it('refuses limits that are not positive integers', async () => {
    await expect(startEmulator({ callLog: { maxEntries: 0 } })).rejects.toThrow('callLog.maxEntries')
  })
})

describe('requests the server cannot serve', () => {
  it('answers 413 to an 11 MB body, on a connection that stays readable', async () => {
    const res = await raw(emu.ramEndpoint, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.alloc(11 * 1024 * 1024, 'a'),
    })
    expect(res.status).toBe(413)
    expect(res.json.Code).toBe('InvalidParameter.BodySize')
  })

  it.each(['//', '//x/y', '/a/../..//b'])('answers 404 to the malformed path %j', async (path) => {
    for (const endpoint of [emu.ramEndpoint, emu.stsEndpoint]) {
      const res = await raw(endpoint, { path })
      expect(res.status).toBe(404)
      expect(res.json.Code).toBe('InvalidAction.NotFound')
    }
  })
})

describe('fault settings', () => {
  it.each([
    [{ latencyMs: 1e12 }, /"latencyMs" must be a number in \[0, 60000\]/],
    [{ latencyMs: { min: 10, max: 2 ** 31 } }, /"latencyMs.max"/],
    [{ latencyMs: { min: 10, max: 5 } }, /"latencyMs.max" must be a number in \[10, 60000\]/],
    [{ visibilityDelayMs: -1 }, /"visibilityDelayMs"/],
    [{ grantDelayMs: 1e10 }, /"grantDelayMs" must be a number in \[0, 3600000\]/],
    [{ throttleRate: 1.5 }, /"throttleRate" must be a number in \[0, 1\]/],
    [{ qps: Number.POSITIVE_INFINITY }, /"qps"/],
  ])('refuses %j instead of clamping it', async (config, message) => {
    // A config in force, with a fault on record: applying any config would reset the count.
    const { accountId } = emu.control.createAccount()
    const { accessKey } = emu.control.createUser(accountId, 'faulted', { accessKey: true })
    emu.control.setFaults({ throttleRate: 1 })
    await popRam(emu, accessKey!)
      .call('GetUser', { UserName: 'faulted' })
      .catch(() => undefined)
    try {
      expect(() => emu.control.setFaults(config)).toThrow(message)
      expect(emu.control.faultStats().throttle).toBe(1)
    } finally {
      emu.control.clearFaults()
    }
  })
})

describe('start-up errors', () => {
  const cli = join(import.meta.dirname, '..', 'lib', 'cli.js')
  const run = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child: ChildProcess = spawn(process.execPath, [cli, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      child.stderr!.on('data', (c: Buffer) => {
        stderr += c.toString('utf8')
      })
      child.on('exit', (code) => resolve({ code, stderr }))
    })

  it('has a built CLI to run (npm test builds it)', () => {
    expect(existsSync(cli)).toBe(true)
  })

  it('exits 1 with one line when the port is in use', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done))
    const port = (blocker.address() as { port: number }).port
    try {
      const { code, stderr } = await run(['--ram-port', String(port), '--sts-port', '0'])
      expect(code).toBe(1)
      expect(stderr).toBe(`emulator: cannot start: listen EADDRINUSE on 127.0.0.1:${port}\n`)
    } finally {
      blocker.close()
    }
  })

  it('exits 1 with one line when --write-env cannot be written, and does not stay up', async () => {
    const { code, stderr } = await run([
      '--ram-port',
      '0',
      '--sts-port',
      '0',
      '--write-env',
      '/nonexistent-dir/env',
    ])
    expect(code).toBe(1)
    expect(stderr).toBe('emulator: cannot start: cannot write --write-env /nonexistent-dir/env: ENOENT\n')
  })

  it('exits 2 with the usage on a bad flag', async () => {
    const { code, stderr } = await run(['--latency-ms', '99999999999'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^invalid fault option: "latencyMs" must be a number in \[0, 60000\]/)
  })
})

describe('the control token at start', () => {
  it('is printed and written by --write-env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-token-'))
    const envFile = join(dir, 'env')
    const lines: string[] = []
    const started = await startCli(
      { host: '127.0.0.1', ramPort: 0, stsPort: 0, envFile, help: false },
      (line) => lines.push(line),
    )
    try {
      const token = started.emulator.controlToken
      expect(lines).toContain(`RAM_EMULATOR_CONTROL_TOKEN=${token}`)
      expect(readFileSync(envFile, 'utf8')).toContain(`RAM_EMULATOR_CONTROL_TOKEN=${token}\n`)
    } finally {
      await started.emulator.close()
    }
  })
})
