// The request signer against the official test vector, the reference's derived vectors, and
// @alicloud/pop-core itself (the SDK it replaces at run time): same parameters, same body.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import RPCClient from '@alicloud/pop-core'
import { describe, expect, it } from '@jest/globals'
import { canonicalQuery, percentEncode, signatureV1, signedBody } from '../src/aliyun/signature.js'

describe('signatureV1()', () => {
  const createUser = {
    AccessKeyId: 'testid',
    Action: 'CreateUser',
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2',
    SignatureVersion: '1.0',
    Timestamp: '2015-08-18T03:15:45Z',
    UserName: 'test',
    Version: '2015-05-01',
  }

  it.each<[string, 'GET' | 'POST', Record<string, string>, string, string]>([
    ['the official CreateUser vector (GET)', 'GET', createUser, 'testsecret', 'kRA2cnpJVacIhDMzXnoNZG9tDCI='],
    ['the same with POST', 'POST', createUser, 'testsecret', 'dqKXu+HdMSCjXsbEfrTz+C9T7AE='],
    [
      'an STS AssumeRole with a token and odd characters',
      'POST',
      {
        AccessKeyId: 'STS.testid',
        SecurityToken: 'CAIStoken+/=',
        Action: 'AssumeRole',
        Version: '2015-04-01',
        Format: 'JSON',
        Timestamp: '2024-01-02T03:04:05Z',
        SignatureNonce: 'e2a4c9f0-0000-4000-8000-000000000001',
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        RoleArn: 'acs:ram::1234567890123456:role/deploy-role',
        RoleSessionName: 'gha-run_1.x@y',
        DurationSeconds: '3600',
        Policy: `{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*"}]} ~!'()`,
      },
      'testsecret',
      'mZBXQCWAXnMA8l6BAFXzn6wHPqA=',
    ],
  ])('%s', (_reason, method, params, secret, signature) => {
    expect(signatureV1(method, params, secret)).toBe(signature)
  })

  it('encodes like RFC 3986: space %20, * %2A, ~ kept', () => {
    expect(percentEncode("a b*~!'()é")).toBe('a%20b%2A~%21%27%28%29%C3%A9')
    expect(canonicalQuery({ b: '2', a: '1', Signature: 'x' })).toBe('a=1&b=2')
  })
})

describe('signedBody()', () => {
  it('is byte-for-byte what pop-core sends for the same call', async () => {
    const bodies: string[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        bodies.push(body)
        res.end('{"RequestId":"R"}')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const key = { accessKeyId: 'LTAIkey', accessKeySecret: 'se/cr+et=', securityToken: 'CAIS+/=' }
      const client = new RPCClient({
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        apiVersion: '2015-05-01',
        ...key,
      })
      const params = {
        RoleName: 'my role',
        AssumeRolePolicyDocument: '{"Version":"1"} *~',
        MaxSessionDuration: 3600,
      }
      await client.request('CreateRole', params, { method: 'POST' })
      const sent = new URLSearchParams(bodies[0])
      const ours = signedBody(
        'CreateRole',
        '2015-05-01',
        { RoleName: 'my role', AssumeRolePolicyDocument: '{"Version":"1"} *~', MaxSessionDuration: '3600' },
        key,
        new Date(sent.get('Timestamp')!),
        sent.get('SignatureNonce')!,
      )
      expect(ours).toBe(bodies[0])
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('sends no key, nonce or signature when unsigned', () => {
    const body = new URLSearchParams(
      signedBody('AssumeRoleWithOIDC', '2015-04-01', { OIDCToken: 't' }, undefined),
    )
    expect([...body.keys()].sort()).toEqual(['Action', 'Format', 'OIDCToken', 'Timestamp', 'Version'])
  })
})
