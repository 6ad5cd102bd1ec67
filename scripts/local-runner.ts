// Runs the committed bundle exactly as the GitHub runner does: `node <runs.main>` with every
// input as INPUT_<NAME> (dashes kept, action.yml defaults applied), cwd = GITHUB_WORKSPACE, and
// the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY command files.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'

/** The checkout: the nearest folder above this file that holds action.yml (also from lib/scripts). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
export const NODE24 = join(ROOT, '.cache', 'node24', 'package', 'bin', 'node')

/** What one run left behind: exit code, logs, and the parsed command files. */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  env: Record<string, string>
  summary: string
  /** Every file the run could have written into, with its contents, for secret scans. */
  files: Record<string, string>
  /** The contents of the files that are not GitHub command files (workspace, temp). */
  otherFiles: Record<string, string>
}

function findRoot(dir: string): string {
  while (!existsSync(join(dir, 'action.yml'))) {
    if (dirname(dir) === dir) throw new Error('action.yml not found above the runner script')
    dir = dirname(dir)
  }
  return dir
}

/** action.yml, parsed. */
export function actionDefinition(): {
  inputs: Record<string, { default?: string | number | boolean }>
  outputs: Record<string, unknown>
  runs: { using: string; main: string }
} {
  return YAML.parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
}

/** The file the runner starts: action.yml's `runs.main`, so the two cannot disagree. */
export const BUNDLE = join(ROOT, actionDefinition().runs.main)

/** The defaults the runner fills in from action.yml for inputs a workflow leaves out. */
export function actionDefaults(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(actionDefinition().inputs)
      .filter(([, input]) => input.default !== undefined)
      .map(([name, input]) => [name, String(input.default)]),
  )
}

/** A fresh workspace directory holding the given files. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

export interface RunOptions {
  /** Workspace directory (policy files live here). */
  cwd?: string
  env?: Record<string, string>
  node?: string
  /** The bundle to run instead of action.yml's `runs.main` (e.g. a previous build, to compare). */
  bundle?: string
  debug?: boolean
  /** Called with the child's pid right after it starts (e.g. to watch its memory). */
  onSpawn?: (pid: number) => void
}

/** Spawns the bundle (asynchronously, so an in-process emulator keeps serving). */
export function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  const cwd = options.cwd ?? workspace()
  const state = mkdtempSync(join(tmpdir(), 'runner-'))
  const runnerTemp = join(state, 'temp')
  mkdirSync(runnerTemp)
  const commandFiles = {
    GITHUB_OUTPUT: 'output.txt',
    GITHUB_ENV: 'env.txt',
    GITHUB_STEP_SUMMARY: 'summary.md',
  }
  const paths = Object.fromEntries(Object.entries(commandFiles).map(([k, f]) => [k, join(state, f)]))
  for (const p of Object.values(paths)) writeFileSync(p, '')
  const merged = { ...actionDefaults(), ...inputs }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    GITHUB_WORKSPACE: cwd,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerTemp,
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
    ...paths,
    ...Object.fromEntries(Object.entries(merged).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...options.env,
  }
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [options.bundle ?? BUNDLE], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    if (child.pid !== undefined) options.onSpawn?.(child.pid)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const files: Record<string, string> = {}
      const otherFiles: Record<string, string> = {}
      for (const dir of [state, runnerTemp, cwd]) collect(dir, files)
      for (const [p, text] of Object.entries(files))
        if (!Object.values(paths).includes(p)) otherFiles[p] = text
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        outputs: parseCommandFile(readFileSync(paths.GITHUB_OUTPUT!, 'utf8')),
        env: parseCommandFile(readFileSync(paths.GITHUB_ENV!, 'utf8')),
        summary: readFileSync(paths.GITHUB_STEP_SUMMARY!, 'utf8'),
        files,
        otherFiles,
      })
    })
  })
}

function collect(dir: string, into: Record<string, string>): void {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) collect(p, into)
    else if (entry.isFile()) into[p] = readFileSync(p, 'utf8')
  }
}

/** Parses `name<<delimiter` / value / `delimiter` records (and plain `name=value` lines). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const value: string[] = []
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]!)
      out[heredoc[1]!] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

/** Every form of a secret that could show up in a log: raw, percent-encoded, base64. */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])]
}
