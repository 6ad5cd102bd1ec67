import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '../../src/index.js'
import { allow, expectError, popRam, popSts, trust } from '../harness.js'
import type { Json } from './fixture.js'

describe('in-process control', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({ seed: 9 })
  })
  afterAll(async () => {
    await emu.close()
  })

  it('sets up accounts, users, keys, roles, policies and attachments, and snapshots them', async () => {
    const { accountId, root } = emu.control.createAccount()
    expect(accountId).toMatch(/^\d{16}$/)
    expect(root.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/)
    const dev = emu.control.createUser(accountId, 'Dev', {
      accessKey: true,
      policies: [{ type: 'System', name: 'aliyunramreadonlyaccess' }],
    })
    expect(dev).toEqual({
      userName: 'Dev',
      userId: expect.stringMatching(/^\d{18}$/),
      accessKey: expect.any(Object),
    })
    const second = emu.control.createAccessKey(accountId, 'dev')
    expect(() => emu.control.createAccessKey(accountId, 'dev')).toThrow(
      expect.objectContaining({ code: 'LimitExceeded.User.AccessKey' }),
    )
    const doc = `{ "Version": "1", "Statement": [{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::${accountId}:root"}}] }`
    const deploy = emu.control.createRole(accountId, 'deploy', {
      assumeRolePolicyDocument: doc,
      description: 'deploys',
      maxSessionDuration: 7200,
    })
    expect(deploy.arn).toBe(`acs:ram::${accountId}:role/deploy`)
    emu.control.createPolicy(accountId, 'bucket-rw', allow('oss:*', 'acs:oss:*:*:bucket/*'), {
      description: 'rw',
    })
    emu.control.attachPolicy(
      accountId,
      { type: 'role', name: 'DEPLOY' },
      { type: 'Custom', name: 'Bucket-RW' },
    )
    expect(() =>
      emu.control.attachPolicy(
        accountId,
        { type: 'role', name: 'deploy' },
        { type: 'Custom', name: 'bucket-rw' },
      ),
    ).toThrow(expect.objectContaining({ code: 'EntityAlreadyExists.Role.Policy' }))

    // Changes made through the API show up in the snapshot.
    const ram = popRam(emu, root)
    await ram.call('CreatePolicyVersion', {
      PolicyName: 'bucket-rw',
      PolicyDocument: allow('oss:Get*'),
      SetAsDefault: true,
    })

    const state = emu.control.state(accountId)
    expect(state).toEqual({
      accountId,
      alias: accountId,
      users: [
        {
          name: 'Dev',
          userId: dev.userId,
          displayName: '',
          mobilePhone: '',
          email: '',
          comments: '',
          createDate: expect.any(String),
          updateDate: expect.any(String),
          accessKeys: [
            { accessKeyId: dev.accessKey!.accessKeyId, status: 'Active', createDate: expect.any(String) },
            { accessKeyId: second.accessKeyId, status: 'Active', createDate: expect.any(String) },
          ],
          policies: [{ type: 'System', name: 'AliyunRAMReadOnlyAccess', attachDate: expect.any(String) }],
        },
      ],
      roles: [
        {
          name: 'deploy',
          roleId: deploy.roleId,
          arn: deploy.arn,
          description: 'deploys',
          trustPolicy: doc,
          maxSessionDuration: 7200,
          createDate: expect.any(String),
          updateDate: expect.any(String),
          tags: [],
          policies: [{ type: 'Custom', name: 'bucket-rw', attachDate: expect.any(String) }],
        },
      ],
      policies: [
        {
          name: 'bucket-rw',
          description: 'rw',
          defaultVersion: 'v2',
          createDate: expect.any(String),
          updateDate: expect.any(String),
          tags: [],
          versions: [
            {
              versionId: 'v1',
              isDefaultVersion: false,
              document: allow('oss:*', 'acs:oss:*:*:bucket/*'),
              createDate: expect.any(String),
            },
            {
              versionId: 'v2',
              isDefaultVersion: true,
              document: allow('oss:Get*'),
              createDate: expect.any(String),
            },
          ],
        },
      ],
    })
    // The snapshot is a copy.
    state.users[0]!.name = 'changed'
    expect(emu.control.state(accountId).users[0]!.name).toBe('Dev')

    emu.control.detachPolicy(
      accountId,
      { type: 'role', name: 'deploy' },
      { type: 'Custom', name: 'bucket-rw' },
    )
    expect(emu.control.state(accountId).roles[0]!.policies).toEqual([])
  })

  it('validates like the API', () => {
    const { accountId } = emu.control.createAccount()
    expect(() => emu.control.createUser('999', 'x')).toThrow(
      expect.objectContaining({ code: 'EntityNotExist.Account' }),
    )
    expect(() => emu.control.createUser(accountId, 'bad name')).toThrow(
      expect.objectContaining({ code: 'InvalidParameter.UserName.InvalidChars' }),
    )
    expect(() => emu.control.createRole(accountId, 'r', { assumeRolePolicyDocument: '{}' })).toThrow(
      expect.objectContaining({ code: 'MalformedPolicyDocument' }),
    )
    expect(() =>
      emu.control.attachPolicy(
        accountId,
        { type: 'user', name: 'ghost' },
        { type: 'System', name: 'ReadOnlyAccess' },
      ),
    ).toThrow(expect.objectContaining({ code: 'EntityNotExist.User' }))
    expect(() => emu.control.createAccount({ accountId })).toThrow(
      expect.objectContaining({ code: 'EntityAlreadyExists.Account' }),
    )
  })

  it('reset clears state and the call log and restarts the seeded sequence', async () => {
    emu.control.reset()
    const a = emu.control.createAccount()
    await popRam(emu, a.root).call('GetAccountAlias')
    expect(emu.control.calls()).toHaveLength(1)
    emu.control.reset()
    expect(emu.control.accounts()).toEqual([])
    expect(emu.control.calls()).toEqual([])
    await expectError(popRam(emu, a.root).call('GetAccountAlias'), 'InvalidAccessKeyId.NotFound', 404)
    expect(emu.control.calls()[0]!.seq).toBe(1)
    emu.control.reset()
    expect(emu.control.createAccount()).toEqual(a)
  })
})

describe('seeding', () => {
  it('makes ids, keys, tokens and RequestIds deterministic', async () => {
    const run = async (seed: number) => {
      const emu = await startEmulator({ seed })
      try {
        const { accountId, root } = emu.control.createAccount()
        const u = emu.control.createUser(accountId, 'u', {
          accessKey: true,
          policies: [{ type: 'System', name: 'AliyunSTSAssumeRoleAccess' }],
        })
        const r = emu.control.createRole(accountId, 'r', {
          assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
        })
        const assumed = await popSts(emu, u.accessKey!).call<Json>('AssumeRole', {
          RoleArn: r.arn,
          RoleSessionName: 'ss',
        })
        delete assumed.Credentials.Expiration
        return { accountId, root, u, r, assumed }
      } finally {
        await emu.close()
      }
    }
    const a = await run(1234)
    expect(await run(1234)).toEqual(a)
    const b = await run(4321)
    expect(b.accountId).not.toBe(a.accountId)
    expect(b.assumed.Credentials.SecurityToken).not.toBe(a.assumed.Credentials.SecurityToken)
  })
})
