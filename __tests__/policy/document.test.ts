import { describe, expect, it } from '@jest/globals'
import { accountTrustPolicy, canonicalPolicy, policyProblems, samePolicy } from '../../src/policy/document.js'

const upload = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: ['oss:PutObject', 'oss:ListParts'], Resource: ['acs:oss:*:*:b/*'] }],
}

describe('samePolicy()', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['identical objects', upload, upload, true],
    [
      'key order and whitespace differ',
      upload,
      `{ "Statement": [ { "Resource": ["acs:oss:*:*:b/*"], "Effect": "Allow",\n "Action": ["oss:PutObject","oss:ListParts"] } ], "Version": "1" }`,
      true,
    ],
    [
      'a string vs a one-element array',
      upload,
      { ...upload, Statement: [{ ...upload.Statement[0], Resource: 'acs:oss:*:*:b/*' }] },
      true,
    ],
    [
      'action order differs',
      upload,
      { ...upload, Statement: [{ ...upload.Statement[0], Action: ['oss:ListParts', 'oss:PutObject'] }] },
      true,
    ],
    [
      'statement order differs',
      { Version: '1', Statement: [{ Effect: 'Deny', Action: 'a:b', Resource: '*' }, upload.Statement[0]] },
      { Version: '1', Statement: [upload.Statement[0], { Effect: 'Deny', Action: 'a:b', Resource: '*' }] },
      true,
    ],
    [
      'a trust principal as string vs array',
      accountTrustPolicy('1'),
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1:root"}}]}',
      true,
    ],
    [
      'an action removed',
      upload,
      { ...upload, Statement: [{ ...upload.Statement[0], Action: ['oss:PutObject'] }] },
      false,
    ],
    ['effect differs', upload, { ...upload, Statement: [{ ...upload.Statement[0], Effect: 'Deny' }] }, false],
    // Equality as RAM judges it.
    [
      'action names in another case',
      upload,
      { ...upload, Statement: [{ ...upload.Statement[0], Action: ['OSS:putobject', 'oss:LISTPARTS'] }] },
      true,
    ],
    [
      'a statement given twice counts once',
      upload,
      { ...upload, Statement: [upload.Statement[0], upload.Statement[0]] },
      true,
    ],
    [
      'acs:ram:*: is acs:ram::',
      {
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'acs:ram:*:1:role/r' }],
      },
      {
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'acs:ram::1:role/r' }],
      },
      true,
    ],
    [
      'a Sid changes nothing',
      upload,
      { ...upload, Statement: [{ ...upload.Statement[0], Sid: 'Upload' }] },
      true,
    ],
    [
      'resource names keep their case',
      {
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:B/*' }],
      },
      {
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'oss:GetObject', Resource: 'acs:oss:*:*:b/*' }],
      },
      false,
    ],
    ['a different trusted account', accountTrustPolicy('1'), accountTrustPolicy('2'), false],
    [
      'a condition value as string vs array',
      {
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'a:b',
            Resource: '*',
            Condition: { StringEquals: { 'acs:SourceIp': '1.2.3.4' } },
          },
        ],
      },
      {
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'a:b',
            Resource: '*',
            Condition: { StringEquals: { 'acs:SourceIp': ['1.2.3.4'] } },
          },
        ],
      },
      true,
    ],
    ['unparsable stored text', upload, '{not json', false],
  ])('%s → %s', (_reason, a, b, same) => {
    expect(samePolicy(a, b)).toBe(same)
    expect(samePolicy(b, a)).toBe(same)
  })

  it('canonical form is stable across key order', () => {
    expect(canonicalPolicy({ Statement: upload.Statement, Version: '1' })).toBe(canonicalPolicy(upload))
  })
})

describe('policyProblems()', () => {
  it.each<[string, unknown, 'permission' | 'trust' | 'session', RegExp | null]>([
    ['a valid permission policy', upload, 'permission', null],
    ['a valid trust policy', accountTrustPolicy('123'), 'trust', null],
    ['not an object', [], 'permission', /JSON object/],
    ['Version 2', { ...upload, Version: '2' }, 'permission', /"Version" must be the string "1"/],
    ['Version as a number', { ...upload, Version: 1 }, 'permission', /"Version"/],
    ['empty Statement', { Version: '1', Statement: [] }, 'permission', /non-empty array/],
    [
      'Statement an object',
      { Version: '1', Statement: upload.Statement[0] },
      'permission',
      /non-empty array/,
    ],
    [
      'bad Effect',
      { Version: '1', Statement: [{ ...upload.Statement[0], Effect: 'allow' }] },
      'permission',
      /Statement\[0\]: "Effect"/,
    ],
    [
      'no Action',
      { Version: '1', Statement: [{ Effect: 'Allow', Resource: '*' }] },
      'permission',
      /"Action" is required/,
    ],
    [
      'Action a number',
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 5, Resource: '*' }] },
      'permission',
      /"Action" must be/,
    ],
    [
      'empty Action array',
      { Version: '1', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] },
      'permission',
      /"Action" must be/,
    ],
    [
      'no Resource',
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'a:b' }] },
      'permission',
      /"Resource" is required/,
    ],
    [
      'Principal in a permission policy',
      {
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'a:b', Resource: '*', Principal: { RAM: 'x' } }],
      },
      'session',
      /only in a trust policy/,
    ],
    [
      'trust policy without Principal',
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] },
      'trust',
      /"Principal" is required/,
    ],
    ['unknown key', { ...upload, Id: 'x' }, 'permission', /unknown top-level key "Id"/],
    [
      'Condition not an object',
      { Version: '1', Statement: [{ Effect: 'Allow', Action: 'a:b', Resource: '*', Condition: 'x' }] },
      'permission',
      /"Condition" must be an object/,
    ],
  ])('%s', (_reason, doc, kind, problem) => {
    const problems = policyProblems(doc, kind)
    if (problem === null) expect(problems).toEqual([])
    else expect(problems.join('\n')).toMatch(problem)
  })
})
