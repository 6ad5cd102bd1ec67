// scripts/release.mjs: what the release workflow checks before it publishes a tag, and which major
// tag it moves.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { changelogSection, majorTagFor, parseTag, releaseNotes } from '../scripts/release.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8')

const CHANGELOG = `# Changelog

Intro.

## [Unreleased]

### Added

- Something new.

## [1.2.0] - 2026-10-01

### Added

- Input \`foo\`.

### Fixed

- A crash on Windows paths.

## v1.1.1 - 2026-09-20

- One line.

## [1.1.0]

- Not dated.

## [1.0.0] - 2026-09-01

## [0.9.0] - 2026-08-01

- The first.

[Unreleased]: https://example.com/compare/v1.2.0...HEAD
[1.2.0]: https://example.com/compare/v1.1.1...v1.2.0
`

describe('parseTag', () => {
  it.each([
    ['v1.2.3', { version: '1.2.3', major: 1, minor: 2, patch: 3, prerelease: undefined }],
    ['v0.1.0', { version: '0.1.0', major: 0, minor: 1, patch: 0, prerelease: undefined }],
    ['v10.20.30', { version: '10.20.30', major: 10, minor: 20, patch: 30, prerelease: undefined }],
    ['v2.0.0-rc.1', { version: '2.0.0-rc.1', major: 2, minor: 0, patch: 0, prerelease: 'rc.1' }],
  ])('reads %s', (tag, expected) => {
    expect(parseTag(tag)).toEqual(expected)
  })

  it.each([
    '1.2.3',
    'v1',
    'v1.2',
    'v1.2.3.4',
    'v01.2.3',
    'v1.2.3-',
    'v1.2.3+build',
    'release-1.2.3',
    'v1.2.3 ',
  ])('rejects %j', (tag) => {
    expect(() => parseTag(tag)).toThrow(/is not a release tag/)
  })
})

describe('changelogSection', () => {
  it.each([
    ['1.2.0', '2026-10-01', '### Added\n\n- Input `foo`.\n\n### Fixed\n\n- A crash on Windows paths.\n'],
    ['1.1.1', '2026-09-20', '- One line.\n'],
    ['0.9.0', '2026-08-01', '- The first.\n'],
  ])('returns the section of %s, without the link definitions', (version, date, body) => {
    expect(changelogSection(CHANGELOG, version)).toEqual({ date, body })
  })

  it.each([
    ['1.3.0', /no section for 1\.3\.0: rename "## \[Unreleased\]"/],
    ['1.2', /no section for 1\.2/],
    ['1.1.0', /needs the release date/],
    ['1.0.0', /section for 1\.0\.0 is empty/],
    ['Unreleased', /needs the release date/],
  ])('refuses %s', (version, message) => {
    expect(() => changelogSection(CHANGELOG, version)).toThrow(message)
  })

  it.each([
    [
      'two sections for one version',
      `${CHANGELOG}\n## [1.2.0] - 2026-10-02\n\n- Again.\n`,
      /2 sections for 1\.2\.0/,
    ],
    ['a date that is not one', CHANGELOG.replace('2026-10-01', '2026-13-45'), /needs the release date/],
    ['a date in another format', CHANGELOG.replace('2026-10-01', '01.10.2026'), /needs the release date/],
  ])('refuses %s', (_, text, message) => {
    expect(() => changelogSection(text, '1.2.0')).toThrow(message)
  })

  it('reads CRLF files', () => {
    expect(changelogSection(CHANGELOG.replaceAll('\n', '\r\n'), '1.1.1').body).toBe('- One line.\n')
  })
})

describe('releaseNotes', () => {
  const pkg = (version: string) => JSON.stringify({ name: 'x', version })
  const lock = (version: string) => JSON.stringify({ version, packages: { '': { version } } })

  it('returns the notes when the tag, package.json, package-lock.json and CHANGELOG.md agree', () => {
    expect(
      releaseNotes({
        tag: 'v1.1.1',
        changelog: CHANGELOG,
        packageJson: pkg('1.1.1'),
        packageLock: lock('1.1.1'),
      }),
    ).toBe('- One line.\n')
  })

  it.each([
    [
      'package.json behind the tag',
      pkg('1.1.0'),
      lock('1.1.1'),
      /package\.json has version 1\.1\.0.*npm version 1\.1\.1/,
    ],
    [
      'package-lock.json behind the tag',
      pkg('1.1.1'),
      lock('1.1.0'),
      /package-lock\.json has version 1\.1\.0/,
    ],
  ])('refuses %s', (_, packageJson, packageLock, message) => {
    expect(() => releaseNotes({ tag: 'v1.1.1', changelog: CHANGELOG, packageJson, packageLock })).toThrow(
      message,
    )
  })
})

describe('majorTagFor', () => {
  const tags = ['v1', 'v1.0.0', 'v1.1.0', 'v1.2.0-rc.1', 'v2.0.0', 'v0.9.0', 'other']

  it.each([
    ['the newest release of v1', 'v1.1.0', [...tags], 'v1'],
    ['a first release', 'v1.0.0', ['v1.0.0'], 'v1'],
    ['a newer release than any tag', 'v1.3.0', [...tags, 'v1.3.0'], 'v1'],
    ['a 0.x release', 'v0.9.0', tags, 'v0'],
    ['the newest of v2, with v1 releases around', 'v2.0.0', tags, 'v2'],
    ['a release newer than a pre-release of the next minor', 'v1.1.1', [...tags, 'v1.1.1'], 'v1'],
  ])('moves the major tag for %s', (_, tag, list, major) => {
    expect(majorTagFor(tag, list)).toBe(major)
  })

  it.each([
    ['an older patch release', 'v1.0.1', [...tags, 'v1.0.1']],
    ['a pre-release', 'v1.2.0-rc.1', tags],
    ['a release older than a two-digit minor', 'v1.9.0', ['v1.9.0', 'v1.10.0']],
  ])('leaves the major tag alone for %s', (_, tag, list) => {
    expect(majorTagFor(tag, list)).toBeNull()
  })
})

describe("this repository's CHANGELOG.md", () => {
  const changelog = read('CHANGELOG.md')

  it('has an Unreleased section with entries', () => {
    const unreleased = /^## \[Unreleased\]\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog)
    expect(unreleased).not.toBeNull()
    expect(unreleased![1]).toMatch(/^- \S/m)
  })

  it('gives the release notes once Unreleased is renamed to a version, as a release does', () => {
    const released = changelog.replace('## [Unreleased]', '## [Unreleased]\n\n## [1.0.0] - 2026-10-01')
    const notes = releaseNotes({
      tag: 'v1.0.0',
      changelog: released,
      packageJson: JSON.stringify({ version: '1.0.0' }),
    })
    expect(notes).toMatch(/^### Added\n\n- /)
    expect(notes).not.toMatch(/^## /m)
  })
})

describe('the command', () => {
  const run = promisify(execFile)
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['scripts/release.mjs', ...args], { cwd: root })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string }
      return { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  }

  it('prints the notes of the package.json version, or says which section is missing', async () => {
    const { version } = JSON.parse(read('package.json')) as { version: string }
    const result = await cli('notes', `v${version}`)
    if (new RegExp(`^## \\[?${version.replaceAll('.', '\\.')}\\]? - `, 'm').test(read('CHANGELOG.md'))) {
      expect(result).toMatchObject({ code: 0, stderr: '' })
      expect(result.stdout).toMatch(/^- |^### /m)
    } else {
      expect(result).toMatchObject({ code: 1, stdout: '' })
      expect(result.stderr).toContain(`no section for ${version}`)
    }
  })

  it('refuses a tag that does not match package.json', async () => {
    const result = await cli('notes', 'v99.0.0')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/package\.json has version .*, the tag v99\.0\.0 says 99\.0\.0/)
  })

  it.each([[[]], [['notes']], [['publish', 'v1.0.0']]])('prints its usage for %j', async (args) => {
    const result = await cli(...args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^usage: /)
  })
})
