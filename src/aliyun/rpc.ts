import type { Agent } from 'node:http'
import type RPCClient from '@alicloud/pop-core'
import { type CloudError, isTransient, toCloudError, wasRejected } from './errors.js'
import type { AdaptiveLimiter, Outcome } from './limiter.js'
import { proxyAgent, proxyFor } from './proxy.js'

/** An AccessKey pair, optionally with the SecurityToken of an STS session. */
export interface Credentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
}

/** How hard to try: attempts per call, the overall deadline and each request's timeout. */
export interface RetryPolicy {
  maxAttempts: number
  /** Absolute time (ms since epoch) after which no new attempt starts. */
  deadline: number
  requestTimeoutMs: number
  baseDelayMs: number
  maxDelayMs: number
}

/** One RPC-style API (RAM or STS) called as one identity. */
export interface Rpc {
  readonly service: 'ram' | 'sts'
  call(action: string, params?: Params, options?: CallOptions): Promise<Response>
}

export interface CallOptions {
  /**
   * 'any-transient' (default) retries every transient failure. 'unexecuted' retries only
   * failures that prove the request was not carried out (throttling), for calls that are not
   * idempotent: after a reset or a 5xx the caller must look before it tries again.
   */
  retry?: 'any-transient' | 'unexecuted'
}

export type Params = Record<string, string | number | boolean | undefined>
/** pop-core returns null-prototype objects: read fields, never compare them structurally. */
export type Response = Record<string, unknown>

export interface RpcOptions {
  service: 'ram' | 'sts'
  endpoint: string
  credentials: Credentials
  retry: RetryPolicy
  /** Paces the requests of every call made through this client; none when absent. */
  limiter?: AdaptiveLimiter
  /** Called once per retry with the error that caused it (debug logging). */
  onRetry?: (action: string, error: CloudError, attempt: number, delayMs: number) => void
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (default: process.env). */
  env?: Record<string, string | undefined>
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
}

const API_VERSIONS = { ram: '2015-05-01', sts: '2015-04-01' } as const

/** Creates a client that POSTs signed requests and retries transient failures with jittered backoff. */
export function createRpc(options: RpcOptions): Rpc {
  const { service, credentials, retry } = options
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  let client: Promise<{ rpc: RPCClient; agent?: Agent }> | undefined
  // Loaded on first use: a run that fails on its inputs never pays for the HTTP stack.
  const connect = async () => {
    const { default: Client } = await import('@alicloud/pop-core/lib/rpc.js')
    const proxy = proxyFor(options.endpoint, options.env ?? process.env)
    const agent = proxy ? await proxyAgent(proxy) : undefined
    const anonymous = !credentials.accessKeyId
    const rpc = new Client({
      endpoint: options.endpoint,
      apiVersion: API_VERSIONS[service],
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      securityToken: credentials.securityToken,
      // With no key, pop-core sends the request unsigned (AssumeRoleWithOIDC): its constructor
      // insists on a key unless a credentials provider answers instead.
      ...(anonymous ? { credentialsProvider: { getCredentials: async () => ({}) } } : {}),
    } as RPCClient.Config)
    return { rpc, agent }
  }

  async function attempt(action: string, params: Params): Promise<Response> {
    client ??= connect()
    const { rpc, agent } = await client
    await options.limiter?.acquire()
    let outcome: Outcome = 'failed'
    try {
      // POST always: with GET, pop-core puts the signed URL (SecurityToken included) into
      // error messages, and a 6144-character policy does not fit in a GET anyway.
      const response = await rpc.request<Response>(action, params, {
        method: 'POST',
        timeout: retry.requestTimeoutMs,
        // pop-core uses its own keep-alive agent unless given one.
        ...(agent ? { agent } : {}),
      })
      outcome = 'ok'
      return response
    } catch (err) {
      const e = toCloudError(err, service, action)
      if (wasRejected(e)) outcome = 'throttled'
      throw e
    } finally {
      options.limiter?.release(outcome)
    }
  }

  return {
    service,
    async call(action, params = {}, callOptions = {}) {
      const retryable = callOptions.retry === 'unexecuted' ? wasRejected : isTransient
      // pop-core would send undefined as the string "undefined".
      const defined = Object.fromEntries(
        Object.entries(params).filter(([, v]) => v !== undefined && v !== null),
      )
      for (let n = 1; ; n++) {
        try {
          return await attempt(action, defined)
        } catch (err) {
          const e = err as CloudError
          if (!retryable(e) || n >= retry.maxAttempts) throw e
          // Full jitter spreads parallel matrix jobs apart instead of retrying in lockstep.
          const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1))
          const delay = Math.round(random() * cap)
          if (now() + delay >= retry.deadline) throw e
          options.onRetry?.(action, e, n, delay)
          await sleep(delay)
        }
      }
    },
  }
}
