// The CLI bundle (dist/cli/index.js) on the same engine: commands, flags, --json, --env, exit codes.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { ROOT, workspace } from '../../scripts/local-runner.js'
import { type SandboxAccount, sandboxAccount } from '../../scripts/sandbox.js'

const CLI = join(ROOT, 'dist', 'cli', 'index.js')
let emu: Emulator
let acct: SandboxAccount
let ws: string

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ws,
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

const flags = () => [
  '--role-name',
  'cli-role',
  '--policy-file',
  'p.json',
  '--sub-account',
  'cli-user',
  '--ram-endpoint',
  emu.ramEndpoint,
  '--sts-endpoint',
  emu.stsEndpoint,
]
const keys = () => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: acct.key.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: acct.key.accessKeySecret,
})

beforeAll(async () => {
  emu = await startEmulator({ seed: 31, profile: 'realistic' })
  acct = await sandboxAccount(emu)
  ws = workspace({
    'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
  })
})
afterAll(() => emu.close())

describe('ram-identity CLI', () => {
  it('plan shows the changes, writes nothing and exits 0', async () => {
    const before = emu.control.calls().filter((c) => c.write).length
    const r = await cli(['plan', ...flags()], keys())
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/\+ create role cli-role/)
    expect(emu.control.calls().filter((c) => c.write).length).toBe(before)
  })

  it('check exits 2 on drift, with a JSON document for machines', async () => {
    const r = await cli(['check', ...flags(), '--json'], keys())
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout)
    expect(doc).toMatchObject({ command: 'check', exitCode: 2, drift: true, changes: 6 })
    expect(doc.plan.map((e: { kind: string }) => e.kind)).toContain('role')
  })

  it('apply reconciles and keeps the secrets off the terminal unless asked', async () => {
    const r = await cli(['apply', ...flags()], keys())
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/credentials for acs:ram::\d+:role\/cli-role\/github-action until/)
    expect(r.stdout).not.toMatch(/STS\./)
    expect((await cli(['check', ...flags()], keys())).code).toBe(0)
  })

  it('assume --env prints export lines that a shell can eval', async () => {
    const r = await cli(
      ['assume', '--role-name', 'cli-role', '--sts-endpoint', emu.stsEndpoint, '--env'],
      keys(),
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^export ALIBABA_CLOUD_ACCESS_KEY_ID='STS\./m)
    expect(r.stdout).toMatch(/^export OSS_SESSION_TOKEN='/m)
    expect(
      emu.control
        .calls()
        .slice(-2)
        .map((c) => c.action),
    ).toEqual(['GetCallerIdentity', 'AssumeRole'])
  })

  it('exits 1 with the input named on bad flags, and on an unknown command', async () => {
    const bad = await cli(['apply', ...flags(), '--max-session-duration', '5'], keys())
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/error: max-session-duration: must be a whole number from 3600 to 43200/)
    const unknown = await cli(['destroy'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/unknown command "destroy"/)
  })

  it('works under bash -e: eval "$(ram-identity assume ... --env)" sets the variables', async () => {
    const script = `set -euo pipefail
eval "$(node '${CLI}' assume --role-name cli-role --sts-endpoint '${emu.stsEndpoint}' --env)"
test -n "$ALIBABA_CLOUD_SECURITY_TOKEN"
echo "ok $ALIBABA_CLOUD_REGION_ID"`
    // Spawned, not execFileSync: the emulator in this process must keep answering.
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], {
        cwd: ws,
        env: { PATH: process.env.PATH ?? '', ...keys() },
      })
      let stdout = ''
      child.stdout.on('data', (d) => (stdout += d))
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`bash exited ${code}`))))
    })
    expect(out).toBe('ok cn-hangzhou\n')
  })

  it("runs from npm pack's tarball, with no node_modules beside it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'))
    execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir])
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'))
    const bin = join(dir, 'package', pkg.bin['ram-identity'])
    expect(existsSync(join(dir, 'package', 'node_modules'))).toBe(false)
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })
    expect(help).toMatch(/^Usage: ram-identity <plan\|check\|apply\|assume>/)
  }, 60_000)
})
