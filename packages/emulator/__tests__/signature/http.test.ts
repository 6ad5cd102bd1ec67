// The gateway's authentication checks through real HTTP: keys, tokens, signatures, timestamps, nonces.
import { OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { signV1, stringToSignV1 } from '../../src/gateway/signature.js'
import { type Emulator, startEmulator } from '../../src/index.js'
import {
  type Creds,
  expectError,
  isoNow,
  popRam,
  popSts,
  RAM_VERSION,
  Ram,
  rawV1,
  STS_VERSION,
  teaRam,
  teaSts,
  trust,
} from '../harness.js'
import { EMPTY_SHA256 } from './fixture.js'

describe('authentication over HTTP', () => {
  let emu: Emulator
  let skewMs = 0
  let accountId: string
  let root: Creds
  let user: Creds

  beforeAll(async () => {
    emu = await startEmulator({ seed: 7, now: () => new Date(Date.now() + skewMs) })
    ;({ accountId, root } = emu.control.createAccount())
    user = emu.control.createUser(accountId, 'dev', {
      accessKey: true,
      policies: [
        { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
        { type: 'System', name: 'AliyunRAMReadOnlyAccess' },
      ],
    }).accessKey!
    emu.control.createRole(accountId, 'deploy', {
      assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
    })
  })
  afterAll(async () => {
    await emu.close()
  })

  const raw = async (creds: Creds, params: Record<string, string>, method: 'GET' | 'POST' = 'POST') => {
    const r = await rawV1(emu.ramEndpoint, RAM_VERSION, creds, params, method)
    return { status: r.status, body: r.json as Record<string, string>, contentType: r.contentType }
  }

  /** A raw V3 request signed by the official SDK signer. */
  async function rawV3(
    creds: Creds,
    action: string,
    query: Record<string, string>,
    nonce: string,
    date?: string,
  ) {
    const host = new URL(emu.ramEndpoint).host
    const headers: Record<string, string> = {
      host,
      'x-acs-action': action,
      'x-acs-version': RAM_VERSION,
      'x-acs-date': date ?? isoNow(),
      'x-acs-signature-nonce': nonce,
      'x-acs-content-sha256': EMPTY_SHA256,
    }
    headers.authorization = OpenApiUtil.getAuthorization(
      { pathname: '/', method: 'POST', query, headers } as never,
      'ACS3-HMAC-SHA256',
      EMPTY_SHA256,
      creds.accessKeyId,
      creds.accessKeySecret,
    )
    const res = await fetch(`${emu.ramEndpoint}/?${new URLSearchParams(query)}`, { method: 'POST', headers })
    return { status: res.status, body: (await res.json()) as Record<string, string> }
  }

  it('accepts GET and POST V1 requests', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const r = await raw(root, { Action: 'GetAccountAlias' }, method)
      expect(r.status).toBe(200)
      expect(r.body.AccountAlias).toBe(accountId)
      expect(r.contentType).toBe('application/json;charset=utf-8')
    }
  })

  it('rejects a wrong secret with the server string to sign (pop-core, V1)', async () => {
    const err = await expectError(
      popRam(emu, { ...root, accessKeySecret: 'wrong' }).call('GetAccountAlias'),
      'SignatureDoesNotMatch',
      400,
    )
    const message = String(err.data?.Message)
    expect(message).toMatch(
      /^Specified signature is not matched with our calculation\. server string to sign is:POST&%2F&AccessKeyId%3D/,
    )
    expect(message).toContain('Action%3DGetAccountAlias')
  })

  it('rejects a wrong secret (tea SDK, V3)', async () => {
    const err = await expectError(
      teaRam(emu, { ...root, accessKeySecret: 'wrong' }).getAccountAlias(),
      'SignatureDoesNotMatch',
      400,
    )
    expect(String(err.data?.Message)).toMatch(/server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/)
  })

  it('rejects a tampered parameter', async () => {
    const all: Record<string, string> = {
      Format: 'JSON',
      Version: RAM_VERSION,
      AccessKeyId: root.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'tamper-1',
      Timestamp: isoNow(),
      Action: 'GetUser',
      UserName: 'dev',
    }
    all.Signature = signV1(stringToSignV1('POST', all), root.accessKeySecret)
    all.UserName = 'someone-else'
    const res = await fetch(`${emu.ramEndpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(all).toString(),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch')
  })

  it('enforces the ±15 minute timestamp window for both signature versions', async () => {
    try {
      skewMs = 14 * 60 * 1000
      await expect(popRam(emu, root).call('GetAccountAlias')).resolves.toMatchObject({
        AccountAlias: accountId,
      })
      skewMs = 16 * 60 * 1000
      await expectError(popRam(emu, root).call('GetAccountAlias'), 'InvalidTimeStamp.Expired', 400)
      await expectError(teaRam(emu, root).getAccountAlias(), 'InvalidTimeStamp.Expired', 400)
      skewMs = -16 * 60 * 1000
      await expectError(popRam(emu, root).call('GetAccountAlias'), 'InvalidTimeStamp.Expired', 400)
    } finally {
      skewMs = 0
    }
  })

  it('rejects a malformed timestamp', async () => {
    const r = await raw(root, { Action: 'GetAccountAlias', Timestamp: '2024-01-02 03:04:05' })
    expect(r.body.Code).toBe('InvalidTimeStamp.Format')
  })

  it('rejects a reused nonce (V1 and V3)', async () => {
    const first = await raw(root, { Action: 'GetAccountAlias', SignatureNonce: 'same-nonce' })
    expect(first.status).toBe(200)
    const again = await raw(root, { Action: 'GetAccountAlias', SignatureNonce: 'same-nonce' })
    expect(again).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } })
    expect(again.body.Message).toBe('Specified signature nonce was used already.')

    const v3 = await rawV3(root, 'GetUser', { UserName: 'dev' }, 'v3-nonce')
    expect(v3.status).toBe(200)
    expect(v3.body).toMatchObject({ User: { UserName: 'dev' } })
    expect((await rawV3(root, 'GetUser', { UserName: 'dev' }, 'v3-nonce')).body.Code).toBe(
      'SignatureNonceUsed',
    )
  })

  it('does not burn a nonce on a request whose signature fails', async () => {
    const bad = await raw(
      { ...root, accessKeySecret: 'nope' },
      { Action: 'GetAccountAlias', SignatureNonce: 'n-x' },
    )
    expect(bad.body.Code).toBe('SignatureDoesNotMatch')
    expect((await raw(root, { Action: 'GetAccountAlias', SignatureNonce: 'n-x' })).status).toBe(200)
  })

  it('answers 404 InvalidAccessKeyId.NotFound for an unknown key, in both clients', async () => {
    const ghost = { accessKeyId: 'LTAInope', accessKeySecret: 'x' }
    const err = await expectError(
      popRam(emu, ghost).call('GetAccountAlias'),
      'InvalidAccessKeyId.NotFound',
      404,
    )
    expect(err.data?.Message).toBe('Specified access key is not found.')
    await expectError(teaSts(emu, ghost).getCallerIdentity(), 'InvalidAccessKeyId.NotFound', 404)
  })

  it('requires a signature except for the federation actions', async () => {
    const res = await fetch(`${emu.ramEndpoint}/?Action=GetAccountAlias&Version=${RAM_VERSION}&Format=JSON`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ Code: 'MissingAccessKeyId', HostId: 'ram.aliyuncs.com' })

    // pop-core sends an unsigned request when its credentials provider yields no key.
    const anonymous = new RPCClient({
      endpoint: emu.stsEndpoint,
      apiVersion: STS_VERSION,
      credentialsProvider: { getCredentials: async () => ({}) },
    } as unknown as RPCClient.Config)
    // Unsigned AssumeRoleWithOIDC reaches its handler (no such provider here); SAML is routed too.
    await expectError(
      anonymous.request(
        'AssumeRoleWithOIDC',
        {
          RoleArn: 'acs:ram::1:role/x',
          OIDCProviderArn: 'acs:ram::1:oidc-provider/gh',
          OIDCToken: 'x.y.z',
          RoleSessionName: 's1',
        },
        { method: 'POST' },
      ),
      'AuthenticationFail.NoPermission',
      401,
    )
    const err = await expectError(
      anonymous.request(
        'AssumeRoleWithSAML',
        { RoleArn: 'acs:ram::1:role/x', SAMLProviderArn: 'acs:ram::1:saml-provider/p', SAMLAssertion: 'x' },
        { method: 'POST' },
      ),
      'NotImplemented',
      501,
    )
    expect(String(err.data?.Message)).toContain('AssumeRoleWithSAML is not implemented')
  })

  describe('STS credentials', () => {
    let creds: Creds
    beforeAll(async () => {
      const r = await popSts(emu, user).call<{
        Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }
      }>('AssumeRole', {
        RoleArn: `acs:ram::${accountId}:role/deploy`,
        RoleSessionName: 'auth-test',
        DurationSeconds: 900,
      })
      creds = {
        accessKeyId: r.Credentials.AccessKeyId,
        accessKeySecret: r.Credentials.AccessKeySecret,
        securityToken: r.Credentials.SecurityToken,
      }
    })

    it('are signed together with their token (V1 and V3)', async () => {
      await expect(popSts(emu, creds).call('GetCallerIdentity')).resolves.toMatchObject({
        IdentityType: 'AssumedRoleUser',
      })
      const body = (await teaSts(emu, creds).getCallerIdentity()).body
      expect(body?.identityType).toBe('AssumedRoleUser')
    })

    it('need the SecurityToken', async () => {
      const { securityToken: _, ...noToken } = creds
      const err = await expectError(
        popSts(emu, noToken).call('GetCallerIdentity'),
        'MissingSecurityToken',
        400,
      )
      expect(err.data?.Message).toBe('SecurityToken is mandatory for this action.')
      await expectError(teaSts(emu, noToken).getCallerIdentity(), 'MissingSecurityToken', 400)
    })

    it('reject a token that belongs to other credentials', async () => {
      await expectError(
        popSts(emu, { ...creds, securityToken: `${creds.securityToken}x` }).call('GetCallerIdentity'),
        'InvalidSecurityToken.MismatchWithAccessKey',
        400,
      )
    })

    it('reject a token sent with a permanent key', async () => {
      await expectError(
        popRam(emu, { ...root, securityToken: creds.securityToken }).call('GetAccountAlias'),
        'InvalidSecurityToken.MismatchWithAccessKey',
      )
    })

    it('expire', async () => {
      try {
        skewMs = 901 * 1000
        await expectError(popSts(emu, creds).call('GetCallerIdentity'), 'InvalidSecurityToken.Expired', 400)
        await expectError(
          teaRam(emu, creds).getUser(new Ram.GetUserRequest({ userName: 'dev' })),
          'InvalidSecurityToken.Expired',
        )
      } finally {
        skewMs = 0
      }
    })
  })
})
