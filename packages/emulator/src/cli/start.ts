/** Start the emulator the CLI way: fixed ports, one seeded account and `ci-admin`, a banner. */

import { appendFileSync } from 'node:fs'
import { type Emulator, startEmulator } from '../emulator.js'
import { type MetadataStandIn, startMetadataStandIn } from '../metadata/stand-in.js'
import type { CliOptions } from './options.js'

export interface Started {
  emulator: Emulator
  accountId: string
  /** The KEY=VALUE lines printed and written to the env file. */
  env: Record<string, string>
  /** The ECS metadata stand-in, with --metadata-port. */
  metadata?: MetadataStandIn
}

const ECS_TRUST = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }],
})

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
  let metadata: MetadataStandIn | undefined
  const metadataEnv: Record<string, string> = {}
  if (opts.metadataPort !== undefined) {
    const roleName = opts.metadataRole ?? 'ecs-instance-role'
    try {
      emulator.control.createRole(accountId, roleName, {
        assumeRolePolicyDocument: ECS_TRUST,
        policies: [
          { type: 'System', name: 'AliyunRAMFullAccess' },
          { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
        ],
      })
      metadata = await startMetadataStandIn(emulator, {
        accountId,
        roleName,
        host: opts.host,
        port: opts.metadataPort,
      })
    } catch (e) {
      await emulator.close()
      throw e
    }
    metadataEnv.RAM_EMULATOR_METADATA_ENDPOINT = metadata.endpoint
    metadataEnv.RAM_EMULATOR_METADATA_ROLE = roleName
  }
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
    // The HTTP control surface's token: printing it is the point (curl needs it), like the keys.
    RAM_EMULATOR_CONTROL_TOKEN: emulator.controlToken,
    ...metadataEnv,
  }
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`)
  if (opts.envFile) {
    try {
      appendFileSync(opts.envFile, `${lines.join('\n')}\n`)
    } catch (e) {
      // Close first: listening sockets would keep the process (and a CI step) alive after the error.
      await Promise.all([emulator.close(), metadata?.close()])
      throw new Error(
        `cannot write --write-env ${opts.envFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      )
    }
  }
  print('RAM/STS emulator running')
  print(`  RAM endpoint: ${emulator.ramEndpoint}`)
  print(`  STS endpoint: ${emulator.stsEndpoint}`)
  print(`  Account id:   ${accountId}`)
  print('  RAM user:     ci-admin (AliyunRAMFullAccess, AliyunSTSAssumeRoleAccess)')
  print(
    `  Control API:  ${emulator.ramEndpoint}/__emulator/ (Authorization: Bearer <RAM_EMULATOR_CONTROL_TOKEN>)`,
  )
  if (opts.faults) print(`  Faults:       ${JSON.stringify(opts.faults)}`)
  if (metadata)
    print(
      `  ECS metadata: ${metadata.endpoint} (hardened mode; role ${metadataEnv.RAM_EMULATOR_METADATA_ROLE})`,
    )
  if (opts.profile) print(`  Profile:      ${opts.profile}`)
  for (const line of lines) print(line)
  print('Press Ctrl+C to stop.')
  return { emulator, accountId, env, ...(metadata ? { metadata } : {}) }
}
