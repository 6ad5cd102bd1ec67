// Signature V1 and V3 as pure functions, against the official and derived vectors.
import { OpenApiUtil } from '@alicloud/openapi-core'
import { describe, expect, it } from '@jest/globals'
import { officialParams, V1_VECTORS } from '../../../../__tests__/fixtures/signature-vectors.js'
import {
  canonicalizeV1,
  canonicalQueryV3,
  canonicalRequestV3,
  parseV3Authorization,
  percentEncode,
  signV1,
  signV3,
  stringToSignV1,
  stringToSignV3,
} from '../../src/gateway/signature.js'
import { EMPTY_SHA256 } from './fixture.js'

describe('signature V1', () => {
  it.each(V1_VECTORS)('%s', (_name, method, params, secret, expected) => {
    expect(signV1(stringToSignV1(method, params), secret)).toBe(expected)
    // A Signature parameter present in the input is ignored.
    expect(signV1(stringToSignV1(method, { ...params, Signature: 'x' }), secret)).toBe(expected)
  })

  it('builds the official string to sign byte for byte', () => {
    expect(stringToSignV1('GET', officialParams)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2%26SignatureVersion%3D1.0%26Timestamp%3D2015-08-18T03%253A15%253A45Z%26UserName%3Dtest%26Version%3D2015-05-01',
    )
  })

  it.each([
    ['a b', 'a%20b'],
    ['*', '%2A'],
    ['~', '~'],
    ["!'()", '%21%27%28%29'],
    ['é', '%C3%A9'],
    ['+/=', '%2B%2F%3D'],
    ['-_.', '-_.'],
  ])('percent-encodes %j as %j', (raw, encoded) => {
    expect(percentEncode(raw)).toBe(encoded)
  })

  it('sorts parameters by name in byte order', () => {
    expect(canonicalizeV1({ b: '1', B: '2', a: '3' })).toBe('B=2&a=3&b=1')
  })
})

// ---- V3 vectors -------------------------------------------------------------------------------

describe('signature V3 (ACS3-HMAC-SHA256)', () => {
  const headers = {
    host: 'ram.aliyuncs.com',
    'x-acs-action': 'GetRole',
    'x-acs-version': '2015-05-01',
    'x-acs-date': '2024-01-02T03:04:05Z',
    'x-acs-signature-nonce': 'n1',
    'x-acs-content-sha256': EMPTY_SHA256,
  }
  const signedHeaders = Object.keys(headers).sort()
  const query = { RoleName: 'r x*', B: '1' }

  it('canonicalises the request like the official SDK (independently recomputed vector)', () => {
    const canonical = canonicalRequestV3({
      method: 'POST',
      path: '/',
      query,
      headers,
      signedHeaders,
      payloadHash: EMPTY_SHA256,
    })
    expect(canonical).toBe(
      [
        'POST',
        '/',
        'B=1&RoleName=r%20x%2A',
        `host:ram.aliyuncs.com\nx-acs-action:GetRole\nx-acs-content-sha256:${EMPTY_SHA256}\nx-acs-date:2024-01-02T03:04:05Z\nx-acs-signature-nonce:n1\nx-acs-version:2015-05-01\n`,
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        EMPTY_SHA256,
      ].join('\n'),
    )
    const toSign = stringToSignV3(canonical)
    expect(toSign).toBe('ACS3-HMAC-SHA256\n84a3d04ac3156a7395dbf071a6398d8f4807bce06563ae5960ea05c45488b531')
    expect(signV3(toSign, 'testsecret')).toBe(
      '1c36a09def8f329d7b88d6750dde2f0bbcea8bc4306ecc916ebe62e377f3b176',
    )
  })

  it.each([
    ['plain', { RoleName: 'deploy', MaxItems: '10' }],
    ['reserved characters', { Policy: `{"a":"b c*~!'()"}`, Marker: 'a+b/c=' }],
    ['unicode', { Description: 'déploiement 部署' }],
    ['empty', {}],
  ])('agrees with the SDK signer on %s queries', (_name, q: Record<string, string>) => {
    const request = { pathname: '/', method: 'POST', query: q, headers: { ...headers, 'user-agent': 'x' } }
    const auth = OpenApiUtil.getAuthorization(
      request as never,
      'ACS3-HMAC-SHA256',
      EMPTY_SHA256,
      'testid',
      'testsecret',
    )
    const parsed = parseV3Authorization(auth)!
    expect(parsed.credential).toBe('testid')
    expect(parsed.signedHeaders).toEqual(signedHeaders)
    const canonical = canonicalRequestV3({
      method: 'POST',
      path: '/',
      query: q,
      headers,
      signedHeaders,
      payloadHash: EMPTY_SHA256,
    })
    expect(signV3(stringToSignV3(canonical), 'testsecret')).toBe(parsed.signature)
  })

  it('canonical query sorts and encodes keys and values', () => {
    expect(canonicalQueryV3({ b: 'x y', a: '' })).toBe('a=&b=x%20y')
  })

  it('rejects malformed Authorization headers', () => {
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=a,Signature=b')).toBeUndefined()
    expect(parseV3Authorization('Bearer x')).toBeUndefined()
  })
})

// ---- the gateway over HTTP --------------------------------------------------------------------
