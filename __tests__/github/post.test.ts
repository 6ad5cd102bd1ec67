// The post step in-process with the real @actions/core: what it reads from the saved state, what
// it writes to GITHUB_ENV, and that RAM_IDENTITY_SKIP_CLEANUP leaves everything as it is.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { parseCommandFile } from '../../scripts/local-runner.js'
import { writeProfile } from '../../src/credentials/profile.js'
import { post } from '../../src/post.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

async function runPost(state: Record<string, string>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'post-'))
  writeFileSync(join(dir, 'env'), '')
  Object.assign(process.env, { GITHUB_ENV: join(dir, 'env'), ...env })
  for (const [name, value] of Object.entries(state)) process.env[`STATE_${name}`] = value
  let stdout = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    stdout += String(chunk)
    return true
  })
  try {
    await post()
  } finally {
    spy.mockRestore()
  }
  return { stdout, env: parseCommandFile(readFileSync(join(dir, 'env'), 'utf8')) }
}

const session = {
  credentials: { accessKeyId: 'STS.a', accessKeySecret: 's', securityToken: 't' },
  arn: 'acs:ram::1:role/r/s',
  expiration: '',
  via: '',
}

describe('post()', () => {
  it('blanks each exported variable and removes the profile the main step wrote', async () => {
    const written = writeProfile(mkdtempSync(join(tmpdir(), 'home-')), 'ci', session, 'cn-hangzhou')
    const r = await runPost({
      'exported-env': JSON.stringify(['ALIBABA_CLOUD_ACCESS_KEY_ID', 'OSS_SESSION_TOKEN']),
      'aliyun-profile': JSON.stringify(written),
    })
    expect(r.env).toEqual({ ALIBABA_CLOUD_ACCESS_KEY_ID: '', OSS_SESSION_TOKEN: '' })
    expect(existsSync(written.path)).toBe(false)
  })

  it('does nothing without state (the main step exported nothing)', async () => {
    const r = await runPost({})
    expect(r.env).toEqual({})
    expect(r.stdout).not.toMatch(/::warning::/)
  })

  it('does nothing when RAM_IDENTITY_SKIP_CLEANUP is true, as a composite action may ask', async () => {
    const written = writeProfile(mkdtempSync(join(tmpdir(), 'home-')), 'ci', session, 'cn-hangzhou')
    const r = await runPost(
      {
        'exported-env': JSON.stringify(['ALIBABA_CLOUD_ACCESS_KEY_ID']),
        'aliyun-profile': JSON.stringify(written),
      },
      { RAM_IDENTITY_SKIP_CLEANUP: 'True' },
    )
    expect(r.env).toEqual({})
    expect(existsSync(written.path)).toBe(true)
  })

  it('warns, never fails, when the profile cannot be cleaned up', async () => {
    const r = await runPost({
      'aliyun-profile': JSON.stringify({ path: '/proc/version', name: 'x', created: false }),
    })
    expect(r.stdout).toMatch(
      /::warning::cleanup incomplete: \/proc\/version is not an aliyun CLI configuration/,
    )
    expect(process.exitCode).toBeUndefined()
  })
})
