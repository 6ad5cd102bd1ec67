import Credentials from '@alicloud/credentials'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import { describe, expect, it } from '@jest/globals'
import { controlHeaders, Sts } from '../harness.js'
import { accountId, emu, setup, sts, uploader } from './fixture.js'

setup()

describe('control: credentialInfo and isAllowed', () => {
  it('describes keys and tokens', () => {
    expect(emu.control.credentialInfo(sts.accessKeyId, sts.securityToken)).toEqual({
      valid: true,
      secret: sts.accessKeySecret,
      accountId,
      caller: `acs:ram::${accountId}:assumed-role/uploader-role/ci`,
    })
    expect(emu.control.credentialInfo(sts.accessKeyId)).toEqual({
      valid: false,
      reason: 'MissingSecurityToken',
    })
    expect(emu.control.credentialInfo('LTAInope')).toEqual({
      valid: false,
      reason: 'InvalidAccessKeyId.NotFound',
    })
    expect(emu.control.credentialInfo(uploader.accessKeyId).caller).toBe(
      `acs:ram::${accountId}:user/uploader`,
    )
  })

  it('evaluates role policies ∩ session policy', () => {
    const res = (key: string): string => `acs:oss:cn-hangzhou:${accountId}:my-bucket/${key}`
    expect(emu.control.isAllowed(sts.accessKeyId, sts.securityToken, 'oss:PutObject', res('uploads/z'))).toBe(
      true,
    )
    expect(emu.control.isAllowed(sts.accessKeyId, sts.securityToken, 'oss:PutObject', res('z'))).toBe(false)
    expect(emu.control.isAllowed(sts.accessKeyId, sts.securityToken, 'oss:GetObject', res('uploads/z'))).toBe(
      false,
    )
    expect(emu.control.isAllowed(sts.accessKeyId, 'bad-token', 'oss:PutObject', res('uploads/z'))).toBe(false)
  })

  it('is on the HTTP control surface', async () => {
    const post = async (route: string, body: unknown): Promise<unknown> =>
      (
        await fetch(`${emu.ramEndpoint}/__emulator/${route}`, {
          method: 'POST',
          headers: controlHeaders(emu),
          body: JSON.stringify(body),
        })
      ).json()
    expect(
      await post('credentialInfo', { accessKeyId: sts.accessKeyId, securityToken: sts.securityToken }),
    ).toEqual(expect.objectContaining({ valid: true, accountId }))
    const args = { accessKeyId: sts.accessKeyId, securityToken: sts.securityToken, action: 'oss:PutObject' }
    expect(await post('isAllowed', { ...args, resource: 'acs:oss:*:*:my-bucket/uploads/a' })).toBe(true)
    expect(await post('isAllowed', { ...args, resource: 'acs:oss:*:*:my-bucket/b' })).toBe(false)
  })
})

describe('@alicloud/credentials default chain with the STS credentials in the environment', () => {
  it('signs a GetCallerIdentity the emulator accepts as the assumed role', async () => {
    const names = [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_SECURITY_TOKEN',
    ]
    const saved = names.map((n) => [n, process.env[n]] as const)
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = sts.accessKeyId
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = sts.accessKeySecret
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = sts.securityToken
    try {
      const credential = new Credentials.default()
      const model = await credential.getCredential()
      expect(model).toMatchObject({
        accessKeyId: sts.accessKeyId,
        securityToken: sts.securityToken,
        providerName: 'default/env',
      })
      const client = new Sts.default(
        new $OpenApiUtil.Config({ credential, endpoint: new URL(emu.stsEndpoint).host, protocol: 'http' }),
      )
      const who = await client.getCallerIdentity()
      expect(who.body).toMatchObject({
        accountId,
        identityType: 'AssumedRoleUser',
        arn: `acs:ram::${accountId}:assumed-role/uploader-role/ci`,
      })
    } finally {
      for (const [n, v] of saved) {
        if (v === undefined) delete process.env[n]
        else process.env[n] = v
      }
    }
  })
})
