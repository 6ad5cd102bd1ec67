import type { CloudError } from './aliyun/errors.js'
import { AdaptiveLimiter } from './aliyun/limiter.js'
import { type RamReader, type RamWriter, ramReader, ramWriter } from './aliyun/ram.js'
import { type Credentials, createRpc, type RetryPolicy } from './aliyun/rpc.js'
import { type Sts, sts } from './aliyun/sts.js'
import type { Inputs } from './inputs.js'

/** Per-request timeout: the SDKs' usual 3 s is too short for CI runners, and none at all hangs. */
const REQUEST_TIMEOUT_MS = 15_000

export type OnRetry = (action: string, error: CloudError, attempt: number, delayMs: number) => void

/** The clients one run needs, each bound to the identity that must make its calls. */
export interface Cloud {
  ram: RamReader
  /** The reconciling identity's STS (GetCallerIdentity). */
  sts: Sts
  /** The STS that calls AssumeRole: the sub-account's when its keys are given. */
  assumer: Sts
  /** Only in apply mode: a check run holds no object that could write. */
  writer?: RamWriter
}

/** One deadline for the whole run's retrying, from timeout-seconds. */
export function retryPolicy(inputs: Inputs): RetryPolicy {
  return {
    maxAttempts: inputs.retryMaxAttempts,
    deadline: Date.now() + inputs.timeoutSeconds * 1000,
    requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, inputs.timeoutSeconds * 1000),
    baseDelayMs: 250,
    maxDelayMs: 8000,
  }
}

/** STS as `credentials`; with empty credentials, calls go unsigned (AssumeRoleWithOIDC). */
export function stsAs(inputs: Inputs, credentials: Credentials, retry: RetryPolicy, onRetry: OnRetry): Sts {
  return sts(createRpc({ service: 'sts', endpoint: inputs.stsEndpoint, credentials, retry, onRetry }))
}

/** Connects to RAM and STS as the reconciling identity (and the sub-account, if its keys are given). */
export function connect(
  inputs: Inputs,
  credentials: Credentials,
  retry: RetryPolicy,
  onRetry: OnRetry,
): Cloud {
  // One window for all RAM calls of the run: the rate limit is the account's, not per call.
  const limiter = new AdaptiveLimiter({ initial: 8, min: 1, max: 32 })
  const ramRpc = createRpc({
    service: 'ram',
    endpoint: inputs.ramEndpoint,
    credentials,
    retry,
    limiter,
    onRetry,
  })
  const reconciler = stsAs(inputs, credentials, retry, onRetry)
  return {
    ram: ramReader(ramRpc),
    sts: reconciler,
    assumer: inputs.subAccountCredentials
      ? stsAs(inputs, inputs.subAccountCredentials, retry, onRetry)
      : reconciler,
    writer: inputs.mode === 'apply' ? ramWriter(ramRpc) : undefined,
  }
}
