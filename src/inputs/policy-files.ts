/**
 * Policy documents from the workspace: a file that must lie inside it (symlinks resolved
 * before the check), be a small regular file, parse as strict JSON (positions for the
 * annotation) and follow RAM's grammar, all before any API call.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import type { InputProblem, PolicyDocument, PolicyFile } from '../model.js'
import { type PolicyKind, policyProblems } from '../policy/document.js'
import type { Fields } from './fields.js'
import { parseJson } from './json-source.js'
import type { InputName } from './read.js'

const MAX_FILE_BYTES = 64 * 1024

/**
 * Reads the policy file an input names, checked against `kind`'s grammar and RAM's length
 * limit; undefined when the input is empty or the file has problems (recorded in `fields`).
 */
export function readPolicyFile(
  fields: Fields,
  name: InputName,
  workspace: string,
  kind: PolicyKind,
  maxLength: number,
): PolicyFile | undefined {
  const raw = fields.raw(name)
  if (!raw) return undefined
  const result = readWorkspaceJson(workspace, raw)
  if ('problem' in result) {
    fields.problem(name, result.problem, result.at)
    return undefined
  }
  const issues = policyProblems(result.value, kind)
  for (const issue of issues) fields.problem(name, `${issue} (in ${result.path})`, { file: result.path })
  if (issues.length > 0) return undefined
  const text = JSON.stringify(result.value)
  if (text.length > maxLength) {
    fields.problem(name, `is ${text.length} characters as compact JSON; RAM accepts at most ${maxLength}`, {
      file: result.path,
    })
    return undefined
  }
  return { path: result.path, document: result.value as PolicyDocument, text, lines: result.lines }
}

type JsonFileResult =
  | { path: string; value: unknown; lines: Map<string, number> }
  | { problem: string; at?: Partial<InputProblem> }

/** Reads a JSON file that must lie inside the workspace (symlinks resolved before the check). */
function readWorkspaceJson(workspace: string, raw: string): JsonFileResult {
  let root: string
  try {
    root = realpathSync(workspace)
  } catch {
    return { problem: `the workspace ${workspace} does not exist` }
  }
  const full = resolve(root, raw)
  let real: string
  try {
    real = realpathSync(full)
  } catch {
    return { problem: `file "${raw}" does not exist in the workspace` }
  }
  const rel = relative(root, real)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    return { problem: `"${raw}" is outside the workspace; give a path inside ${root}` }
  }
  const stat = statSync(real)
  if (stat.isDirectory()) return { problem: `"${raw}" is a directory, not a JSON file` }
  // A FIFO or device would block or never end: only regular files are read.
  if (!stat.isFile()) return { problem: `"${raw}" is not a regular file` }
  let text: string
  try {
    text = readSmallFile(real)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'TOO_LARGE') return { problem: `"${raw}" is larger than ${MAX_FILE_BYTES} bytes` }
    return { problem: `"${raw}" cannot be read (${code ?? 'error'})` }
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ''))
  if (!parsed.ok) {
    const { line, column, message } = parsed.error
    return {
      problem: `${rel}:${line}:${column}: invalid JSON: ${message}`,
      at: { file: rel, line, column },
    }
  }
  return { path: rel, value: parsed.value, lines: parsed.lines }
}

function readSmallFile(path: string): string {
  const fd = openSync(path, 'r')
  try {
    if (fstatSync(fd).size > MAX_FILE_BYTES)
      throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' })
    const buf = Buffer.alloc(MAX_FILE_BYTES + 1)
    const n = readSync(fd, buf, 0, buf.length, 0)
    if (n > MAX_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' })
    return buf.subarray(0, n).toString('utf8')
  } finally {
    closeSync(fd)
  }
}
