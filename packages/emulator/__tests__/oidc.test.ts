// AssumeRoleWithOIDC: OIDC providers registered through the control surface, JWTs signed here
// (RS256 with node:crypto), called anonymously through pop-core and through @alicloud/sts20150401.

import { generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '../src/index.js'
import {
  allow,
  type Creds,
  controlHeaders,
  expectError,
  ISO_SECONDS,
  popRam,
  popSts,
  REQUEST_ID,
  STS_VERSION,
  Sts,
  trust,
} from './harness.js'

const ISSUER = 'https://token.actions.githubusercontent.com'
const AUDIENCE = 'sts.aliyuncs.com'
const MAIN = 'repo:org/repo:ref:refs/heads/main'

let emu: Emulator
let accountId: string
let providerArn: string
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 })
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })

interface TokenOptions {
  kid?: string
  key?: KeyObject
  alg?: string
}

const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')

/** A compact RS256 JWS, GitHub-shaped by default; `claims` override or (undefined) remove claims. */
function jwt(claims: Record<string, unknown> = {}, opts: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000)
  const payload = Object.fromEntries(
    Object.entries({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: MAIN,
      iat: now - 10,
      nbf: now - 10,
      exp: now + 300,
      repository: 'org/repo',
      ...claims,
    }).filter(([, v]) => v !== undefined),
  )
  const head = b64url({ alg: opts.alg ?? 'RS256', typ: 'JWT', kid: opts.kid ?? 'k1' })
  const body = b64url(payload)
  const sig = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), opts.key ?? signing.privateKey)
  return `${head}.${body}.${sig.toString('base64url')}`
}

const oidcTrust = (conditions: Record<string, Record<string, string | string[]>>): string =>
  JSON.stringify({
    Version: '1',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Federated: [providerArn] },
        Condition: conditions,
      },
    ],
  })

/** pop-core with a provider that yields no key: it then sends the request unsigned. */
function anonymousSts(): { call: (action: string, params: Record<string, string>) => Promise<Json> } {
  const client = new RPCClient({
    endpoint: emu.stsEndpoint,
    apiVersion: STS_VERSION,
    credentialsProvider: { getCredentials: async () => ({}) },
  } as unknown as RPCClient.Config)
  return {
    call: async (action, params) =>
      JSON.parse(JSON.stringify(await client.request<Json>(action, params, { method: 'POST' }))) as Json,
  }
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>

const roleArn = (name: string): string => `acs:ram::${accountId}:role/${name}`

beforeAll(async () => {
  emu = await startEmulator({ seed: 21 })
  ;({ accountId } = emu.control.createAccount())
  const jwk: JsonWebKey = {
    ...signing.publicKey.export({ format: 'jwk' }),
    kid: 'k1',
    alg: 'RS256',
    use: 'sig',
  }
  ;({ arn: providerArn } = emu.control.createOidcProvider(accountId, {
    name: 'github',
    issuerUrl: ISSUER,
    clientIds: [AUDIENCE],
    keys: [jwk],
  }))
  const policies = [
    { type: 'System' as const, name: 'AliyunRAMReadOnlyAccess' },
    { type: 'System' as const, name: 'AliyunSTSAssumeRoleAccess' },
  ]
  emu.control.createRole(accountId, 'gha-main', {
    assumeRolePolicyDocument: oidcTrust({
      StringEquals: { 'oidc:iss': ISSUER, 'oidc:aud': AUDIENCE, 'oidc:sub': MAIN },
    }),
    policies,
  })
  emu.control.createRole(accountId, 'gha-any-ref', {
    assumeRolePolicyDocument: oidcTrust({
      StringEquals: { 'oidc:iss': ISSUER, 'oidc:aud': AUDIENCE },
      StringLike: { 'oidc:sub': 'repo:org/repo:*' },
    }),
    maxSessionDuration: 7200,
  })
  emu.control.createRole(accountId, 'ram-only', {
    assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
  })
  emu.control.createPolicy(accountId, 'read-users', allow('ram:GetUser'))
  emu.control.createRole(accountId, 'second', {
    assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
    policies: [{ type: 'Custom', name: 'read-users' }],
  })
})
afterAll(async () => {
  await emu.close()
})

const params = (
  token: string,
  role = 'gha-main',
  extra: Record<string, string> = {},
): Record<string, string> => ({
  OIDCProviderArn: providerArn,
  RoleArn: roleArn(role),
  OIDCToken: token,
  RoleSessionName: 'gha-run-1',
  ...extra,
})

describe('AssumeRoleWithOIDC through pop-core, unsigned', () => {
  const now = Math.floor(Date.now() / 1000)
  const cases: Array<{
    name: string
    token: () => string
    role?: string
    extra?: () => Record<string, string>
    code?: string
    status?: number
    message?: string
  }> = [
    { name: 'a good token', token: () => jwt() },
    {
      name: 'an audience array holding a client id',
      token: () => jwt({ aud: ['other', AUDIENCE] }),
      role: 'gha-any-ref',
    },
    {
      name: 'StringLike on oidc:sub (repo:org/repo:*)',
      token: () => jwt({ sub: 'repo:org/repo:pull_request' }),
      role: 'gha-any-ref',
    },
    {
      name: 'the wrong audience',
      token: () => jwt({ aud: 'someone-else' }),
      code: 'AuthenticationFail.OIDCToken.AudienceNotMatch',
      message: 'Invalid audience.',
    },
    {
      name: 'the wrong subject under StringEquals',
      token: () => jwt({ sub: 'repo:org/repo:ref:refs/heads/dev' }),
      code: 'AuthenticationFail.NoPermission',
      message: 'There is no permission',
    },
    {
      name: 'a subject outside the StringLike pattern',
      token: () => jwt({ sub: 'repo:org/other:ref:refs/heads/main' }),
      role: 'gha-any-ref',
      code: 'AuthenticationFail.NoPermission',
      message: 'There is no permission',
    },
    {
      name: 'an expired token',
      token: () => jwt({ iat: now - 600, nbf: now - 600, exp: now - 60 }),
      code: 'AuthenticationFail.OIDCToken.Expired',
      message: 'This JsonWebToken is expired.',
    },
    {
      name: 'a bad signature',
      token: () => jwt({}, { key: stranger.privateKey }),
      code: 'AuthenticationFail.OIDCToken.Invalid',
      message: 'OIDC token validate failed: invalid signature.',
    },
    {
      name: 'an unknown kid',
      token: () => jwt({}, { kid: 'k2' }),
      code: 'AuthenticationFail.OIDCToken.Invalid',
    },
    {
      name: 'an HS256 header',
      token: () => jwt({}, { alg: 'HS256' }),
      code: 'AuthenticationFail.OIDCToken.Invalid',
      message: 'The algorithm HS256 that be specified in Jwt header is unknown.',
    },
    {
      name: 'a token that is not a JWS',
      token: () => 'abc.def',
      code: 'AuthenticationFail.OIDCToken.Invalid',
    },
    {
      name: 'a token without exp',
      token: () => jwt({ exp: undefined }),
      code: 'AuthenticationFail.OIDCToken.Invalid',
    },
    {
      name: 'an unknown provider',
      token: () => jwt(),
      extra: () => ({ OIDCProviderArn: `acs:ram::${accountId}:oidc-provider/nope` }),
      code: 'AuthenticationFail.NoPermission',
      message: 'No such OIDC Provider registered.',
    },
    {
      name: 'an issuer mismatch',
      token: () => jwt({ iss: 'https://issuer.example.com' }),
      code: 'AuthenticationFail.OIDCToken.IssuerNotMatch',
    },
    {
      name: 'a role that trusts RAM principals only',
      token: () => jwt(),
      role: 'ram-only',
      code: 'AuthenticationFail.NoPermission',
      message: 'There is no permission',
    },
    {
      name: 'a missing role',
      token: () => jwt(),
      role: 'missing',
      code: 'EntityNotExist.Role',
      status: 404,
    },
    {
      name: 'DurationSeconds above the role maximum',
      token: () => jwt(),
      extra: () => ({ DurationSeconds: '7200' }),
      code: 'InvalidParameter.DurationSeconds',
      status: 400,
    },
    {
      name: 'a malformed provider ARN',
      token: () => jwt(),
      extra: () => ({ OIDCProviderArn: 'github' }),
      code: 'InvalidParameter.OIDCProviderArn',
      status: 400,
    },
  ]

  it.each(cases)('$name', async ({ token, role, extra, code, status, message }) => {
    const call = anonymousSts().call('AssumeRoleWithOIDC', params(token(), role, extra?.()))
    if (!code) {
      const r = await call
      expect(r.RequestId).toMatch(REQUEST_ID)
      expect(r.Credentials.AccessKeyId).toMatch(/^STS\./)
      expect(r.AssumedRoleUser.Arn).toBe(`acs:ram::${accountId}:role/${role ?? 'gha-main'}/gha-run-1`)
      return
    }
    const err = await expectError(
      call,
      code,
      status ?? (code.startsWith('AuthenticationFail') ? 401 : undefined),
    )
    if (message) expect((err.data as Json).Message).toBe(message)
  })

  it('answers the documented shape, and the session acts as the role', async () => {
    const token = jwt({ aud: [AUDIENCE, 'second-client'] })
    const r = await anonymousSts().call(
      'AssumeRoleWithOIDC',
      params(token, 'gha-main', { DurationSeconds: '900' }),
    )
    const roleId = emu.control.state(accountId).roles.find((x) => x.name === 'gha-main')!.roleId
    expect(r).toEqual({
      RequestId: expect.stringMatching(REQUEST_ID),
      Credentials: {
        AccessKeyId: expect.stringMatching(/^STS\.[A-Za-z0-9]{28}$/),
        AccessKeySecret: expect.any(String),
        SecurityToken: expect.stringMatching(/^CAIS/),
        Expiration: expect.stringMatching(ISO_SECONDS),
      },
      AssumedRoleUser: {
        Arn: `acs:ram::${accountId}:role/gha-main/gha-run-1`,
        AssumedRoleId: `${roleId}:gha-run-1`,
      },
      OIDCTokenInfo: {
        Subject: MAIN,
        Issuer: ISSUER,
        ClientIds: `${AUDIENCE},second-client`,
        ExpirationTime: expect.stringMatching(ISO_SECONDS),
        IssuanceTime: expect.stringMatching(ISO_SECONDS),
        VerificationInfo: 'Success',
      },
    })
    const ttl = Date.parse(r.Credentials.Expiration) - Date.now()
    expect(ttl).toBeGreaterThan(890_000)
    expect(ttl).toBeLessThanOrEqual(900_000)

    const creds: Creds = {
      accessKeyId: r.Credentials.AccessKeyId,
      accessKeySecret: r.Credentials.AccessKeySecret,
      securityToken: r.Credentials.SecurityToken,
    }
    const who = await popSts(emu, creds).call('GetCallerIdentity')
    expect(who).toMatchObject({
      IdentityType: 'AssumedRoleUser',
      Arn: `acs:ram::${accountId}:assumed-role/gha-main/gha-run-1`,
      RoleId: roleId,
    })
    // The role's read-only policy lets it read RAM, not write.
    const roles = await popRam(emu, creds).call<Json>('ListRoles')
    expect(roles.Roles.Role.map((x: Json) => x.RoleName)).toContain('gha-main')
    await expectError(popRam(emu, creds).call('CreateUser', { UserName: 'nope' }), 'NoPermission', 403)

    // Role chaining: the OIDC session assumes a role that trusts the account.
    const chained = await popSts(emu, creds).call<Json>('AssumeRole', {
      RoleArn: roleArn('second'),
      RoleSessionName: 'chained',
    })
    const second: Creds = {
      accessKeyId: chained.Credentials.AccessKeyId,
      accessKeySecret: chained.Credentials.AccessKeySecret,
      securityToken: chained.Credentials.SecurityToken,
    }
    expect((await popSts(emu, second).call('GetCallerIdentity')).Arn).toBe(
      `acs:ram::${accountId}:assumed-role/second/chained`,
    )
    await expectError(popRam(emu, second).call('GetUser', { UserName: 'x' }), 'EntityNotExist.User', 404)
    await expectError(popRam(emu, second).call('ListRoles'), 'NoPermission', 403)
  })

  it('applies the session Policy on top of the role', async () => {
    const r = await anonymousSts().call(
      'AssumeRoleWithOIDC',
      params(jwt(), 'gha-main', { Policy: allow('ram:ListUsers', `acs:ram::${accountId}:user/*`) }),
    )
    const creds: Creds = {
      accessKeyId: r.Credentials.AccessKeyId,
      accessKeySecret: r.Credentials.AccessKeySecret,
      securityToken: r.Credentials.SecurityToken,
    }
    await popRam(emu, creds).call('ListUsers')
    await expectError(popRam(emu, creds).call('ListRoles'), 'NoPermission', 403)
  })

  it('logs the call without the token, and takes faults like other actions', async () => {
    emu.control.clearCalls()
    await anonymousSts().call('AssumeRoleWithOIDC', params(jwt()))
    const [rec] = emu.control.calls()
    expect(rec).toMatchObject({ service: 'sts', action: 'AssumeRoleWithOIDC', status: 200, write: false })
    expect(rec!.params.OIDCToken).toBe('***')
    expect(rec!.caller).toBeUndefined()

    emu.control.setFaults({ forced: [{ action: 'AssumeRoleWithOIDC', code: 'Throttling.User', times: 1 }] })
    try {
      await expectError(anonymousSts().call('AssumeRoleWithOIDC', params(jwt())), 'Throttling.User', 400)
      await anonymousSts().call('AssumeRoleWithOIDC', params(jwt()))
    } finally {
      emu.control.clearFaults()
    }
  })

  it('also accepts a signed request', async () => {
    const user = emu.control.createUser(accountId, 'signer', { accessKey: true })
    const r = await popSts(emu, user.accessKey!).call<Json>('AssumeRoleWithOIDC', params(jwt()))
    expect(r.OIDCTokenInfo.VerificationInfo).toBe('Success')
  })
})

describe('AssumeRoleWithOIDC through @alicloud/sts20150401', () => {
  const client = (): InstanceType<typeof Sts.default> =>
    new Sts.default(new $OpenApiUtil.Config({ endpoint: new URL(emu.stsEndpoint).host, protocol: 'http' }))

  it('maps the answer into the SDK model', async () => {
    const r = await client().assumeRoleWithOIDC(
      new Sts.AssumeRoleWithOIDCRequest({
        OIDCProviderArn: providerArn,
        roleArn: roleArn('gha-any-ref'),
        OIDCToken: jwt({ sub: 'repo:org/repo:environment:prod' }),
        roleSessionName: 'tea-session',
        durationSeconds: 7200,
      }),
    )
    expect(r.statusCode).toBe(200)
    // Sent unsigned (authType Anonymous): no caller in the call log.
    expect(emu.control.calls().at(-1)).toMatchObject({ action: 'AssumeRoleWithOIDC', status: 200 })
    expect(emu.control.calls().at(-1)!.caller).toBeUndefined()
    expect(r.body?.credentials?.accessKeyId).toMatch(/^STS\./)
    expect(r.body?.assumedRoleUser?.arn).toBe(`acs:ram::${accountId}:role/gha-any-ref/tea-session`)
    expect(r.body?.OIDCTokenInfo).toMatchObject({
      subject: 'repo:org/repo:environment:prod',
      issuer: ISSUER,
      clientIds: AUDIENCE,
      verificationInfo: 'Success',
    })
  })

  it('surfaces AuthenticationFail codes with HTTP 401', async () => {
    await expectError(
      client().assumeRoleWithOIDC(
        new Sts.AssumeRoleWithOIDCRequest({
          OIDCProviderArn: providerArn,
          roleArn: roleArn('gha-main'),
          OIDCToken: jwt({ aud: 'nope' }),
          roleSessionName: 'tea-session',
        }),
      ),
      'AuthenticationFail.OIDCToken.AudienceNotMatch',
      401,
    )
  })
})

describe('createOidcProvider', () => {
  const jwk = (): JsonWebKey => ({ ...signing.publicKey.export({ format: 'jwk' }), kid: 'k1' })
  const base = () => ({ name: 'p', issuerUrl: ISSUER, clientIds: [AUDIENCE], keys: [jwk()] })

  it.each([
    ['a bad name', { name: 'bad name' }, 'InvalidParameter.OIDCProviderName'],
    ['an http issuer', { issuerUrl: 'http://issuer.example.com' }, 'InvalidParameter.IssuerUrl'],
    ['no client ids', { clientIds: [] }, 'InvalidParameter.ClientIds'],
    ['a key without kid', { keys: [signing.publicKey.export({ format: 'jwk' })] }, 'InvalidParameter.Keys'],
    [
      'a private key',
      { keys: [{ ...signing.privateKey.export({ format: 'jwk' }), kid: 'x' }] },
      'InvalidParameter.Keys',
    ],
  ])('refuses %s', (_, override, code) => {
    expect(() => emu.control.createOidcProvider(accountId, { ...base(), ...override })).toThrow(
      expect.objectContaining({ code }),
    )
  })

  it('refuses a duplicate name (case-insensitively) and lists providers in the state', () => {
    expect(() => emu.control.createOidcProvider(accountId, { ...base(), name: 'GitHub' })).toThrow(
      expect.objectContaining({ code: 'EntityAlreadyExists.OIDCProvider', status: 409 }),
    )
    expect(emu.control.state(accountId).oidcProviders).toEqual([
      {
        name: 'github',
        arn: providerArn,
        issuerUrl: ISSUER,
        clientIds: [AUDIENCE],
        kids: ['k1'],
        createDate: expect.stringMatching(ISO_SECONDS),
      },
    ])
  })

  it('is on the HTTP control surface', async () => {
    const { accountId: other } = emu.control.createAccount()
    const res = await fetch(`${emu.ramEndpoint}/__emulator/createOidcProvider`, {
      method: 'POST',
      headers: controlHeaders(emu),
      body: JSON.stringify({ accountId: other, ...base(), name: 'http-made' }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ arn: `acs:ram::${other}:oidc-provider/http-made` })
    const bad = await fetch(`${emu.ramEndpoint}/__emulator/createOidcProvider`, {
      method: 'POST',
      headers: controlHeaders(emu),
      body: JSON.stringify({ accountId: other, ...base(), clientIds: 'x' }),
    })
    expect(bad.status).toBe(400)
  })

  it('a provider of another account does not satisfy a role', async () => {
    const { accountId: other } = emu.control.createAccount()
    const { arn } = emu.control.createOidcProvider(other, base())
    await expectError(
      anonymousSts().call('AssumeRoleWithOIDC', { ...params(jwt()), OIDCProviderArn: arn }),
      'AuthenticationFail.NoPermission',
      401,
    )
  })
})
