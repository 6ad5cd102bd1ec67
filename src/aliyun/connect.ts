/**
 * The real cloud: RAM and STS clients over pop-core, each bound to the identity that must make
 * its calls, sharing one deadline and one pacer per run.
 */
import type { CloudFactory, Credentials, Inputs } from '../model.js'
import { Pacer } from './pacer.js'
import { ramReader, ramWriter } from './ram.js'
import { createRpc, type OnRetry, type RetryPolicy } from './rpc.js'
import { sts } from './sts.js'

/** Per-request timeout: the SDKs' usual 3 s is too short for CI runners, and none at all hangs. */
const REQUEST_TIMEOUT_MS = 15_000

/**
 * Where RAM pacing starts: the burst covers a run's reads and its first writes, so a run that
 * makes a handful of calls is never held back; 40 requests a second doubles each second until
 * the account's limit answers. 32 in flight is room for ~150 requests a second at 200 ms.
 */
export const RAM_PACING = { initialRate: 40, minRate: 0.5, maxRate: 1000, burst: 16, maxInFlight: 32 }

/** How the run's calls retry: no new attempt past the run's deadline (from timeout-seconds). */
function retryPolicy(
  inputs: Pick<Inputs, 'retryMaxAttempts' | 'timeoutSeconds'>,
  deadline: number,
): RetryPolicy {
  return {
    maxAttempts: inputs.retryMaxAttempts,
    deadline,
    requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, inputs.timeoutSeconds * 1000),
    baseDelayMs: 250,
    maxDelayMs: 8000,
  }
}

/** The clients of one run against Alibaba Cloud (or anything that speaks its API). */
export function aliyunCloud(
  inputs: Pick<Inputs, 'ramEndpoint' | 'stsEndpoint' | 'retryMaxAttempts' | 'timeoutSeconds'>,
  deadline: number,
  onRetry: OnRetry,
): CloudFactory {
  const retry = retryPolicy(inputs, deadline)
  // One pacer for all RAM calls of the run: the rate limit is the account's, not per call.
  const pacer = new Pacer(RAM_PACING)
  const ram = (credentials: Credentials) =>
    createRpc({ service: 'ram', endpoint: inputs.ramEndpoint, credentials, retry, pacer, onRetry })
  const stsAs = (credentials: Credentials) =>
    sts(createRpc({ service: 'sts', endpoint: inputs.stsEndpoint, credentials, retry, onRetry }))
  return {
    readOnly: (credentials) => ({ ram: ramReader(ram(credentials)), identity: stsAs(credentials) }),
    forApply(credentials, assumerCredentials) {
      const rpc = ram(credentials)
      const reconciler = stsAs(credentials)
      return {
        ram: ramReader(rpc),
        identity: reconciler,
        writer: ramWriter(rpc),
        assumer: assumerCredentials ? stsAs(assumerCredentials) : reconciler,
      }
    },
    forAssume: (credentials) => ({ assumer: stsAs(credentials) }),
    oidc: () => stsAs({ accessKeyId: '', accessKeySecret: '' }),
  }
}
