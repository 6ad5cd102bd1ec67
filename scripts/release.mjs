#!/usr/bin/env node
// What the release workflow (.github/workflows/release.yml) asks before it publishes a tag.
//
//   node scripts/release.mjs notes v1.2.3
//     Checks that the tag is vX.Y.Z (or vX.Y.Z-pre), that package.json and package-lock.json have
//     that version, and that CHANGELOG.md has a dated, non-empty section for it; prints that
//     section (the release notes). Run it before you tag.
//   node scripts/release.mjs major-tag v1.2.3
//     Prints v1 when v1.2.3 is the newest stable release of major 1 among the repository's tags,
//     so the workflow moves v1 to it; prints nothing for a pre-release or an older patch release
//     (v1 must never move backwards).
//
// Exit code: 0 ok, 1 a check failed (the reason on stderr), 2 usage.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

/**
 * @param {string} tag
 * @returns {{ version: string, major: number, minor: number, patch: number, prerelease: string | undefined }}
 */
export function parseTag(tag) {
  const m = TAG.exec(tag)
  if (!m)
    throw new Error(`"${tag}" is not a release tag: use vMAJOR.MINOR.PATCH, e.g. v1.2.3 (or v1.2.3-rc.1)`)
  return {
    version: tag.slice(1),
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4],
  }
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The section of a Keep a Changelog file for one version: `## [1.2.3] - 2026-09-01` (brackets and
 * a leading v optional) up to the next `## ` heading, without the link definitions at the end.
 * @param {string} text
 * @param {string} version
 * @returns {{ date: string, body: string }}
 */
export function changelogSection(text, version) {
  const lines = text.split(/\r?\n/)
  const heading = new RegExp(`^## +\\[?v?${escapeRegExp(version)}\\]?(?: +- +(\\S+))? *$`)
  const starts = lines.flatMap((line, i) => (heading.test(line) ? [i] : []))
  if (starts.length === 0) {
    throw new Error(
      `CHANGELOG.md has no section for ${version}: rename "## [Unreleased]" to "## [${version}] - YYYY-MM-DD" and start a new empty "## [Unreleased]" above it`,
    )
  }
  if (starts.length > 1) throw new Error(`CHANGELOG.md has ${starts.length} sections for ${version}`)
  const start = starts[0]
  const date = heading.exec(lines[start])[1]
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new Error(
      `CHANGELOG.md: "${lines[start]}" needs the release date, as "## [${version}] - YYYY-MM-DD"`,
    )
  }
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line))
  if (end === -1) end = lines.length
  const body = lines.slice(start + 1, end)
  // Link reference definitions ([1.2.3]: https://…) close the file; they are not release notes.
  while (body.length > 0 && (body.at(-1).trim() === '' || /^\[[^\]]+\]:\s*\S/.test(body.at(-1)))) body.pop()
  while (body.length > 0 && body[0].trim() === '') body.shift()
  if (body.length === 0) throw new Error(`CHANGELOG.md: the section for ${version} is empty`)
  return { date, body: `${body.join('\n')}\n` }
}

/**
 * The release notes of `tag`, after checking that the tag, the package files and the changelog agree.
 * @param {{ tag: string, changelog: string, packageJson: string, packageLock?: string }} files
 * @returns {string}
 */
export function releaseNotes({ tag, changelog, packageJson, packageLock }) {
  const { version } = parseTag(tag)
  const pkg = JSON.parse(packageJson).version
  if (pkg !== version) {
    throw new Error(
      `package.json has version ${pkg}, the tag ${tag} says ${version}: run "npm version ${version} --no-git-tag-version" and commit before tagging`,
    )
  }
  if (packageLock !== undefined) {
    const lock = JSON.parse(packageLock)
    const locked = lock.packages?.['']?.version ?? lock.version
    if (locked !== version)
      throw new Error(`package-lock.json has version ${locked}, the tag ${tag} says ${version}`)
  }
  return changelogSection(changelog, version).body
}

/**
 * The major tag (v1) to move to `tag`, or null: for a pre-release, or when a newer stable release
 * of the same major exists among `tags`.
 * @param {string} tag
 * @param {string[]} tags
 * @returns {string | null}
 */
export function majorTagFor(tag, tags) {
  const release = parseTag(tag)
  if (release.prerelease !== undefined) return null
  const key = (r) => [r.major, r.minor, r.patch]
  const newer = (a, b) => {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i]
    return false
  }
  for (const other of tags) {
    let r
    try {
      r = parseTag(other)
    } catch {
      continue // v1, other tags
    }
    if (r.prerelease === undefined && r.major === release.major && newer(key(r), key(release))) return null
  }
  return `v${release.major}`
}

function main(argv) {
  const [command, tag] = argv
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
  const read = (name) => readFileSync(resolve(root, name), 'utf8')
  if (command === 'notes' && tag) {
    process.stdout.write(
      releaseNotes({
        tag,
        changelog: read('CHANGELOG.md'),
        packageJson: read('package.json'),
        packageLock: read('package-lock.json'),
      }),
    )
    return 0
  }
  if (command === 'major-tag' && tag) {
    const tags = execFileSync('git', ['tag', '--list', 'v*'], { cwd: root, encoding: 'utf8' }).split('\n')
    if (!tags.includes(tag)) throw new Error(`git has no tag ${tag} here (fetch the tags first)`)
    const major = majorTagFor(tag, tags)
    if (major) process.stdout.write(`${major}\n`)
    else
      process.stderr.write(`${tag} is a pre-release or not the newest release of its major: no tag moves\n`)
    return 0
  }
  process.stderr.write('usage: node scripts/release.mjs notes|major-tag vX.Y.Z\n')
  return 2
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`release: ${error.message}\n`)
    process.exitCode = 1
  }
}
