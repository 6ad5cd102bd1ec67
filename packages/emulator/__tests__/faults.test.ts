// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds
// reproduce, rates 0/1, the QPS bucket, eventual consistency of reads and grants, forced errors,
// resets around the handler, hostile secrets, concurrency, the HTTP control surface and the CLI.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { parseArgs } from '../src/cli.js'
import { type Emulator, type FaultConfig, startEmulator } from '../src/index.js'
import {
  allow,
  type Creds,
  controlHeaders,
  expectError,
  type Pop,
  popRam,
  popSts,
  RAM_VERSION,
  rawV1,
  trust,
} from './harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>

let emu: Emulator
let accountId: string
let root: Creds
let ram: Pop
/** A RAM user that may do anything in RAM and assume roles. */
let ci: Creds

beforeAll(async () => {
  emu = await startEmulator({ seed: 7 })
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.control.reset() // also clears faults
  ;({ accountId, root } = emu.control.createAccount())
  ram = popRam(emu, root)
  ci = emu.control.createUser(accountId, 'ci', {
    accessKey: true,
    policies: [
      { type: 'System', name: 'AliyunRAMFullAccess' },
      { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
    ],
  }).accessKey!
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const arn = (role: string) => `acs:ram::${accountId}:role/${role}`
const assume = (creds: Creds, role: string) =>
  popSts(emu, creds).call<Json>('AssumeRole', { RoleArn: arn(role), RoleSessionName: 'faults' })
const trustCi = () => trust(`acs:ram::${accountId}:user/ci`)

interface ClientError {
  name?: string
  code?: string
  message?: string
  data?: Json
  entry?: { response?: { statusCode?: number } }
}

/** How a call ended, as a client sees it: 'ok', the API Code, 'reset' or 'non-json' (with the HTTP status). */
async function outcome(p: Promise<unknown>): Promise<{ kind: string; status?: number; err?: ClientError }> {
  try {
    await p
    return { kind: 'ok', status: 200 }
  } catch (e) {
    const err = e as ClientError
    if (err.entry?.response) return { kind: err.code!, status: err.entry.response.statusCode, err }
    if (err.name === 'SyntaxError') return { kind: 'non-json', err }
    if (/ECONNRESET|socket hang up/.test(`${err.code} ${err.message}`)) return { kind: 'reset', err }
    throw e
  }
}

const lastCall = () => emu.control.calls().at(-1)!
const alias = () => ram.call<Json>('GetAccountAlias')

describe('each fault kind', () => {
  const table: Array<{
    name: string
    faults: FaultConfig
    kinds: string[]
    status: number[]
    fault: string
    code?: string
  }> = [
    {
      name: 'throttleRate 1',
      faults: { throttleRate: 1 },
      kinds: ['Throttling.User'],
      status: [400],
      fault: 'throttle',
      code: 'Throttling.User',
    },
    {
      name: 'resetRate 1',
      faults: { resetRate: 1 },
      kinds: ['reset'],
      status: [0],
      fault: 'reset',
    },
    {
      name: 'resetAfterRate 1',
      faults: { resetAfterRate: 1 },
      kinds: ['reset'],
      status: [0],
      fault: 'resetAfter',
    },
    {
      name: 'latencyMs 20',
      faults: { latencyMs: 20 },
      kinds: ['ok'],
      status: [200],
      fault: 'latency',
    },
    {
      name: 'latencyMs 5-15',
      faults: { latencyMs: { min: 5, max: 15 } },
      kinds: ['ok'],
      status: [200],
      fault: 'latency',
    },
    {
      name: 'forced for every request',
      faults: { forced: [{ code: 'Rejected.Throttling' }] },
      kinds: ['Rejected.Throttling'],
      status: [400],
      fault: 'forced',
      code: 'Rejected.Throttling',
    },
  ]

  it.each(table)('$name fires on every request, is counted and recorded', async (t) => {
    emu.control.setFaults(t.faults)
    for (let i = 0; i < 3; i++) {
      const o = await outcome(alias())
      expect(t.kinds).toContain(o.kind)
      if (o.status !== undefined) expect(t.status).toContain(o.status)
      expect(lastCall()).toMatchObject({ action: 'GetAccountAlias', status: t.status[0], fault: t.fault })
      if (t.code) expect(lastCall().code).toBe(t.code)
      else expect(lastCall().code).toBeUndefined()
    }
    expect(emu.control.faultStats()).toMatchObject({ [t.fault]: 3 })
    const others = Object.entries(emu.control.faultStats()).filter(([k]) => k !== t.fault)
    expect(others.every(([, n]) => n === 0)).toBe(true)
  })

  it('throttling answers the documented code and message', async () => {
    emu.control.setFaults({ throttleRate: 1 })
    const err = await expectError(alias(), 'Throttling.User', 400)
    expect(err.data).toMatchObject({ Message: 'Request was denied due to user flow control.' })
  })

  it('serverErrorRate 1 draws 503 ServiceUnavailable, 500 InternalError and a 502 HTML page', async () => {
    emu.control.setFaults({ seed: 3, serverErrorRate: 1 })
    const seen = new Map<string, number>()
    for (let i = 0; i < 24; i++) {
      const o = await outcome(alias())
      seen.set(o.kind, o.status ?? lastCall().status)
      expect(lastCall().fault).toBe('serverError')
    }
    expect(Object.fromEntries(seen)).toEqual({ ServiceUnavailable: 503, InternalError: 500, 'non-json': 502 })
    expect(emu.control.faultStats().serverError).toBe(24)
    const html = emu.control
      .calls()
      .filter((c) => c.status === 502)
      .every((c) => c.code === undefined)
    expect(html).toBe(true)
    // The 502 page is what a proxy in front of the API would send.
    for (let i = 0; i < 10; i++) {
      const res = await rawV1(emu.ramEndpoint, RAM_VERSION, root, { Action: 'GetAccountAlias' })
      if (res.status === 502) {
        expect(res.contentType).toBe('text/html')
        expect(res.text).toContain('502 Bad Gateway')
        return
      }
    }
    throw new Error('no 502 in 10 draws')
  })

  it('rate 0 never fires, and clearFaults stops everything', async () => {
    emu.control.setFaults({ throttleRate: 0, serverErrorRate: 0, resetRate: 0, resetAfterRate: 0 })
    for (let i = 0; i < 10; i++) await alias()
    emu.control.setFaults({ throttleRate: 1 })
    await expectError(alias(), 'Throttling.User')
    emu.control.clearFaults()
    await alias()
    expect(Object.values(emu.control.faultStats()).every((n) => n === 0)).toBe(true)
    expect(emu.control.calls().filter((c) => c.fault)).toHaveLength(1)
  })

  it('a reset before the handler commits nothing; a reset after it commits the write', async () => {
    emu.control.setFaults({ resetRate: 1 })
    expect(
      (await outcome(ram.call('CreateRole', { RoleName: 'before', AssumeRolePolicyDocument: trustCi() })))
        .kind,
    ).toBe('reset')
    emu.control.setFaults({ resetAfterRate: 1 })
    expect(
      (await outcome(ram.call('CreateRole', { RoleName: 'after', AssumeRolePolicyDocument: trustCi() })))
        .kind,
    ).toBe('reset')
    expect(emu.control.state(accountId).roles.map((r) => r.name)).toEqual(['after'])
    expect(emu.control.calls().map((c) => [c.action, c.status, c.fault])).toEqual([
      ['CreateRole', 0, 'reset'],
      ['CreateRole', 0, 'resetAfter'],
    ])
    // The client retries: the service already knows the role.
    emu.control.clearFaults()
    await expectError(
      ram.call('CreateRole', { RoleName: 'after', AssumeRolePolicyDocument: trustCi() }),
      'EntityAlreadyExists.Role',
      409,
    )
  })
})

describe('reproducibility', () => {
  const mixed: FaultConfig = {
    seed: 11,
    throttleRate: 0.3,
    serverErrorRate: 0.2,
    resetRate: 0.2,
    resetAfterRate: 0.2,
  }

  async function run(config: FaultConfig): Promise<string[]> {
    emu.control.setFaults(config)
    emu.control.clearCalls()
    const kinds: string[] = []
    for (let i = 0; i < 40; i++) kinds.push((await outcome(alias())).kind)
    const recorded = emu.control.calls().map((c) => c.fault ?? 'none')
    expect(recorded).toHaveLength(40)
    return [...kinds, ...recorded]
  }

  it('the same seed gives the same fault sequence; another seed another one', async () => {
    const a = await run(mixed)
    const b = await run(mixed)
    expect(b).toEqual(a)
    expect(new Set(a.slice(40))).toEqual(new Set(['none', 'throttle', 'serverError', 'reset', 'resetAfter']))
    const c = await run({ ...mixed, seed: 12 })
    expect(c).not.toEqual(a)
  })

  it('the same seed gives the same faults whatever the latency', async () => {
    const a = await run({ ...mixed, latencyMs: { min: 0, max: 5 } })
    const b = await run(mixed)
    expect(b).toEqual(a.map((k) => (k === 'latency' ? 'none' : k)))
  })
})

describe('qps', () => {
  it('throttles a burst beyond the limit per account and service, then recovers', async () => {
    emu.control.setFaults({ qps: 10 })
    const burst = await Promise.all(Array.from({ length: 30 }, () => outcome(alias())))
    const ok = burst.filter((o) => o.kind === 'ok').length
    const throttled = burst.filter((o) => o.kind === 'Throttling.User').length
    expect(ok + throttled).toBe(30)
    expect(ok).toBeGreaterThanOrEqual(10)
    expect(throttled).toBeGreaterThanOrEqual(15)
    expect(emu.control.faultStats().qps).toBe(throttled)
    expect(emu.control.calls().filter((c) => c.fault === 'qps')).toHaveLength(throttled)
    // STS has its own bucket; another account too.
    await popSts(emu, ci).call('GetCallerIdentity')
    const other = emu.control.createAccount()
    await popRam(emu, other.root).call('GetAccountAlias')
    // Refill: 10 tokens per second.
    await sleep(250)
    await alias()
  })
})

describe('visibility delay', () => {
  beforeEach(() => {
    emu.control.setFaults({ visibilityDelayMs: 150 })
  })

  it('hides a new role from GetRole, ListRoles and AssumeRole, but CreateRole knows it', async () => {
    await ram.call('CreateRole', { RoleName: 'fresh', AssumeRolePolicyDocument: trustCi() })
    await expectError(ram.call('GetRole', { RoleName: 'fresh' }), 'EntityNotExist.Role', 404)
    expect((await ram.call<Json>('ListRoles')).Roles.Role).toEqual([])
    await expectError(assume(ci, 'fresh'), 'EntityNotExist.Role', 404)
    await expectError(
      ram.call('CreateRole', { RoleName: 'FRESH', AssumeRolePolicyDocument: trustCi() }),
      'EntityAlreadyExists.Role',
      409,
    )
    expect(emu.control.state(accountId).roles.map((r) => r.name)).toEqual(['fresh'])
    expect(emu.control.faultStats().invisible).toBe(3)
    expect(
      emu.control
        .calls()
        .filter((c) => c.fault === 'invisible')
        .map((c) => [c.action, c.status]),
    ).toEqual([
      ['GetRole', 404],
      ['ListRoles', 200],
      ['AssumeRole', 404],
    ])
    await sleep(200)
    expect((await ram.call<Json>('GetRole', { RoleName: 'fresh' })).Role.RoleName).toBe('fresh')
    expect((await ram.call<Json>('ListRoles')).Roles.Role).toHaveLength(1)
    await assume(ci, 'fresh')
  })

  it('hides new users from GetUser and ListUsers pages, attachments from the list calls', async () => {
    await ram.call('CreateUser', { UserName: 'b-new' })
    emu.control.createUser(accountId, 'a-old') // the control surface is never delayed
    emu.control.createUser(accountId, 'c-old')
    await expectError(ram.call('GetUser', { UserName: 'b-new' }), 'EntityNotExist.User', 404)
    const page1 = await ram.call<Json>('ListUsers', { MaxItems: 2 })
    expect(page1.Users.User.map((u: Json) => u.UserName)).toEqual(['a-old', 'c-old'])
    expect(page1.IsTruncated).toBe(true)
    const page2 = await ram.call<Json>('ListUsers', { MaxItems: 2, Marker: page1.Marker })
    expect(page2.Users.User.map((u: Json) => u.UserName)).toEqual(['ci'])
    expect(page2.IsTruncated).toBe(false)
    // Attach to an old user: ListPoliciesForUser and ListEntitiesForPolicy omit it; attaching again conflicts.
    const attach = { PolicyType: 'System', PolicyName: 'ReadOnlyAccess', UserName: 'a-old' }
    await ram.call('AttachPolicyToUser', attach)
    expect((await ram.call<Json>('ListPoliciesForUser', { UserName: 'a-old' })).Policies.Policy).toEqual([])
    const entities = await ram.call<Json>('ListEntitiesForPolicy', {
      PolicyType: 'System',
      PolicyName: 'ReadOnlyAccess',
    })
    expect(entities.Users.User).toEqual([])
    await expectError(ram.call('AttachPolicyToUser', attach), 'EntityAlreadyExists.User.Policy', 409)
    expect(emu.control.state(accountId).users.find((u) => u.name === 'a-old')!.policies).toHaveLength(1)
    await sleep(200)
    await ram.call('GetUser', { UserName: 'b-new' })
    expect((await ram.call<Json>('ListUsers')).Users.User.map((u: Json) => u.UserName)).toEqual([
      'a-old',
      'b-new',
      'c-old',
      'ci',
    ])
    expect((await ram.call<Json>('ListPoliciesForUser', { UserName: 'a-old' })).Policies.Policy).toHaveLength(
      1,
    )
  })

  it('hides a new policy, and a new default version behind the old one', async () => {
    await ram.call('CreatePolicy', { PolicyName: 'brand-new', PolicyDocument: allow('oss:Get*') })
    await expectError(
      ram.call('GetPolicy', { PolicyType: 'Custom', PolicyName: 'brand-new' }),
      'EntityNotExist.Policy',
      404,
    )
    const listed = await ram.call<Json>('ListPolicies', { PolicyType: 'Custom' })
    expect(listed.Policies.Policy).toEqual([])

    emu.control.createPolicy(accountId, 'bucket', allow('oss:Get*'))
    await ram.call('CreatePolicyVersion', {
      PolicyName: 'bucket',
      PolicyDocument: allow('oss:*'),
      SetAsDefault: true,
    })
    const got = await ram.call<Json>('GetPolicy', { PolicyType: 'Custom', PolicyName: 'bucket' })
    expect(got.Policy.DefaultVersion).toBe('v1')
    expect(got.DefaultPolicyVersion).toMatchObject({ VersionId: 'v1', PolicyDocument: allow('oss:Get*') })
    const versions = await ram.call<Json>('ListPolicyVersions', {
      PolicyType: 'Custom',
      PolicyName: 'bucket',
    })
    expect(versions.PolicyVersions.PolicyVersion.map((v: Json) => [v.VersionId, v.IsDefaultVersion])).toEqual(
      [['v1', true]],
    )
    await expectError(
      ram.call('GetPolicyVersion', { PolicyType: 'Custom', PolicyName: 'bucket', VersionId: 'v2' }),
      'EntityNotExist.Policy.Version',
      404,
    )
    expect(emu.control.state(accountId).policies.find((p) => p.name === 'bucket')!.defaultVersion).toBe('v2')
    await sleep(200)
    const after = await ram.call<Json>('ListPolicyVersions', { PolicyType: 'Custom', PolicyName: 'bucket' })
    expect(after.PolicyVersions.PolicyVersion.map((v: Json) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v1', false],
      ['v2', true],
    ])
    await ram.call('GetPolicy', { PolicyType: 'Custom', PolicyName: 'brand-new' })
  })
})

describe('grant delay', () => {
  it('refuses AssumeRole of a new role with NoPermission, then allows it', async () => {
    emu.control.setFaults({ grantDelayMs: 150 })
    await ram.call('CreateRole', { RoleName: 'deployer', AssumeRolePolicyDocument: trustCi() })
    await ram.call('GetRole', { RoleName: 'deployer' }) // visible: only the grant lags
    await expectError(assume(ci, 'deployer'), 'NoPermission', 403)
    expect(lastCall()).toMatchObject({
      action: 'AssumeRole',
      status: 403,
      code: 'NoPermission',
      fault: 'grantDelay',
    })
    expect(emu.control.faultStats().grantDelay).toBe(1)
    await sleep(200)
    const s = await assume(ci, 'deployer')
    expect(s.Credentials.AccessKeyId).toMatch(/^STS\./)
  })

  it('refuses after the trust policy or the caller’s grants change', async () => {
    emu.control.createRole(accountId, 'old', { assumeRolePolicyDocument: trustCi() })
    emu.control.createPolicy(accountId, 'extra', allow('oss:Get*'))
    emu.control.attachPolicy(accountId, { type: 'user', name: 'ci' }, { type: 'Custom', name: 'extra' })
    emu.control.setFaults({ grantDelayMs: 150 })
    await assume(ci, 'old') // control-made setup is in effect at once
    const changes: Array<[string, Record<string, string | boolean>]> = [
      ['UpdateRole', { RoleName: 'old', NewAssumeRolePolicyDocument: trustCi() }],
      ['AttachPolicyToUser', { UserName: 'ci', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }],
      ['DetachPolicyFromUser', { UserName: 'ci', PolicyType: 'System', PolicyName: 'ReadOnlyAccess' }],
      ['CreatePolicyVersion', { PolicyName: 'extra', PolicyDocument: allow('oss:*'), SetAsDefault: true }],
    ]
    for (const [action, params] of changes) {
      await ram.call(action, params)
      await expectError(assume(ci, 'old'), 'NoPermission', 403)
      await sleep(200)
      await assume(ci, 'old')
    }
    expect(emu.control.faultStats().grantDelay).toBe(4)
  })
})

describe('forced errors', () => {
  beforeEach(() => {
    emu.control.createRole(accountId, 'deployer', { assumeRolePolicyDocument: trustCi() })
    emu.control.createRole(accountId, 'other', { assumeRolePolicyDocument: trustCi() })
  })

  const table: Array<{
    name: string
    rule: NonNullable<FaultConfig['forced']>[number]
    hits: Array<() => Promise<unknown>>
    misses: Array<() => Promise<unknown>>
    code: string
    status: number
  }> = [
    {
      name: 'by action, twice',
      rule: { action: 'GetRole', code: 'InternalError', times: 2 },
      hits: [
        () => ram.call('GetRole', { RoleName: 'other' }),
        () => ram.call('GetRole', { RoleName: 'deployer' }),
      ],
      misses: [() => ram.call('GetRole', { RoleName: 'other' }), () => ram.call('ListRoles')],
      code: 'InternalError',
      status: 500,
    },
    {
      name: 'by entity, case-insensitively, RoleArn included',
      rule: { entity: 'DEPLOYER', code: 'Throttling.Api' },
      hits: [
        () => ram.call('GetRole', { RoleName: 'deployer' }),
        () => ram.call('UpdateRole', { RoleName: 'Deployer', NewDescription: 'x' }),
        () => assume(ci, 'deployer'),
      ],
      misses: [() => ram.call('GetRole', { RoleName: 'other' }), () => assume(ci, 'other')],
      code: 'Throttling.Api',
      status: 400,
    },
    {
      name: 'by action and entity, with status and message, once',
      rule: {
        action: 'GetRole',
        entity: 'other',
        code: 'ServiceUnavailable',
        status: 503,
        message: 'busy',
        times: 1,
      },
      hits: [() => ram.call('GetRole', { RoleName: 'other' })],
      misses: [
        () => ram.call('GetRole', { RoleName: 'deployer' }),
        () => ram.call('GetRole', { RoleName: 'other' }),
        () => ram.call('UpdateRole', { RoleName: 'other', NewDescription: 'x' }),
      ],
      code: 'ServiceUnavailable',
      status: 503,
    },
  ]

  it.each(table)('$name', async (t) => {
    emu.control.setFaults({ forced: [t.rule] })
    for (const hit of t.hits) {
      const err = await expectError(hit(), t.code, t.status)
      if (t.rule.message) expect(err.data!.Message).toBe(t.rule.message)
      expect(lastCall()).toMatchObject({ status: t.status, code: t.code, fault: 'forced' })
    }
    for (const miss of t.misses) await miss()
    expect(emu.control.faultStats().forced).toBe(t.hits.length)
  })

  it('a forced error never reaches the handler', async () => {
    emu.control.setFaults({ forced: [{ action: 'DeleteRole', code: 'DeleteConflict.Role.Policy' }] })
    const err = await expectError(
      ram.call('DeleteRole', { RoleName: 'other' }),
      'DeleteConflict.Role.Policy',
      409,
    )
    expect(err.data!.Message).toBe('The role CAN NOT has any attached policy while deleting the role.')
    expect(emu.control.state(accountId).roles).toHaveLength(2)
  })
})

describe('hostile secrets', () => {
  const hostile = (s: string) => {
    expect(s.startsWith('-')).toBe(true)
    for (const c of ['+', '/', '=']) expect(s).toContain(c)
  }

  it('issues secrets and tokens starting with - and containing + / =, which still sign', async () => {
    emu.control.setFaults({ hostileSecrets: true })
    const made = emu.control.createUser(accountId, 'made', {
      accessKey: true,
      policies: [{ type: 'System', name: 'AliyunSTSAssumeRoleAccess' }],
    }).accessKey!
    hostile(made.accessKeySecret)
    expect(made.accessKeySecret).toHaveLength(30)
    const created = await popRam(emu, ci).call<Json>('CreateAccessKey', { UserName: 'made' })
    hostile(created.AccessKey.AccessKeySecret)
    await popSts(emu, made).call('GetCallerIdentity')
    await popSts(emu, {
      accessKeyId: created.AccessKey.AccessKeyId,
      accessKeySecret: created.AccessKey.AccessKeySecret,
    }).call('GetCallerIdentity')

    emu.control.createRole(accountId, 'target', {
      assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
    })
    const s = await assume(made, 'target')
    hostile(s.Credentials.AccessKeySecret)
    hostile(s.Credentials.SecurityToken)
    expect(s.Credentials.AccessKeySecret).toHaveLength(44)
    const session = {
      accessKeyId: s.Credentials.AccessKeyId,
      accessKeySecret: s.Credentials.AccessKeySecret,
      securityToken: s.Credentials.SecurityToken,
    }
    const me = await popSts(emu, session).call<Json>('GetCallerIdentity')
    expect(me.Arn).toBe(`acs:ram::${accountId}:assumed-role/target/faults`)

    emu.control.clearFaults()
    expect(emu.control.createAccessKey(accountId, 'ci').accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/)
  })
})

describe('concurrency', () => {
  it('reports requests in flight and the most at once since clearCalls()', async () => {
    emu.control.setFaults({ latencyMs: 400 })
    emu.control.clearCalls()
    expect(emu.control.concurrency()).toEqual({ inFlight: 0, max: 0 })
    let settled = false
    const pending = Promise.all(Array.from({ length: 5 }, () => alias())).finally(() => {
      settled = true
    })
    while (!settled && emu.control.concurrency().inFlight < 5) await sleep(5)
    expect(emu.control.concurrency().inFlight).toBe(5)
    await pending
    expect(emu.control.concurrency()).toEqual({ inFlight: 0, max: 5 })
    emu.control.clearCalls()
    expect(emu.control.concurrency()).toEqual({ inFlight: 0, max: 0 })
  })
})

describe('HTTP control surface', () => {
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.ramEndpoint}/__emulator/${path}`, {
      method,
      headers: controlHeaders(emu),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }

  it('sets, reads, counts and clears faults; the control surface itself is never faulted', async () => {
    const put = await control('PUT', 'faults', { throttleRate: 1, latencyMs: { min: 1, max: 2 }, seed: 4 })
    expect(put).toEqual({ status: 200, body: { throttleRate: 1, latencyMs: { min: 1, max: 2 }, seed: 4 } })
    expect((await control('GET', 'faults')).body).toEqual(put.body)
    await expectError(alias(), 'Throttling.User')
    expect((await control('GET', 'accounts')).status).toBe(200)
    expect((await control('GET', 'faults/stats')).body).toMatchObject({ throttle: 1, latency: 1, reset: 0 })
    expect((await control('GET', 'concurrency')).body).toEqual({ inFlight: 0, max: 1 })
    expect((await control('DELETE', 'faults')).status).toBe(200)
    expect((await control('GET', 'faults')).body).toEqual({})
    await alias()
    const routes = (await control('GET', '')).body.routes
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /__emulator/faults',
        'PUT /__emulator/faults',
        'DELETE /__emulator/faults',
        'GET /__emulator/faults/stats',
      ]),
    )
  })

  it('rejects invalid configs and wrong methods', async () => {
    for (const bad of [{ throttleRate: 2 }, { bogus: 1 }, { forced: [{ action: 'GetRole' }] }, { qps: 0 }]) {
      const r = await control('PUT', 'faults', bad)
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('InvalidArgument')
    }
    expect((await control('POST', 'faults', {})).status).toBe(405)
    expect(() => emu.control.setFaults({ resetRate: -1 })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    )
  })
})

describe('CLI flags', () => {
  it('parses every fault flag', () => {
    const opts = parseArgs([
      '--fault-seed',
      '5',
      '--throttle-rate',
      '0.1',
      '--error-rate=0.05',
      '--reset-rate',
      '0',
      '--reset-after-rate',
      '1',
      '--latency-ms',
      '10-30',
      '--qps',
      '100',
      '--visibility-delay-ms',
      '150',
      '--grant-delay-ms',
      '200',
      '--hostile-secrets',
    ])
    expect(opts.faults).toEqual({
      seed: 5,
      throttleRate: 0.1,
      serverErrorRate: 0.05,
      resetRate: 0,
      resetAfterRate: 1,
      latencyMs: { min: 10, max: 30 },
      qps: 100,
      visibilityDelayMs: 150,
      grantDelayMs: 200,
      hostileSecrets: true,
    })
    expect(parseArgs(['--latency-ms', '20']).faults).toEqual({ latencyMs: 20 })
    expect(parseArgs([]).faults).toBeUndefined()
    expect(() => parseArgs(['--throttle-rate', '1.5'])).toThrow('--throttle-rate expects a probability')
    expect(() => parseArgs(['--latency-ms', '30-10'])).toThrow('invalid fault option')
    expect(() => parseArgs(['--qps', 'fast'])).toThrow('--qps expects a non-negative number')
  })
})
