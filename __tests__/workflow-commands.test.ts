// workflow-commands.ts speaks the runner protocol itself (importing @actions/core costs most of the
// start-up budget) and writes to file descriptor 1 directly. Each case runs in child processes,
// once with each implementation, and compares the bytes that reached stdout and the command files.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '@actions/core'
import { describe, expect, it } from '@jest/globals'
import * as ours from '../src/workflow-commands.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// The compiled module (npm test builds it first): a child process cannot load TypeScript.
const OURS = join(ROOT, 'lib', 'src', 'workflow-commands.js')

/** Runs `calls`, a module body that uses `impl` and `value`, with each implementation. */
function both(calls: string, value = ''): [string, string] {
  const run = (from: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'wfc-'))
    const files = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_ENV: join(dir, 'env') }
    for (const path of Object.values(files)) writeFileSync(path, '')
    const script = `import * as impl from ${JSON.stringify(from)}\nconst value = process.env.VALUE\n${calls}`
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, VALUE: value, ...files },
      encoding: 'utf8',
    })
    if (child.stderr) throw new Error(child.stderr)
    const written = Object.values(files).map((path) => readFileSync(path, 'utf8'))
    return [child.stdout, ...written, `exit ${child.status}`]
      .join('|')
      .replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM')
  }
  return [run(OURS), run('@actions/core')]
}

const values = ['plain', 'multi\nline\r\nvalue', '100% sure: a,b', '-leading+/=', '', '::add-mask::x']

describe('workflow-commands matches @actions/core', () => {
  it.each(values)('setOutput / exportVariable / setSecret with %j', (value) => {
    const [mine, theirs] = both(
      `impl.setOutput('name', value); impl.exportVariable('VAR', value); impl.setSecret(value)`,
      value,
    )
    expect(mine).toBe(theirs)
  })

  it.each(values)('info / debug / notice / error with %j', (value) => {
    const [mine, theirs] = both(
      `impl.info(value); impl.debug(value); impl.notice(value)
       impl.error(value, { title: 't: ' + value, file: 'a,b.json', startLine: 4, startColumn: 25 })`,
      value,
    )
    expect(mine).toBe(theirs)
  })

  it('setFailed sets exit code 1 and writes an error', () => {
    const [mine, theirs] = both(`impl.setFailed('boom')`)
    expect(mine).toBe(theirs)
    expect(mine).toMatch(/exit 1$/)
  })

  it('falls back to ::set-output:: without GITHUB_OUTPUT', () => {
    const [mine, theirs] = both(
      `delete process.env.GITHUB_OUTPUT; delete process.env.GITHUB_ENV
       impl.setOutput('n', 'v'); impl.exportVariable('E', 'w')`,
    )
    expect(mine).toBe(theirs)
  })

  it('getInput reads INPUT_<NAME> with dashes kept, trimmed', () => {
    process.env['INPUT_ROLE-NAME'] = '  r  '
    expect(ours.getInput('role-name')).toBe(core.getInput('role-name'))
    expect(ours.getInput('missing')).toBe('')
    delete process.env['INPUT_ROLE-NAME']
  })
})

describe('stdout', () => {
  it('keeps every line, in order, when the pipe is non-blocking and full', async () => {
    // Touching process.stdout makes the pipe non-blocking; the reader below then falls behind
    // on purpose, so direct writes meet EAGAIN and must hand over to the stream.
    const script = `import * as impl from ${JSON.stringify(OURS)}
      process.stdout
      for (let i = 0; i < 20000; i++) impl.info(String(i).padStart(99, '.'))`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const chunks: Buffer[] = []
    child.stdout.pause()
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    setTimeout(() => child.stdout.resume(), 300)
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(20000)
    expect(lines.every((line, i) => Number(line.replace(/^\.+/, '')) === i)).toBe(true)
  })
})
