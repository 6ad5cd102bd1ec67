// The GitHub step in-process: the real @actions/core writing to temporary command files, the
// in-process emulator behind it. What the runner would see: outputs, env, summary, masks first.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { parseCommandFile, workspace } from '../../scripts/local-runner.js'
import { type SandboxAccount, sandboxAccount } from '../../scripts/sandbox.js'
import { run } from '../../src/main.js'

let emu: Emulator
let acct: SandboxAccount
const saved = { ...process.env }

// One set of command files for the whole file, emptied before each step: @actions/core keeps
// the summary's path once it has read it, as it may in a process that runs one step.
const dir = mkdtempSync(join(tmpdir(), 'step-'))

/** Runs the step with these inputs; returns what it wrote to stdout and the command files. */
async function step(inputs: Record<string, string>) {
  const files = { GITHUB_OUTPUT: 'out', GITHUB_ENV: 'env', GITHUB_STEP_SUMMARY: 'summary' }
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(join(dir, file), '')
    process.env[name] = join(dir, file)
  }
  const ws = workspace({
    'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
  })
  process.env.GITHUB_WORKSPACE = ws
  // Not a pull request or a schedule, even when the tests run inside a workflow that is.
  delete process.env.GITHUB_EVENT_NAME
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
  let stdout = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    stdout += String(chunk)
    return true
  })
  try {
    await run()
  } finally {
    spy.mockRestore()
  }
  const read = (file: string) => readFileSync(join(dir, file), 'utf8')
  return {
    stdout,
    exitCode: process.exitCode,
    outputs: parseCommandFile(read('out')),
    env: parseCommandFile(read('env')),
    summary: read('summary'),
  }
}

const inputs = (role: string) => ({
  'role-name': role,
  'policy-file': 'p.json',
  'access-key-id': acct.key.accessKeyId,
  'access-key-secret': acct.key.accessKeySecret,
  'ram-endpoint': emu.ramEndpoint,
  'sts-endpoint': emu.stsEndpoint,
})

beforeAll(async () => {
  emu = await startEmulator({ seed: 41 })
  acct = await sandboxAccount(emu)
})
afterAll(() => emu.close())
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
})

describe('run() (the GitHub step, in-process)', () => {
  it('applies, then masks every secret before the first output that carries it', async () => {
    const r = await step(inputs('step-role'))
    expect(r.exitCode).toBeUndefined()
    expect(r.outputs).toMatchObject({
      drift: 'true',
      changes: '3',
      'failed-users': '[]',
      'comment-url': '',
      'drift-issue-url': '',
    })
    expect(r.outputs['access-key-id']).toMatch(/^STS\./)
    expect(r.env.ALIBABA_CLOUD_SECURITY_TOKEN).toBe(r.outputs['security-token'])
    for (const name of ['access-key-id', 'access-key-secret', 'security-token']) {
      expect(r.stdout).toContain(`::add-mask::${r.outputs[name]}`)
    }
    // The input secret is masked too, and nothing secret reaches the log or the summary.
    expect(r.stdout).toContain(`::add-mask::${acct.key.accessKeySecret}`)
    const log = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    for (const secret of [
      r.outputs['access-key-secret']!,
      r.outputs['security-token']!,
      acct.key.accessKeySecret,
    ]) {
      expect(log).not.toContain(secret)
      expect(r.summary).not.toContain(secret)
    }
    expect(r.summary).toMatch(/### RAM reconciled: 3 change\(s\) applied/)
    expect(r.stdout).toMatch(/^\+ create role step-role$/m)
  })

  it('check with drift fails the step, or only notes it with fail-on-drift false', async () => {
    const failing = await step({ ...inputs('check-role'), mode: 'check' })
    expect(failing.exitCode).toBe(1)
    expect(failing.stdout).toMatch(/^::error::drift detected: 3 change\(s\) needed$/m)
    expect(failing.outputs['access-key-id']).toBeUndefined()
    process.exitCode = undefined
    const noting = await step({ ...inputs('check-role'), mode: 'check', 'fail-on-drift': 'false' })
    expect(noting.exitCode).toBeUndefined()
    expect(noting.stdout).toMatch(/^::notice::drift detected: 3 change\(s\) needed$/m)
  })

  it('annotates invalid inputs and calls nothing', async () => {
    const before = emu.control.calls().length
    const r = await step({ ...inputs('x'), 'role-name': 'not a role', 'duration-seconds': '1h' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/^::error title=Invalid input role-name::role-name: must be 1-64 characters/m)
    expect(r.stdout).toMatch(/^::error title=Invalid input duration-seconds::/m)
    expect(r.stdout).toMatch(/^::error::2 invalid input\(s\); nothing was called or changed$/m)
    expect(emu.control.calls().length).toBe(before)
  })

  it('fails with the step, the call and the likely cause, and still reports what it knew', async () => {
    const r = await step({ ...inputs('denied'), 'access-key-secret': 'wrong' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /^::error::Reading RAM failed: (RAM GetRole|STS GetCallerIdentity|RAM \w+): SignatureDoesNotMatch: .*Likely cause: the AccessKey secret does not belong to the AccessKey id$/m,
    )
    expect(r.summary).toMatch(/### RAM reconcile failed/)
  })
})
