/**
 * `npm run emulator`: start the RAM/STS emulator on fixed ports, seed one account with a RAM user
 * `ci-admin` (AliyunRAMFullAccess + AliyunSTSAssumeRoleAccess, one access key), print endpoints and
 * credentials, optionally append them to an env file (e.g. $GITHUB_ENV), and run until
 * SIGINT/SIGTERM.
 */
import { appendFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { type FaultConfig, validateFaultConfig } from './faults.js'
import { type Emulator, startEmulator } from './index.js'

export const USAGE = `Usage: npm run emulator -- [options]

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

Faults (see README "Faults"; also settable at runtime with PUT /__emulator/faults):
  --fault-seed N            seed of the fault PRNG (default: --seed, else random)
  --throttle-rate P         probability per request of 400 Throttling.User
  --error-rate P            probability per request of 503 / 500 / 502 (HTML), evenly
  --reset-rate P            probability per request of a connection reset before the handler
  --reset-after-rate P      probability per request of a connection reset after the handler
  --latency-ms N|MIN-MAX    delay before each request
  --qps N                   requests per second per account and service (burst N)
  --visibility-delay-ms N   new entities are invisible to reads for N ms
  --grant-delay-ms N        AssumeRole refused for N ms after grants change
  --hostile-secrets         issued secrets and tokens start with '-' and contain + / =
`

export interface CliOptions {
  host: string
  ramPort: number
  stsPort: number
  seed?: number
  envFile?: string
  /** Faults to configure at start (before the ci-admin key is issued); undefined when no flag is given. */
  faults?: FaultConfig
  help: boolean
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { host: '127.0.0.1', ramPort: 8101, stsPort: 8102, help: false }
  const port = (flag: string, v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) > 65535)
      throw new Error(`${flag} expects a port number (0-65535), got "${v}"`)
    return Number(v)
  }
  const faults: Record<string, unknown> = {}
  const rate = (flag: string, v: string): number => {
    if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(v))
      throw new Error(`${flag} expects a probability in [0, 1], got "${v}"`)
    return Number(v)
  }
  const amount = (flag: string, v: string): number => {
    if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`${flag} expects a non-negative number, got "${v}"`)
    return Number(v)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') {
      opts.help = true
      continue
    }
    if (arg === '--hostile-secrets') {
      faults.hostileSecrets = true
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
      case '--fault-seed': {
        const v = value()
        if (!/^-?\d+$/.test(v)) throw new Error(`--fault-seed expects an integer, got "${v}"`)
        faults.seed = Number(v)
        break
      }
      case '--throttle-rate':
        faults.throttleRate = rate(flag, value())
        break
      case '--error-rate':
        faults.serverErrorRate = rate(flag, value())
        break
      case '--reset-rate':
        faults.resetRate = rate(flag, value())
        break
      case '--reset-after-rate':
        faults.resetAfterRate = rate(flag, value())
        break
      case '--latency-ms': {
        const v = value()
        const m = /^(\d+)-(\d+)$/.exec(v)
        faults.latencyMs = m ? { min: Number(m[1]), max: Number(m[2]) } : amount(flag, v)
        break
      }
      case '--qps':
        faults.qps = amount(flag, value())
        break
      case '--visibility-delay-ms':
        faults.visibilityDelayMs = amount(flag, value())
        break
      case '--grant-delay-ms':
        faults.grantDelayMs = amount(flag, value())
        break
      default:
        throw new Error(`unknown option ${arg}`)
    }
  }
  if (Object.keys(faults).length > 0) {
    try {
      opts.faults = validateFaultConfig(faults)
    } catch (e) {
      throw new Error(`invalid fault option: ${(e as Error).message}`)
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
  // Before seeding, so that with --hostile-secrets ci-admin's secret is a hostile one too.
  if (opts.faults) emulator.control.setFaults(opts.faults)
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
  if (opts.faults) print(`  Faults:       ${JSON.stringify(opts.faults)}`)
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
