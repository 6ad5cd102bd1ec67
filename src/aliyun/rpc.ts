import type { Agent } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { type CloudError, fromReply, isTransient, toCloudError, wasRejected } from './errors.js'
import { postForm } from './http.js'
import type { AdaptiveLimiter, Outcome } from './limiter.js'
import { proxyAgent, proxyFor } from './proxy.js'
import { signedBody } from './signature.js'

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
/** The parsed JSON answer of a successful call. */
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
  const sleep = options.sleep ?? delay
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  const url = new URL(`${options.endpoint}/`)
  // The headers Alibaba's SDKs send, so the service sees the same kind of client.
  const headers = {
    'user-agent': `AlibabaCloud (${process.platform}; ${process.arch}) Node.js/${process.version} ram-identity-action`,
    'x-acs-version': API_VERSIONS[service],
  }
  let agent: Promise<Agent> | undefined
  // Keep-alive: a run makes several calls to each endpoint. A proxy, if any, tunnels them all.
  const connection = async () => {
    const proxy = proxyFor(options.endpoint, options.env ?? process.env)
    if (proxy) return proxyAgent(proxy)
    // Loaded on first use: a run that fails on its inputs never pays for the HTTP stack.
    const { Agent } = url.protocol === 'https:' ? await import('node:https') : await import('node:http')
    return new Agent({ keepAlive: true })
  }

  async function attempt(action: string, params: Record<string, string>): Promise<Response> {
    agent ??= connection()
    await options.limiter?.acquire()
    let outcome: Outcome = 'failed'
    try {
      // Signed once a slot is free, so the Timestamp is fresh. No key: an unsigned call
      // (AssumeRoleWithOIDC), the token being the credential.
      const body = signedBody(
        action,
        API_VERSIONS[service],
        params,
        credentials.accessKeyId ? credentials : undefined,
      )
      // POST, always: parameters (the SecurityToken among them) stay out of URLs and logs, and a
      // 6,144-character policy does not fit a GET.
      const reply = await postForm(url, body, {
        timeoutMs: retry.requestTimeoutMs,
        agent: await agent,
        headers: { ...headers, 'x-acs-action': action },
      })
      const response = fromReply(reply, service, action)
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
      // An unset parameter is left out, never sent as "undefined".
      const defined = Object.fromEntries(
        Object.entries(params)
          .filter(([, v]) => v !== undefined && v !== null)
          .map(([k, v]) => [k, String(v)]),
      )
      for (let n = 1; ; n++) {
        try {
          return await attempt(action, defined)
        } catch (err) {
          const e = err as CloudError
          // Throttling says "slower", not "wrong": the shared window already slows down, so a
          // throttled call gets three times the attempts before the deadline decides.
          const attempts = wasRejected(e) ? retry.maxAttempts * 3 : retry.maxAttempts
          if (!retryable(e) || n >= attempts) throw e
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
