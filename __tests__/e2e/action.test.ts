// End to end: the committed bundle, spawned as the runner spawns it, against the RAM/STS
// emulator over real HTTP. The reconciling identity is a RAM user holding exactly the policy
// the README documents (examples/reconciler-policy.json), so the docs cannot drift either.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, profileFaults, startEmulator } from '@ram-identity/emulator'
import {
  actionDefinition,
  NODE24,
  type RunOptions,
  type RunResult,
  runAction,
  secretForms,
  workspace,
} from '../../scripts/local-runner.js'
import { type LoggedCall, roundTrips } from '../../scripts/round-trips.js'
import { sandboxAccount } from '../../scripts/sandbox.js'
import { settle } from '../fixtures/harness.js'

const policy = (actions: string[]) =>
  JSON.stringify(
    {
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: ['acs:oss:*:*:my-bucket/*'] }],
    },
    null,
    2,
  )
const UPLOAD = ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListMultipartUploads', 'oss:ListParts']

let emu: Emulator
const secrets = new Set<string>()
const runs: RunResult[] = []

/** A fresh account with a reconciling RAM user that holds exactly the documented policy. */
async function account() {
  const acct = await sandboxAccount(emu)
  secrets.add(acct.root.accessKeySecret)
  secrets.add(acct.key.accessKeySecret)
  return { ...acct, ram: acct.rootRam }
}

function base(key: { accessKeyId: string; accessKeySecret: string }): Record<string, string> {
  return {
    'role-name': 'oss-uploader',
    'access-key-id': key.accessKeyId,
    'access-key-secret': key.accessKeySecret,
    'ram-endpoint': emu.ramEndpoint,
    'sts-endpoint': emu.stsEndpoint,
  }
}

/** Runs the action and returns the result plus the emulator calls it made. */
async function run(inputs: Record<string, string>, options: RunOptions = {}) {
  const before = emu.control.calls().length
  const result = await runAction(inputs, { debug: true, ...options })
  runs.push(result)
  for (const name of ['access-key-id', 'access-key-secret', 'security-token']) {
    if (result.outputs[name]) secrets.add(result.outputs[name])
  }
  const calls = emu.control.calls().slice(before)
  // The writes RAM carried out: one that RAM refused (the entity not visible yet, a full user)
  // did nothing, and a retry that then succeeded counts once.
  const writes = calls.filter((c) => c.write && c.status === 200).map((c) => c.action)
  return { ...result, calls, writes }
}

const logOf = (r: RunResult) =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

beforeAll(async () => {
  emu = await startEmulator({ seed: 11, profile: 'realistic' })
})
afterAll(async () => {
  await emu.close()
})

describe('apply, converge, check, drift, repair', () => {
  let acct: Awaited<ReturnType<typeof account>>
  let ws: string
  let inputs: Record<string, string>
  beforeAll(async () => {
    acct = await account()
    ws = workspace({ '.github/ram/upload.json': policy(UPLOAD) })
    inputs = {
      ...base(acct.key),
      'policy-file': '.github/ram/upload.json',
      'sub-account': 'oss-uploader-user',
      // Given, so that a MaxSessionDuration changed by hand is drift (not given, it is left alone).
      'max-session-duration': '3600',
    }
  })

  it('first apply creates the seed flow, assumes the role and exports masked credentials', async () => {
    const r = await run(inputs, { cwd: ws })
    expect(r.code).toBe(0)
    expect(r.writes).toEqual([
      'CreateUser',
      'CreateRole',
      'CreatePolicy',
      'CreatePolicy',
      'AttachPolicyToRole',
      'AttachPolicyToUser',
    ])
    // A fresh grant is not honoured at once: refusals before the grant took effect, then one success.
    const assumes = r.calls.filter((c) => c.action === 'AssumeRole')
    expect(assumes.length).toBeGreaterThan(1)
    expect(assumes.at(-1)!.status).toBe(200)
    expect(assumes.slice(0, -1).every((c) => c.fault === 'grantDelay')).toBe(true)
    expect(r.outputs).toMatchObject({
      'account-id': acct.accountId,
      'role-arn': `acs:ram::${acct.accountId}:role/oss-uploader`,
      'assumed-role-arn': `acs:ram::${acct.accountId}:role/oss-uploader/github-4242-1`,
      drift: 'true',
      changes: '6',
      'failed-users': '[]',
    })
    expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(actionDefinition().outputs).sort())
    expect(r.outputs['access-key-id']).toMatch(/^STS\./)
    expect(r.outputs.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(
      JSON.parse(r.outputs.plan!).map((e: { action: string; kind: string }) => `${e.action} ${e.kind}`),
    ).toEqual([
      'create user',
      'create role',
      'create policy',
      'create policy',
      'attach policy-attachment',
      'attach policy-attachment',
    ])
    for (const name of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'OSS_ACCESS_KEY_ID']) {
      expect(r.env[name]).toBe(r.outputs['access-key-id'])
    }
    for (const name of ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN', 'OSS_SESSION_TOKEN']) {
      expect(r.env[name]).toBe(r.outputs['security-token'])
    }
    expect(r.env.ALIBABA_CLOUD_REGION_ID).toBe('cn-hangzhou')
    // Each secret is masked before it is written anywhere.
    const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'))
    for (const name of ['access-key-id', 'access-key-secret', 'security-token']) {
      expect(masks).toContain(`::add-mask::${r.outputs[name]}`)
    }
    expect(logOf(r)).toMatch(/\+ create role oss-uploader/)
    expect(logOf(r)).toMatch(/\+ attach Custom:oss-uploader-assume to user oss-uploader-user/)
    expect(r.summary).toMatch(/RAM reconciled: 6 change\(s\) applied/)
    expect(r.summary).toMatch(/assumed-role|oss-uploader\/github-4242-1/)

    const state = emu.control.state(acct.accountId)
    const role = state.roles.find((x) => x.name === 'oss-uploader')!
    expect(JSON.parse(role.trustPolicy)).toEqual({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { RAM: [`acs:ram::${acct.accountId}:root`] },
        },
      ],
    })
  })

  it('second apply makes zero writes and still assumes the role', async () => {
    const r = await run(inputs, { cwd: ws })
    expect(r.code).toBe(0)
    expect(r.writes).toEqual([])
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '0', plan: '[]' })
    expect(r.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(1)
  })

  it('check on a converged account passes without writes or AssumeRole', async () => {
    const r = await run({ ...inputs, mode: 'check' }, { cwd: ws })
    expect(r.code).toBe(0)
    expect(r.writes).toEqual([])
    expect(r.calls.map((c) => c.action)).not.toContain('AssumeRole')
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '0' })
    expect(r.outputs['access-key-id']).toBeUndefined()
    expect(r.summary).toMatch(/no drift/)
  })

  it('check after drift fails the step, lists the changes and writes nothing', async () => {
    emu.control.detachPolicy(
      acct.accountId,
      { type: 'role', name: 'oss-uploader' },
      { type: 'Custom', name: 'oss-uploader-policy' },
    )
    await acct.ram.call('UpdateRole', { RoleName: 'oss-uploader', NewMaxSessionDuration: 7200 })
    const r = await run({ ...inputs, mode: 'check' }, { cwd: ws })
    expect(r.code).toBe(1)
    expect(r.writes).toEqual([])
    expect(r.calls.map((c) => c.action)).not.toContain('AssumeRole')
    expect(r.outputs).toMatchObject({ drift: 'true', changes: '2' })
    expect(logOf(r)).toMatch(/::error::drift detected: 2 change\(s\) needed/)
    expect(logOf(r)).toMatch(/~ update role oss-uploader \(max session 7200 -> 3600 s\)/)
    expect(r.summary).toMatch(/RAM drift: 2 change\(s\) needed/)
  })

  it('check with fail-on-drift false reports drift and passes', async () => {
    const r = await run({ ...inputs, mode: 'check', 'fail-on-drift': 'false' }, { cwd: ws })
    expect(r.code).toBe(0)
    expect(r.outputs.drift).toBe('true')
    expect(logOf(r)).toMatch(/::notice::drift detected/)
  })

  it('apply repairs exactly the drift', async () => {
    const r = await run(inputs, { cwd: ws })
    expect(r.code).toBe(0)
    expect(r.writes).toEqual(['UpdateRole', 'AttachPolicyToRole'])
    expect((await run({ ...inputs, mode: 'check' }, { cwd: ws })).code).toBe(0)
  })

  it('seven successive policy changes keep at most five versions and the default intact', async () => {
    for (let n = 1; n <= 7; n++) {
      const w = workspace({ '.github/ram/upload.json': policy([...UPLOAD, `oss:GetObjectAcl${n}`]) })
      const r = await run(inputs, { cwd: w })
      expect(r.code).toBe(0)
      expect(r.writes.filter((a) => a === 'CreatePolicyVersion')).toHaveLength(1)
      const p = emu.control.state(acct.accountId).policies.find((x) => x.name === 'oss-uploader-policy')!
      expect(p.versions.length).toBeLessThanOrEqual(5)
      const def = p.versions.find((v) => v.versionId === p.defaultVersion)!
      expect(JSON.parse(def.document).Statement[0].Action).toContain(`oss:GetObjectAcl${n}`)
    }
  })

  it('with the sub-account keys, AssumeRole is called as the sub-account', async () => {
    const key = emu.control.createAccessKey(acct.accountId, 'oss-uploader-user')
    secrets.add(key.accessKeySecret)
    const r = await run(
      {
        ...inputs,
        'sub-account-access-key-id': key.accessKeyId,
        'sub-account-access-key-secret': key.accessKeySecret,
      },
      { cwd: workspace({ '.github/ram/upload.json': policy([...UPLOAD, 'oss:GetObjectAcl7']) }) },
    )
    expect(r.code).toBe(0)
    const assume = r.calls.find((c) => c.action === 'AssumeRole')!
    expect(assume.caller).toBe(`acs:ram::${acct.accountId}:user/oss-uploader-user`)
    expect(assume.status).toBe(200)
  })

  it('assume mode makes no RAM call at all', async () => {
    const r = await run({ ...base(acct.key), mode: 'assume', 'duration-seconds': '900' })
    expect(r.code).toBe(0)
    expect(r.calls.map((c) => `${c.service}:${c.action}`)).toEqual([
      'sts:GetCallerIdentity',
      'sts:AssumeRole',
    ])
    expect(r.outputs['access-key-id']).toMatch(/^STS\./)
    expect(r.outputs).toMatchObject({ drift: 'false', changes: '0' })
  })
})

describe('all-users-policies', () => {
  it('grants 5,000 users inside a 16 MiB old space: what a run holds does not grow with the users', async () => {
    const acct = await account()
    const policy = { type: 'System' as const, name: 'AliyunCSReadOnlyAccess' }
    // With ci-admin, 5,000 users: RAM's limit per account. One in ten has the grant already.
    for (let i = 0; i < 4999; i++) {
      const name = `u-${String(i).padStart(4, '0')}`
      emu.control.createUser(acct.accountId, name)
      if (i % 10 === 0) emu.control.attachPolicy(acct.accountId, { type: 'user', name }, policy)
    }
    const r = await run(
      { ...base(acct.key), 'all-users-policies': policy.name },
      { env: { NODE_OPTIONS: '--max-old-space-size=16 --max-semi-space-size=1' } },
    )
    expect(r.code).toBe(0)
    expect(r.writes.filter((a) => a === 'AttachPolicyToUser')).toHaveLength(4500)
    expect(r.calls.filter((c) => c.action === 'ListUsers')).toHaveLength(5)
    // The plan output stays within GitHub's limits; `changes` has the count, the log every line.
    expect(r.outputs.changes).toBe('4501') // the role, and 4,500 grants
    expect(Buffer.byteLength(r.outputs.plan!)).toBeLessThanOrEqual(256 * 1024)
    expect((JSON.parse(r.outputs.plan!) as unknown[]).length).toBeLessThan(4500)
    expect(logOf(r).match(/^\+ attach System:AliyunCSReadOnlyAccess to user /gm)).toHaveLength(4500)
    // Folded under its count, so the rest of the log is not buried.
    expect(r.stdout).toMatch(/^::group::4501 change\(s\) to apply\n\+ create role oss-uploader$/m)
    expect(r.stdout).toMatch(/^::endgroup::$/m)
  }, 60_000)

  it('grants every user across pages, lists the one that cannot be granted, and does not re-grant', async () => {
    const acct = await account()
    for (let i = 0; i < 1050; i++) emu.control.createUser(acct.accountId, `dev-${String(i).padStart(4, '0')}`)
    const full = emu.control.createUser(acct.accountId, 'full-user', {
      policies: SYSTEM_20.map((name) => ({ type: 'System' as const, name })),
    })
    emu.control.attachPolicy(
      acct.accountId,
      { type: 'user', name: 'dev-0007' },
      { type: 'System', name: 'AliyunCSReadOnlyAccess' },
    )
    const inputs = { ...base(acct.key), 'all-users-policies': 'AliyunCSReadOnlyAccess' }
    const r = await run(inputs)
    expect(r.code).toBe(1)
    expect(JSON.parse(r.outputs['failed-users']!)).toEqual([full.userName])
    const listUsers = r.calls.filter((c) => c.action === 'ListUsers')
    expect(listUsers).toHaveLength(2)
    expect(listUsers.every((c) => c.params.MaxItems === '1000')).toBe(true)
    // 1050 devs + ci-admin, less dev-0007 which had it; the one that fails changes nothing.
    expect(r.writes.filter((a) => a === 'AttachPolicyToUser')).toHaveLength(1050)
    expect(logOf(r)).toMatch(/::error::1 user\(s\) could not be granted all-users-policies: full-user/)
    const state = emu.control.state(acct.accountId)
    const lacking = state.users.filter((u) => !u.policies.some((p) => p.name === 'AliyunCSReadOnlyAccess'))
    expect(lacking.map((u) => u.name)).toEqual(['full-user'])

    await settle() // the lists show the grants, as they do by the next run in practice
    const again = await run(inputs)
    expect(again.writes).toEqual([])
    const attempts = again.calls.filter((c) => c.write).map((c) => `${c.action} ${c.params.UserName}`)
    expect(attempts).toEqual(['AttachPolicyToUser full-user'])
    expect(JSON.parse(again.outputs['failed-users']!)).toEqual(['full-user'])

    const check = await run({ ...inputs, mode: 'check' })
    expect(check.code).toBe(1)
    expect(check.outputs.changes).toBe('1')
    expect(check.writes).toEqual([])
  })
})

// Twenty system policies: a user holding all of them is at RAM's limit and refuses one more.
const SYSTEM_20 = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'AliyunSTSAssumeRoleAccess',
  'AliyunRAMFullAccess',
  'AliyunRAMReadOnlyAccess',
  'AliyunOSSFullAccess',
  'AliyunOSSReadOnlyAccess',
  'AliyunCSFullAccess',
  'AliyunECSFullAccess',
  'AliyunECSReadOnlyAccess',
  'AliyunVPCFullAccess',
  'AliyunVPCReadOnlyAccess',
  'AliyunRDSFullAccess',
  'AliyunRDSReadOnlyAccess',
  'AliyunSLBFullAccess',
  'AliyunSLBReadOnlyAccess',
  'AliyunLogFullAccess',
  'AliyunLogReadOnlyAccess',
  'AliyunKMSFullAccess',
  'AliyunCDNFullAccess',
]

describe('more policies and exclusive mode', () => {
  it('attaches sub-account-policies, and with exclusive detaches what the inputs do not name', async () => {
    const acct = await account()
    const ws = workspace({ 'p.json': policy(UPLOAD) })
    const inputs = {
      ...base(acct.key),
      'role-name': 'excl-role',
      'policy-file': 'p.json',
      'sub-account': 'excl-user',
      'sub-account-policies': 'AliyunCSReadOnlyAccess, System:AliyunOSSReadOnlyAccess',
    }
    const first = await run(inputs, { cwd: ws })
    expect(first.code).toBe(0)
    const userPolicies = () =>
      emu.control
        .state(acct.accountId)
        .users.find((u) => u.name === 'excl-user')!
        .policies.map((p) => p.name)
        .sort()
    expect(userPolicies()).toEqual(['AliyunCSReadOnlyAccess', 'AliyunOSSReadOnlyAccess', 'excl-role-assume'])
    // Someone grants more by hand; without exclusive it stays, with exclusive it goes (and nothing is deleted).
    emu.control.attachPolicy(
      acct.accountId,
      { type: 'user', name: 'excl-user' },
      { type: 'System', name: 'AdministratorAccess' },
    )
    emu.control.attachPolicy(
      acct.accountId,
      { type: 'role', name: 'excl-role' },
      { type: 'System', name: 'ReadOnlyAccess' },
    )
    expect((await run(inputs, { cwd: ws })).writes).toEqual([])
    const exclusive = await run({ ...inputs, exclusive: 'true' }, { cwd: ws })
    expect(exclusive.code).toBe(0)
    expect(exclusive.writes.sort()).toEqual(['DetachPolicyFromRole', 'DetachPolicyFromUser'])
    expect(userPolicies()).toEqual(['AliyunCSReadOnlyAccess', 'AliyunOSSReadOnlyAccess', 'excl-role-assume'])
    expect(logOf(exclusive)).toMatch(/- detach System:AdministratorAccess from user excl-user/)
  })
})

describe('bad inputs fail before any API call', () => {
  let key: { accessKeyId: string; accessKeySecret: string }
  let ws: string
  beforeAll(async () => {
    key = (await account()).key
    const doc = (statement: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: '*', ...statement }],
        ...extra,
      })
    ws = workspace({
      'good.json': policy(UPLOAD),
      'broken.json':
        '{\n  "Version": "1",\n  "Statement": [\n    { "Effect": "Allow" "Action": "oss:PutObject" }\n  ]\n}',
      'v2.json': JSON.stringify({
        Version: '2',
        Statement: [{ Effect: 'Allow', Action: 'a:b', Resource: '*' }],
      }),
      'empty.json': JSON.stringify({ Version: '1', Statement: [] }),
      'big.json': JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'oss:PutObject',
            Resource: Array.from({ length: 300 }, (_, i) => `acs:oss:*:*:b${i}/*`),
          },
        ],
      }),
      'statement-string.json': JSON.stringify({ Version: '1', Statement: 'Allow everything' }),
      'effect-number.json': doc({ Effect: 1 }),
      'effect-bad.json': doc({ Effect: 'Permit' }),
      'action-object.json': doc({ Action: { oss: 'PutObject' } }),
      'resource-number.json': doc({ Resource: 42 }),
      'no-action.json': JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Resource: '*' }] }),
      'no-resource.json': JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'oss:PutObject' }],
      }),
      'principal.json': doc({ Principal: { RAM: ['acs:ram::1:root'] } }),
      'unknown-key.json': doc({}, { Id: 'x' }),
      'duplicate.json': '{"Version":"1","Version":"1","Statement":[]}',
      'trailing-comma.json':
        '{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*"},]}',
      'empty-file.json': '',
      'array.json': '[]',
      'huge-file.json': ' '.repeat(70 * 1024),
      'session-big.json': JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'oss:PutObject',
            Resource: Array.from({ length: 100 }, (_, i) => `acs:oss:*:*:b${i}/*`),
          },
        ],
      }),
      'dir/inner.json': policy(UPLOAD),
    })
    execFileSync('mkfifo', [join(ws, 'fifo.json')])
    symlinkSync('/etc/hostname', join(ws, 'escape.json'))
  })

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['malformed JSON', { 'policy-file': 'broken.json' }, 'policy-file', /broken\.json:4:25: invalid JSON/],
    ['Version 2', { 'policy-file': 'v2.json' }, 'policy-file', /"Version" must be the string "1"/],
    ['an empty Statement', { 'policy-file': 'empty.json' }, 'policy-file', /non-empty array/],
    ['a document over 6144 characters', { 'policy-file': 'big.json' }, 'policy-file', /at most 6144/],
    [
      'a file outside the workspace',
      { 'policy-file': '../../etc/passwd' },
      'policy-file',
      /outside the workspace/,
    ],
    ['a missing file', { 'policy-file': 'nope.json' }, 'policy-file', /does not exist/],
    ['a bad role name', { 'role-name': 'bad name' }, 'role-name', /1-64 characters/],
    ['an unknown mode', { mode: 'plan' }, 'mode', /apply, check or assume/],
    [
      'max-session-duration out of range',
      { 'max-session-duration': '50000' },
      'max-session-duration',
      /3600 to 43200/,
    ],
    [
      'duration above the maximum',
      { 'duration-seconds': '7200', 'max-session-duration': '3600' },
      'duration-seconds',
      /above the role's max-session-duration/,
    ],
    ['missing credentials', { 'access-key-id': '', 'access-key-secret': '' }, 'access-key-id', /is required/],
    ['half a key pair', { 'access-key-secret': '' }, 'access-key-secret', /both halves/],
    ['a bad session name', { 'role-session-name': 'a' }, 'role-session-name', /2-64/],
    [
      'Statement as a string',
      { 'policy-file': 'statement-string.json' },
      'policy-file',
      /"Statement" must be a non-empty array/,
    ],
    [
      'Effect as a number',
      { 'policy-file': 'effect-number.json' },
      'policy-file',
      /"Effect" must be "Allow" or "Deny"/,
    ],
    [
      'an unknown Effect',
      { 'policy-file': 'effect-bad.json' },
      'policy-file',
      /"Effect" must be "Allow" or "Deny"/,
    ],
    [
      'Action as an object',
      { 'policy-file': 'action-object.json' },
      'policy-file',
      /"Action" must be a string or a non-empty array/,
    ],
    [
      'Resource as a number',
      { 'policy-file': 'resource-number.json' },
      'policy-file',
      /"Resource" must be a string/,
    ],
    [
      'a statement without Action',
      { 'policy-file': 'no-action.json' },
      'policy-file',
      /"Action" is required/,
    ],
    [
      'a statement without Resource',
      { 'policy-file': 'no-resource.json' },
      'policy-file',
      /"Resource" is required/,
    ],
    [
      'a Principal in a permission policy',
      { 'policy-file': 'principal.json' },
      'policy-file',
      /only in a trust policy/,
    ],
    [
      'an unknown top-level key',
      { 'policy-file': 'unknown-key.json' },
      'policy-file',
      /unknown top-level key "Id"/,
    ],
    ['a duplicate key', { 'policy-file': 'duplicate.json' }, 'policy-file', /duplicate key "Version"/],
    ['a trailing comma', { 'policy-file': 'trailing-comma.json' }, 'policy-file', /trailing comma/],
    ['an empty file', { 'policy-file': 'empty-file.json' }, 'policy-file', /end of input/],
    [
      'a JSON array instead of an object',
      { 'policy-file': 'array.json' },
      'policy-file',
      /must be a JSON object/,
    ],
    ['a file over 64 KiB', { 'policy-file': 'huge-file.json' }, 'policy-file', /larger than 65536 bytes/],
    ['a directory', { 'policy-file': 'dir' }, 'policy-file', /is a directory/],
    ['a FIFO that would block a reader', { 'policy-file': 'fifo.json' }, 'policy-file', /not a regular file/],
    [
      'a symlink out of the workspace',
      { 'policy-file': 'escape.json' },
      'policy-file',
      /outside the workspace/,
    ],
    [
      'an invalid session policy',
      { 'session-policy-file': 'v2.json' },
      'session-policy-file',
      /"Version" must be the string "1"/,
    ],
    [
      'a session policy over 2048 characters',
      { 'session-policy-file': 'session-big.json' },
      'session-policy-file',
      /at most 2048/,
    ],
    ['a role name of 65 characters', { 'role-name': 'r'.repeat(65) }, 'role-name', /1-64 characters/],
    ['a policy name with an underscore', { 'policy-name': 'my_policy' }, 'policy-name', /A-Z a-z 0-9 -/],
    ['a policy name of 129 characters', { 'policy-name': 'p'.repeat(129) }, 'policy-name', /1-128/],
    ['a sub-account with a slash', { 'sub-account': 'a/b' }, 'sub-account', /1-64 characters/],
    [
      'a bad name in sub-account-policies',
      { 'sub-account': 'u', 'sub-account-policies': 'System:Aliyun_CS' },
      'sub-account-policies',
      /not a policy name/,
    ],
    [
      'a bad name in all-users-policies',
      { 'all-users-policies': 'Custom:' },
      'all-users-policies',
      /not a policy name/,
    ],
    ['duration below 900', { 'duration-seconds': '899' }, 'duration-seconds', /900 to 43200/],
    ['a negative duration', { 'duration-seconds': '-1' }, 'duration-seconds', /whole number/],
    ['a bad external id', { 'external-id': 'a b' }, 'external-id', /2-1224/],
    ['a region that is not one', { region: 'cn hangzhou' }, 'region', /cn-hangzhou/],
    [
      'an endpoint that is not a URL',
      { 'ram-endpoint': 'ram.aliyuncs.com' },
      'ram-endpoint',
      /http\(s\) URL/,
    ],
    [
      'an sts endpoint with a path',
      { 'sts-endpoint': 'https://sts.aliyuncs.com/x' },
      'sts-endpoint',
      /no path/,
    ],
    ['retry-max-attempts 0', { 'retry-max-attempts': '0' }, 'retry-max-attempts', /1 to 20/],
    ['timeout-seconds not a number', { 'timeout-seconds': 'soon' }, 'timeout-seconds', /whole number/],
    ['export-env not a boolean', { 'export-env': 'maybe' }, 'export-env', /true or false/],
    ['fail-on-drift not a boolean', { 'fail-on-drift': '1' }, 'fail-on-drift', /true or false/],
    [
      'a security token without keys',
      { 'access-key-id': '', 'access-key-secret': '', 'security-token': 'CAIS' },
      'security-token',
      /without an AccessKey pair/,
    ],
    [
      'half a sub-account key pair',
      { 'sub-account': 'u', 'sub-account-access-key-secret': 'x' },
      'sub-account-access-key-id',
      /both halves/,
    ],
    [
      'conflicting: policy-name without policy-file',
      { 'policy-file': '', 'policy-name': 'p' },
      'policy-name',
      /policy-file is not/,
    ],
    [
      'conflicting: sub-account-policies without sub-account',
      { 'sub-account-policies': 'ReadOnlyAccess' },
      'sub-account-policies',
      /sub-account is not/,
    ],
    [
      'conflicting: sub-account keys without sub-account',
      { 'sub-account-access-key-id': 'a', 'sub-account-access-key-secret': 'b' },
      'sub-account-access-key-id',
      /sub-account is not/,
    ],
  ])('%s', async (_reason, overrides, input, message) => {
    const r = await run({ ...base(key), 'policy-file': 'good.json', ...overrides }, { cwd: ws })
    expect(r.code).toBe(1)
    expect(r.calls).toEqual([])
    expect(r.stdout).toMatch(new RegExp(`::error title=Invalid input ${input}.*::${input}: `))
    expect(r.stdout).toMatch(message)
  })

  it('annotates the policy file at the failing line', async () => {
    const r = await run({ ...base(key), 'policy-file': 'broken.json' }, { cwd: ws })
    expect(r.stdout).toMatch(/::error title=Invalid input policy-file,file=broken\.json,line=4,col=25::/)
  })

  it('loads no lazy chunk: a run that stops at its inputs never pays for pop-core', async () => {
    const chunks = async (inputs: Record<string, string>) => {
      const file = join(mkdtempSync(join(tmpdir(), 'loaded-')), 'list')
      const preload = fileURLToPath(new URL('../fixtures/record-loaded.cjs', import.meta.url))
      await run(inputs, { cwd: ws, env: { NODE_OPTIONS: `--require ${preload}`, RECORD_LOADED: file } })
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((f) => f.endsWith('.index.cjs.js'))
        .map((f) => readFileSync(f, 'utf8'))
    }
    expect(await chunks({ ...base(key), 'role-name': 'not a role name' })).toEqual([])
    // The same recorder on a run that gets past its inputs sees pop-core's chunk.
    const passed = await chunks({ ...base(key), mode: 'check' })
    expect(passed.some((chunk) => chunk.includes('@alicloud/pop-core'))).toBe(true)
  })
})

// Round trips are counted from the emulator's call log by arrival (scripts/round-trips.ts): at
// 200 ms latency a call that waited for another arrives 200 ms after it, and calls sent together
// arrive within milliseconds, however loaded the machine. Run on Node 24, the action's runtime.
describe('round trips, at 200 ms emulator latency', () => {
  const LATENCY = 200
  let acct: Awaited<ReturnType<typeof account>>
  let ws: string
  let inputs: Record<string, string>
  beforeAll(async () => {
    acct = await account()
    ws = workspace({ 'p.json': policy(UPLOAD) })
    inputs = { ...base(acct.key), 'role-name': 'rt-role', 'policy-file': 'p.json', 'sub-account': 'rt-user' }
    // Latency alone, without the profile's propagation delays: a write that RAM does not show yet
    // is retried, and the retry would count as a round trip of the action's own making.
    emu.control.setFaults({ latencyMs: LATENCY })
  })
  afterAll(() => emu.control.setFaults(profileFaults('realistic')))

  const rounds = (r: { calls: LoggedCall[] }) => roundTrips(r.calls, LATENCY).map((round) => round.sort())
  const READS = [
    'ram:GetPolicy',
    'ram:GetPolicy',
    'ram:GetRole',
    'ram:GetUser',
    'ram:ListPoliciesForRole',
    'ram:ListPoliciesForUser',
    'ram:ListPolicyVersions',
    'ram:ListPolicyVersions',
    'sts:GetCallerIdentity',
  ]

  it('first apply: GetCallerIdentity with the reads, the creates together, the attaches, AssumeRole', async () => {
    const r = await run(inputs, { cwd: ws, node: NODE24 })
    expect(r.code).toBe(0)
    expect(rounds(r)).toEqual([
      READS,
      ['ram:CreatePolicy', 'ram:CreatePolicy', 'ram:CreateRole', 'ram:CreateUser'],
      ['ram:AttachPolicyToRole', 'ram:AttachPolicyToUser'],
      ['sts:AssumeRole'],
    ])
  })

  it('converged apply: the reads, then AssumeRole', async () => {
    const r = await run(inputs, { cwd: ws, node: NODE24 })
    expect(r.outputs.changes).toBe('0')
    expect(rounds(r)).toEqual([READS, ['sts:AssumeRole']])
  })

  it('assume: GetCallerIdentity, then AssumeRole', async () => {
    const r = await run({ ...inputs, mode: 'assume' }, { cwd: ws, node: NODE24 })
    expect(r.code).toBe(0)
    expect(rounds(r)).toEqual([['sts:GetCallerIdentity'], ['sts:AssumeRole']])
  })
})

describe('the bundle on Node 24 (the runtime of runs.using: node24)', () => {
  it('runs the first apply and a converged apply', async () => {
    const acct = await account()
    const ws = workspace({ 'p.json': policy(UPLOAD) })
    const inputs = { ...base(acct.key), 'policy-file': 'p.json', 'sub-account': 'u24' }
    const first = await run(inputs, { cwd: ws, node: NODE24 })
    expect(first.code).toBe(0)
    expect(first.stderr).toBe('')
    expect(first.outputs['access-key-id']).toMatch(/^STS\./)
    const second = await run(inputs, { cwd: ws, node: NODE24 })
    expect(second.writes).toEqual([])
  })
})

describe('secrets', () => {
  it('no run printed or wrote any secret outside the GitHub command files (debug logging on)', () => {
    expect(runs.length).toBeGreaterThan(20)
    expect(secrets.size).toBeGreaterThan(10)
    for (const r of runs) {
      const places = { log: logOf(r), stderr: r.stderr, summary: r.summary, ...r.otherFiles }
      for (const secret of secrets) {
        for (const form of secretForms(secret)) {
          for (const [where, text] of Object.entries(places)) {
            if (text.includes(form)) throw new Error(`a secret (${form.length} chars) leaked into ${where}`)
          }
        }
      }
    }
  })
})
