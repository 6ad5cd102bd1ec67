/**
 * The drift check. It is handed only RAM's read-only client and GetCallerIdentity, so it
 * cannot write and cannot mint credentials, whatever the inputs say.
 */
import type { Inputs, ReadOnlyCloud, RunLog, RunResult } from '../model.js'
import { assess, stopIfRefused } from './assess.js'

/** Reads RAM and fills `result` with what apply would change and what it would refuse. */
export async function check(
  inputs: Inputs,
  cloud: ReadOnlyCloud,
  result: RunResult,
  log: RunLog,
): Promise<void> {
  await assess(inputs, cloud, result, log)
  stopIfRefused(inputs, result)
}
