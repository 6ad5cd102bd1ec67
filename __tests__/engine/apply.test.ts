// apply() against a writer whose calls wait until the test answers them (fixtures/deferred-ram.ts):
// which writes are in flight together, what waits for what, and the log order, all without a
// clock. The writes themselves are covered by reconcile.test.ts against the in-memory RAM.
import { describe, expect, it } from '@jest/globals'
import { CloudError } from '../../src/cloud-error.js'
import { apply } from '../../src/engine/apply.js'
import { desiredState } from '../../src/engine/desired.js'
import { plan } from '../../src/engine/plan.js'
import type { Actual, Change } from '../../src/model.js'
import { changeLine } from '../../src/report/plan.js'
import { DeferredRam, settled } from '../fixtures/deferred-ram.js'
import { seedInputs } from '../fixtures/inputs.js'

const empty: Actual = {
  rolePolicies: [],
  customPolicies: new Map(),
  userPolicies: [],
  usersLacking: new Map(),
  missingPolicies: [],
}

/** The seed flow's first apply: six changes on an empty account. */
const seedPlan = () => plan(desiredState(seedInputs(), '1234567890123456'), empty)

function start(changes: Change[], concurrency = 4) {
  const ram = new DeferredRam()
  const log: string[] = []
  let outcome: 'pending' | 'resolved' | 'rejected' = 'pending'
  const run = apply(changes, ram, {
    concurrency,
    propagationMs: 0,
    onChange: (change) => log.push(changeLine(change)),
  })
  run.then(
    () => (outcome = 'resolved'),
    () => (outcome = 'rejected'),
  )
  return { ram, log, run, outcome: () => outcome }
}

const CREATES = [
  'createUser uploader',
  'createRole oss-uploader',
  'createPolicy oss-uploader-policy',
  'createPolicy oss-uploader-assume',
]
const ATTACH_ROLE = 'attachPolicy role/oss-uploader Custom:oss-uploader-policy'
const ATTACH_USER = 'attachPolicy user/uploader Custom:oss-uploader-assume'

describe('apply() as a dependency graph', () => {
  it('sends the seed flow in two rounds: the four creates together, then both attaches', async () => {
    const { ram, run } = start(seedPlan())
    await settled()
    expect(ram.inFlight).toEqual(CREATES)
    for (const name of CREATES) ram.finish(name)
    await settled()
    expect(ram.inFlight).toEqual([ATTACH_ROLE, ATTACH_USER])
    ram.finish(ATTACH_ROLE)
    ram.finish(ATTACH_USER)
    await expect(run).resolves.toEqual({ failedUsers: [], conflicts: 0 })
  })

  it('starts an attach only once its principal and its policy exist, each as soon as they do', async () => {
    const { ram, outcome } = start(seedPlan())
    await settled()
    ram.finish('createRole oss-uploader')
    ram.finish('createPolicy oss-uploader-assume')
    await settled()
    // Each attach still lacks one of its two.
    expect(ram.inFlight).toEqual(['createUser uploader', 'createPolicy oss-uploader-policy'])
    ram.finish('createPolicy oss-uploader-policy')
    await settled()
    expect(ram.inFlight).toEqual(['createUser uploader', ATTACH_ROLE])
    ram.finish('createUser uploader')
    await settled()
    expect(ram.inFlight).toEqual([ATTACH_ROLE, ATTACH_USER])
    expect(outcome()).toBe('pending')
  })

  it('logs each change in plan order, however the answers come back', async () => {
    const changes = seedPlan()
    const { ram, log, run } = start(changes)
    await settled()
    for (const name of [...CREATES].reverse()) {
      ram.finish(name)
      await settled()
    }
    ram.finish(ATTACH_USER)
    ram.finish(ATTACH_ROLE)
    await run
    expect(log).toEqual(changes.map(changeLine))
  })

  it('holds back the line of a change that started early until those ahead of it have started', async () => {
    const changes: Change[] = [
      {
        kind: 'create-role',
        role: 'r',
        trustPolicy: seedInputs().policy!.file.document,
        maxSessionDuration: 3600,
        description: '',
        diff: [],
      },
      {
        kind: 'attach-policy',
        principal: { type: 'role', name: 'r' },
        policy: { type: 'System', name: 'A' },
      },
      {
        kind: 'detach-policy',
        principal: { type: 'user', name: 'u' },
        policy: { type: 'System', name: 'B' },
      },
    ]
    const { ram, log, run } = start(changes)
    await settled()
    // The detach depends on nothing and is already out; its line waits for the attach's.
    expect(ram.inFlight).toEqual(['createRole r', 'detachPolicy user/u System:B'])
    expect(log).toEqual(['+ create role r'])
    ram.finish('createRole r')
    await settled()
    expect(log).toEqual(changes.map(changeLine))
    ram.finish('attachPolicy role/r System:A')
    ram.finish('detachPolicy user/u System:B')
    await run
  })

  it('sends a new policy version only after the delete that makes room, and the update alongside', async () => {
    const doc = seedInputs().policy!.file.document
    const changes: Change[] = [
      { kind: 'update-role', role: 'r', maxSessionDuration: { before: 3600, after: 7200 }, diff: [] },
      { kind: 'delete-policy-version', policy: 'p', versionId: 'v1' },
      { kind: 'create-policy-version', policy: 'p', before: '', after: doc, diff: [] },
    ]
    const { ram, run } = start(changes)
    await settled()
    expect(ram.inFlight).toEqual(['updateRole r', 'deletePolicyVersion p v1'])
    ram.finish('deletePolicyVersion p v1')
    await settled()
    expect(ram.inFlight).toEqual(['updateRole r', 'createPolicyVersion p'])
    ram.finish('updateRole r')
    ram.finish('createPolicyVersion p')
    await run
  })

  it('after an error starts nothing more, lets what is in flight finish, then throws that error', async () => {
    const { ram, run, outcome, log } = start(seedPlan())
    run.catch(() => {})
    await settled()
    ram.fail('createUser uploader')
    ram.finish('createRole oss-uploader')
    ram.finish('createPolicy oss-uploader-policy')
    await settled()
    // The role's attach could go now, but a run that failed starts nothing more.
    expect(ram.inFlight).toEqual(['createPolicy oss-uploader-assume'])
    expect(outcome()).toBe('pending')
    ram.finish('createPolicy oss-uploader-assume')
    await expect(run).rejects.toMatchObject({ code: 'NoPermission', action: 'createUser' })
    expect(ram.made).toEqual(CREATES)
    expect(log).toEqual([
      '+ create user uploader',
      '+ create role oss-uploader',
      expect.stringContaining('oss-uploader-policy'),
      expect.stringContaining('oss-uploader-assume'),
    ])
  })

  it('throws the first failed change in plan order, not in time', async () => {
    const { ram, run } = start(seedPlan())
    run.catch(() => {})
    await settled()
    ram.fail('createPolicy oss-uploader-assume', new Error('second'))
    ram.fail('createRole oss-uploader', new Error('first'))
    ram.finish('createUser uploader')
    ram.finish('createPolicy oss-uploader-policy')
    await expect(run).rejects.toThrow('first')
  })
})

describe('apply() when RAM does not show an entity yet', () => {
  const notYet = () =>
    new CloudError('ram', 'attachPolicy', 'EntityNotExist.Role', 'The role does not exist.')
  const attachRole: Change = {
    kind: 'attach-policy',
    principal: { type: 'role', name: 'r' },
    policy: { type: 'System', name: 'A' },
  }
  const NAME = 'attachPolicy role/r System:A'

  function lagged(lagging: boolean, propagationMs = 60_000) {
    const ram = new DeferredRam()
    const waits: number[] = []
    let clock = 0
    const run = apply([attachRole], ram, {
      concurrency: 1,
      propagationMs,
      lagging: () => lagging,
      onWait: (_change, _error, delay) => waits.push(delay),
      sleep: async (ms) => {
        clock += ms
      },
      now: () => clock,
    })
    run.catch(() => {})
    return { ram, run, waits }
  }

  it('waits and tries again when RAM dates show another run just created what the change needs', async () => {
    const { ram, run, waits } = lagged(true)
    await settled()
    ram.fail(NAME, notYet())
    await settled()
    ram.fail(NAME, notYet())
    await settled()
    ram.finish(NAME)
    await expect(run).resolves.toEqual({ failedUsers: [], conflicts: 0 })
    expect(ram.made).toEqual([NAME, NAME, NAME])
    expect(waits).toEqual([500, 1000])
  })

  it('fails at once when nothing it needs is new: the entity is really missing', async () => {
    const { ram, run, waits } = lagged(false)
    await settled()
    ram.fail(NAME, notYet())
    await expect(run).rejects.toMatchObject({ code: 'EntityNotExist.Role' })
    expect(ram.made).toEqual([NAME])
    expect(waits).toEqual([])
  })

  it('gives up once the next wait would pass the window', async () => {
    const { ram, run, waits } = lagged(true, 1_000)
    await settled()
    ram.fail(NAME, notYet())
    await settled()
    ram.fail(NAME, notYet())
    await expect(run).rejects.toMatchObject({ code: 'EntityNotExist.Role' })
    expect(waits).toEqual([500])
  })
})

describe('apply() with all-users grants', () => {
  const grant = (name: string): Change => ({
    kind: 'attach-policy',
    principal: { type: 'user', name },
    policy: { type: 'System', name: 'CS' },
    allUsers: true,
  })

  it('keeps at most `concurrency` grants in flight, in plan order, and reports a failure per user', async () => {
    const users = ['a', 'b', 'c', 'd', 'e']
    const { ram, run } = start(users.map(grant), 2)
    await settled()
    expect(ram.inFlight).toEqual(['attachPolicy user/a System:CS', 'attachPolicy user/b System:CS'])
    ram.fail('attachPolicy user/a System:CS')
    await settled()
    expect(ram.inFlight).toEqual(['attachPolicy user/b System:CS', 'attachPolicy user/c System:CS'])
    for (const u of ['b', 'c', 'd', 'e']) {
      ram.finish(`attachPolicy user/${u} System:CS`)
      await settled()
    }
    const result = await run
    expect(result.failedUsers).toEqual([{ user: 'a', policy: 'CS', error: 'NoPermission: denied' }])
    expect(ram.made).toHaveLength(5)
  })

  it('grants the sub-account this run creates once it exists, and the others meanwhile', async () => {
    const changes: Change[] = [{ kind: 'create-user', user: 'new', comments: '' }, grant('new'), grant('old')]
    const { ram, run } = start(changes)
    await settled()
    expect(ram.inFlight).toEqual(['createUser new', 'attachPolicy user/old System:CS'])
    ram.finish('createUser new')
    await settled()
    expect(ram.inFlight).toEqual(['attachPolicy user/old System:CS', 'attachPolicy user/new System:CS'])
    ram.finish('attachPolicy user/old System:CS')
    ram.finish('attachPolicy user/new System:CS')
    await expect(run).resolves.toEqual({ failedUsers: [], conflicts: 0 })
  })
})
