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
  /** What the step saved for its post step (GITHUB_STATE). */
  state: Record<string, string>
  summary: string
  /** Every file the run could have written into, with its contents, for secret scans. */
  files: Record<string, string>
  /** The contents of the files that are not GitHub command files (workspace, temp). */
  otherFiles: Record<string, string>
  /** The job this step ran in: its post step runs there too. */
  job: Job
}

/** One job's places: the workspace, the runner's temp, and a home of its own (profiles land there). */
export interface Job {
  cwd: string
  home: string
  runnerTemp: string
  /** The environment every step of the job starts from, before what earlier steps exported. */
  env: Record<string, string>
  node: string
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
  runs: { using: string; main: string; post?: string; 'post-if'?: string }
} {
  return YAML.parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'))
}

/** The file the runner starts: action.yml's `runs.main`, so the two cannot disagree. */
export const BUNDLE = join(ROOT, actionDefinition().runs.main)

/**
 * The defaults the runner fills in from action.yml for inputs a workflow leaves out, with the
 * expressions among them (`${{ github.token }}`) evaluated from `context`; any other expression
 * is an error, so a new one cannot reach the action as literal text.
 */
export function actionDefaults(context: Record<string, string> = {}): Record<string, string> {
  const evaluate = (name: string, value: string) =>
    value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
      const known = context[expression]
      if (known === undefined) throw new Error(`input ${name}: no value for \${{ ${expression} }}`)
      return known
    })
  return Object.fromEntries(
    Object.entries(actionDefinition().inputs)
      .filter(([, input]) => input.default !== undefined)
      .map(([name, input]) => [name, evaluate(name, String(input.default))]),
  )
}

/** The job token the local runner hands out as `github.token` unless a run names its own. */
export const LOCAL_GITHUB_TOKEN = 'ghs_local-runner-job-token'

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
  /** The job's token, `${{ github.token }}` in action.yml's defaults (LOCAL_GITHUB_TOKEN if not given). */
  githubToken?: string
}

/** Spawns the bundle (asynchronously, so an in-process emulator keeps serving). */
export function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  const cwd = options.cwd ?? workspace()
  const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
  // A home of the job's own: a profile the action writes must not land in the real one.
  const home = mkdtempSync(join(tmpdir(), 'runner-home-'))
  const merged = {
    ...actionDefaults({ 'github.token': options.githubToken ?? LOCAL_GITHUB_TOKEN }),
    ...inputs,
  }
  const job: Job = {
    cwd,
    home,
    runnerTemp,
    node: options.node ?? process.execPath,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      GITHUB_WORKSPACE: cwd,
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: runnerTemp,
      ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
      ...Object.fromEntries(Object.entries(merged).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...options.env,
    },
  }
  return runStep(job, options.bundle ?? BUNDLE, {}, options.onSpawn)
}

/**
 * Runs the action's post step the way the runner does at the end of the job: only when
 * action.yml's `post-if` holds, with what earlier steps exported (GITHUB_ENV) in its
 * environment and the main step's saved state as STATE_<name>. Undefined when `post-if` skips it.
 */
export function runPost(main: RunResult, env: Record<string, string> = {}): Promise<RunResult | undefined> {
  const { runs } = actionDefinition()
  if (!runs.post) throw new Error('action.yml has no runs.post')
  const stepEnv = { ...main.job.env, ...main.env, ...env }
  if (!postIf(runs['post-if'] ?? 'always()', stepEnv)) return Promise.resolve(undefined)
  const state = Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]))
  return runStep({ ...main.job, env: stepEnv }, join(ROOT, runs.post), state)
}

/**
 * Evaluates the `post-if` forms this action uses: `always()`, `success()`, `env.NAME != 'value'`
 * and `env.NAME == 'value'`, joined by `&&`. Anything else is an error, not a guess.
 */
function postIf(expression: string, env: Record<string, string>): boolean {
  return expression.split('&&').every((raw) => {
    const term = raw.trim()
    if (term === 'always()' || term === 'success()') return true
    const m = /^env\.([A-Za-z_][A-Za-z0-9_]*)\s*(!=|==)\s*'([^']*)'$/.exec(term)
    if (!m) throw new Error(`local runner: cannot evaluate post-if term "${term}"`)
    const equal = (env[m[1]!] ?? '') === m[3]
    return m[2] === '==' ? equal : !equal
  })
}

function runStep(
  job: Job,
  file: string,
  extraEnv: Record<string, string>,
  onSpawn?: (pid: number) => void,
): Promise<RunResult> {
  const state = mkdtempSync(join(tmpdir(), 'runner-'))
  const commandFiles = {
    GITHUB_OUTPUT: 'output.txt',
    GITHUB_ENV: 'env.txt',
    GITHUB_STATE: 'state.txt',
    GITHUB_STEP_SUMMARY: 'summary.md',
  }
  const paths = Object.fromEntries(Object.entries(commandFiles).map(([k, f]) => [k, join(state, f)]))
  for (const p of Object.values(paths)) writeFileSync(p, '')
  return new Promise((resolve, reject) => {
    const child = spawn(job.node, [file], {
      cwd: job.cwd,
      env: { ...job.env, ...extraEnv, ...paths },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    if (child.pid !== undefined) onSpawn?.(child.pid)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const files: Record<string, string> = {}
      const otherFiles: Record<string, string> = {}
      for (const dir of [state, job.runnerTemp, job.cwd]) collect(dir, files)
      for (const [p, text] of Object.entries(files))
        if (!Object.values(paths).includes(p)) otherFiles[p] = text
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        outputs: parseCommandFile(readFileSync(paths.GITHUB_OUTPUT!, 'utf8')),
        env: parseCommandFile(readFileSync(paths.GITHUB_ENV!, 'utf8')),
        state: parseCommandFile(readFileSync(paths.GITHUB_STATE!, 'utf8')),
        summary: readFileSync(paths.GITHUB_STEP_SUMMARY!, 'utf8'),
        files,
        otherFiles,
        job,
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
