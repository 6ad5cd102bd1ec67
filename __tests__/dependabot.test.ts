// .github/dependabot.yml must reach every file whose pins scripts/check-pins.mjs requires, or those
// pins would freeze: a SHA pin nobody updates is an old release forever.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { defaultFiles, usesLines } from '../scripts/check-pins.mjs'

interface Update {
  'package-ecosystem': string
  directory?: string
  directories?: string[]
  schedule?: { interval?: string }
  groups?: Record<string, unknown>
  ignore?: { 'dependency-name': string }[]
}

const root = fileURLToPath(new URL('..', import.meta.url))
const rel = (path: string) => relative(root, path).replaceAll('\\', '/')
const config = parse(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')) as {
  version: number
  updates: Update[]
}
const entry = (ecosystem: string) => config.updates.find((u) => u['package-ecosystem'] === ecosystem)
const dirsOf = (u: Update) => u.directories ?? (u.directory ? [u.directory] : [])

/** The files Dependabot's github-actions updater reads for a configured directory. */
function filesRead(directory: string): string[] {
  const isYaml = (name: string) => /\.ya?ml$/.test(name)
  const list = (dir: string) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter(isYaml)
          .map((name) => `${dir}/${name}`)
      : []
  if (directory === '/')
    return [
      ...list('.github/workflows'),
      ...['action.yml', 'action.yaml'].filter((f) => existsSync(join(root, f))),
    ]
  return list(directory.replace(/^\//, ''))
}

describe('.github/dependabot.yml', () => {
  it('is version 2 with a weekly, grouped npm and github-actions update', () => {
    expect(config.version).toBe(2)
    for (const ecosystem of ['npm', 'github-actions']) {
      const u = entry(ecosystem)
      expect(u).toBeDefined()
      expect(u!.schedule?.interval).toBe('weekly')
      expect(Object.keys(u!.groups ?? {}).length).toBeGreaterThan(0)
    }
    expect(dirsOf(entry('npm')!)).toEqual(['/'])
    expect(existsSync(join(root, 'package-lock.json'))).toBe(true)
  })

  it('updates every file that holds a pinned action', () => {
    const read = new Set(dirsOf(entry('github-actions')!).flatMap(filesRead))
    const pinned = defaultFiles(root)
      .filter((f) => !f.endsWith('.md'))
      .filter((f) => usesLines(readFileSync(f, 'utf8')).some((u) => /@[0-9a-f]{40}$/.test(u.ref)))
      .map(rel)
    expect(pinned.length).toBeGreaterThan(3)
    expect(pinned.filter((f) => !read.has(f))).toEqual([])
  })

  it('lists only directories that hold workflow or action files', () => {
    for (const directory of dirsOf(entry('github-actions')!)) {
      const uses = filesRead(directory).flatMap((f) => usesLines(readFileSync(join(root, f), 'utf8')))
      expect({ directory, uses: uses.length > 0 }).toEqual({ directory, uses: true })
    }
  })

  it("ignores this action's placeholder name in the examples", () => {
    const placeholder = defaultFiles(root)
      .flatMap((f) => (f.endsWith('.md') ? [] : usesLines(readFileSync(f, 'utf8'))))
      .map((u) => u.ref.split('@')[0])
      .filter((name) => name.endsWith('/ram-identity-action'))
    const ignored = (entry('github-actions')!.ignore ?? []).map((i) => i['dependency-name'])
    expect(placeholder.length).toBeGreaterThan(0)
    for (const name of new Set(placeholder)) expect(ignored).toContain(name)
  })

  it('reads the directories as Dependabot does (only the YAML files directly inside)', () => {
    expect(filesRead('/examples/workflows').length).toBeGreaterThan(0)
    expect(filesRead('/examples')).toEqual([])
  })
})
