import type { CloudError } from './aliyun/errors.js'
import { AdaptiveLimiter } from './aliyun/limiter.js'
import { type RamReader, type RamWriter, ramReader, ramWriter } from './aliyun/ram.js'
import { type Credentials, createRpc, type RetryPolicy } from './aliyun/rpc.js'
import { type Sts, sts } from './aliyun/sts.js'
import type { Inputs } from './inputs.js'

/** Per-request timeout: pop-core's 3 s default is too short for CI, and none at all hangs. */
const REQUEST_TIMEOUT_MS = 15_000

/** The clients one run needs, each bound to the identity that must make its calls. */
export interface Cloud {
  ram: RamReader
  /** The reconciling identity's STS (GetCallerIdentity). */
  sts: Sts
  /** The STS that calls AssumeRole: the sub-account's when its keys are given. */
  assumer: Sts
  assumerCredentials: Credentials
  /** Only in apply mode: a check run holds no object that could write. */
  writer?: RamWriter
}

/** Connects to RAM and STS as the inputs say. */
export function connect(
  inputs: Inputs,
  onRetry: (action: string, error: CloudError, attempt: number, delayMs: number) => void,
): Cloud {
  const retry: RetryPolicy = {
    maxAttempts: inputs.retryMaxAttempts,
    deadline: Date.now() + inputs.timeoutSeconds * 1000,
    requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, inputs.timeoutSeconds * 1000),
    baseDelayMs: 250,
    maxDelayMs: 8000,
  }
  // One window for all RAM calls of the run: the rate limit is the account's, not per call.
  const ramLimiter = new AdaptiveLimiter({ initial: 8, min: 1, max: 32 })
  const rpc = (service: 'ram' | 'sts', credentials: Credentials) =>
    createRpc({
      service,
      endpoint: service === 'ram' ? inputs.ramEndpoint : inputs.stsEndpoint,
      credentials,
      retry,
      limiter: service === 'ram' ? ramLimiter : undefined,
      onRetry,
    })
  const ramRpc = rpc('ram', inputs.credentials)
  const reconcilerSts = sts(rpc('sts', inputs.credentials))
  const assumerCredentials = inputs.subAccountCredentials ?? inputs.credentials
  return {
    ram: ramReader(ramRpc),
    sts: reconcilerSts,
    assumer: inputs.subAccountCredentials ? sts(rpc('sts', assumerCredentials)) : reconcilerSts,
    assumerCredentials,
    writer: inputs.mode === 'apply' ? ramWriter(ramRpc) : undefined,
  }
}
