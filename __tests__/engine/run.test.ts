// The engine end to end in-process, over the in-memory cloud: the mode decides which clients a
// run is handed, a drift check writes nothing whatever it finds, and failures come back in the
// result with what was known by then.
import { describe, expect, it } from '@jest/globals'
import { NoIdTokenError } from '../../src/engine/oidc.js'
import { runEngine } from '../../src/engine/run.js'
import type { Inputs } from '../../src/model.js'
import { FakeCloud, memoryLog } from '../fixtures/fake-cloud.js'
import { seedInputs } from '../fixtures/inputs.js'

const noToken = async (): Promise<string> => {
  throw new NoIdTokenError('no GitHub ID token is available')
}

/** The instance role's credentials, as a metadata service would hand them out. */
const instanceRole = async () => ({
  accessKeyId: 'STS.ecs',
  accessKeySecret: 'ecs-secret',
  securityToken: 'ecs-token',
})

async function run(cloud: FakeCloud, inputs: Inputs) {
  const log = memoryLog()
  const before = cloud.ram.writes.length
  const result = await runEngine(inputs, { cloud, idToken: noToken, instanceRole, log })
  return { result, log, writes: cloud.ram.writes.slice(before).map((w) => w.method) }
}

describe('runEngine()', () => {
  it.each<[Inputs['mode'], string[]]>([
    ['check', ['readOnly']],
    ['apply', ['forApply']],
    ['assume', ['forAssume']],
  ])('hands %s mode only %j', async (mode, handed) => {
    const cloud = new FakeCloud()
    await run(cloud, seedInputs({ mode }))
    expect(cloud.handed).toEqual(handed)
  })

  it('check on an empty account plans everything, writes nothing and assumes nothing', async () => {
    const cloud = new FakeCloud()
    const { result, writes, log } = await run(cloud, seedInputs({ mode: 'check' }))
    expect(writes).toEqual([])
    expect(cloud.assumed).toEqual([])
    expect(result).toMatchObject({ mode: 'check', accountId: cloud.ram.accountId, applied: false })
    expect(result.changes.map((c) => c.kind)).toEqual([
      'create-user',
      'create-role',
      'create-policy',
      'create-policy',
      'attach-policy',
      'attach-policy',
    ])
    expect(result.session).toBeUndefined()
    expect(log.lines).toContain('+ create role oss-uploader')
  })

  it('apply writes the plan, assumes the role and masks the session before returning it', async () => {
    const cloud = new FakeCloud()
    const { result, writes, log } = await run(cloud, seedInputs())
    expect(writes).toHaveLength(6)
    expect(result.applied).toBe(true)
    expect(result.session).toMatchObject({
      arn: `acs:ram::${cloud.ram.accountId}:role/oss-uploader/github-1-1`,
      via: `acs:ram::${cloud.ram.accountId}:user/id`,
    })
    expect(log.masked).toEqual(['STS.fake', 'fake-secret', 'fake-token'])
    const again = await run(cloud, seedInputs())
    expect(again.writes).toEqual([])
    expect(again.result.changes).toEqual([])
  })

  it('assumes as the sub-account when its keys are given', async () => {
    const cloud = new FakeCloud()
    const inputs = seedInputs({ subAccountCredentials: { accessKeyId: 'sub', accessKeySecret: 's' } })
    const { result } = await run(cloud, inputs)
    expect(cloud.assumed.map((a) => a.as)).toEqual(['sub'])
    expect(result.session?.via).toBe('sub-account uploader')
  })

  it('waits out an AssumeRole refused while its own changes propagate', async () => {
    const cloud = new FakeCloud()
    cloud.refuseAssume = 1
    const { result, log } = await run(cloud, seedInputs())
    expect(result.failure).toBeUndefined()
    expect(cloud.assumed).toHaveLength(2)
    expect(log.lines.some((l) => l.startsWith('AssumeRole refused (NoPermission)'))).toBe(true)
  }, 10_000)

  it('returns a refused AssumeRole as a failure, keeping the plan it applied', async () => {
    const cloud = new FakeCloud()
    await run(cloud, seedInputs())
    // A change to apply, then a refusal that outlasts the run's one-second deadline.
    cloud.refuseAssume = Number.POSITIVE_INFINITY
    const { result } = await run(cloud, seedInputs({ maxSessionDuration: 7200, timeoutSeconds: 1 }))
    expect(result.changes.map((c) => c.kind)).toEqual(['update-role'])
    expect(result.applied).toBe(true)
    expect(result.accountId).toBe(cloud.ram.accountId)
    expect(result.failure?.step).toBe('Assuming the role')
    expect(result.failure?.message).toMatch(
      /^AssumeRole of acs:ram::\d+:role\/oss-uploader as acs:ram::\d+:user\/id failed: NoPermission: not yet\. Likely cause: .* needs sts:AssumeRole/,
    )
  })

  it('returns a failed sign-in without touching RAM', async () => {
    const cloud = new FakeCloud()
    const inputs = seedInputs({
      credentials: undefined,
      oidc: {
        providerArn: 'acs:ram::1:oidc-provider/gh',
        roleArn: 'acs:ram::1:role/gh',
        audience: 'sts.aliyuncs.com',
      },
    })
    const { result } = await run(cloud, inputs)
    expect(result.failure).toEqual({
      step: 'Signing in with GitHub OIDC',
      message: 'Signing in with GitHub OIDC failed: no GitHub ID token is available',
    })
    expect(cloud.handed).toEqual(['oidc'])
    expect(cloud.ram.writes).toEqual([])
  })

  it('assume mode derives the role from the caller account and calls nothing on RAM', async () => {
    const cloud = new FakeCloud()
    const { result, writes } = await run(cloud, seedInputs({ mode: 'assume' }))
    expect(writes).toEqual([])
    expect(result.roleArn).toBe(`acs:ram::${cloud.ram.accountId}:role/oss-uploader`)
    expect(result.session?.arn).toBe(`acs:ram::${cloud.ram.accountId}:role/oss-uploader/github-1-1`)
  })

  it('signs in with the ECS instance role and masks its credentials before anything else', async () => {
    const cloud = new FakeCloud()
    const { result, log } = await run(
      cloud,
      seedInputs({ credentials: undefined, ecs: { role: 'auto', endpoint: 'http://x' } }),
    )
    expect(result.failure).toBeUndefined()
    expect(log.masked.slice(0, 3)).toEqual(['STS.ecs', 'ecs-secret', 'ecs-token'])
    // The instance role is the reconciling identity: AssumeRole is called as it.
    expect(cloud.assumed.map((a) => a.as)).toEqual(['STS.ecs'])
  })

  it('assumes reconciler-role-arn first and reconciles as that session', async () => {
    const cloud = new FakeCloud()
    const reconcilerRoleArn = `acs:ram::${cloud.ram.accountId}:role/member-access`
    const { result, log } = await run(cloud, seedInputs({ reconcilerRoleArn }))
    expect(result.failure).toBeUndefined()
    expect(cloud.handed).toEqual(['forAssume', 'forApply'])
    expect(cloud.assumed.map((a) => [a.roleArn, a.as])).toEqual([
      [reconcilerRoleArn, 'id'],
      [`acs:ram::${cloud.ram.accountId}:role/oss-uploader`, 'STS.fake'],
    ])
    expect(log.lines).toContain(`Reconciling as ${reconcilerRoleArn}/github-1-1 (reconciler-role-arn).`)
  })

  it.each<Inputs['mode']>(['apply', 'check', 'assume'])(
    'stops %s mode in an account allowed-account-ids does not list: no write, no AssumeRole',
    async (mode) => {
      const cloud = new FakeCloud()
      const { result, writes } = await run(
        cloud,
        seedInputs({ mode, allowedAccountIds: ['1111111111111111'] }),
      )
      expect(writes).toEqual([])
      expect(cloud.assumed).toEqual([])
      expect(result.failure?.message).toMatch(
        /the signed-in identity is in account 1234567890123456, which allowed-account-ids does not list \(1111111111111111\)/,
      )
    },
  )

  it('runs in an account allowed-account-ids lists', async () => {
    const cloud = new FakeCloud()
    const { result } = await run(cloud, seedInputs({ allowedAccountIds: [cloud.ram.accountId] }))
    expect(result.failure).toBeUndefined()
  })
})
