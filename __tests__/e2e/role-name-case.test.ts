// End to end with a mixed-case role name, under both readings of how STS spells the role inside
// session ARNs (the real service's choice is unconfirmed; the emulator can play either): the
// bundle's role-arn keeps the name as given, and assumed-role-arn is exactly what STS answered.
import RPCClient from '@alicloud/pop-core'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { runAction, workspace } from '../../scripts/local-runner.js'
import { sandboxAccount } from '../../scripts/sandbox.js'

const POLICY = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }],
})
const ROLE = 'OSS-Uploader'

describe.each(['preserve', 'lower'] as const)('session ARNs that %s the role name', (sessionRoleNameCase) => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 61, sessionRoleNameCase, profile: 'realistic' })
  })
  afterAll(async () => {
    await emu.close()
  })

  it('applies, converges and reports both ARNs right', async () => {
    const acct = await sandboxAccount(emu)
    const ws = workspace({ '.github/ram/upload.json': POLICY })
    const inputs = {
      'role-name': ROLE,
      'policy-file': '.github/ram/upload.json',
      'access-key-id': acct.key.accessKeyId,
      'access-key-secret': acct.key.accessKeySecret,
      'ram-endpoint': emu.ramEndpoint,
      'sts-endpoint': emu.stsEndpoint,
    }
    const first = await runAction(inputs, { cwd: ws })
    expect(first.code).toBe(0)
    const spelled = sessionRoleNameCase === 'lower' ? ROLE.toLowerCase() : ROLE
    expect(first.outputs['role-arn']).toBe(`acs:ram::${acct.accountId}:role/${ROLE}`)
    expect(first.outputs['assumed-role-arn']).toMatch(
      new RegExp(`^acs:ram::${acct.accountId}:role/${spelled}/[^/]+$`),
    )
    expect(emu.control.state(acct.accountId).roles.map((r) => r.name)).toEqual([ROLE])

    // The exported credentials are that session: STS names it with the same spelling.
    const sts = new RPCClient({
      endpoint: emu.stsEndpoint,
      apiVersion: '2015-04-01',
      accessKeyId: first.outputs['access-key-id']!,
      accessKeySecret: first.outputs['access-key-secret']!,
      securityToken: first.outputs['security-token']!,
    })
    const who = await sts.request<{ Arn: string }>(
      'GetCallerIdentity',
      {},
      { method: 'POST', timeout: 10_000 },
    )
    const session = first.outputs['assumed-role-arn']!.split('/').pop()
    expect(who.Arn).toBe(`acs:ram::${acct.accountId}:assumed-role/${spelled}/${session}`)

    // A second run finds everything in place whatever the case: no change, same outputs.
    const second = await runAction(inputs, { cwd: ws })
    expect(second.code).toBe(0)
    expect(second.outputs.changes).toBe('0')
    expect(second.outputs['role-arn']).toBe(first.outputs['role-arn'])
  })
})
