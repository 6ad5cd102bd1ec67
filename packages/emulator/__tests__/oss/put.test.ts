// The OSS stand-in (src/oss/) with unmodified ali-oss 6.23.0 and STS credentials from the emulator.
import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import { allow, type Creds } from '../harness.js'
import { accountId, assume, client, clock, emu, failure, oss, setup, sts, uploader } from './fixture.js'

setup()

describe('ali-oss put against the stand-in', () => {
  it('uploads an object the role may write', async () => {
    const r = await client(sts).put('uploads/a.txt', Buffer.from('hello oss'))
    expect(r.res.status).toBe(200)
    expect(r.res.headers.etag).toBe(`"${createHash('md5').update('hello oss').digest('hex').toUpperCase()}"`)
    expect(oss.objects.get('my-bucket/uploads/a.txt')?.toString()).toBe('hello oss')
    expect(oss.requests.at(-1)).toMatchObject({
      method: 'PUT',
      host: 'my-bucket.oss-cn-hangzhou.aliyuncs.com',
      bucket: 'my-bucket',
      key: 'uploads/a.txt',
      accessKeyId: sts.accessKeyId,
      caller: `acs:ram::${accountId}:assumed-role/uploader-role/ci`,
      status: 200,
    })
  })

  it('signs and stores keys with spaces and non-ASCII characters, path-style too (sldEnable)', async () => {
    await client(sts).put('uploads/hello wörld+1.txt', Buffer.from('x'))
    expect(oss.objects.has('my-bucket/uploads/hello wörld+1.txt')).toBe(true)
    await client(sts, { sldEnable: true }).put('uploads/sld.txt', Buffer.from('y'))
    expect(oss.requests.at(-1)).toMatchObject({ path: '/my-bucket/uploads/sld.txt', key: 'uploads/sld.txt' })
    expect(oss.objects.get('my-bucket/uploads/sld.txt')?.toString()).toBe('y')
  })

  it('refuses an object outside the allowed prefix with AccessDenied', async () => {
    const err = await failure(client(sts).put('other/b.txt', Buffer.from('no')))
    expect(err).toMatchObject({ name: 'AccessDeniedError', code: 'AccessDenied', status: 403 })
    expect(err.requestId).toMatch(/^[0-9A-F]{24}$/)
    expect(err.hostId).toBe('my-bucket.oss-cn-hangzhou.aliyuncs.com')
    expect(oss.objects.has('my-bucket/other/b.txt')).toBe(false)
  })

  it('applies the session policy of the STS credentials', async () => {
    const narrow = await assume('narrow', {
      Policy: allow('oss:PutObject', 'acs:oss:*:*:my-bucket/uploads/x/*'),
    })
    await client(narrow).put('uploads/x/ok.txt', Buffer.from('1'))
    const err = await failure(client(narrow).put('uploads/y.txt', Buffer.from('2')))
    expect(err.code).toBe('AccessDenied')
  })

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const err = await failure(
      client({ ...sts, accessKeySecret: 'wrong-secret' }).put('uploads/c.txt', Buffer.from('x')),
    )
    expect(err).toMatchObject({
      name: 'SignatureDoesNotMatchError',
      code: 'SignatureDoesNotMatch',
      status: 403,
    })
  })

  it('refuses a wrong or absent security token', async () => {
    const other = await assume('other')
    const wrong = await failure(
      client({ ...sts, securityToken: other.securityToken }).put('uploads/d.txt', Buffer.from('x')),
    )
    expect(wrong).toMatchObject({ code: 'InvalidSecurityToken', status: 403 })
    const absent = await failure(
      client({ ...sts, securityToken: undefined }).put('uploads/d.txt', Buffer.from('x')),
    )
    expect(absent).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 })
    const unknown = await failure(
      client({ ...sts, accessKeyId: 'STS.unknown' }).put('uploads/d.txt', Buffer.from('x')),
    )
    expect(unknown).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 })
  })

  it('refuses an expired token with SecurityTokenExpired', async () => {
    const short = await assume('short', { DurationSeconds: 900 })
    clock.skewMs = 901_000
    try {
      const err = await failure(client(short).put('uploads/e.txt', Buffer.from('x')))
      expect(err).toMatchObject({ code: 'SecurityTokenExpired', status: 403 })
    } finally {
      clock.skewMs = 0
    }
  })

  it("judges a RAM user's permanent key by the user's own policies", async () => {
    const err = await failure(client(uploader).put('uploads/f.txt', Buffer.from('x')))
    expect(err).toMatchObject({ code: 'AccessDenied', status: 403 })
    emu.control.attachPolicy(
      accountId,
      { type: 'user', name: 'uploader' },
      { type: 'Custom', name: 'uploads-put' },
    )
    try {
      expect((await client(uploader).put('uploads/f.txt', Buffer.from('x'))).res.status).toBe(200)
    } finally {
      emu.control.detachPolicy(
        accountId,
        { type: 'user', name: 'uploader' },
        { type: 'Custom', name: 'uploads-put' },
      )
    }
  })
})

describe('raw requests', () => {
  const put = (path: string, body: string, creds: Creds, md5?: string): Promise<Response> => {
    const date = new Date().toUTCString()
    const contentMd5 = md5 ?? createHash('md5').update(body).digest('base64')
    const toSign = `PUT\n${contentMd5}\ntext/plain\n${date}\nx-oss-security-token:${creds.securityToken}\n${path}`
    const sig = createHmac('sha1', creds.accessKeySecret).update(toSign).digest('base64')
    return fetch(`${oss.endpoint}${path}`, {
      method: 'PUT',
      headers: {
        date,
        'content-type': 'text/plain',
        'content-md5': contentMd5,
        'x-oss-security-token': creds.securityToken!,
        authorization: `OSS ${creds.accessKeyId}:${sig}`,
      },
      body,
    })
  }

  it('takes the bucket from the path when Host is an IP', async () => {
    const res = await put('/my-bucket/uploads/raw.txt', 'raw', sts)
    expect(res.status).toBe(200)
    expect(oss.objects.get('my-bucket/uploads/raw.txt')?.toString()).toBe('raw')
  })

  it('answers errors as OSS XML', async () => {
    const bad = await put(
      '/my-bucket/uploads/raw.txt',
      'raw',
      sts,
      createHash('md5').update('x').digest('base64'),
    )
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('<Code>InvalidDigest</Code>')
    const wrong = await put('/my-bucket/uploads/raw.txt', 'raw', { ...sts, accessKeySecret: 'nope' })
    expect(wrong.status).toBe(403)
    expect(wrong.headers.get('content-type')).toBe('application/xml')
    const text = await wrong.text()
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>SignatureDoesNotMatch<\/Code>/,
    )
    expect(text).toMatch(/<RequestId>[0-9A-F]{24}<\/RequestId>/)
    expect(text).toContain('<StringToSign>PUT\n')
    const get = await fetch(`${oss.endpoint}/my-bucket/uploads/raw.txt`)
    expect(get.status).toBe(405)
    expect(await get.text()).toContain('<Code>MethodNotAllowed</Code>')
  })
})
