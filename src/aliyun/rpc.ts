/**
 * RAM and STS calls through @alicloud/pop-core, which signs them (RPC signature V1) and sends
 * them. Around it sit what pop-core leaves to its caller: retries with jittered backoff, one
 * deadline for the run, a pacer shared by every call, a per-request timeout, proxies, and a
 * reply that is checked, made plain and never echoed.
 */
import type { Agent } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import type { CloudError } from '../cloud-error.js'
import type { Credentials } from '../model.js'
import { checkStatus, fromPopCore, isTransient, wasRejected } from './errors.js'
import type { Outcome, Pacing } from './pacer.js'
import { proxyAgent, proxyFor } from './proxy.js'

/** Called once per retry, for the debug log. */
export type OnRetry = (action: string, error: CloudError, attempt: number, delayMs: number) => void

/** How hard to try: attempts per call, the overall deadline and each request's timeout. */
export interface RetryPolicy {
  /** Attempts per call for transient failures other than throttling, which only the deadline bounds. */
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

/** How one call may be retried. */
export interface CallOptions {
  /**
   * 'any-transient' (default) retries every transient failure. 'unexecuted' retries only
   * failures that prove the request was not carried out (throttling), for calls that are not
   * idempotent: after a reset or a 5xx the caller must look before it tries again.
   */
  retry?: 'any-transient' | 'unexecuted'
}

/** Request parameters; undefined ones are left out. */
export type Params = Record<string, string | number | boolean | undefined>
/** The parsed JSON answer of a successful call, as plain objects. */
export type Response = Record<string, unknown>

/** Everything a client needs; all but the first four have defaults. */
export interface RpcOptions {
  service: 'ram' | 'sts'
  endpoint: string
  /** An empty accessKeyId makes unsigned calls (AssumeRoleWithOIDC, where the token is the credential). */
  credentials: Credentials
  retry: RetryPolicy
  /** Paces the requests of every call made through this client; none when absent. */
  pacer?: Pacing
  /** Called once per retry with the error that caused it (debug logging). */
  onRetry?: OnRetry
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (default: process.env). */
  env?: Record<string, string | undefined>
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
}

const API_VERSIONS = { ram: '2015-05-01', sts: '2015-04-01' } as const

/** Creates a client that POSTs signed requests and retries transient failures with jittered backoff. */
export function createRpc(options: RpcOptions): Rpc {
  const { service, retry } = options
  const sleep = options.sleep ?? delay
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  let client: Promise<PopCoreClient> | undefined

  async function attempt(action: string, params: Record<string, string>): Promise<Response> {
    client ??= connect(options)
    const rpc = await client
    const permit = await options.pacer?.acquire()
    let outcome: Outcome = 'failed'
    try {
      // Signed now that the pacer lets it go, so its Timestamp is fresh.
      const [body, entry] = await rpc.request(action, params)
      const response = plain(body) as Response
      checkStatus(entry?.response?.statusCode, response, service, action)
      outcome = 'ok'
      return response
    } catch (err) {
      const e = fromPopCore(err, service, action)
      if (wasRejected(e)) outcome = 'throttled'
      throw e
    } finally {
      permit?.release(outcome)
    }
  }

  return {
    service,
    async call(action, params = {}, callOptions = {}) {
      const retryable = callOptions.retry === 'unexecuted' ? wasRejected : isTransient
      // pop-core would send an unset parameter as the string "undefined".
      const defined = Object.fromEntries(
        Object.entries(params)
          .filter(([, v]) => v !== undefined && v !== null)
          .map(([k, v]) => [k, String(v)]),
      )
      let failures = 0
      let throttles = 0
      for (let n = 1; ; n++) {
        try {
          return await attempt(action, defined)
        } catch (err) {
          const e = err as CloudError
          if (!retryable(e)) throw e
          // Throttling says "slower", not "wrong", and proves the request was not carried out:
          // the pacer has already slowed down, so a throttled call is retried until the deadline
          // and never spends the attempts kept for server errors.
          const throttled = wasRejected(e)
          const k = throttled ? ++throttles : ++failures
          if (!throttled && k >= retry.maxAttempts) throw e
          // Full jitter spreads parallel matrix jobs apart instead of retrying in lockstep.
          const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (k - 1))
          const wait = Math.round(random() * cap)
          if (now() + wait >= retry.deadline) throw e
          options.onRetry?.(action, e, n, wait)
          await sleep(wait)
        }
      }
    },
  }
}

/** pop-core's client as this module uses it: verbose, so each reply comes with its HTTP entry. */
interface PopCoreClient {
  request(action: string, params: object): Promise<[Record<string, unknown>, PopCoreEntry | undefined]>
}
interface PopCoreEntry {
  response?: { statusCode?: number }
}
/** The constructor, typed for what the shipped typings leave out: `credentialsProvider` and `verbose`. */
type PopCoreConstructor = new (config: object, verbose: true) => PopCoreClient

async function connect(options: RpcOptions): Promise<PopCoreClient> {
  const Client = (await loadPopCore()).default as unknown as PopCoreConstructor
  const proxy = proxyFor(options.endpoint, options.env ?? process.env)
  // Without a proxy pop-core keeps its own keep-alive agent: a run makes several calls per endpoint.
  const agent: Agent | undefined = proxy ? await proxyAgent(proxy) : undefined
  const { accessKeyId, accessKeySecret, securityToken } = options.credentials
  const signing = accessKeyId
    ? { accessKeyId, accessKeySecret, securityToken }
    : // No key: pop-core then sends the call unsigned, which AssumeRoleWithOIDC requires.
      { credentialsProvider: { getCredentials: async () => ({}) } }
  return new Client(
    {
      endpoint: options.endpoint,
      apiVersion: API_VERSIONS[options.service],
      ...signing,
      opts: {
        // POST, always: with GET, pop-core's errors carry the signed URL, SecurityToken
        // included, and a 6,144-character policy does not fit in a URL anyway.
        method: 'POST',
        // pop-core's 3 s default is too short for CI runners; none at all would hang.
        timeout: options.retry.requestTimeoutMs,
        // Names are sent exactly as written, not re-cased.
        formatAction: false,
        formatParams: false,
        ...(agent ? { agent } : {}),
      },
    },
    // verbose: the reply comes with its HTTP status, which pop-core itself never checks.
    true,
  )
}

/**
 * Loads pop-core on first use, so a run that stops at its inputs never pays for it. Its HTTP
 * layer logs request bodies (SecurityToken included, percent-encoded, which the runner's
 * masking cannot recognise) when the DEBUG variable names it; those loggers read DEBUG once,
 * when loaded, so they are loaded with it unset.
 */
function loadPopCore(): Promise<{ default: unknown }> {
  popCore ??= (async () => {
    const saved = process.env.DEBUG
    delete process.env.DEBUG
    try {
      return await import('@alicloud/pop-core')
    } finally {
      if (saved !== undefined) process.env.DEBUG = saved
    }
  })()
  return popCore
}
let popCore: Promise<{ default: unknown }> | undefined

/** pop-core parses with json-bigint: null-prototype objects, and BigNumber past 2^53. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain)
  if (value === null || typeof value !== 'object') return value
  if ((value as { _isBigNumber?: boolean })._isBigNumber) return String(value)
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(Object.keys(value).map((k) => [k, plain((value as Record<string, unknown>)[k])]))
}
