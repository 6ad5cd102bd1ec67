/**
 * `npm run emulator`: start the RAM/STS emulator on fixed ports, seed one account with a RAM user
 * `ci-admin` (AliyunRAMFullAccess + AliyunSTSAssumeRoleAccess, one access key), print endpoints and
 * credentials, optionally append them to an env file (e.g. $GITHUB_ENV), and run until
 * SIGINT/SIGTERM.
 */
import { appendFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { type Emulator, startEmulator } from './index.js'

export const USAGE = `Usage: node lib/emulator/cli.js [options]

Local Alibaba Cloud RAM (2015-05-01) and STS (2015-04-01) emulator.

Options:
  --host HOST         interface to bind (default 127.0.0.1)
  --ram-port PORT     RAM port (default 8101; 0 = any free port)
  --sts-port PORT     STS port (default 8102; 0 = any free port)
  --seed N            deterministic ids, keys and tokens
  --write-env PATH    append KEY=VALUE lines (endpoints, account id, ci-admin's key) to PATH,
                      e.g. --write-env "$GITHUB_ENV". (Not --env-file: Node itself takes that
                      flag, even after the script name.)
  --help              show this help
`

export interface CliOptions {
  host: string
  ramPort: number
  stsPort: number
  seed?: number
  envFile?: string
  help: boolean
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { host: '127.0.0.1', ramPort: 8101, stsPort: 8102, help: false }
  const port = (flag: string, v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) > 65535)
      throw new Error(`${flag} expects a port number (0-65535), got "${v}"`)
    return Number(v)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') {
      opts.help = true
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i]
      if (v === undefined || v === '') throw new Error(`${flag} expects a value`)
      return v
    }
    switch (flag) {
      case '--host':
        opts.host = value()
        break
      case '--ram-port':
        opts.ramPort = port(flag, value())
        break
      case '--sts-port':
        opts.stsPort = port(flag, value())
        break
      case '--seed': {
        const v = value()
        if (!/^-?\d+$/.test(v)) throw new Error(`--seed expects an integer, got "${v}"`)
        opts.seed = Number(v)
        break
      }
      case '--write-env':
        opts.envFile = value()
        break
      default:
        throw new Error(`unknown option ${arg}`)
    }
  }
  return opts
}

export interface Started {
  emulator: Emulator
  accountId: string
  /** The KEY=VALUE lines printed and written to the env file. */
  env: Record<string, string>
}

/** Start and seed; writes the banner through `print`. */
export async function startCli(opts: CliOptions, print: (line: string) => void): Promise<Started> {
  const emulator = await startEmulator({
    host: opts.host,
    ramPort: opts.ramPort,
    stsPort: opts.stsPort,
    seed: opts.seed,
  })
  const { accountId } = emulator.control.createAccount()
  const user = emulator.control.createUser(accountId, 'ci-admin', {
    accessKey: true,
    policies: [
      { type: 'System', name: 'AliyunRAMFullAccess' },
      { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
    ],
  })
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: user.accessKey!.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: user.accessKey!.accessKeySecret,
    // The same key again under names the action never reads or overwrites: after a run exports
    // the role's STS credentials as ALIBABA_CLOUD_*, later steps still have ci-admin's key.
    RAM_EMULATOR_ACCESS_KEY_ID: user.accessKey!.accessKeyId,
    RAM_EMULATOR_ACCESS_KEY_SECRET: user.accessKey!.accessKeySecret,
    RAM_EMULATOR_RAM_ENDPOINT: emulator.ramEndpoint,
    RAM_EMULATOR_STS_ENDPOINT: emulator.stsEndpoint,
    RAM_EMULATOR_ACCOUNT_ID: accountId,
  }
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`)
  if (opts.envFile) appendFileSync(opts.envFile, `${lines.join('\n')}\n`)
  print('RAM/STS emulator running')
  print(`  RAM endpoint: ${emulator.ramEndpoint}`)
  print(`  STS endpoint: ${emulator.stsEndpoint}`)
  print(`  Account id:   ${accountId}`)
  print('  RAM user:     ci-admin (AliyunRAMFullAccess, AliyunSTSAssumeRoleAccess)')
  print(`  Control API:  ${emulator.ramEndpoint}/__emulator/`)
  for (const line of lines) print(line)
  print('Press Ctrl+C to stop.')
  return { emulator, accountId, env }
}

async function main(): Promise<void> {
  let opts: CliOptions
  try {
    opts = parseArgs(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  if (opts.help) {
    process.stdout.write(USAGE)
    return
  }
  const { emulator } = await startCli(opts, (line) => process.stdout.write(`${line}\n`))
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    emulator.close().then(
      () => {
        process.exitCode = 0
      },
      (e: unknown) => {
        process.stderr.write(`error while stopping: ${(e as Error).message}\n`)
        process.exitCode = 1
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`)
    process.exitCode = 1
  })
}
