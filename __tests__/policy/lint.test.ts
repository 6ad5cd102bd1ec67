// Every rule of the policy linter, as a table: the documents that trip it and those that do not.
import { describe, expect, it } from '@jest/globals'
import type { PolicyFile } from '../../src/model.js'
import { type LintTarget, lint, matches, RULES } from '../../src/policy/lint.js'

const ACCOUNT = '1234567890123456'
const PROVIDER = `acs:ram::${ACCOUNT}:oidc-provider/github`
type S = Record<string, unknown>
const doc = (...Statement: S[]) => ({ Version: '1', Statement })
const oidcTrust = (condition?: S): S => ({
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: { Federated: [PROVIDER] },
  ...(condition ? { Condition: condition } : {}),
})
const target = (document: unknown, kind: LintTarget['kind']): LintTarget => ({
  document,
  kind,
  subject: 'the document',
  source: 'desired',
  accountId: ACCOUNT,
})
const rules = (document: unknown, kind: LintTarget['kind']) => lint(target(document, kind)).map((f) => f.rule)

describe('lint()', () => {
  it.each<[string, unknown, LintTarget['kind'], string[]]>([
    [
      'a trust in the own account: clean',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }),
      'trust',
      [],
    ],
    [
      'a trust with Principal *',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['*'] } }),
      'trust',
      ['trust-any-principal'],
    ],
    [
      'a trust with a bare Principal "*"',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' }),
      'trust',
      ['trust-any-principal'],
    ],
    [
      'an OIDC trust without oidc:sub',
      doc(oidcTrust({ StringEquals: { 'oidc:aud': 'sts.aliyuncs.com' } })),
      'trust',
      ['oidc-trust-without-sub'],
    ],
    ['an OIDC trust with no condition at all', doc(oidcTrust()), 'trust', ['oidc-trust-without-sub']],
    [
      'an OIDC trust with an exact sub: clean',
      doc(oidcTrust({ StringEquals: { 'oidc:sub': 'repo:acme/site:ref:refs/heads/main' } })),
      'trust',
      [],
    ],
    [
      "an OIDC trust to one owner's repositories: clean",
      doc(oidcTrust({ StringLike: { 'oidc:sub': 'repo:acme/*' } })),
      'trust',
      [],
    ],
    [
      'an OIDC trust with sub *',
      doc(oidcTrust({ StringLike: { 'oidc:sub': '*' } })),
      'trust',
      ['oidc-trust-any-repository'],
    ],
    [
      'an OIDC trust with sub repo:*',
      doc(oidcTrust({ StringLike: { 'oidc:sub': 'repo:*' } })),
      'trust',
      ['oidc-trust-any-repository'],
    ],
    [
      'an OIDC trust with a wildcard owner',
      doc(oidcTrust({ StringLike: { 'oidc:sub': 'repo:*/site:*' } })),
      'trust',
      ['oidc-trust-any-repository'],
    ],
    [
      'an OIDC trust with an owner prefix',
      doc(oidcTrust({ StringLike: { 'oidc:sub': 'repo:acme*/site:*' } })),
      'trust',
      ['oidc-trust-any-repository'],
    ],
    [
      'an OIDC trust where * is literal (StringEquals)',
      doc(oidcTrust({ StringEquals: { 'oidc:sub': 'repo:*' } })),
      'trust',
      [],
    ],
    [
      'a Deny statement never trips a rule',
      doc({ Effect: 'Deny', Action: '*', Resource: '*' }),
      'permission',
      [],
    ],
    [
      'a trust in another account',
      doc({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { RAM: ['acs:ram::1111111111111111:root'] },
      }),
      'trust',
      ['trust-other-account'],
    ],
    [
      'Allow * on *',
      doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      'permission',
      ['wildcard-action-on-any-resource', 'ram-write-access', 'assume-any-role'],
    ],
    [
      'Allow oss:* on *',
      doc({ Effect: 'Allow', Action: 'oss:*', Resource: '*' }),
      'permission',
      ['wildcard-action-on-any-resource'],
    ],
    [
      'Allow OSS:* (any case) on *',
      doc({ Effect: 'Allow', Action: 'OSS:*', Resource: '*' }),
      'permission',
      ['wildcard-action-on-any-resource'],
    ],
    [
      'Allow oss:* on one bucket: clean',
      doc({ Effect: 'Allow', Action: 'oss:*', Resource: 'acs:oss:*:*:b/*' }),
      'permission',
      [],
    ],
    [
      'Allow ram:*',
      doc({ Effect: 'Allow', Action: 'ram:*', Resource: 'acs:ram:*:*:role/x' }),
      'permission',
      ['ram-write-access'],
    ],
    [
      'Allow ram:Attach*',
      doc({ Effect: 'Allow', Action: 'ram:Attach*', Resource: '*' }),
      'permission',
      ['ram-write-access'],
    ],
    [
      'Allow ram:CreatePolicyVersion',
      doc({ Effect: 'Allow', Action: 'ram:CreatePolicyVersion', Resource: '*' }),
      'permission',
      ['ram-write-access'],
    ],
    [
      'Allow ram:Get* only: clean',
      doc({ Effect: 'Allow', Action: ['ram:Get*', 'ram:List*'], Resource: '*' }),
      'permission',
      [],
    ],
    [
      'Allow sts:AssumeRole on *',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
      'permission',
      ['assume-any-role'],
    ],
    [
      'Allow sts:AssumeRole on one role: clean',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram::${ACCOUNT}:role/r` }),
      'permission',
      [],
    ],
    [
      'Allow with NotAction',
      doc({ Effect: 'Allow', NotAction: 'ram:*', Resource: 'acs:oss:*:*:b/*' }),
      'permission',
      ['not-action-or-not-resource'],
    ],
    [
      'Allow with NotResource',
      doc({ Effect: 'Allow', Action: 'oss:GetObject', NotResource: 'acs:oss:*:*:secret/*' }),
      'session',
      ['not-action-or-not-resource'],
    ],
  ])('%s', (_reason, document, kind, expected) => {
    expect(rules(document, kind)).toEqual(expected)
  })

  it('reports each rule at its severity, with the subject and source', () => {
    const [finding] = lint(target(doc(oidcTrust()), 'trust'))
    expect(finding).toMatchObject({
      rule: 'oidc-trust-without-sub',
      severity: RULES['oidc-trust-without-sub'],
      subject: 'the document',
      source: 'desired',
    })
    expect(RULES['oidc-trust-without-sub']).toBe('error')
    expect(RULES['wildcard-action-on-any-resource']).toBe('warning')
  })

  it("points at the statement's line in the file it came from", () => {
    const file: PolicyFile = {
      path: 'p.json',
      document: { Version: '1', Statement: [] },
      text: '',
      lines: new Map([
        ['Statement[0]', 3],
        ['Statement[1]', 7],
      ]),
    }
    const findings = lint({
      ...target(
        doc(
          { Effect: 'Allow', Action: 'oss:GetObject', Resource: 'x' },
          { Effect: 'Allow', Action: 'oss:*', Resource: '*' },
        ),
        'permission',
      ),
      file,
    })
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'wildcard-action-on-any-resource', file: 'p.json', line: 7 }),
    ])
  })
})

describe('matches()', () => {
  it.each<[string, string, boolean]>([
    ['ram:*', 'ram:CreateUser', true],
    ['RAM:create*', 'ram:CreateUser', true],
    ['ram:Get?ser', 'ram:GetUser', true],
    ['ram:Get*', 'ram:CreateUser', false],
    ['*', 'anything:at-all', true],
    ['oss:Put.Object', 'oss:PutxObject', false],
  ])('%s against %s: %s', (pattern, value, expected) => {
    expect(matches(pattern, value)).toBe(expected)
  })
})
