import { describe, expect, it } from '@jest/globals'
import { allow, type Creds, expectError, ISO_SECONDS, popRam, popSts, REQUEST_ID } from '../harness.js'
import {
  AUDIENCE,
  accountId,
  anonymousSts,
  emu,
  ISSUER,
  type Json,
  jwt,
  MAIN,
  params,
  roleArn,
  setup,
  stranger,
} from './fixture.js'

setup()

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
