// The CLI in-process against the in-process emulator: stdout holds only the result, the JSON is
// complete, wrong flags stop before any call, and the process environment is never touched.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { workspace } from '../../scripts/local-runner.js'
import { type SandboxAccount, sandboxAccount } from '../../scripts/sandbox.js'
import { main } from '../../src/cli/main.js'

let emu: Emulator
let acct: SandboxAccount
let ws: string

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: acct.key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: acct.key.accessKeySecret,
  }
  const before = emu.control.calls().length
  const code = await main([...args, '--workspace', ws], env, {
    stdout: (t) => {
      stdout += t
    },
    stderr: (t) => {
      stderr += t
    },
  })
  return { code, stdout, stderr, calls: emu.control.calls().slice(before) }
}

const flags = (role: string) => [
  '--role-name',
  role,
  '--policy-file',
  'p.json',
  '--ram-endpoint',
  emu.ramEndpoint,
  '--sts-endpoint',
  emu.stsEndpoint,
]

beforeAll(async () => {
  emu = await startEmulator({ seed: 37 })
  acct = await sandboxAccount(emu)
  ws = workspace({
    'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
  })
})
afterAll(() => emu.close())

describe('ram-identity (in-process)', () => {
  it('plan on an empty account speaks of changes, not drift, and exits 0', async () => {
    const r = await cli(['plan', ...flags('plan-role')])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      [
        '+ create role plan-role',
        `    + Allow sts:AssumeRole for acs:ram::${acct.accountId}:root`,
        '+ create policy plan-role-policy',
        '    + Allow oss:PutObject on *',
        '+ attach Custom:plan-role-policy to role plan-role',
        '3 change(s) planned',
        '',
      ].join('\n'),
    )
    expect(r.stdout).not.toMatch(/drift/)
    expect(r.calls.filter((c) => c.write)).toEqual([])
  })

  it('check calls the same thing drift and exits 2; progress goes to stderr', async () => {
    const r = await cli(['check', ...flags('plan-role')])
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/drift: 3 change\(s\) needed\n$/)
    expect(r.stderr).toMatch(/3 change\(s\) needed:/)
  })

  it('--json holds the whole plan, beyond what a GitHub output may hold', async () => {
    const policy = { type: 'System' as const, name: 'AliyunCSReadOnlyAccess' }
    for (let i = 0; i < 3000; i++)
      emu.control.createUser(acct.accountId, `json-user-${String(i).padStart(4, '0')}`)
    const r = await cli(['check', ...flags('json-role'), '--all-users-policies', policy.name, '--json'])
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout)
    expect(Buffer.byteLength(JSON.stringify(doc.plan))).toBeGreaterThan(256 * 1024)
    expect(doc.plan).toHaveLength(doc.changes)
    expect(doc).toMatchObject({ command: 'check', exitCode: 2, drift: true, mode: 'check', errors: [] })
    expect(doc.changes).toBeGreaterThan(3000)
  })

  it.each<[string, string[], RegExp]>([
    ['an unknown flag', ['--polcy-file', 'p.json'], /error: unknown flag --polcy-file/],
    ['a flag without its value', ['--sub-account'], /error: --sub-account needs a value/],
    [
      'an invalid value',
      ['--max-session-duration', '5'],
      /error: max-session-duration: must be a whole number/,
    ],
  ])('stops at %s with exit 1 and no call', async (_reason, extra, message) => {
    const r = await cli(['apply', ...flags('bad-role'), ...extra])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
    expect(r.calls).toEqual([])
  })

  it.each(['plan', 'check', 'apply', 'assume'])('%s --help prints its usage and exits 0', async (command) => {
    const r = await cli([command, '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^Usage: ram-identity ${command} `))
    expect(r.calls).toEqual([])
  })

  it('apply then assume --env: export lines only on stdout, and process.env untouched', async () => {
    const env = { ...process.env }
    expect((await cli(['apply', ...flags('env-role')])).code).toBe(0)
    const r = await cli(['assume', '--role-name', 'env-role', '--sts-endpoint', emu.stsEndpoint, '--env'])
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    // 15 variables and the mark that tells a later run they came from this tool.
    expect(lines.length).toBe(16)
    expect(lines.every((l) => /^export [A-Z_]+='[^']*'$/.test(l))).toBe(true)
    expect(process.env).toEqual(env)
  })
})
