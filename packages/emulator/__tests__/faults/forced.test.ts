// Forced errors, hostile secrets and concurrency through real HTTP with pop-core.
// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds
// reproduce, rates 0/1, the QPS bucket, eventual consistency of reads and grants, forced errors,
// resets around the handler, hostile secrets, concurrency, the HTTP control surface and the CLI.
import { beforeEach, describe, expect, it } from '@jest/globals'
import type { FaultConfig } from '../../src/index.js'
import { expectError, popRam, popSts, trust } from '../harness.js'
import {
  accountId,
  alias,
  assume,
  ci,
  emu,
  type Json,
  lastCall,
  ram,
  setup,
  sleep,
  trustCi,
} from './fixture.js'

setup()

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
