// Shared set-up of the tea/ suites: one emulator and account for the file, a tea RAM client as the root.
import { afterAll, beforeAll } from '@jest/globals'
import { type Emulator, startEmulator } from '../../src/index.js'
import { type Creds, teaRam } from '../harness.js'

export let emu: Emulator

export let accountId: string

export let root: Creds

export let ram: ReturnType<typeof teaRam>

/** Registers the suite hooks (start, reset and close the emulator); call once per test file. */
export function setup(): void {
  beforeAll(async () => {
    emu = await startEmulator({ seed: 3 })
    ;({ accountId, root } = emu.control.createAccount())
    ram = teaRam(emu, root)
  })
  afterAll(async () => {
    await emu.close()
  })
}
