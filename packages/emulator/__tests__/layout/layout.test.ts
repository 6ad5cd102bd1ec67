// The package's shape, checked: no import cycle, no file over 300 lines, comments cite only
// documents in the repository, and the rest of the repository reaches the package only through its
// public entry.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { findCycle, type Graph, importGraph, sourceFiles, specifiers } from './import-graph.js'

const PACKAGE = join(import.meta.dirname, '..', '..')
const SRC = join(PACKAGE, 'src')
const ROOT = join(PACKAGE, '..', '..')
const MAX_LINES = 300

const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges))

describe('the cycle finder', () => {
  it.each([
    ['no edges', {}, undefined],
    ['a chain', { a: ['b'], b: ['c'], c: [] }, undefined],
    ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, undefined],
    ['a self-import', { a: ['a'] }, ['a', 'a']],
    ['two modules', { a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    ['a cycle behind a chain', { x: ['a'], a: ['b'], b: ['c'], c: ['a'] }, ['a', 'b', 'c', 'a']],
  ])('%s', (_name, edges, cycle) => {
    expect(findCycle(graph(edges))).toEqual(cycle)
  })

  it.each([
    ["import { a } from './a.js'", ['./a.js']],
    ["import type { A } from '../b.js'", ['../b.js']],
    ["export { c } from './c.js'", ['./c.js']],
    ["export type { D } from './d.js'", ['./d.js']],
    ["import {\n  e,\n  type F,\n} from './e.js'", ['./e.js']],
    ["import './side-effect.js'", ['./side-effect.js']],
    ["const s = 'from x'", []],
  ])('reads the specifiers of %j', (text, expected) => {
    expect(specifiers(text)).toEqual(expected)
  })
})

describe('the package layout', () => {
  it('has no import cycle, type-only imports included', () => {
    expect(findCycle(importGraph(SRC))).toBeUndefined()
  })

  it.each(['src', '__tests__'])(`has no file over ${MAX_LINES} lines in %s`, (dir) => {
    const root = join(PACKAGE, dir)
    const long = sourceFiles(root)
      .map((f) => ({ file: f, lines: readFileSync(join(root, f), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
    expect(long).toEqual([])
  })

  it('cites no document outside the repository', () => {
    const citing = sourceFiles(SRC).filter((f) => /reference §|§\d/.test(readFileSync(join(SRC, f), 'utf8')))
    expect(citing).toEqual([])
  })

  it('documents every name of the public entry with a JSDoc comment', () => {
    const entry = readFileSync(join(SRC, 'index.ts'), 'utf8')
    const undocumented: string[] = []
    for (const m of entry.matchAll(/export (?:type )?\{([^}]*)\} from '([^']+)'/g)) {
      const module = readFileSync(join(SRC, m[2]!.replace(/\.js$/, '.ts')), 'utf8').split('\n')
      for (const raw of m[1]!.split(',')) {
        const name = raw.replace(/^\s*type\s+/, '').trim()
        if (!name) continue
        const at = module.findIndex((l) =>
          new RegExp(`^export (?:async )?(?:function|const|class|interface|type) ${name}\\b`).test(l),
        )
        const before = module.slice(0, at).filter((l) => l.trim() !== '')
        if (at < 0 || !before.at(-1)?.trim().endsWith('*/')) undocumented.push(`${m[2]}: ${name}`)
      }
    }
    expect(undocumented).toEqual([])
  })

  it('is reached from the rest of the repository only through its public entry', () => {
    const reaching: string[] = []
    for (const dir of ['src', 'scripts', '__tests__']) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        const text = readFileSync(join(ROOT, dir, file), 'utf8')
        for (const s of specifiers(text)) {
          if (/packages\/emulator|(^|\/)emulator\//.test(s) || /^@ram-identity\/emulator\/./.test(s)) {
            reaching.push(`${dir}/${file}: ${s}`)
          }
        }
      }
    }
    expect(reaching).toEqual([])
  })
})
