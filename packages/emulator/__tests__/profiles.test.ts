// The realistic propagation profile, stepped through with a hand-driven delay clock (no sleeps):
// each of its three behaviours holds right after a write and is gone once its bound has passed.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type Emulator, profileFaults, startEmulator } from '../src/index.js'
import { type Creds, expectError, popRam, popSts, trust } from './harness.js'

const realistic = profileFaults('realistic')
const bound = (d: number | undefined): number => d ?? 0
let emu: Emulator
let t = 0
let accountId: string
let admin: Creds

beforeEach(async () => {
  t = 0
  emu = await startEmulator({ seed: 51, profile: 'realistic', delayClock: () => t })
  accountId = emu.control.createAccount().accountId
  admin = emu.control.createUser(accountId, 'admin', {
    accessKey: true,
    policies: [
      { type: 'System', name: 'AliyunRAMFullAccess' },
      { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
    ],
  }).accessKey!
})
afterEach(async () => {
  await emu.close()
})

describe('the realistic profile', () => {
  it('has bounded delays for each of its three behaviours', () => {
    expect(bound(realistic.attachDelayMs)).toBeGreaterThan(0)
    expect(bound(realistic.grantDelayMs)).toBeGreaterThan(0)
    expect(bound(realistic.visibilityDelayMs)).toBeGreaterThan(0)
    expect(profileFaults('deterministic')).toEqual({})
  })

  it('does not let an attachment find a role just created, until it propagated', async () => {
    const ram = popRam(emu, admin)
    await ram.call('CreateRole', {
      RoleName: 'Fresh',
      AssumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
    })
    const attach = () =>
      ram.call('AttachPolicyToRole', {
        RoleName: 'Fresh',
        PolicyType: 'System',
        PolicyName: 'ReadOnlyAccess',
      })
    await expectError(attach(), 'EntityNotExist.Role', 404)
    t += bound(realistic.attachDelayMs)
    await attach()
    expect(emu.control.faultStats().attachDelay).toBe(1)
  })

  it('does not let AssumeRole honour a fresh grant, until it propagated', async () => {
    emu.control.createRole(accountId, 'Target', {
      assumeRolePolicyDocument: trust(`acs:ram::${accountId}:root`),
    })
    const dev = emu.control.createUser(accountId, 'dev', { accessKey: true }).accessKey!
    await popRam(emu, admin).call('AttachPolicyToUser', {
      UserName: 'dev',
      PolicyType: 'System',
      PolicyName: 'AliyunSTSAssumeRoleAccess',
    })
    const assume = () =>
      popSts(emu, dev).call('AssumeRole', {
        RoleArn: `acs:ram::${accountId}:role/Target`,
        RoleSessionName: 's1',
      })
    await expectError(assume(), 'NoPermission', 403)
    t += bound(realistic.grantDelayMs)
    await assume()
  })

  it('keeps a new user out of lists (and gets) for a while', async () => {
    const ram = popRam(emu, admin)
    await ram.call('CreateUser', { UserName: 'newcomer' })
    const listed = async () =>
      (await ram.call<{ Users: { User: Array<{ UserName: string }> } }>('ListUsers')).Users.User.map(
        (u) => u.UserName,
      )
    expect(await listed()).not.toContain('newcomer')
    await expectError(ram.call('GetUser', { UserName: 'newcomer' }), 'EntityNotExist.User', 404)
    t += bound(realistic.visibilityDelayMs)
    expect(await listed()).toContain('newcomer')
  })

  it('draws each delay from its range with the seed, so two runs agree', async () => {
    const observe = async (seed: number): Promise<number[]> => {
      let clock = 0
      const e = await startEmulator({ seed, profile: 'realistic', delayClock: () => clock })
      const { accountId: a } = e.control.createAccount()
      const key = e.control.createUser(a, 'u', {
        accessKey: true,
        policies: [{ type: 'System', name: 'AliyunRAMFullAccess' }],
      }).accessKey!
      const ram = popRam(e, key)
      const found: number[] = []
      for (const name of ['r1', 'r2', 'r3']) {
        clock = 0
        await ram.call('CreateRole', {
          RoleName: name,
          AssumeRolePolicyDocument: trust(`acs:ram::${a}:root`),
        })
        // The first millisecond at which GetRole finds it: the drawn visibility delay.
        let step = 0
        for (; ; step += 25) {
          clock = step
          if (
            await ram.call('GetRole', { RoleName: name }).then(
              () => true,
              () => false,
            )
          )
            break
        }
        found.push(step)
      }
      await e.close()
      return found
    }
    const first = await observe(7)
    expect(await observe(7)).toEqual(first)
    const max = realistic.visibilityDelayMs!
    const min = max * (1 - realistic.delayJitter!)
    for (const d of first) {
      expect(d).toBeGreaterThanOrEqual(min)
      expect(d).toBeLessThanOrEqual(max + 25)
    }
    // Drawn, not fixed: three writes do not all wait the same.
    expect(new Set(first).size).toBeGreaterThan(1)
  })

  it('comes back on reset, and the deterministic profile has no delay at all', async () => {
    emu.control.reset()
    // The profile is still in force: a role created now is not yet found by an attachment.
    const { accountId: fresh } = emu.control.createAccount()
    const again = emu.control.createUser(fresh, 'admin', {
      accessKey: true,
      policies: [{ type: 'System', name: 'AliyunRAMFullAccess' }],
    }).accessKey!
    const ramAgain = popRam(emu, again)
    await ramAgain.call('CreateRole', {
      RoleName: 'Fresh',
      AssumeRolePolicyDocument: trust(`acs:ram::${fresh}:root`),
    })
    await expectError(
      ramAgain.call('AttachPolicyToRole', {
        RoleName: 'Fresh',
        PolicyType: 'System',
        PolicyName: 'ReadOnlyAccess',
      }),
      'EntityNotExist.Role',
      404,
    )
    const plain = await startEmulator({ seed: 51, delayClock: () => 0 })
    const { accountId: a } = plain.control.createAccount()
    const key = plain.control.createUser(a, 'u', {
      accessKey: true,
      policies: [{ type: 'System', name: 'AliyunRAMFullAccess' }],
    }).accessKey!
    const ram = popRam(plain, key)
    await ram.call('CreateRole', { RoleName: 'Now', AssumeRolePolicyDocument: trust(`acs:ram::${a}:root`) })
    await ram.call('AttachPolicyToRole', {
      RoleName: 'Now',
      PolicyType: 'System',
      PolicyName: 'ReadOnlyAccess',
    })
    await plain.close()
  })
})
