/**
 * How the engine stops: a failed step becomes a `Failure` that names the step, the call and
 * the likely cause, and the run returns it in its result instead of throwing it.
 */
import { CloudError } from '../cloud-error.js'
import { explain } from '../hints.js'
import type { Failure, Inputs } from '../model.js'

/** A failure worded for the person reading the log; the engine turns it into `RunResult.failure`. */
export class StepFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message)
  }
}

/** Raised inside a step for a problem that is not a cloud error but stops the run all the same. */
export class RunProblem extends Error {}

/** Runs one step; a cloud error or a RunProblem becomes a StepFailure naming the step. */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof StepFailure) throw err
    if (err instanceof CloudError) {
      const hint = explain(err)
      throw new StepFailure({
        step: name,
        message: `${name} failed: ${err.service.toUpperCase()} ${err.action}: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
      })
    }
    if (err instanceof RunProblem)
      throw new StepFailure({ step: name, message: `${name} failed: ${err.message}` })
    throw err
  }
}

/** Stops the run when the caller's account is not one `allowed-account-ids` names. */
export function checkAccount(inputs: Pick<Inputs, 'allowedAccountIds'>, accountId: string): void {
  if (inputs.allowedAccountIds.length === 0 || inputs.allowedAccountIds.includes(accountId)) return
  throw new StepFailure({
    step: 'Checking the account',
    message: `Checking the account failed: the signed-in identity is in account ${accountId}, which allowed-account-ids does not list (${inputs.allowedAccountIds.join(', ')}); nothing was changed or assumed`,
  })
}
