// Shared set-up of the oidc/ suites: a provider with a signing key, roles that trust it, and a JWT maker.
import { generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto'
import RPCClient from '@alicloud/pop-core'
import { afterAll, beforeAll } from '@jest/globals'
import { type Emulator, startEmulator } from '../../src/index.js'
import { allow, STS_VERSION, trust } from '../harness.js'

export const ISSUER = 'https://token.actions.githubusercontent.com'

export const AUDIENCE = 'sts.aliyuncs.com'

export const MAIN = 'repo:org/repo:ref:refs/heads/main'

export let emu: Emulator

export let accountId: string

export let providerArn: string

export const signing = generateKeyPairSync('rsa', { modulusLength: 2048 })

export const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })

export interface TokenOptions {
  kid?: string
  key?: KeyObject
  alg?: string
}

export const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')

/** A compact RS256 JWS, GitHub-shaped by default; `claims` override or (undefined) remove claims. */
export function jwt(claims: Record<string, unknown> = {}, opts: TokenOptions = {}): string {
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

export const oidcTrust = (conditions: Record<string, Record<string, string | string[]>>): string =>
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
export function anonymousSts(): { call: (action: string, params: Record<string, string>) => Promise<Json> } {
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
export type Json = Record<string, any>

export const roleArn = (name: string): string => `acs:ram::${accountId}:role/${name}`

export const params = (
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

/** Registers the suite hooks (start, reset and close the emulator); call once per test file. */
export function setup(): void {
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
}
