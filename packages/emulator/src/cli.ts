/**
 * `npm run emulator`: start the RAM/STS emulator on fixed ports, seed one account with a RAM user
 * `ci-admin` (AliyunRAMFullAccess + AliyunSTSAssumeRoleAccess, one access key), print endpoints and
 * credentials, optionally append them to an env file (e.g. $GITHUB_ENV), and run until
 * SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url'
import { type CliOptions, parseArgs, USAGE } from './cli/options.js'
import { startCli } from './cli/start.js'

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
