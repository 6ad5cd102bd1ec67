// workflow-commands.ts speaks the runner protocol itself (importing @actions/core costs most of the
// start-up budget); this compares what it writes with what @actions/core writes for the same calls.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as ours from '../src/workflow-commands.js'

const dir = mkdtempSync(join(tmpdir(), 'wfc-'))
let stdout: string[] = []
const write = process.stdout.write.bind(process.stdout)
const saved = { ...process.env }

beforeEach(() => {
  stdout = []
  process.stdout.write = ((chunk: string) => {
    stdout.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  for (const f of ['out', 'env']) writeFileSync(join(dir, f), '')
  process.env.GITHUB_OUTPUT = join(dir, 'out')
  process.env.GITHUB_ENV = join(dir, 'env')
})
afterEach(() => {
  process.stdout.write = write
  process.env = { ...saved }
  process.exitCode = undefined
})

/** Runs `f` with each implementation and returns what each wrote (delimiters normalised). */
function both(f: (impl: typeof ours) => void): [string, string] {
  const capture = (impl: typeof ours) => {
    stdout = []
    for (const file of ['out', 'env']) writeFileSync(join(dir, file), '')
    f(impl)
    const files = ['out', 'env'].map((file) => readFileSync(join(dir, file), 'utf8')).join('|')
    return (stdout.join('') + files).replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM')
  }
  const theirs = capture(core as unknown as typeof ours)
  const mine = capture(ours)
  return [mine, theirs]
}

const values = ['plain', 'multi\nline\r\nvalue', '100% sure: a,b', '-leading+/=', '', '::add-mask::x']

describe('workflow-commands matches @actions/core', () => {
  it.each(values)('setOutput / exportVariable / setSecret with %j', (value) => {
    const [mine, theirs] = both((impl) => {
      impl.setOutput('name', value)
      impl.exportVariable('VAR', value)
      impl.setSecret(value)
    })
    expect(mine).toBe(theirs)
  })

  it.each(values)('info / debug / notice / error with %j', (value) => {
    const [mine, theirs] = both((impl) => {
      impl.info(value)
      impl.debug(value)
      impl.notice(value)
      impl.error(value, { title: `t: ${value}`, file: 'a,b.json', startLine: 4, startColumn: 25 })
    })
    expect(mine).toBe(theirs)
  })

  it('setFailed sets exit code 1 and writes an error', () => {
    const [mine, theirs] = both((impl) => impl.setFailed('boom'))
    expect(mine).toBe(theirs)
    expect(process.exitCode).toBe(1)
  })

  it('getInput reads INPUT_<NAME> with dashes kept, trimmed', () => {
    process.env['INPUT_ROLE-NAME'] = '  r  '
    expect(ours.getInput('role-name')).toBe(core.getInput('role-name'))
    expect(ours.getInput('missing')).toBe('')
  })

  it('falls back to ::set-output:: without GITHUB_OUTPUT', () => {
    delete process.env.GITHUB_OUTPUT
    delete process.env.GITHUB_ENV
    const [mine, theirs] = both((impl) => {
      impl.setOutput('n', 'v')
      impl.exportVariable('E', 'w')
    })
    expect(mine).toBe(theirs)
  })
})
