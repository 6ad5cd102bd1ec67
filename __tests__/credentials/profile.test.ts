// The aliyun CLI profile sink on a real file system: what it writes, what it keeps, what it
// refuses, and what the post step takes away.
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { removeProfile, writeProfile } from '../../src/credentials/profile.js'
import type { Session } from '../../src/model.js'

const session = (id = 'STS.one'): Session => ({
  credentials: { accessKeyId: id, accessKeySecret: 'secret', securityToken: 'token' },
  arn: 'acs:ram::1:role/r/s',
  expiration: '2030-01-01T00:00:00Z',
  via: 'ci',
})
const home = () => mkdtempSync(join(tmpdir(), 'home-'))
const config = (h: string) => JSON.parse(readFileSync(join(h, '.aliyun', 'config.json'), 'utf8'))

describe('writeProfile()', () => {
  it("creates the CLI's config with the profile current, in the CLI's StsToken format, mode 0600", () => {
    const h = home()
    const written = writeProfile(h, 'deploy', session(), 'cn-shanghai')
    expect(written).toEqual({ path: join(h, '.aliyun', 'config.json'), name: 'deploy', created: true })
    expect(config(h)).toEqual({
      current: 'deploy',
      meta_path: '',
      profiles: [
        {
          name: 'deploy',
          mode: 'StsToken',
          access_key_id: 'STS.one',
          access_key_secret: 'secret',
          sts_token: 'token',
          region_id: 'cn-shanghai',
          output_format: 'json',
          language: 'en',
        },
      ],
    })
    expect(lstatSync(written.path).mode & 0o777).toBe(0o600)
  })

  it('keeps the profiles already there and their current one; replaces its own by name', () => {
    const h = home()
    mkdirSync(join(h, '.aliyun'))
    const mine = { name: 'personal', mode: 'AK', access_key_id: 'LTAI', access_key_secret: 'x' }
    writeFileSync(
      join(h, '.aliyun', 'config.json'),
      JSON.stringify({ current: 'personal', profiles: [mine], meta_path: '' }),
    )
    expect(writeProfile(h, 'a', session('STS.a'), 'cn-hangzhou').created).toBe(false)
    writeProfile(h, 'b', session('STS.b'), 'cn-hangzhou')
    writeProfile(h, 'a', session('STS.a2'), 'cn-hangzhou')
    const c = config(h)
    expect(c.current).toBe('personal')
    expect(c.profiles.map((p: { name: string }) => p.name)).toEqual(['personal', 'b', 'a'])
    expect(c.profiles[2].access_key_id).toBe('STS.a2')
    expect(c.profiles[0]).toEqual(mine)
  })

  it.each<[string, (h: string) => void, RegExp]>([
    [
      'a config file that is a symbolic link',
      (h) => {
        mkdirSync(join(h, '.aliyun'))
        writeFileSync(join(h, 'elsewhere.json'), '{}')
        symlinkSync(join(h, 'elsewhere.json'), join(h, '.aliyun', 'config.json'))
      },
      /is a symbolic link/,
    ],
    [
      'a .aliyun folder that is a symbolic link',
      (h) => {
        mkdirSync(join(h, 'other'))
        symlinkSync(join(h, 'other'), join(h, '.aliyun'))
      },
      /is a symbolic link/,
    ],
    [
      "a config that is not the CLI's",
      (h) => {
        mkdirSync(join(h, '.aliyun'))
        writeFileSync(join(h, '.aliyun', 'config.json'), 'not json')
      },
      /not an aliyun CLI configuration; it was left as it is/,
    ],
  ])('refuses %s, and writes nothing', (_reason, arrange, message) => {
    const h = home()
    arrange(h)
    expect(() => writeProfile(h, 'p', session(), 'cn-hangzhou')).toThrow(message)
    const found = (() => {
      try {
        return readFileSync(join(h, '.aliyun', 'config.json'), 'utf8')
      } catch {
        return ''
      }
    })()
    expect(found).not.toContain('STS.one')
  })
})

describe('removeProfile()', () => {
  it('deletes a file it created when nothing else is left', () => {
    const h = home()
    const written = writeProfile(h, 'deploy', session(), 'cn-hangzhou')
    expect(removeProfile(written)).toBe('removed')
    expect(() => lstatSync(written.path)).toThrow()
    expect(removeProfile(written)).toBe('absent')
  })

  it('removes only its own profile from a shared file, and moves current off it', () => {
    const h = home()
    const first = writeProfile(h, 'deploy', session(), 'cn-hangzhou')
    writeProfile(h, 'other', session('STS.two'), 'cn-hangzhou')
    removeProfile(first)
    expect(config(h)).toMatchObject({
      current: 'other',
      profiles: [{ name: 'other', access_key_id: 'STS.two' }],
    })
  })
})
