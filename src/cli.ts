#!/usr/bin/env node
/**
 * The same engine outside GitHub Actions: `ram-identity plan | apply | check | assume`, with a
 * flag per action input. Only the edges differ from the action: inputs come from flags and the
 * environment, outputs go to the terminal (or one JSON document), and the exit code separates
 * success (0), error (1) and drift (2, check).
 */
import { readFileSync } from 'node:fs'
import { run } from './main.js'
import { type ActionIo, getIDToken as githubIdToken } from './workflow-commands.js'

const COMMANDS = { plan: 'check', check: 'check', apply: 'apply', assume: 'assume' } as const
type Command = keyof typeof COMMANDS

const USAGE = `Usage: ram-identity <plan|apply|check|assume> [flags]

  plan     show what apply would change (exit 0)
  check    drift check: exit 2 when RAM differs from the flags, 0 when not
  apply    reconcile RAM, then assume the role
  assume   only assume the role

Flags mirror the action's inputs, e.g. --role-name NAME --policy-file PATH --sub-account NAME
--sub-account-policies LIST --all-users-policies LIST --max-session-duration N --exclusive
--duration-seconds N --role-session-name NAME --region ID --ram-endpoint URL --sts-endpoint URL
--oidc-provider-arn ARN --oidc-role-arn ARN --oidc-audience AUD --oidc-token-file PATH
Keys come from --access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET.
Policy files must lie under --workspace (default: the current directory).

  --json      print one JSON document (outputs, plan, errors) on stdout; logs go to stderr
  --env       with assume/apply: print 'export NAME=value' lines for eval (secrets included)
  --verbose   print debug lines (retries) to stderr
`

/** Parses argv into the command and a map of input name -> value. */
export function parseArgs(
  argv: string[],
): { command: Command; flags: Map<string, string> } | { error: string } {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h') return { error: USAGE }
  if (!(command in COMMANDS)) return { error: `unknown command "${command}"\n\n${USAGE}` }
  const flags = new Map<string, string>()
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (!arg.startsWith('--')) return { error: `unexpected argument "${arg}"` }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq > 0 ? eq : undefined)
    const next = rest[i + 1]
    const value =
      eq > 0 ? arg.slice(eq + 1) : next !== undefined && !next.startsWith('--') ? rest[++i]! : 'true'
    flags.set(name, value)
  }
  return { command: command as Command, flags }
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], env = process.env): Promise<number> {
  const parsed = parseArgs(argv)
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n`)
    return 1
  }
  const { command, flags } = parsed
  const json = flags.get('json') === 'true'
  const printEnv = flags.get('env') === 'true'
  const verbose = flags.get('verbose') === 'true'
  const outputs: Record<string, string> = {}
  const exported: Record<string, string> = {}
  const errors: string[] = []
  let failed = false
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`)

  const inputs = new Map(flags)
  inputs.set('mode', COMMANDS[command])
  // The CLI decides the exit code for drift itself.
  if (COMMANDS[command] === 'check') inputs.set('fail-on-drift', 'false')
  if (flags.has('workspace')) env.GITHUB_WORKSPACE = flags.get('workspace')

  const io: ActionIo = {
    getInput: (name) => (inputs.get(name) ?? '').trim(),
    setOutput: (name, value) => {
      outputs[name] = value
    },
    exportVariable: (name, value) => {
      exported[name] = value
    },
    setSecret: () => {},
    info: log,
    debug: (message) => {
      if (verbose) process.stderr.write(`debug: ${message}\n`)
    },
    notice: (message) => log(`note: ${message}`),
    error: (message) => {
      errors.push(message)
      process.stderr.write(`error: ${message}\n`)
    },
    setFailed: (message) => {
      failed = true
      errors.push(message)
      process.stderr.write(`error: ${message}\n`)
    },
    appendSummary: () => {},
    getIDToken: async (audience) => {
      const file = flags.get('oidc-token-file') ?? env.ALIBABA_CLOUD_OIDC_TOKEN_FILE
      return file ? readFileSync(file, 'utf8').trim() : githubIdToken(audience)
    },
  }
  await run(io)
  const drift = outputs.drift === 'true'
  const code = failed ? 1 : command === 'check' && drift ? 2 : 0

  if (json) {
    const document = {
      command,
      exitCode: code,
      ...outputs,
      plan: outputs.plan ? JSON.parse(outputs.plan) : [],
      'failed-users': outputs['failed-users'] ? JSON.parse(outputs['failed-users']) : [],
      errors,
    }
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
  } else if (printEnv && outputs['access-key-id']) {
    for (const [name, value] of Object.entries(exported))
      process.stdout.write(`export ${name}=${shellQuote(value)}\n`)
  } else if (!failed) {
    if (command === 'check') log(drift ? `drift: ${outputs.changes} change(s) needed` : 'no drift')
    if (outputs['access-key-id']) {
      log(
        `credentials for ${outputs['assumed-role-arn']} until ${outputs.expiration} (use --env or --json to print them)`,
      )
    }
  }
  return code
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

process.exitCode = await main(process.argv.slice(2))
