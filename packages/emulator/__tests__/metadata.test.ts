// The ECS metadata stand-in: hardened mode, the credentials' shape, and that RAM and STS accept
// them as the instance role's session. Driven by fetch, and by @alicloud/credentials unchanged.
import http from 'node:http'
import Credentials from '@alicloud/credentials'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parseArgs, startCli } from '../src/cli.js'
import {
  type Emulator,
  type MetadataStandIn,
  type MetadataStandInOptions,
  startEmulator,
  startMetadataStandIn,
} from '../src/index.js'
import { ISO_SECONDS, popRam, popSts } from './harness.js'

type Json = Record<string, unknown>
const ECS_TRUST = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }],
})

let emu: Emulator
let accountId: string
let clock = Date.now()
const now = () => new Date(clock)
const standIns: MetadataStandIn[] = []
const start = async (opts: Partial<MetadataStandInOptions> = {}): Promise<MetadataStandIn> => {
  const s = await startMetadataStandIn(emu, { accountId, roleName: 'EcsRole', now, ...opts })
  standIns.push(s)
  return s
}

beforeAll(async () => {
  emu = await startEmulator({ seed: 41, now })
  accountId = emu.control.createAccount().accountId
  emu.control.createRole(accountId, 'EcsRole', {
    assumeRolePolicyDocument: ECS_TRUST,
    policies: [{ type: 'System', name: 'AliyunRAMReadOnlyAccess' }],
  })
})
afterAll(async () => {
  await Promise.all(standIns.map((s) => s.close()))
  await emu.close()
})

const TTL = 'x-aliyun-ecs-metadata-token-ttl-seconds'
const TOKEN = 'x-aliyun-ecs-metadata-token'
const token = async (md: MetadataStandIn, ttl = '60'): Promise<string> => {
  const res = await fetch(`${md.endpoint}/latest/api/token`, { method: 'PUT', headers: { [TTL]: ttl } })
  expect(res.status).toBe(200)
  return res.text()
}
const get = (md: MetadataStandIn, path: string, headers: Record<string, string> = {}) =>
  fetch(`${md.endpoint}${path}`, { headers })
const LIST = '/latest/meta-data/ram/security-credentials/'

describe('hardened mode', () => {
  let md: MetadataStandIn
  beforeAll(async () => {
    md = await start()
  })

  it('M1, M3: lists the role and hands out its credentials for a token', async () => {
    const t = await token(md)
    const list = await get(md, LIST, { [TOKEN]: t })
    expect(list.status).toBe(200)
    expect(await list.text()).toBe('EcsRole')
    const res = await get(md, `${LIST}EcsRole`, { [TOKEN]: t })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    expect(Object.keys(body)).toEqual([
      'AccessKeyId',
      'AccessKeySecret',
      'Expiration',
      'SecurityToken',
      'LastUpdated',
      'Code',
    ])
    expect(body.Code).toBe('Success')
    expect(body.AccessKeyId).toMatch(/^STS\./)
    expect(body.Expiration).toMatch(ISO_SECONDS)
    expect(body.LastUpdated).toMatch(ISO_SECONDS)
    expect(Date.parse(body.Expiration as string) - Date.parse(body.LastUpdated as string)).toBe(
      6 * 3600 * 1000,
    )
  })

  it('M5: issues credentials that STS and RAM accept as the role session', async () => {
    const t = await token(md)
    const body = (await (await get(md, `${LIST}EcsRole`, { [TOKEN]: t })).json()) as Json
    const creds = {
      accessKeyId: body.AccessKeyId as string,
      accessKeySecret: body.AccessKeySecret as string,
      securityToken: body.SecurityToken as string,
    }
    const who = await popSts(emu, creds).call<Json>('GetCallerIdentity')
    expect(who.Arn).toBe(`acs:ram::${accountId}:assumed-role/EcsRole/i-emulator0001`)
    expect(who.IdentityType).toBe('AssumedRoleUser')
    // The role's AliyunRAMReadOnlyAccess applies to the session.
    const roles = await popRam(emu, creds).call<{ Roles: { Role: Json[] } }>('ListRoles')
    expect(roles.Roles.Role.map((r) => r.RoleName)).toContain('EcsRole')
  })

  it.each<[string, Record<string, string> | 'unknown' | 'expired']>([
    ['no token', {}],
    ['an unknown token', 'unknown'],
    ['an expired token', 'expired'],
  ])('M4: refuses %s with 401', async (_name, how) => {
    let headers: Record<string, string> = {}
    if (how === 'unknown') headers = { [TOKEN]: 'not-a-token' }
    else if (how === 'expired') {
      const t = await token(md, '5')
      clock += 5000
      headers = { [TOKEN]: t }
    } else headers = how
    const before = md.refused()
    for (const path of [LIST, `${LIST}EcsRole`]) expect((await get(md, path, headers)).status).toBe(401)
    expect(md.refused()).toBe(before + 2)
  })

  it.each([
    ['no TTL header', undefined, 400],
    ['TTL 0', '0', 400],
    ['TTL 21601', '21601', 400],
    ['TTL -5', '-5', 400],
    ['TTL 1.5', '1.5', 400],
    ['TTL 1', '1', 200],
    ['TTL 21600', '21600', 200],
  ])('M2: answers a token request with %s: HTTP %3$i', async (_name, ttl, status) => {
    const res = await fetch(`${md.endpoint}/latest/api/token`, {
      method: 'PUT',
      headers: ttl ? { [TTL]: ttl } : {},
    })
    expect(res.status).toBe(status)
  })

  it('refuses GET for a token (405), an unknown role (404) and a foreign Host (403)', async () => {
    expect((await get(md, '/latest/api/token', { [TTL]: '60' })).status).toBe(405)
    const t = await token(md)
    expect((await get(md, `${LIST}OtherRole`, { [TOKEN]: t })).status).toBe(404)
    const url = new URL(md.endpoint)
    const status = await new Promise<number>((resolve, reject) =>
      http
        .request(
          {
            host: url.hostname,
            port: url.port,
            method: 'PUT',
            path: '/latest/api/token',
            headers: { host: 'evil.example', [TTL]: '60' },
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        .on('error', reject)
        .end(),
    )
    expect(status).toBe(403)
  })

  it('replaces the credentials before they expire', async () => {
    const t = await token(md, '21600')
    const first = (await (await get(md, `${LIST}EcsRole`, { [TOKEN]: t })).json()) as Json
    const again = (await (await get(md, `${LIST}EcsRole`, { [TOKEN]: t })).json()) as Json
    expect(again.AccessKeyId).toBe(first.AccessKeyId)
    clock += 5.6 * 3600 * 1000
    const renewed = (await (await get(md, `${LIST}EcsRole`, { [TOKEN]: t })).json()) as Json
    expect(renewed.AccessKeyId).not.toBe(first.AccessKeyId)
  })
})

describe('compatible mode', () => {
  it('M4: answers without a token, and still refuses a bad one', async () => {
    const md = await start({ mode: 'compatible' })
    expect(await (await get(md, LIST)).text()).toBe('EcsRole')
    expect((await get(md, LIST, { [TOKEN]: 'bad' })).status).toBe(401)
  })
})

describe('binding', () => {
  it('refuses a role that does not trust ECS, or does not exist', async () => {
    emu.control.createRole(accountId, 'NotForEcs', {
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
        ],
      }),
    })
    await expect(start({ roleName: 'NotForEcs' })).rejects.toThrow(
      'does not trust the service ecs.aliyuncs.com',
    )
    await expect(start({ roleName: 'Nope' })).rejects.toThrow('The role does not exist.')
  })
})

describe('@alicloud/credentials (ecs_ram_role, IMDSv1 disabled) against the stand-in', () => {
  it('M1-M5: discovers the role and signs an STS call with its credentials', async () => {
    // Back to real time: the SDK and the signature window use the machine's clock.
    clock = Date.now()
    const md = await start()
    const target = new URL(md.endpoint)
    // The SDK always dials 100.100.100.200:80; route that one address to the stand-in, as the
    // instance's link-local route would. The SDK itself runs unchanged.
    const original = http.Agent.prototype.createConnection
    http.Agent.prototype.createConnection = function (this: http.Agent, options: Json, ...rest: unknown[]) {
      const o =
        options.host === '100.100.100.200'
          ? { ...options, host: target.hostname, port: Number(target.port) }
          : options
      return (original as (...a: unknown[]) => unknown).call(this, o, ...rest)
    } as typeof original
    try {
      const provider = Credentials.ECSRAMRoleCredentialsProvider.builder().withDisableIMDSv1(true).build()
      const c = await provider.getCredentials()
      expect(c.accessKeyId).toMatch(/^STS\./)
      const who = await popSts(emu, {
        accessKeyId: c.accessKeyId,
        accessKeySecret: c.accessKeySecret,
        securityToken: c.securityToken,
      }).call<Json>('GetCallerIdentity')
      expect(who.Arn).toBe(`acs:ram::${accountId}:assumed-role/EcsRole/i-emulator0001`)
    } finally {
      http.Agent.prototype.createConnection = original
    }
  })
})

describe('from the CLI', () => {
  it('parses --metadata-port, --metadata-role and --profile', () => {
    expect(
      parseArgs(['--metadata-port', '0', '--metadata-role', 'runner', '--profile', 'realistic']),
    ).toMatchObject({
      metadataPort: 0,
      metadataRole: 'runner',
      profile: 'realistic',
      faults: { visibilityDelayMs: 400, attachDelayMs: 400, grantDelayMs: 1000, delayJitter: 0.75 },
    })
    expect(() => parseArgs(['--profile', 'chaotic'])).toThrow(
      '--profile expects one of deterministic, realistic',
    )
  })

  it('starts the stand-in for an instance role that can run the action', async () => {
    const lines: string[] = []
    const started = await startCli(
      { host: '127.0.0.1', ramPort: 0, stsPort: 0, metadataPort: 0, help: false },
      (line) => lines.push(line),
    )
    try {
      const endpoint = started.env.RAM_EMULATOR_METADATA_ENDPOINT!
      expect(started.env.RAM_EMULATOR_METADATA_ROLE).toBe('ecs-instance-role')
      expect(lines).toContain(`RAM_EMULATOR_METADATA_ENDPOINT=${endpoint}`)
      const t = await (
        await fetch(`${endpoint}/latest/api/token`, { method: 'PUT', headers: { [TTL]: '60' } })
      ).text()
      const body = (await (
        await fetch(`${endpoint}${LIST}ecs-instance-role`, { headers: { [TOKEN]: t } })
      ).json()) as Json
      const creds = {
        accessKeyId: body.AccessKeyId as string,
        accessKeySecret: body.AccessKeySecret as string,
        securityToken: body.SecurityToken as string,
      }
      // The instance role holds ci-admin's policies: it may reconcile RAM.
      await popRam(started.emulator, creds).call('CreateUser', { UserName: 'made-by-instance' })
    } finally {
      await started.metadata!.close()
      await started.emulator.close()
    }
  })
})
