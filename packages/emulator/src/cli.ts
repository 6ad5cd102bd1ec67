/**
 * `npm run emulator`: start the RAM/STS emulator on fixed ports, seed one account with a RAM user
 * `ci-admin` (AliyunRAMFullAccess + AliyunSTSAssumeRoleAccess, one access key), print endpoints and
 * credentials, optionally append them to an env file (e.g. $GITHUB_ENV), and run until
 * SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url'
import { type CliOptions, parseArgs, USAGE } from './cli/options.js'
import { type Started, startCli } from './cli/start.js'

export { type CliOptions, parseArgs, USAGE } from './cli/options.js'
export { type Started, startCli } from './cli/start.js'

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
  let started: Started
  try {
    started = await startCli(opts, (line) => process.stdout.write(`${line}\n`))
  } catch (e) {
    // One line, no stack: a busy port or an unwritable env file is the user's to fix, not a bug.
    process.stderr.write(`emulator: cannot start: ${startupMessage(e)}\n`)
    process.exitCode = 1
    return
  }
  const { emulator, metadata } = started
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    Promise.all([emulator.close(), metadata?.close()]).then(
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

/** A start-up failure in one line: `listen EADDRINUSE: address already in use 127.0.0.1:8101`. */
export function startupMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number }
  if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
    return `${err.syscall ?? 'listen'} ${err.code} on ${err.address ?? '?'}:${err.port ?? '?'}`
  }
  return (err instanceof Error ? err.message : String(e)).split('\n')[0]!
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`emulator: ${startupMessage(e)}\n`)
    process.exitCode = 1
  })
}
