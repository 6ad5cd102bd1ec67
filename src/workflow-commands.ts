/**
 * The GitHub Actions runner protocol this action speaks: INPUT_* variables, the GITHUB_OUTPUT /
 * GITHUB_ENV / GITHUB_STEP_SUMMARY files, and `::command::` lines on stdout.
 *
 * This is the same protocol @actions/core implements, written out because importing
 * @actions/core costs 52 ms of a 77 ms start on Node 24 (it loads @actions/http-client and undici
 * for getIDToken at import time), twice the whole start-up budget of this action. The output is
 * byte-compatible with @actions/core's (a test compares them); @actions/core is still the one
 * used where its weight buys something.
 */
import { appendFileSync, existsSync, writeSync } from 'node:fs'
import { EOL } from 'node:os'

/**
 * Everything the action says to its surroundings. The GitHub runner protocol below is one
 * implementation; the CLI (cli.ts) is another, so both share every other module.
 */
export interface ActionIo {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  setSecret(value: string): void
  info(message: string): void
  debug(message: string): void
  notice(message: string, properties?: AnnotationProperties): void
  error(message: string, properties?: AnnotationProperties): void
  setFailed(message: string): void
  appendSummary(markdown: string): void
  /** The job's OIDC ID token for `audience` (GitHub's token endpoint, or a CLI's own source). */
  getIDToken(audience: string): Promise<string>
}

/** Where an annotation points. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  startColumn?: number
}

/** The input as @actions/core's getInput returns it: trimmed, '' when not set. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

/** Sets a step output (GITHUB_OUTPUT, multiline-safe). */
export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) {
    fileCommand('GITHUB_OUTPUT', keyValue(name, value))
    return
  }
  writeStdout(EOL)
  command('set-output', { name }, value)
}

/** Exports a variable to later steps (GITHUB_ENV) and to this process. */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  if (process.env.GITHUB_ENV) fileCommand('GITHUB_ENV', keyValue(name, value))
  else command('set-env', { name }, value)
}

/** Registers a value the runner must mask in every log line from now on. */
export function setSecret(value: string): void {
  command('add-mask', {}, value)
}

export function info(message: string): void {
  writeStdout(message + EOL)
}

export function debug(message: string): void {
  command('debug', {}, message)
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  command('notice', annotation(properties), message)
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  command('error', annotation(properties), message)
}

/** Marks the step failed (exit code 1) with an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Appends Markdown to the job summary, when the runner provides one. */
export function appendSummary(markdown: string): void {
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown, 'utf8')
}

function fileCommand(variable: 'GITHUB_OUTPUT' | 'GITHUB_ENV', message: string): void {
  const path = process.env[variable]!
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  appendFileSync(path, message + EOL, 'utf8')
}

function keyValue(name: string, value: string): string {
  // node:crypto only now: a run that fails on its inputs sets no output and never loads it.
  const delimiter = `ghadelimiter_${process.getBuiltinModule('node:crypto').randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error('value contains the delimiter')
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}`
}

function annotation(p: AnnotationProperties): Record<string, string | number | undefined> {
  return { title: p.title, file: p.file, line: p.startLine, col: p.startColumn }
}

function command(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
    .map(([k, v]) => `${k}=${escapeData(String(v)).replace(/:/g, '%3A').replace(/,/g, '%2C')}`)
  writeStdout(`::${name}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}${EOL}`)
}

/** Once set, every line goes through this stream (see writeStdout). */
let stdoutStream: NodeJS.WritableStream | undefined

/**
 * Writes to file descriptor 1 directly. Building process.stdout for the runner's pipe costs 3 to
 * 4 ms (it loads net and makes a socket), a tenth of this action's run, to write a few lines.
 * Building it also makes the pipe non-blocking: if anything has, and the pipe is full, the rest
 * goes through process.stdout, which queues it, and every later line follows, so none overtakes.
 */
function writeStdout(text: string): void {
  if (stdoutStream) {
    stdoutStream.write(text)
    return
  }
  const bytes = Buffer.from(text, 'utf8')
  let written = 0
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err
    stdoutStream = process.stdout
    stdoutStream.write(bytes.subarray(written))
  }
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** The job's ID token from the runner's token endpoint; @actions/core is loaded only here. */
export async function getIDToken(audience: string): Promise<string> {
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new OidcUnavailableError(
      'no GitHub ID token is available: give the job `permissions: id-token: write` (fork pull requests never get one)',
    )
  }
  const core = await import('@actions/core')
  // @actions/core writes its debug lines through process.stdout: from here on, so does this module,
  // so that no line overtakes another.
  stdoutStream = process.stdout
  return core.getIDToken(audience)
}

/** The runner gave this job no ID token: retrying cannot help. */
export class OidcUnavailableError extends Error {}

/** The runner protocol as an ActionIo. */
export const githubIo: ActionIo = {
  getInput,
  setOutput,
  exportVariable,
  setSecret,
  info,
  debug,
  notice,
  error,
  setFailed,
  appendSummary,
  getIDToken,
}
