// Every form the document diff takes, as a table: what a reviewer reads for each kind of change.
import { describe, expect, it } from '@jest/globals'
import { diffDocuments } from '../../src/policy/diff.js'

type S = Record<string, unknown>
const doc = (...Statement: S[]) => ({ Version: '1', Statement })
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: S = {}): S => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
})
const trust = (RAM: string[], extra: S = {}): S => ({
  Effect: 'Allow',
  Action: 'sts:AssumeRole',
  Principal: { RAM },
  ...extra,
})
const ROOT = 'acs:ram::1234567890123456:root'
const OTHER = 'acs:ram::1111111111111111:root'

describe('diffDocuments()', () => {
  it.each<[string, unknown, unknown, string[]]>([
    [
      'a new document: every statement added',
      undefined,
      doc(allow('oss:PutObject', 'acs:oss:*:*:b/*')),
      ['+ Allow oss:PutObject on acs:oss:*:*:b/*'],
    ],
    [
      'the same document, written differently: nothing',
      JSON.stringify(doc(allow(['oss:B', 'oss:A']))),
      doc(allow(['oss:a', 'oss:b', 'oss:b'])),
      [],
    ],
    [
      'a widened policy: the old statement out, the new one in',
      doc(allow('oss:PutObject', 'acs:oss:*:*:b/*')),
      doc(allow('oss:*', '*')),
      ['- Allow oss:PutObject on acs:oss:*:*:b/*', '+ Allow oss:* on *'],
    ],
    [
      'an action added to a statement',
      doc(allow('oss:PutObject')),
      doc(allow(['oss:PutObject', 'oss:*'])),
      ['+ Allow oss:* on *'],
    ],
    [
      'an action removed',
      doc(allow(['oss:PutObject', 'oss:GetObject'], 'acs:oss:*:*:b/*')),
      doc(allow('oss:PutObject', 'acs:oss:*:*:b/*')),
      ['- Allow oss:GetObject on acs:oss:*:*:b/*'],
    ],
    [
      'a resource added',
      doc(allow('oss:PutObject', 'acs:oss:*:*:a/*')),
      doc(allow('oss:PutObject', ['acs:oss:*:*:a/*', 'acs:oss:*:*:b/*'])),
      ['+ Allow oss:PutObject on acs:oss:*:*:b/*'],
    ],
    [
      'a principal added to the trust',
      doc(trust([ROOT])),
      doc(trust([ROOT, OTHER])),
      [`+ principal ${OTHER}`],
    ],
    [
      'a principal replaced',
      doc(trust([ROOT])),
      doc(trust([OTHER])),
      [`- principal ${ROOT}`, `+ principal ${OTHER}`],
    ],
    [
      'a Service principal added',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [ROOT] } }),
      doc({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { RAM: [ROOT], Service: ['ecs.aliyuncs.com'] },
      }),
      ['+ principal Service ecs.aliyuncs.com'],
    ],
    [
      'a condition added',
      doc(trust([ROOT])),
      doc(trust([ROOT], { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } })),
      ['+ condition StringEquals sts:ExternalId = abc'],
    ],
    [
      'a condition widened',
      doc(trust([ROOT], { Condition: { StringLike: { 'oidc:sub': 'repo:o/r:ref:refs/heads/main' } } })),
      doc(trust([ROOT], { Condition: { StringLike: { 'oidc:sub': 'repo:o/*' } } })),
      ['~ condition StringLike oidc:sub: repo:o/r:ref:refs/heads/main -> repo:o/*'],
    ],
    [
      'an effect flipped',
      doc(allow('oss:DeleteObject', '*', { Effect: 'Deny' })),
      doc(allow('oss:DeleteObject')),
      ['~ effect Deny -> Allow: oss:DeleteObject on *'],
    ],
    [
      'an exception list changed: shown whole',
      doc({ Effect: 'Allow', NotAction: 'ram:*', Resource: '*' }),
      doc({ Effect: 'Allow', NotAction: ['ram:*', 'sts:*'], Resource: '*' }),
      ['- Allow every action except ram:* on *', '+ Allow every action except ram:*, sts:* on *'],
    ],
    [
      'RAM ARNs with and without the region wildcard: the same',
      doc(allow('sts:AssumeRole', 'acs:ram:*:123:role/r')),
      JSON.stringify(doc(allow('sts:AssumeRole', 'acs:ram::123:role/r'))),
      [],
    ],
    [
      'a statement removed',
      doc(allow('oss:PutObject'), allow('ecs:*')),
      doc(allow('oss:PutObject')),
      ['- Allow ecs:* on *'],
    ],
    [
      'a statement with a condition, added whole',
      doc(),
      doc(
        allow('oss:GetObject', '*', {
          Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
        }),
      ),
      ['+ Allow oss:GetObject on * when IpAddress acs:SourceIp = [10.0.0.0/8, 192.168.0.0/16]'],
    ],
  ])('%s', (_reason, before, after, lines) => {
    expect(diffDocuments(before, after)).toEqual(lines)
  })
})
