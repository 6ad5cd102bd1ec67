/**
 * The CLI's command line: a command and flags that mirror the action's inputs. Anything it
 * does not know is an error, so a typo fails before any call instead of being ignored.
 */
import { INPUT_NAMES, type InputName } from '../inputs/read.js'
import type { Mode } from '../model.js'

/** Each command and the mode it runs. */
export const COMMANDS = {
  plan: 'check',
  check: 'check',
  apply: 'apply',
  assume: 'assume',
} as const satisfies Record<string, Mode>

/** A CLI command. */
export type Command = keyof typeof COMMANDS

/** Flags that are switches: given alone they mean true (`--flag=false` also works). */
const SWITCHES = new Set([
  'exclusive',
  'adopt',
  'role-chaining',
  'fail-on-drift',
  'export-env',
  'json',
  'env',
  'verbose',
  'help',
])
/** Flags of the CLI itself, beside the action's inputs. */
const CLI_FLAGS = new Set(['json', 'env', 'verbose', 'help', 'workspace', 'oidc-token-file'])
/**
 * Inputs that make no sense as flags: the command is the mode, and the CLI posts nothing to
 * GitHub, so the comment and issue inputs belong to the GitHub step alone.
 */
const NOT_FLAGS = new Set<string>(['mode'])
const ACTION_ONLY = new Set<string>(['github-token', 'pr-comment', 'drift-issue', 'drift-issue-label'])

/** What the command line asked for. */
export interface Parsed {
  command: Command
  inputs: Map<InputName, string>
  json: boolean
  env: boolean
  verbose: boolean
  help: boolean
  workspace?: string
  oidcTokenFile?: string
}

/** Parses argv (without node and the script); `error` says what is wrong, `help` asks for usage. */
export function parseArgs(argv: string[]): Parsed | { error: string } | { usage: true } {
  const [command, ...rest] = argv
  if (command === '--help' || command === '-h' || command === 'help') return { usage: true }
  if (!command) return { error: 'a command is required' }
  if (!Object.hasOwn(COMMANDS, command)) return { error: `unknown command "${command}"` }
  const flags = new Map<string, string>()
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '-h') {
      flags.set('help', 'true')
      continue
    }
    if (!arg.startsWith('--') || arg === '--') return { error: `unexpected argument "${arg}"` }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq > 0 ? eq : undefined)
    if (ACTION_ONLY.has(name))
      return { error: `--${name} is an input of the GitHub step only: the CLI posts nothing to GitHub` }
    const known =
      CLI_FLAGS.has(name) || ((INPUT_NAMES as readonly string[]).includes(name) && !NOT_FLAGS.has(name))
    if (!known) return { error: `unknown flag --${name}` }
    if (flags.has(name)) return { error: `--${name} is given twice` }
    let value: string
    if (eq > 0) value = arg.slice(eq + 1)
    else if (SWITCHES.has(name)) value = 'true'
    else {
      const next = rest[i + 1]
      if (next === undefined || next.startsWith('--')) return { error: `--${name} needs a value` }
      value = next
      i++
    }
    if (SWITCHES.has(name) && !/^(true|false)$/i.test(value))
      return { error: `--${name} is true or false, not "${value}"` }
    flags.set(name, value)
  }
  const on = (name: string) => flags.get(name)?.toLowerCase() === 'true'
  const inputs = new Map<InputName, string>()
  for (const [name, value] of flags) if (!CLI_FLAGS.has(name)) inputs.set(name as InputName, value)
  inputs.set('mode', COMMANDS[command as Command])
  if (on('env') && on('json')) return { error: '--env and --json each own stdout: give one of them' }
  return {
    command: command as Command,
    inputs,
    json: on('json'),
    env: on('env'),
    verbose: on('verbose'),
    help: on('help'),
    workspace: flags.get('workspace'),
    oidcTokenFile: flags.get('oidc-token-file'),
  }
}

/** The usage text: all commands, or one command's. */
export function usage(command?: Command): string {
  const head: Record<Command, string> = {
    plan: 'plan     show what apply would change; writes nothing (exit 0)',
    check: 'check    drift check: exit 2 when RAM differs from the flags, 0 when not',
    apply: 'apply    reconcile RAM, then assume the role (exit 0, or 1 on error)',
    assume: 'assume   only assume the role; no RAM call',
  }
  const commands = command ? [head[command]] : Object.values(head)
  const inputs = INPUT_NAMES.filter((n) => !NOT_FLAGS.has(n) && !ACTION_ONLY.has(n))
    .map((n) => `--${n}${SWITCHES.has(n) ? '' : ' VALUE'}`)
    .join(' ')
  return `Usage: ram-identity ${command ?? '<plan|check|apply|assume>'} [flags]

  ${commands.join('\n  ')}

Flags mirror the action's inputs (see its README):
${wrap(inputs, 78, '  ')}
Keys come from --access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET.

  --workspace DIR         policy files must lie under DIR (default: the current directory)
  --oidc-token-file PATH  the OIDC token to exchange, outside GitHub (or ALIBABA_CLOUD_OIDC_TOKEN_FILE)
  --json                  print one JSON document on stdout (complete plan, outputs, errors)
  --env                   assume/apply: print 'export NAME=value' lines for eval (secrets included)
  --verbose               also log debug lines (retries) to stderr
  -h, --help              this text

stdout carries only the result; progress and errors go to stderr.
Exit codes: 0 success, 1 error (nothing called when the flags are wrong), 2 drift (check).
`
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(indent + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(indent + line)
  return `${lines.join('\n')}\n`
}
