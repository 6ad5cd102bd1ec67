// Policy grammar and evaluation as pure functions: NotAction/NotResource, Sid, free-form resources,
// and which trust statements apply to which STS call.
import { describe, expect, it } from '@jest/globals'
import { evaluate, evaluateTrust } from '../src/policy/evaluate.js'
import { PolicyError, type PolicyKind, parsePolicy } from '../src/policy/grammar.js'

const doc = (...statements: object[]): string => JSON.stringify({ Version: '1', Statement: statements })
const decide = (statement: object, action: string, resource: string) =>
  evaluate([parsePolicy(doc(statement), 'permission')], { action, resource, context: {} })

describe('evaluate', () => {
  it.each([
    ['Action matches', { Effect: 'Allow', Action: 'oss:Put*', Resource: '*' }, 'oss:PutObject', 'x', 'Allow'],
    [
      'Action misses',
      { Effect: 'Allow', Action: 'oss:Get*', Resource: '*' },
      'oss:PutObject',
      'x',
      'Implicit',
    ],
    [
      'NotAction covers the rest',
      { Effect: 'Allow', NotAction: 'ram:*', Resource: '*' },
      'oss:PutObject',
      'x',
      'Allow',
    ],
    [
      'NotAction excludes its own',
      { Effect: 'Allow', NotAction: 'ram:*', Resource: '*' },
      'ram:CreateUser',
      'x',
      'Implicit',
    ],
    [
      'NotAction with Deny',
      { Effect: 'Deny', NotAction: ['oss:Get*'], Resource: '*' },
      'oss:PutObject',
      'x',
      'Deny',
    ],
    [
      'NotResource covers the rest',
      { Effect: 'Allow', Action: 'oss:*', NotResource: 'acs:oss:*:*:secret/*' },
      'oss:PutObject',
      'acs:oss:cn-hangzhou:1:public/a',
      'Allow',
    ],
    [
      'NotResource excludes its own',
      { Effect: 'Allow', Action: 'oss:*', NotResource: 'acs:oss:*:*:secret/*' },
      'oss:PutObject',
      'acs:oss:cn-hangzhou:1:secret/a',
      'Implicit',
    ],
    [
      'a free-form Resource matches literally',
      { Effect: 'Allow', Action: 'oss:*', Resource: 'bucket' },
      'oss:PutObject',
      'bucket',
      'Allow',
    ],
  ])('%s', (_name, statement, action, resource, decision) => {
    expect(decide(statement, action, resource)).toBe(decision)
  })
})

describe('parsePolicy', () => {
  it.each<[string, PolicyKind, object]>([
    ['a Sid', 'permission', { Sid: 'a', Effect: 'Allow', Action: 'oss:*', Resource: '*' }],
    ['NotAction', 'session', { Effect: 'Allow', NotAction: 'ram:*', Resource: '*' }],
    ['NotResource', 'permission', { Effect: 'Allow', Action: 'oss:*', NotResource: '*' }],
    [
      'a trust Resource',
      'trust',
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Principal: { RAM: 'x' } },
    ],
    [
      'a trust action other than sts:AssumeRole',
      'trust',
      { Effect: 'Allow', Action: 'sts:Tag*', Principal: { RAM: 'x' } },
    ],
  ])('accepts %s', (_name, kind, statement) => {
    expect(() => parsePolicy(doc(statement), kind)).not.toThrow()
  })

  it.each<[string, PolicyKind, object, RegExp]>([
    [
      'Action and NotAction',
      'permission',
      { Effect: 'Allow', Action: 'a:b', NotAction: 'c:d', Resource: '*' },
      /not both/,
    ],
    ['neither Action nor NotAction', 'session', { Effect: 'Allow', Resource: '*' }, /is required/],
    [
      'neither Resource nor NotResource',
      'permission',
      { Effect: 'Allow', Action: 'a:b' },
      /Resource" \(or "NotResource"\) is required/,
    ],
    ['a numeric Sid', 'permission', { Sid: 7, Effect: 'Allow', Action: 'a:b', Resource: '*' }, /Sid/],
    [
      'an unknown element',
      'permission',
      { Effect: 'Allow', Action: 'a:b', Resource: '*', Foo: 1 },
      /not a policy element/,
    ],
    [
      'a Principal in a permission policy',
      'permission',
      { Effect: 'Allow', Action: 'a:b', Resource: '*', Principal: {} },
      /only in a trust/,
    ],
  ])('refuses %s', (_name, kind, statement, message) => {
    expect(() => parsePolicy(doc(statement), kind)).toThrow(PolicyError)
    expect(() => parsePolicy(doc(statement), kind)).toThrow(message)
  })
})

describe('evaluateTrust', () => {
  const trust = (action: string | string[], principal: object) =>
    parsePolicy(doc({ Effect: 'Allow', Action: action, Principal: principal }), 'trust')
  it.each<[string, string | string[], object, string[], 'RAM' | 'Federated', string]>([
    [
      'sts:AssumeRole for a RAM caller',
      'sts:AssumeRole',
      { RAM: 'acs:ram::1:root' },
      ['acs:ram::1:root'],
      'RAM',
      'Allow',
    ],
    [
      'another action does not let a RAM caller in',
      'sts:AssumeRoleWithOIDC',
      { RAM: 'acs:ram::1:root' },
      ['acs:ram::1:root'],
      'RAM',
      'Implicit',
    ],
    [
      'sts:AssumeRole for an OIDC provider',
      'sts:AssumeRole',
      { Federated: 'p' },
      ['p'],
      'Federated',
      'Allow',
    ],
    [
      'sts:AssumeRoleWithOIDC for an OIDC provider',
      'sts:AssumeRoleWithOIDC',
      { Federated: 'p' },
      ['p'],
      'Federated',
      'Allow',
    ],
    [
      'a principal that is not the caller',
      'sts:AssumeRole',
      { RAM: 'acs:ram::2:root' },
      ['acs:ram::1:root'],
      'RAM',
      'Implicit',
    ],
  ])('%s', (_name, action, principal, callers, type, decision) => {
    expect(evaluateTrust(trust(action, principal), callers, {}, type)).toBe(decision)
  })
})
