// Shared set-up of the ram/ suites (RAM through pop-core): an emulator per suite file, a fresh account per test.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { type Emulator, startEmulator } from '../../src/index.js'
import { type Creds, type Pop, popRam } from '../harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
export type Json = Record<string, any>

export let emu: Emulator

export let accountId: string

export let root: Creds

export let ram: Pop

export const call = (action: string, params: Record<string, string | number | boolean> = {}) =>
  ram.call<Json>(action, params)

/** Registers the suite hooks (start, reset and close the emulator); call once per test file. */
export function setup(): void {
  beforeAll(async () => {
    emu = await startEmulator({ seed: 42 })
  })
  afterAll(async () => {
    await emu.close()
  })
  beforeEach(() => {
    emu.control.reset()
    ;({ accountId, root } = emu.control.createAccount())
    ram = popRam(emu, root)
  })
}
