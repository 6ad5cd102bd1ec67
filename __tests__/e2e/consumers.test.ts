// What the action exports is used by unmodified real clients: ali-oss uploads through the OSS
// stand-in (which checks the signature, asks the emulator whether the STS token is valid and the
// role's policy allows the object), and @alicloud/credentials' default chain signs a call.

import Credentials from '@alicloud/credentials'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import Sts from '@alicloud/sts20150401'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator, startOssStandIn } from '@ram-identity/emulator'
import OSS from 'ali-oss'
import { type RunResult, runAction, workspace } from '../../scripts/local-runner.js'
import { type SandboxAccount, sandboxAccount } from '../../scripts/sandbox.js'

let emu: Emulator
let oss: Awaited<ReturnType<typeof startOssStandIn>>
let acct: SandboxAccount
let run: RunResult

beforeAll(async () => {
  emu = await startEmulator({ seed: 51, profile: 'realistic' })
  oss = await startOssStandIn(emu)
  acct = await sandboxAccount(emu)
  const policy = {
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-release-bucket/site/*'] },
    ],
  }
  run = await runAction(
    {
      'role-name': 'site-uploader',
      'policy-file': 'upload.json',
      'access-key-id': acct.key.accessKeyId,
      'access-key-secret': acct.key.accessKeySecret,
      'ram-endpoint': emu.ramEndpoint,
      'sts-endpoint': emu.stsEndpoint,
    },
    { cwd: workspace({ 'upload.json': JSON.stringify(policy) }) },
  )
})
afterAll(async () => {
  await oss.close()
  await emu.close()
})

/** An ali-oss client built only from what the action wrote to GITHUB_ENV (as ossutil would read it). */
const client = (secret = run.env.OSS_ACCESS_KEY_SECRET!) =>
  new OSS({
    accessKeyId: run.env.OSS_ACCESS_KEY_ID!,
    accessKeySecret: secret,
    stsToken: run.env.OSS_SESSION_TOKEN,
    endpoint: oss.endpoint,
    bucket: 'my-release-bucket',
    refreshSTSTokenInterval: 3_600_000,
  })

describe('real consumers of the exported credentials', () => {
  it('the action ran and exported the OSS variables', () => {
    expect(run.code).toBe(0)
    expect(run.env.OSS_ACCESS_KEY_ID).toMatch(/^STS\./)
  })

  it('ali-oss uploads an object the role policy allows', async () => {
    const result = await client().put('site/index.html', Buffer.from('<h1>hello</h1>'))
    expect(result.res.status).toBe(200)
    expect(oss.objects.get('my-release-bucket/site/index.html')?.toString()).toBe('<h1>hello</h1>')
  })

  it('ali-oss is refused an object outside the policy', async () => {
    await expect(client().put('private/secret.txt', Buffer.from('x'))).rejects.toMatchObject({
      code: 'AccessDenied',
      status: 403,
    })
  })

  it('a tampered secret is refused by the signature check', async () => {
    await expect(client('wrong-secret').put('site/a.txt', Buffer.from('x'))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    })
  })

  it('a session-policy-file narrows the credentials below the role policy', async () => {
    const narrowed = await runAction(
      {
        'role-name': 'site-uploader',
        mode: 'assume',
        'session-policy-file': 'session.json',
        'access-key-id': acct.key.accessKeyId,
        'access-key-secret': acct.key.accessKeySecret,
        'sts-endpoint': emu.stsEndpoint,
      },
      {
        cwd: workspace({
          'session.json': JSON.stringify({
            Version: '1',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'oss:PutObject',
                Resource: 'acs:oss:*:*:my-release-bucket/site/docs/*',
              },
            ],
          }),
        }),
      },
    )
    expect(narrowed.code).toBe(0)
    const oss2 = new OSS({
      accessKeyId: narrowed.env.OSS_ACCESS_KEY_ID!,
      accessKeySecret: narrowed.env.OSS_ACCESS_KEY_SECRET!,
      stsToken: narrowed.env.OSS_SESSION_TOKEN,
      endpoint: oss.endpoint,
      bucket: 'my-release-bucket',
      refreshSTSTokenInterval: 3_600_000,
    })
    expect((await oss2.put('site/docs/a.html', Buffer.from('ok'))).res.status).toBe(200)
    // Allowed by the role, but not by the session policy.
    await expect(oss2.put('site/index.html', Buffer.from('x'))).rejects.toMatchObject({
      code: 'AccessDenied',
    })
  })

  it("@alicloud/credentials' default chain picks the exported variables up and signs a call STS accepts", async () => {
    const names = [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_SECURITY_TOKEN',
    ]
    const saved = names.map((n) => [n, process.env[n]] as const)
    for (const n of names) process.env[n] = run.env[n]
    try {
      const credential = new Credentials.default()
      expect(await credential.getCredential()).toMatchObject({
        providerName: 'default/env',
        accessKeyId: run.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
      })
      const sts = new Sts.default(
        new $OpenApiUtil.Config({ credential, endpoint: new URL(emu.stsEndpoint).host, protocol: 'http' }),
      )
      const who = await sts.getCallerIdentity()
      expect(who.body).toMatchObject({
        identityType: 'AssumedRoleUser',
        arn: `acs:ram::${acct.accountId}:assumed-role/site-uploader/github-4242-1`,
      })
    } finally {
      for (const [n, v] of saved) {
        if (v === undefined) delete process.env[n]
        else process.env[n] = v
      }
    }
  })
})
