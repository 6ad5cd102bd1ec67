#!/usr/bin/env node
// Fails on any `uses:` of a third-party action or reusable workflow that is not pinned to a full
// commit SHA with its release in a comment:
//
//   uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
//
// A tag or branch can be moved to other code after review; a commit cannot. The comment says which
// release the SHA is, and Dependabot rewrites SHA and comment together.
//
// Not checked: local actions and workflows (`./…`), `docker://` images, and this action as the
// examples show it to users (`<owner>/ram-identity-action@v<major>`: README "Versioning" tells users
// to pin it by major tag, or by SHA as above).
// Also checked: one action has one SHA and one release comment everywhere, so a partial bump
// stands out.
//
// Files: .github/**/*.y(a)ml, examples/**/*.y(a)ml, action.yml, and the fenced code blocks of
// examples/**/*.md. Other files can be given as arguments.
// Usage: node scripts/check-pins.mjs [file ...]    Exit code: 0 clean, 1 findings.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SELF = 'ram-identity-action'

const SHA = /^[0-9a-f]{40}$/
const VERSION = /^v\d+\.\d+\.\d+$/
// `uses: ref`, `- uses: ref`, quoted or not, with an optional trailing comment. As in YAML, a `#`
// starts a comment only after whitespace.
const USES_LINE = /^\s*(?:-\s+)?uses\s*:\s+(?:"([^"]*)"|'([^']*)'|([^\s"'#]\S*))(?:\s+#\s*(.*?))?\s*$/

/**
 * The `uses:` lines of a YAML text (comment lines are skipped).
 * @param {string} text
 * @returns {{ line: number, ref: string, comment: string | undefined }[]}
 */
export function usesLines(text) {
  const found = []
  text.split(/\r?\n/).forEach((content, i) => {
    if (/^\s*#/.test(content)) return
    const m = USES_LINE.exec(content)
    if (m) found.push({ line: i + 1, ref: m[1] ?? m[2] ?? m[3], comment: m[4] || undefined })
  })
  return found
}

/**
 * Why `ref` with this trailing comment is not acceptable, or null when it is.
 * @param {string} ref
 * @param {string | undefined} comment
 * @returns {string | null}
 */
export function pinProblem(ref, comment) {
  if (ref.startsWith('./') || ref.startsWith('docker://')) return null
  const at = ref.lastIndexOf('@')
  if (at <= 0) return `"${ref}" names no version; pin it to a commit SHA with "# vX.Y.Z"`
  const name = ref.slice(0, at)
  const version = ref.slice(at + 1)
  const parts = name.split('/')
  if (parts.length < 2 || parts.some((p) => p === '')) return `"${ref}" is not owner/repo[/path]@ref`
  if (parts.length === 2 && parts[1] === SELF && /^v\d+$/.test(version)) return null
  if (!SHA.test(version)) {
    return `"${ref}" is pinned to "${version}", which can move; pin it to the full 40-character commit SHA of a release, with "# vX.Y.Z"`
  }
  if (comment === undefined) return `"${ref}" has no "# vX.Y.Z" comment saying which release the SHA is`
  if (!VERSION.test(comment))
    return `"${ref}" has the comment "# ${comment}"; write the release as "# vX.Y.Z"`
  return null
}

/**
 * The fenced code blocks of a Markdown text, as YAML-like text with the original line numbers.
 * @param {string} text
 * @returns {string}
 */
export function markdownCode(text) {
  let fence = null
  return text
    .split(/\r?\n/)
    .map((line) => {
      const m = /^\s*(`{3,}|~{3,})/.exec(line)
      if (fence === null) {
        if (m) fence = m[1]
        return ''
      }
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) {
        fence = null
        return ''
      }
      return line
    })
    .join('\n')
}

/**
 * Every `uses` value of a workflow or action document, parsed as YAML.
 * @param {unknown} doc
 * @returns {string[]}
 */
export function parsedUses(doc) {
  const refs = []
  const steps = (list) => {
    for (const step of Array.isArray(list) ? list : [])
      if (typeof step?.uses === 'string') refs.push(step.uses)
  }
  if (doc && typeof doc === 'object') {
    for (const job of Object.values(doc.jobs ?? {})) {
      if (typeof job?.uses === 'string') refs.push(job.uses)
      steps(job?.steps)
    }
    steps(doc.runs?.steps)
  }
  return refs
}

/**
 * @typedef {{ file: string, line: number, ref: string, comment?: string }} Use
 * @typedef {{ file: string, line: number, message: string }} Finding
 */

/**
 * Check one file's text. `parse` (a YAML parser) cross-checks that every `uses` the YAML holds was
 * seen on a line of its own, so no spelling of `uses` slips past the line scan.
 * @param {string} file
 * @param {string} text
 * @param {{ markdown?: boolean, parse?: (text: string) => unknown }} [options]
 * @returns {{ uses: Use[], findings: Finding[] }}
 */
export function checkText(file, text, options = {}) {
  const source = options.markdown ? markdownCode(text) : text
  const uses = usesLines(source).map((u) => ({ file, ...u }))
  const findings = []
  for (const u of uses) {
    const message = pinProblem(u.ref, u.comment)
    if (message) findings.push({ file, line: u.line, message })
  }
  if (!options.markdown && options.parse) {
    let doc
    try {
      doc = options.parse(text)
    } catch (error) {
      findings.push({ file, line: 0, message: `is not valid YAML: ${error.message}` })
    }
    const seen = uses.map((u) => u.ref)
    for (const ref of parsedUses(doc)) {
      const i = seen.indexOf(ref)
      if (i >= 0) seen.splice(i, 1)
      else
        findings.push({
          file,
          line: 0,
          message: `"${ref}" is not written as "uses: <ref>" on a line of its own, so its pin cannot be checked`,
        })
    }
  }
  return { uses, findings }
}

/**
 * One action (or reusable workflow), one SHA and one release comment across all files.
 * @param {Use[]} uses
 * @returns {Finding[]}
 */
export function checkConsistency(uses) {
  const findings = []
  const first = new Map()
  for (const u of uses) {
    const at = u.ref.lastIndexOf('@')
    if (!SHA.test(u.ref.slice(at + 1)) || u.comment === undefined) continue
    const name = u.ref.slice(0, at).toLowerCase()
    const seen = first.get(name)
    if (!seen) first.set(name, u)
    else if (seen.ref !== u.ref || seen.comment !== u.comment)
      findings.push({
        file: u.file,
        line: u.line,
        message: `"${u.ref} # ${u.comment}" differs from "${seen.ref} # ${seen.comment}" at ${seen.file}:${seen.line}; pin every use of an action to the same release`,
      })
  }
  return findings
}

const isYaml = (name) => /\.ya?ml$/.test(name)

/** The files checked when none are given. */
export function defaultFiles(root) {
  const files = []
  const walk = (dir, keep) => {
    const abs = join(root, dir)
    if (!existsSync(abs)) return
    for (const name of readdirSync(abs, { recursive: true }).map(String).sort()) {
      if (keep(name)) files.push(join(abs, name))
    }
  }
  walk('.github', isYaml)
  walk('examples', (name) => isYaml(name) || name.endsWith('.md'))
  if (existsSync(join(root, 'action.yml'))) files.push(join(root, 'action.yml'))
  return files
}

async function main() {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
  const { parse } = await import('yaml')
  const args = process.argv.slice(2)
  const files = args.length > 0 ? args.map((f) => resolve(f)) : defaultFiles(root)
  const uses = []
  const findings = []
  for (const path of files) {
    const file = relative(process.cwd(), path) || path
    const result = checkText(file, readFileSync(path, 'utf8'), { markdown: path.endsWith('.md'), parse })
    uses.push(...result.uses)
    findings.push(...result.findings)
  }
  findings.push(...checkConsistency(uses))
  for (const f of findings) console.log(`${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`)
  // A run that saw no `uses:` at all checked nothing: say so rather than pass.
  if (uses.length === 0) findings.push({ file: '', line: 0, message: 'no uses: found' })
  console.log(
    findings.length === 0
      ? `check-pins: ${uses.length} uses: in ${files.length} file(s), all pinned`
      : `check-pins: ${findings.length} finding(s) in ${files.length} file(s)${uses.length === 0 ? ' (no uses: found at all)' : ''}`,
  )
  process.exit(findings.length === 0 ? 0 : 1)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
