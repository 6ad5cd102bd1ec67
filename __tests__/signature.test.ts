// The request signer against the official test vector, the reference's derived vectors, and
// @alicloud/pop-core itself (the SDK it replaces at run time): same parameters, same body.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import RPCClient from '@alicloud/pop-core'
import { describe, expect, it } from '@jest/globals'
import { canonicalQuery, percentEncode, signatureV1, signedBody } from '../src/aliyun/signature.js'
import { V1_VECTORS } from './fixtures/signature-vectors.js'

describe('signatureV1()', () => {
  it.each(V1_VECTORS)('%s', (_reason, method, params, secret, signature) => {
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
