// The HTTP control surface, close(), and the CLI.
// The control surface (in-process and HTTP), seeding, reset, close() and the CLI.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parseArgs, startCli } from '../../src/cli.js'
import { type Emulator, startEmulator } from '../../src/index.js'
import { allow, controlHeaders, popRam, popSts, trust } from '../harness.js'
import type { Json } from './fixture.js'

describe('HTTP control', () => {
  let emu: Emulator
  const ctl = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${emu.ramEndpoint}/__emulator/${path}`, {
      method,
      headers: controlHeaders(emu),
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8')
    return { status: res.status, body: (await res.json()) as Json }
  }
  beforeAll(async () => {
    emu = await startEmulator({ seed: 10 })
  })
  afterAll(async () => {
    await emu.close()
  })

  it('drives the same control API over HTTP', async () => {
    const index = await ctl('GET', '')
    expect(index.body.routes).toContain('POST /__emulator/createUser')

    const acct = await ctl('POST', 'createAccount', { accountId: '1111222233334444' })
    expect(acct).toEqual({ status: 200, body: { accountId: '1111222233334444', root: expect.any(Object) } })
    const user = await ctl('POST', 'createUser', {
      accountId: '1111222233334444',
      userName: 'ci',
      accessKey: true,
      policies: [{ type: 'System', name: 'AliyunRAMFullAccess' }],
    })
    expect(user.body).toMatchObject({
      userName: 'ci',
      accessKey: { accessKeyId: expect.stringMatching(/^LTAI/) },
    })
    const ram = popRam(emu, user.body.accessKey)
    await ram.call('CreateRole', {
      RoleName: 'made-by-ci',
      AssumeRolePolicyDocument: trust('acs:ram::1111222233334444:root'),
    })

    expect(
      (
        await ctl('POST', 'createRole', {
          accountId: '1111222233334444',
          roleName: 'via-http',
          assumeRolePolicyDocument: trust('acs:ram::1111222233334444:root'),
          maxSessionDuration: 3600,
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await ctl('POST', 'createPolicy', {
          accountId: '1111222233334444',
          policyName: 'p1',
          document: allow('oss:*'),
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await ctl('POST', 'attachPolicy', {
          accountId: '1111222233334444',
          principal: { type: 'role', name: 'via-http' },
          policy: { type: 'Custom', name: 'p1' },
        })
      ).body,
    ).toEqual({})
    const state = await ctl('GET', 'state?accountId=1111222233334444')
    expect(state.body.roles.map((r: Json) => [r.name, r.policies.length])).toEqual([
      ['made-by-ci', 0],
      ['via-http', 1],
    ])
    await ctl('POST', 'detachPolicy', {
      accountId: '1111222233334444',
      principal: { type: 'role', name: 'via-http' },
      policy: { type: 'Custom', name: 'p1' },
    })
    const key = await ctl('POST', 'createAccessKey', { accountId: '1111222233334444', userName: 'ci' })
    expect(key.body.accessKeyId).toMatch(/^LTAI/)
    expect((await ctl('GET', 'accounts')).body).toEqual(['1111222233334444'])

    const calls = await ctl('GET', 'calls')
    expect(calls.body.map((c: Json) => [c.action, c.write, c.status])).toEqual([['CreateRole', true, 200]])
    await ctl('POST', 'clearCalls')
    expect((await ctl('GET', 'calls')).body).toEqual([])
    await ctl('POST', 'reset')
    expect((await ctl('GET', 'accounts')).body).toEqual([])
  })

  it('reports errors as JSON with a status', async () => {
    expect(await ctl('GET', 'nope')).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } })
    expect(await ctl('GET', 'createAccount')).toMatchObject({
      status: 405,
      body: { error: { code: 'MethodNotAllowed' } },
    })
    expect(await ctl('POST', 'createAccount', '{not json')).toMatchObject({
      status: 400,
      body: { error: { code: 'InvalidArgument' } },
    })
    expect(await ctl('POST', 'createUser', { userName: 'x' })).toMatchObject({
      status: 400,
      body: { error: { code: 'InvalidArgument', message: '"accountId" must be a non-empty string.' } },
    })
    expect(await ctl('GET', 'state?accountId=42')).toMatchObject({
      status: 404,
      body: { error: { code: 'EntityNotExist.Account' } },
    })
  })

  it('is not served on the STS port', async () => {
    const res = await fetch(`${emu.stsEndpoint}/__emulator/accounts`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as Json).Code).toBe('InvalidAction.NotFound')
  })
})

describe('close()', () => {
  it('closes kept-alive connections so clients fail fast afterwards', async () => {
    const emu = await startEmulator()
    const { root } = emu.control.createAccount()
    const ram = popRam(emu, root)
    await ram.call('GetAccountAlias')
    await emu.close()
    await expect(ram.call('GetAccountAlias')).rejects.toMatchObject({
      code: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET)$/),
    })
  })
})

describe('CLI', () => {
  it('parses its flags', () => {
    expect(parseArgs([])).toEqual({ host: '127.0.0.1', ramPort: 8101, stsPort: 8102, help: false })
    expect(
      parseArgs(['--host', '::1', '--ram-port=0', '--sts-port', '9', '--seed', '7', '--write-env', '/tmp/x']),
    ).toEqual({
      host: '::1',
      ramPort: 0,
      stsPort: 9,
      seed: 7,
      envFile: '/tmp/x',
      help: false,
    })
    expect(() => parseArgs(['--env-file', '/tmp/y'])).toThrow('unknown option --env-file')
    expect(() => parseArgs(['--host', '0.0.0.0'])).toThrow('loopback only')
    expect(parseArgs(['--help']).help).toBe(true)
    expect(() => parseArgs(['--ram-port', 'abc'])).toThrow('--ram-port expects a port number')
    expect(() => parseArgs(['--seed'])).toThrow('--seed expects a value')
    expect(() => parseArgs(['--bogus'])).toThrow('unknown option --bogus')
  })

  it('seeds ci-admin, prints endpoints and credentials, and appends them to the env file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ram-emulator-'))
    const envFile = join(dir, 'github_env')
    writeFileSync(envFile, 'EXISTING=1\n')
    const lines: string[] = []
    const { emulator, accountId, env } = await startCli(
      { host: '127.0.0.1', ramPort: 0, stsPort: 0, seed: 99, envFile, help: false },
      (l) => lines.push(l),
    )
    try {
      expect(lines).toContain(`  RAM endpoint: ${emulator.ramEndpoint}`)
      expect(lines).toContain(`  STS endpoint: ${emulator.stsEndpoint}`)
      expect(lines).toContain(`  Account id:   ${accountId}`)
      expect(lines).toContain(`ALIBABA_CLOUD_ACCESS_KEY_ID=${env.ALIBABA_CLOUD_ACCESS_KEY_ID}`)
      expect(lines).toContain(`ALIBABA_CLOUD_ACCESS_KEY_SECRET=${env.ALIBABA_CLOUD_ACCESS_KEY_SECRET}`)
      expect(readFileSync(envFile, 'utf8')).toBe(
        `EXISTING=1\n${Object.entries(env)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n')}\n`,
      )
      // The printed key is ci-admin's, able to manage RAM and assume roles.
      const key = {
        accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID!,
        accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET!,
      }
      const who = await popSts(emulator, key).call<Json>('GetCallerIdentity')
      expect(who.Arn).toBe(`acs:ram::${accountId}:user/ci-admin`)
      const role = await popRam(emulator, key).call<Json>('CreateRole', {
        RoleName: 'from-cli',
        AssumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
      })
      await popSts(emulator, key).call('AssumeRole', { RoleArn: role.Role.Arn, RoleSessionName: 'cli' })
    } finally {
      await emulator.close()
    }
  })
})
