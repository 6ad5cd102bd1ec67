// GitHub OIDC end to end: a stand-in for the runner's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL /
// _TOKEN) signs RS256 JWTs with a key the emulator's OIDC provider trusts; the bundle exchanges the
// token with AssumeRoleWithOIDC, reconciles as that session and assumes the target role.
import { generateKeyPairSync, type JsonWebKey, sign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { ROOT, runAction, workspace } from '../../scripts/local-runner.js'
import { startProxy } from '../fixtures/proxy.js'

const ISSUER = 'https://token.actions.githubusercontent.com'
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${b64({ iss: ISSUER, iat: now, nbf: now, exp: now + 300, ...claims })}`
  return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`
}

let emu: Emulator
let accountId: string
let tokenServer: Server
let tokenPort: number
const REQUEST_TOKEN = 'runtime-bearer-token'
/** What the next ID tokens look like, and how many requests fail first. */
let tokenClaims: Record<string, unknown> = {}
let failFirst = 0
const tokenRequests: { audience: string | null; auth: string | undefined }[] = []
/** Every ID token the endpoint handed out, in order. */
const issuedTokens: string[] = []

beforeAll(async () => {
  emu = await startEmulator({ seed: 41, profile: 'realistic' })
  ;({ accountId } = emu.control.createAccount())
  const provider = emu.control.createOidcProvider(accountId, {
    name: 'github',
    issuerUrl: ISSUER,
    clientIds: ['sts.aliyuncs.com'],
    keys: [jwk as JsonWebKey],
  })
  emu.control.createPolicy(
    accountId,
    'github-reconciler',
    readFileSync(join(ROOT, 'examples', 'reconciler-policy.json'), 'utf8'),
  )
  emu.control.createRole(accountId, 'github-actions', {
    assumeRolePolicyDocument: JSON.stringify({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Federated: [provider.arn] },
          Condition: {
            StringEquals: { 'oidc:aud': 'sts.aliyuncs.com' },
            StringLike: { 'oidc:sub': 'repo:acme/app:*' },
          },
        },
      ],
    }),
    policies: [{ type: 'Custom', name: 'github-reconciler' }],
  })
  tokenServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    tokenRequests.push({ audience: url.searchParams.get('audience'), auth: req.headers.authorization })
    if (failFirst > 0) {
      failFirst--
      return res.writeHead(503).end('unavailable')
    }
    if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) return res.writeHead(401).end()
    res.writeHead(200, { 'content-type': 'application/json' })
    const value = jwt({
      aud: url.searchParams.get('audience'),
      sub: 'repo:acme/app:ref:refs/heads/main',
      ...tokenClaims,
    })
    issuedTokens.push(value)
    res.end(JSON.stringify({ value }))
  })
  await new Promise<void>((r) => tokenServer.listen(0, '127.0.0.1', r))
  tokenPort = (tokenServer.address() as AddressInfo).port
})
afterAll(async () => {
  tokenServer.closeAllConnections()
  tokenServer.close()
  await emu.close()
})

const inputs = () => ({
  'role-name': 'oss-uploader',
  'policy-file': 'p.json',
  'oidc-provider-arn': `acs:ram::${accountId}:oidc-provider/github`,
  'oidc-role-arn': `acs:ram::${accountId}:role/github-actions`,
  'ram-endpoint': emu.ramEndpoint,
  'sts-endpoint': emu.stsEndpoint,
})
const tokenEnv = (host = '127.0.0.1') => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: `http://${host}:${tokenPort}/idtoken?api-version=2.0`,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
})
const ws = () =>
  workspace({
    'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
  })

async function run(extra: Record<string, string> = {}, env: Record<string, string> = tokenEnv()) {
  const before = emu.control.calls().length
  const result = await runAction({ ...inputs(), ...extra }, { cwd: ws(), env, debug: true })
  return { ...result, calls: emu.control.calls().slice(before) }
}

describe('GitHub OIDC', () => {
  it('exchanges the ID token, reconciles as the OIDC session and assumes the role: no long-lived key', async () => {
    tokenRequests.length = 0
    const r = await run()
    expect(r.code).toBe(0)
    expect(tokenRequests).toEqual([{ audience: 'sts.aliyuncs.com', auth: `Bearer ${REQUEST_TOKEN}` }])
    const oidcCall = r.calls.find((c) => c.action === 'AssumeRoleWithOIDC')!
    expect(oidcCall.caller).toBeUndefined()
    expect(oidcCall.params.AccessKeyId).toBeUndefined()
    const session = `acs:ram::${accountId}:assumed-role/github-actions/github-4242-1`
    const writes = r.calls.filter((c) => c.write)
    expect(writes.length).toBeGreaterThan(0)
    expect(new Set(writes.map((c) => c.caller?.toLowerCase()))).toEqual(new Set([session]))
    expect(r.outputs['assumed-role-arn']).toBe(`acs:ram::${accountId}:role/oss-uploader/github-4242-1`)
    expect(r.stdout).toMatch(/GitHub ID token: sub=repo:acme\/app:ref:refs\/heads\/main aud=sts.aliyuncs.com/)
    // The ID token is a bearer credential too: masked before anything else uses it.
    const lines = r.stdout.split('\n')
    const maskedAt = lines.indexOf(`::add-mask::${issuedTokens.at(-1)}`)
    expect(maskedAt).toBeGreaterThanOrEqual(0)
    expect(maskedAt).toBeLessThan(lines.findIndex((l) => l.startsWith('GitHub ID token:')))
  })

  it('retries the token endpoint when it fails transiently', async () => {
    failFirst = 2
    const r = await run()
    expect(r.code).toBe(0)
  })

  it.each<[string, Record<string, string>, Record<string, unknown>, RegExp]>([
    [
      'an audience the provider does not know',
      { 'oidc-audience': 'other-audience' },
      {},
      /AudienceNotMatch.*set oidc-audience to one of them/,
    ],
    [
      'a sub the trust policy does not accept',
      {},
      { sub: 'repo:evil/app:ref:refs/heads/main' },
      /does not accept this token \(sub=repo:evil\/app:ref:refs\/heads\/main/,
    ],
    [
      'an expired token',
      {},
      { exp: Math.floor(Date.now() / 1000) - 60 },
      /Expired.*expired before STS saw it/,
    ],
  ])('fails clearly on %s', async (_reason, extra, claims, message) => {
    tokenClaims = claims
    try {
      const r = await run(extra)
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/::error::Signing in with GitHub OIDC failed: AssumeRoleWithOIDC/)
      expect(r.stdout).toMatch(message)
      expect(r.calls.filter((c) => c.service === 'ram')).toEqual([])
    } finally {
      tokenClaims = {}
    }
  })

  it('says to grant id-token: write when the job has no ID token, and calls nothing', async () => {
    const r = await run({}, {})
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/permissions: id-token: write/)
    expect(r.calls).toEqual([])
  })

  it('does not fall back to keys left in the environment', async () => {
    const r = await run(
      {},
      { ...tokenEnv(), ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIleftover', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'x' },
    )
    expect(r.code).toBe(0)
    expect(r.calls.some((c) => c.params.AccessKeyId === 'LTAIleftover')).toBe(false)
  })

  it('fetches the ID token through HTTPS_PROXY too, like every other call', async () => {
    // The proxy resolves the made-up host, so the action cannot reach it without the proxy.
    const proxy = await startProxy()
    try {
      const r = await run(
        {},
        { ...tokenEnv('token.actions.test'), HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
      )
      expect(r.code).toBe(0)
      expect(proxy.seen.some((s) => s.includes('token.actions.test'))).toBe(true)
      expect(proxy.seen.some((s) => s.includes(new URL(emu.stsEndpoint).host))).toBe(true)
      expect(proxy.seen.some((s) => s.includes(new URL(emu.ramEndpoint).host))).toBe(true)
    } finally {
      proxy.close()
    }
  })

  it('refuses to replace the trust of the role it signs in through, and writes nothing', async () => {
    const r = await run({ 'role-name': 'github-actions' })
    expect(r.code).toBe(1)
    expect(r.calls.filter((c) => c.write)).toEqual([])
    expect(r.calls.map((c) => c.action)).not.toContain('AssumeRole')
    expect(r.stdout).toMatch(
      /::error::Checking the plan: refused, nothing was changed: the run signs in through role github-actions and would replace its trust policy: the next run could not sign in\..*\[role-name, oidc-role-arn, trust-policy-file\]/,
    )
  })

  it('keeps text from the token on one line: a crafted sub cannot start a workflow command', async () => {
    tokenClaims = { sub: 'repo:acme/app:ref\n::error::injected\r\n::add-mask::x' }
    try {
      const r = await run()
      expect(r.stdout).toMatch(/GitHub ID token: sub=repo:acme\/app:ref ::error::injected/)
      expect(r.stdout.split('\n').some((line) => /^::(error::injected|add-mask::x)/.test(line))).toBe(false)
    } finally {
      tokenClaims = {}
    }
  })
})
