// observe → plan → apply against an in-memory RAM (fixtures/fake-ram.ts): which writes happen,
// and that a second run makes none.
import { describe, expect, it } from '@jest/globals'
import { CloudError } from '../../src/cloud-error.js'
import { apply } from '../../src/engine/apply.js'
import { desiredState } from '../../src/engine/desired.js'
import { observe, targetsOf } from '../../src/engine/observe.js'
import { plan } from '../../src/engine/plan.js'
import type { Inputs } from '../../src/model.js'
import { FakeRam } from '../fixtures/fake-ram.js'
import { seedInputs } from '../fixtures/inputs.js'

const inputs = seedInputs

async function reconcile(ram: FakeRam, i: Inputs) {
  const before = ram.writes.length
  const changes = plan(desiredState(i, ram.accountId), await observe(ram, targetsOf(i)))
  const { failedUsers: failed, conflicts } = await apply(changes, ram, { concurrency: 4, propagationMs: 0 })
  return {
    changes,
    failed,
    conflicts,
    writes: ram.writes.slice(before).map((w) => `${w.method} ${w.args.join(' ')}`),
  }
}

describe('reconcile', () => {
  it('creates the seed flow on an empty account, then converges with zero writes', async () => {
    const ram = new FakeRam()
    const first = await reconcile(ram, inputs())
    expect(first.writes).toEqual([
      'createUser uploader',
      'createRole oss-uploader',
      'createPolicy oss-uploader-policy',
      'createPolicy oss-uploader-assume',
      'attachPolicy role/oss-uploader Custom:oss-uploader-policy',
      'attachPolicy user/uploader Custom:oss-uploader-assume',
    ])
    const second = await reconcile(ram, inputs())
    expect(second.changes).toEqual([])
    expect(second.writes).toEqual([])
  })

  it('keeps at most 5 versions over 7 policy changes and never drops the default', async () => {
    const ram = new FakeRam()
    await reconcile(ram, inputs())
    for (let n = 1; n <= 7; n++) {
      const run = await reconcile(ram, inputs({}, ['oss:PutObject', `oss:Extra${n}`]))
      expect(run.writes.filter((w) => w.startsWith('createPolicyVersion'))).toEqual([
        'createPolicyVersion oss-uploader-policy',
      ])
      const versions = (await ram.listPolicyVersions('oss-uploader-policy'))!
      expect(versions.length).toBeLessThanOrEqual(5)
      expect(versions.filter((v) => v.isDefault)).toHaveLength(1)
      expect(JSON.parse(versions.find((v) => v.isDefault)!.document).Statement[0].Action).toContain(
        `oss:Extra${n}`,
      )
    }
    expect((await reconcile(ram, inputs({}, ['oss:PutObject', 'oss:Extra7']))).writes).toEqual([])
  })

  it('repairs a detached policy and a widened trust policy, and nothing else', async () => {
    const ram = new FakeRam()
    await reconcile(ram, inputs())
    await ram.detachPolicy(
      { type: 'role', name: 'oss-uploader' },
      { type: 'Custom', name: 'oss-uploader-policy' },
    )
    ram.roles.get('oss-uploader')!.trustPolicy =
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::999:root"]}}]}'
    const repair = await reconcile(ram, inputs())
    expect(repair.writes).toEqual([
      'updateRole oss-uploader trustPolicy',
      'attachPolicy role/oss-uploader Custom:oss-uploader-policy',
    ])
  })

  it('grants all-users policies only to users that lack them and reports the ones that fail', async () => {
    const ram = new FakeRam()
    for (const u of ['alice', 'bob', 'carol', 'dave', 'erin']) ram.addUser(u)
    await ram.attachPolicy({ type: 'user', name: 'bob' }, { type: 'System', name: 'AliyunCSReadOnlyAccess' })
    ram.refuse.add('dave')
    const all = inputs({
      subAccount: undefined,
      allUsersPolicies: [{ type: 'System', name: 'AliyunCSReadOnlyAccess' }],
    })
    const first = await reconcile(ram, all)
    expect(first.writes.filter((w) => w.startsWith('attachPolicy user/')).sort()).toEqual([
      'attachPolicy user/alice System:aliyuncsreadonlyaccess',
      'attachPolicy user/carol System:aliyuncsreadonlyaccess',
      'attachPolicy user/dave System:aliyuncsreadonlyaccess',
      'attachPolicy user/erin System:aliyuncsreadonlyaccess',
    ])
    expect(first.failed.map((f) => f.user)).toEqual(['dave'])
    expect(first.failed[0]!.error).toBe('LimitExceeded.User.Policy: too many policies (RequestId REQ-1)')
    ram.refuse.clear()
    const second = await reconcile(ram, all)
    expect(second.writes).toEqual(['attachPolicy user/dave System:aliyuncsreadonlyaccess'])
  })

  it('in exclusive mode detaches what the inputs do not name, and deletes nothing', async () => {
    const ram = new FakeRam()
    await reconcile(ram, inputs())
    await ram.attachPolicy(
      { type: 'role', name: 'oss-uploader' },
      { type: 'System', name: 'AdministratorAccess' },
    )
    const run = await reconcile(ram, inputs({ exclusive: true }))
    expect(run.writes).toEqual(['detachPolicy role/oss-uploader System:administratoraccess'])
  })
})

describe('apply()', () => {
  it('counts creates that found the entity already there, so the caller looks again', async () => {
    const ram = new FakeRam()
    const i = inputs()
    const changes = plan(desiredState(i, ram.accountId), await observe(ram, targetsOf(i)))
    await ram.createRole({
      name: 'oss-uploader',
      trustPolicy: '{}',
      description: 'racer',
      maxSessionDuration: 3600,
    })
    await ram.createUser({ name: 'uploader', comments: '' })
    const result = await apply(changes, ram, { concurrency: 1, propagationMs: 0 })
    expect(result.conflicts).toBe(2)
    // Looking again finds the racer's trust policy and repairs it.
    const again = plan(desiredState(i, ram.accountId), await observe(ram, targetsOf(i)))
    expect(again.map((c) => c.kind)).toEqual(['update-role'])
  })

  it('waits out EntityNotExist on an entity this run just created, within the window', async () => {
    const ram = new FakeRam()
    const i = inputs({ subAccount: undefined })
    const changes = plan(desiredState(i, ram.accountId), await observe(ram, targetsOf(i)))
    const attach = ram.attachPolicy.bind(ram)
    let refusals = 2
    ram.attachPolicy = async (principal, policy) => {
      if (refusals-- > 0) {
        throw new CloudError('ram', 'AttachPolicyToRole', 'EntityNotExist.Role', 'not yet', 'R')
      }
      return attach(principal, policy)
    }
    const waits: number[] = []
    let clock = 0
    await apply(changes, ram, {
      concurrency: 1,
      propagationMs: 10_000,
      sleep: async (ms) => {
        waits.push(ms)
        clock += ms
      },
      now: () => clock,
    })
    expect(waits).toEqual([500, 1000])
    expect(await ram.listAttachedPolicies({ type: 'role', name: 'oss-uploader' })).toHaveLength(1)
  })

  it('does not wait on EntityNotExist when it created nothing (a real error fails fast)', async () => {
    const ram = new FakeRam()
    ram.attachPolicy = async () => {
      throw new CloudError('ram', 'AttachPolicyToRole', 'EntityNotExist.Policy', 'no such policy', 'R')
    }
    const change = {
      kind: 'attach-policy' as const,
      principal: { type: 'role' as const, name: 'r' },
      policy: { type: 'System' as const, name: 'Nope' },
    }
    await expect(apply([change], ram, { concurrency: 1, propagationMs: 10_000 })).rejects.toMatchObject({
      code: 'EntityNotExist.Policy',
    })
  })
})
