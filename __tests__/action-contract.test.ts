// action.yml is the contract users depend on: every input it declares is read, and the code
// reads no input it does not declare.
import { readdirSync, readFileSync } from 'node:fs'
import { Script } from 'node:vm'
import { describe, expect, it } from '@jest/globals'
import YAML from 'yaml'
import { INPUT_NAMES, readInputs } from '../src/inputs/read.js'

const action = YAML.parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  runs: { using: string; main: string }
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.cjs',
      post: 'dist/post/index.cjs',
      // always(): the credentials go even when a later step failed; the variable lets a composite
      // action keep them.
      'post-if': "always() && env.RAM_IDENTITY_SKIP_CLEANUP != 'true'",
    })
  })

  it('ships the bundle as CommonJS, so Node never starts its ES module loader for it', () => {
    // The chunks it loads on demand are .js files: dist/package.json must say what they are.
    const dist = new URL('../dist/', import.meta.url)
    expect(JSON.parse(readFileSync(new URL('package.json', dist), 'utf8'))).toEqual({ type: 'commonjs' })
    // A classic script compiles only without import/export statements.
    expect(JSON.parse(readFileSync(new URL('post/package.json', dist), 'utf8'))).toEqual({ type: 'commonjs' })
    for (const file of [
      'index.cjs',
      'post/index.cjs',
      ...readdirSync(dist).filter((f) => f.endsWith('.index.cjs.js')),
    ]) {
      expect(() => new Script(readFileSync(new URL(file, dist), 'utf8'), { filename: file })).not.toThrow()
    }
  })

  it('ships a bundle V8 parses once: module factories as function expressions', () => {
    const bundle = readFileSync(new URL('../dist/index.cjs', import.meta.url), 'utf8')
    // V8 compiles a parenthesized `function` eagerly in the script's own parse; an arrow factory
    // (webpack's default) is pre-parsed and then parsed again when it runs.
    expect(bundle).toMatch(/^\/\*{3}\/ \(function\(/m)
    expect(bundle).not.toMatch(/^\/\*{3}\/ \(\(/m)
  })

  it('declares exactly the inputs the code reads', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
    // Reading asks the runner for each declared input once, and for nothing else.
    const asked: string[] = []
    readInputs(
      (name) => {
        asked.push(name)
        return ''
      },
      {},
      '/',
    )
    expect(asked).toEqual([...INPUT_NAMES])
  })

  it('marks only role-name required', () => {
    expect(
      Object.entries(action.inputs)
        .filter(([, i]) => i.required)
        .map(([n]) => n),
    ).toEqual(['role-name'])
  })

  it('declares the outputs of the contract', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'access-key-id',
        'access-key-secret',
        'security-token',
        'expiration',
        'role-arn',
        'assumed-role-arn',
        'account-id',
        'drift',
        'changes',
        'plan',
        'failed-users',
        'findings',
        'unmanaged-policies',
        'comment-url',
        'drift-issue-url',
      ].sort(),
    )
  })
})
