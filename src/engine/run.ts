/**
 * The engine: from validated inputs and a way to reach the cloud to a `RunResult`. The mode is
 * decided here, once; each mode is handed only the clients it may use.
 */
import type { CloudError } from '../cloud-error.js'
import { type AssumeCloud, type Inputs, newRunResult, type RunLog, type RunResult } from '../model.js'
import { assumeSession } from './assume.js'
import { check } from './check.js'
import { roleArn } from './desired.js'
import { checkAccount, StepFailure, step } from './failure.js'
import { BLIND_WINDOW_MS } from './propagation.js'
import { reconcile } from './reconcile.js'
import { type SignInDeps, signIn } from './sign-in.js'

/** The moment timeout-seconds from now: the one deadline of a run that starts now. */
export function runDeadline(inputs: Pick<Inputs, 'timeoutSeconds'>): number {
  return Date.now() + inputs.timeoutSeconds * 1000
}

/**
 * Runs the inputs' mode. Expected failures come back in `result.failure`; only a bug throws.
 * `deadline` (ms since the epoch, from timeout-seconds) bounds the whole run, waits for
 * propagation included; the cloud clients' retries share it.
 */
export async function runEngine(
  inputs: Inputs,
  deps: SignInDeps,
  deadline = runDeadline(inputs),
): Promise<RunResult> {
  const result = newRunResult(inputs.mode)
  try {
    const credentials = await signIn(inputs, deps)
    switch (inputs.mode) {
      case 'check':
        await check(inputs, deps.cloud.readOnly(credentials), result, deps.log)
        break
      case 'apply':
        await reconcile(
          inputs,
          deps.cloud.forApply(credentials, inputs.subAccountCredentials),
          result,
          deps.log,
          deadline,
        )
        break
      case 'assume':
        await assumeOnly(
          inputs,
          deps.cloud.forAssume(inputs.subAccountCredentials ?? credentials),
          result,
          deps.log,
          deadline,
        )
        break
    }
    return result
  } catch (err) {
    if (err instanceof StepFailure) return { ...result, failure: err.failure }
    throw err
  }
}

/** Assume mode: no RAM call at all; the role's account is the assuming identity's own. */
async function assumeOnly(
  inputs: Inputs,
  cloud: AssumeCloud,
  result: RunResult,
  log: RunLog,
  deadline: number,
): Promise<void> {
  const caller = await step('Identifying the caller', () => cloud.assumer.getCallerIdentity())
  checkAccount(inputs, caller.accountId)
  result.accountId = caller.accountId
  result.roleArn = roleArn(caller.accountId, inputs.roleName)
  // No RAM reads here, so no dates: an apply step just before may still be propagating.
  const propagation = {
    since: Date.now(),
    windowMs: BLIND_WINDOW_MS,
    deadline,
    onWait: (error: CloudError, wait: number) =>
      log.info(`AssumeRole refused (${error.code}); the role may have just changed, retrying in ${wait} ms`),
  }
  result.session = await assumeSession(inputs, cloud.assumer, result.roleArn, caller, propagation, log)
}
