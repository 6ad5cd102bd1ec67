// AssumeRoleWithOIDC through @alicloud/sts20150401, and registering OIDC providers.
import type { JsonWebKey } from 'node:crypto'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import { describe, expect, it } from '@jest/globals'
import { controlHeaders, expectError, ISO_SECONDS, Sts } from '../harness.js'
import {
  AUDIENCE,
  accountId,
  anonymousSts,
  emu,
  ISSUER,
  jwt,
  params,
  providerArn,
  roleArn,
  setup,
  signing,
} from './fixture.js'

setup()

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
