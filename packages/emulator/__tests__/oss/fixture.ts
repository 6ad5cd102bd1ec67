// Shared set-up of the oss/ suites: the emulator, the stand-in, an uploader role and its session.
import { afterAll, beforeAll } from '@jest/globals'
import OSS from 'ali-oss'
import { type Emulator, type OssStandIn, startEmulator, startOssStandIn } from '../../src/index.js'
import { allow, type Creds, popSts, trust } from '../harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
export type Json = Record<string, any>

export interface OssFailure {
  name?: string
  code?: string
  status?: number
  requestId?: string
  hostId?: string
}

export let emu: Emulator

export let oss: OssStandIn

export let accountId: string

export let uploader: Creds

export let sts: Creds

/** Added to the emulator's clock (not the stand-in's), to expire STS tokens. */
export const clock = { skewMs: 0 }

export async function assume(
  sessionName: string,
  extra: Record<string, string | number> = {},
): Promise<Creds> {
  const r = await popSts(emu, uploader).call<Json>('AssumeRole', {
    RoleArn: `acs:ram::${accountId}:role/uploader-role`,
    RoleSessionName: sessionName,
    ...extra,
  })
  return {
    accessKeyId: r.Credentials.AccessKeyId,
    accessKeySecret: r.Credentials.AccessKeySecret,
    securityToken: r.Credentials.SecurityToken,
  }
}

export const client = (creds: Creds, extra: Record<string, unknown> = {}): OSS =>
  new OSS({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { stsToken: creds.securityToken } : {}),
    endpoint: oss.endpoint,
    bucket: 'my-bucket',
    refreshSTSTokenInterval: 3_600_000,
    ...extra,
  })

export async function failure(p: Promise<unknown>): Promise<OssFailure> {
  try {
    await p
  } catch (e) {
    return e as OssFailure
  }
  throw new Error('expected the request to fail')
}

/** Registers the suite hooks (start, reset and close the emulator); call once per test file. */
export function setup(): void {
  beforeAll(async () => {
    emu = await startEmulator({ seed: 31, now: () => new Date(Date.now() + clock.skewMs) })
    ;({ accountId } = emu.control.createAccount())
    uploader = emu.control.createUser(accountId, 'uploader', {
      accessKey: true,
      policies: [{ type: 'System', name: 'AliyunSTSAssumeRoleAccess' }],
    }).accessKey!
    emu.control.createPolicy(
      accountId,
      'uploads-put',
      allow('oss:PutObject', 'acs:oss:*:*:my-bucket/uploads/*'),
    )
    emu.control.createRole(accountId, 'uploader-role', {
      assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
      policies: [{ type: 'Custom', name: 'uploads-put' }],
    })
    sts = await assume('ci')
    oss = await startOssStandIn(emu)
  })
  afterAll(async () => {
    await oss.close()
    await emu.close()
  })
}
