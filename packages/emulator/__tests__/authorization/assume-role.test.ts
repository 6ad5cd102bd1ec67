// AssumeRole as STS decides it: the caller's permission, the role's trust, durations, chaining.
// Authorization as RAM/STS decide it: root, RAM users through their policies, role sessions through
// their role's policies ∩ the session policy; AssumeRole's permission and trust checks.
import { describe, expect, it } from '@jest/globals'
import { allow, expectError, ISO_SECONDS, popSts } from '../harness.js'
import {
  accountId,
  arn,
  assume,
  custom,
  emu,
  type Json,
  NO_PERMISSION,
  NOT_TRUSTED,
  role,
  root,
  setup,
  sys,
  trustDoc,
  trustRoot,
  user,
} from './fixture.js'

setup()

describe('AssumeRole', () => {
  it('is refused to the account root', async () => {
    role('deploy', trustRoot())
    const err = await expectError(assume(root, { RoleArn: arn('deploy') }), 'NoPermission', 403)
    expect(err.data!.Message).toBe('Roles may not be assumed by root accounts.')
    expect(err.data!.HostId).toBe('sts.aliyuncs.com')
  })

  it('is refused to a user without sts:AssumeRole', async () => {
    role('deploy', trustRoot())
    const creds = user('plain', [sys('AliyunRAMFullAccess')])
    const err = await expectError(assume(creds, { RoleArn: arn('deploy') }), 'NoPermission', 403)
    expect(err.data!.Message).toBe(NO_PERMISSION)
  })

  it('is refused when the trust policy does not name the caller', async () => {
    role('ci-only', trustDoc({ Principal: { RAM: [`acs:ram::${accountId}:user/ci`] } }))
    const other = user('other', [sys('AliyunSTSAssumeRoleAccess')])
    const err = await expectError(assume(other, { RoleArn: arn('ci-only') }), 'NoPermission', 403)
    expect(err.data!.Message).toBe(NOT_TRUSTED)
  })

  it('succeeds for a user with exactly the needed grants, and only on that role', async () => {
    role('ci-only', trustDoc({ Principal: { RAM: [`acs:ram::${accountId}:user/CI`] } }))
    role('deploy', trustRoot())
    const ci = user('ci', [
      custom('assume-ci-only', allow('sts:AssumeRole', `acs:ram:*:${accountId}:role/ci-only`)),
    ])
    const s = await assume(ci, { RoleArn: arn('ci-only'), RoleSessionName: 'gha-run_1.x@y' })
    const roleId = emu.control.state(accountId).roles.find((r) => r.name === 'ci-only')!.roleId
    expect(s.body).toEqual({
      RequestId: expect.any(String),
      Credentials: {
        AccessKeyId: expect.stringMatching(/^STS\.[A-Za-z0-9]{28}$/),
        AccessKeySecret: expect.stringMatching(/^[A-Za-z0-9]{44}$/),
        SecurityToken: expect.stringMatching(/^CAIS[A-Za-z0-9+/]+={0,2}$/),
        Expiration: expect.stringMatching(ISO_SECONDS),
      },
      AssumedRoleUser: {
        Arn: `acs:ram::${accountId}:role/ci-only/gha-run_1.x@y`,
        AssumedRoleId: `${roleId}:gha-run_1.x@y`,
      },
    })
    for (const c of ['+', '/', '=']) expect(s.body.Credentials.SecurityToken).toContain(c)
    expect(s.body.Credentials.SecurityToken.length).toBeGreaterThan(300)
    // The grant names one role: another role that trusts the account is still refused.
    await expectError(assume(ci, { RoleArn: arn('deploy') }), 'NoPermission', 403)
  })

  it('never lets a RAM user assume a service role', async () => {
    role('ecs-role', trustDoc({ Principal: { Service: ['ecs.aliyuncs.com'] } }))
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    await expectError(assume(creds, { RoleArn: arn('ecs-role') }), 'NoPermission', 403)
  })

  it('enforces an sts:ExternalId condition', async () => {
    role(
      'partner',
      trustDoc({
        Principal: { RAM: [`acs:ram::${accountId}:root`] },
        Condition: { StringEquals: { 'sts:ExternalId': 'abc-123' } },
      }),
    )
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    await expectError(assume(creds, { RoleArn: arn('partner') }), 'NoPermission', 403)
    await expectError(assume(creds, { RoleArn: arn('partner'), ExternalId: 'abc-999' }), 'NoPermission', 403)
    await expect(assume(creds, { RoleArn: arn('partner'), ExternalId: 'abc-123' })).resolves.toBeDefined()
  })

  it('an explicit Deny in the trust policy wins', async () => {
    const doc = JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
        {
          Effect: 'Deny',
          Action: 'sts:AssumeRole',
          Principal: { RAM: [`acs:ram::${accountId}:user/blocked`] },
        },
      ],
    })
    role('guarded', doc)
    await expect(
      assume(user('fine', [sys('AliyunSTSAssumeRoleAccess')]), { RoleArn: arn('guarded') }),
    ).resolves.toBeDefined()
    await expectError(
      assume(user('blocked', [sys('AliyunSTSAssumeRoleAccess')]), { RoleArn: arn('guarded') }),
      'NoPermission',
    )
  })

  it('validates its parameters', async () => {
    role('deploy', trustRoot(), [], 7200)
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    const cases: Array<[Record<string, string | number>, string, string?]> = [
      [
        { RoleArn: 'acs:ram::x:role/deploy' },
        'InvalidParameter.RoleArn',
        'The parameter RoleArn is wrongly formed.',
      ],
      [
        { RoleArn: arn('deploy'), RoleSessionName: 'a' },
        'InvalidParameter.RoleSessionName',
        'The parameter RoleSessionName is wrongly formed.',
      ],
      [{ RoleArn: arn('deploy'), RoleSessionName: 'x'.repeat(65) }, 'InvalidParameter.RoleSessionName'],
      [{ RoleArn: arn('deploy'), RoleSessionName: 'has space' }, 'InvalidParameter.RoleSessionName'],
      [
        { RoleArn: arn('deploy'), DurationSeconds: 899 },
        'InvalidParameter.DurationSeconds',
        'The Min/Max value of DurationSeconds is 15min/2hr.',
      ],
      [{ RoleArn: arn('deploy'), DurationSeconds: 7201 }, 'InvalidParameter.DurationSeconds'],
      [
        { RoleArn: arn('deploy'), Policy: allow('ram:Get*').padEnd(2049, ' ') },
        'InvalidParameter.PolicySize',
      ],
      [
        {
          RoleArn: arn('deploy'),
          Policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:*"}]}',
        },
        'InvalidParameter.PolicyGrammar',
      ],
      [{ RoleArn: arn('deploy'), ExternalId: 'x' }, 'InvalidParameter.ExternalId'],
      [{ RoleArn: arn('ghost') }, 'EntityNotExist.Role', `The role not exists: ${arn('ghost')}.`],
    ]
    for (const [params, code, message] of cases) {
      const err = await expectError(assume(creds, params), code, code === 'EntityNotExist.Role' ? 404 : 400)
      if (message) expect(err.data!.Message).toBe(message)
    }
    await expectError(
      popSts(emu, creds).call('AssumeRole', { RoleArn: arn('deploy') }),
      'MissingRoleSessionName',
      400,
    )
    await expectError(
      popSts(emu, creds).call('AssumeRole', { RoleSessionName: 'abc' }),
      'MissingRoleArn',
      400,
    )
  })

  it('matches RoleArn case-insensitively and sets Expiration from DurationSeconds', async () => {
    role('Deploy', trustRoot(), [], 43200)
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    const before = Math.floor(Date.now() / 1000)
    const s = await assume(creds, { RoleArn: `ACS:RAM::${accountId}:ROLE/DEPLOY`, DurationSeconds: 43200 })
    const after = Math.ceil(Date.now() / 1000)
    const expires = Date.parse(s.body.Credentials.Expiration) / 1000
    expect(expires).toBeGreaterThanOrEqual(before + 43200)
    expect(expires).toBeLessThanOrEqual(after + 43200)
    // The session ARN spells the role as it was created (the default; README fidelity table).
    expect(s.body.AssumedRoleUser.Arn).toBe(`acs:ram::${accountId}:role/Deploy/session-1`)
  })

  it('chains roles: a role session can assume a role that trusts its role', async () => {
    role('first', trustRoot(), [sys('AliyunSTSAssumeRoleAccess')])
    role('second', trustDoc({ Principal: { RAM: [arn('first')] } }), [sys('AliyunRAMReadOnlyAccess')])
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    // The user is not trusted by "second" directly.
    await expectError(assume(creds, { RoleArn: arn('second') }), 'NoPermission', 403)
    const first = await assume(creds, { RoleArn: arn('first') })
    const second = await assume(first, { RoleArn: arn('second'), RoleSessionName: 'hop-2' })
    const who = await popSts(emu, second).call<Json>('GetCallerIdentity')
    expect(who.Arn).toBe(`acs:ram::${accountId}:assumed-role/second/hop-2`)
  })

  it('works across accounts when the role trusts the other account', async () => {
    const other = emu.control.createAccount()
    const foreign = emu.control.createUser(other.accountId, 'visitor', {
      accessKey: true,
      policies: [sys('AliyunSTSAssumeRoleAccess')],
    }).accessKey!
    role('shared', trustRoot(other.accountId))
    role('private', trustRoot())
    const s = await assume(foreign, { RoleArn: arn('shared') })
    const who = await popSts(emu, s).call<Json>('GetCallerIdentity')
    expect(who).toMatchObject({ AccountId: accountId, IdentityType: 'AssumedRoleUser' })
    await expectError(assume(foreign, { RoleArn: arn('private') }), 'NoPermission', 403)
  })

  it('is logged as a non-write AssumeRole call, also when refused', async () => {
    role('deploy', trustRoot())
    const creds = user('u', [sys('AliyunSTSAssumeRoleAccess')])
    emu.control.clearCalls()
    await assume(creds, { RoleArn: arn('deploy') })
    await expectError(assume(root, { RoleArn: arn('deploy') }), 'NoPermission')
    const calls = emu.control.calls()
    expect(calls.map((c) => [c.service, c.action, c.write, c.status, c.code, c.caller])).toEqual([
      ['sts', 'AssumeRole', false, 200, undefined, `acs:ram::${accountId}:user/u`],
      ['sts', 'AssumeRole', false, 403, 'NoPermission', `acs:ram::${accountId}:root`],
    ])
  })
})
