/** Command-line options of the emulator CLI. */

import { type FaultConfig, validateFaultConfig } from '../faults/config.js'
import { PROFILE_NAMES, type ProfileName, profileFaults } from '../faults/profiles.js'
import { requireLoopback } from '../net/loopback.js'

export const USAGE = `Usage: npm run emulator -- [options]

Local Alibaba Cloud RAM (2015-05-01) and STS (2015-04-01) emulator.

Options:
  --host HOST         loopback interface to bind (default 127.0.0.1; ::1 and localhost also work)
  --ram-port PORT     RAM port (default 8101; 0 = any free port)
  --sts-port PORT     STS port (default 8102; 0 = any free port)
  --seed N            deterministic ids, keys and tokens
  --write-env PATH    append KEY=VALUE lines (endpoints, account id, ci-admin's key, control token) to PATH,
                      e.g. --write-env "$GITHUB_ENV". (Not --env-file: Node itself takes that
                      flag, even after the script name.)
  --metadata-port PORT  also start the ECS metadata stand-in (hardened mode) on PORT, for a
                      role that trusts ecs.aliyuncs.com and holds ci-admin's two policies
  --metadata-role NAME  that role's name (default ecs-instance-role)
  --help              show this help

Faults (see README "Faults"; also settable at runtime with PUT /__emulator/faults):
  --fault-seed N            seed of the fault PRNG (default: --seed, else random)
  --throttle-rate P         probability per request of 400 Throttling.User
  --error-rate P            probability per request of 503 / 500 / 502 (HTML), evenly
  --reset-rate P            probability per request of a connection reset before the handler
  --reset-after-rate P      probability per request of a connection reset after the handler
  --latency-ms N|MIN-MAX    delay before each request
  --qps N                   requests per second per account and service (burst N)
  --profile NAME            propagation profile: deterministic (default) or realistic (new
                            entities not yet attachable, fresh grants not yet honoured by
                            AssumeRole, lists lagging behind writes; seeded, bounded delays);
                            the flags below override its settings
  --visibility-delay-ms N   new entities are invisible to reads for N ms
  --attach-delay-ms N       new entities are not found by attach/detach for N ms
  --grant-delay-ms N        AssumeRole refused for N ms after grants change
  --delay-jitter P          each write's delay drawn from [N × (1 − P), N] (seeded)
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
  /** The propagation profile named by --profile (its settings are already in `faults`). */
  profile?: ProfileName
  /** Start the ECS metadata stand-in on this port (0 = any free port). */
  metadataPort?: number
  /** The instance role of the metadata stand-in; default ecs-instance-role. */
  metadataRole?: string
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
  /** `N` or `MIN-MAX` milliseconds. */
  const range = (flag: string, v: string): number | { min: number; max: number } => {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(v)
    return m ? { min: Number(m[1]), max: Number(m[2]) } : amount(flag, v)
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
        requireLoopback(opts.host, 'The emulator')
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
      case '--latency-ms':
        faults.latencyMs = range(flag, value())
        break
      case '--qps':
        faults.qps = amount(flag, value())
        break
      case '--visibility-delay-ms':
        faults.visibilityDelayMs = amount(flag, value())
        break
      case '--attach-delay-ms':
        faults.attachDelayMs = amount(flag, value())
        break
      case '--grant-delay-ms':
        faults.grantDelayMs = amount(flag, value())
        break
      case '--delay-jitter':
        faults.delayJitter = rate(flag, value())
        break
      case '--profile': {
        const v = value()
        if (!(PROFILE_NAMES as readonly string[]).includes(v)) {
          throw new Error(`--profile expects one of ${PROFILE_NAMES.join(', ')}, got "${v}"`)
        }
        opts.profile = v as ProfileName
        break
      }
      case '--metadata-port':
        opts.metadataPort = port(flag, value())
        break
      case '--metadata-role':
        opts.metadataRole = value()
        break
      default:
        throw new Error(`unknown option ${arg}`)
    }
  }
  if (Object.keys(faults).length > 0 || (opts.profile && opts.profile !== 'deterministic')) {
    try {
      opts.faults = validateFaultConfig({ ...(opts.profile ? profileFaults(opts.profile) : {}), ...faults })
    } catch (e) {
      throw new Error(`invalid fault option: ${(e as Error).message}`)
    }
  }
  return opts
}
