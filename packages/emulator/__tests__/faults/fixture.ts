// Shared set-up of the faults/ suites: an emulator per suite file, a fresh account with a RAM user ci per test.
// Fault injection through real HTTP with pop-core: every fault kind fires and is counted, seeds
// reproduce, rates 0/1, the QPS bucket, eventual consistency of reads and grants, forced errors,
// resets around the handler, hostile secrets, concurrency, the HTTP control surface and the CLI.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { type Emulator, startEmulator } from '../../src/index.js'
import { type Creds, type Pop, popRam, popSts, trust } from '../harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
export type Json = Record<string, any>

export let emu: Emulator

export let accountId: string

export let root: Creds

export let ram: Pop

/** A RAM user that may do anything in RAM and assume roles. */
export let ci: Creds

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const arn = (role: string) => `acs:ram::${accountId}:role/${role}`

export const assume = (creds: Creds, role: string) =>
  popSts(emu, creds).call<Json>('AssumeRole', { RoleArn: arn(role), RoleSessionName: 'faults' })

export const trustCi = () => trust(`acs:ram::${accountId}:user/ci`)

export interface ClientError {
  name?: string
  code?: string
  message?: string
  data?: Json
  entry?: { response?: { statusCode?: number } }
}

/** How a call ended, as a client sees it: 'ok', the API Code, 'reset' or 'non-json' (with the HTTP status). */
export async function outcome(
  p: Promise<unknown>,
): Promise<{ kind: string; status?: number; err?: ClientError }> {
  try {
    await p
    return { kind: 'ok', status: 200 }
  } catch (e) {
    const err = e as ClientError
    if (err.entry?.response) return { kind: err.code!, status: err.entry.response.statusCode, err }
    if (err.name === 'SyntaxError') return { kind: 'non-json', err }
    if (/ECONNRESET|socket hang up/.test(`${err.code} ${err.message}`)) return { kind: 'reset', err }
    throw e
  }
}

export const lastCall = () => emu.control.calls().at(-1)!

export const alias = () => ram.call<Json>('GetAccountAlias')

/** Registers the suite hooks (start, reset and close the emulator); call once per test file. */
export function setup(): void {
  beforeAll(async () => {
    emu = await startEmulator({ seed: 7 })
  })
  afterAll(async () => {
    await emu.close()
  })
  beforeEach(() => {
    emu.control.reset() // also clears faults
    ;({ accountId, root } = emu.control.createAccount())
    ram = popRam(emu, root)
    ci = emu.control.createUser(accountId, 'ci', {
      accessKey: true,
      policies: [
        { type: 'System', name: 'AliyunRAMFullAccess' },
        { type: 'System', name: 'AliyunSTSAssumeRoleAccess' },
      ],
    }).accessKey!
  })
}
