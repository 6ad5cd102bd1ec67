/**
 * Fault injection: seeded, reproducible faults and eventual consistency, configured through
 * `EmulatorControl.setFaults` (or `/__emulator/faults`, or the CLI flags) and injected by one
 * pipeline stage between authentication and dispatch (server.ts). See README "Faults".
 *
 * Per request, in this order:
 *   1. decide (synchronously, on arrival): every probabilistic draw is made here, a fixed number
 *      per request for a given config (throttle, server error + its kind, reset, reset-after; the
 *      latency range from a second stream), so the same seed and the same arrival order give the
 *      same faults whatever the timing or latency; the QPS bucket and forced rules are consulted
 *      here too;
 *   2. wait `latencyMs`;
 *   3. apply the first that fired: qps → forced → throttle → serverError → reset; or flag
 *      resetAfter (the handler runs, its writes commit, the socket is destroyed unanswered);
 *   4. hand the handler its consistency hooks (operation.ts `Consistency`) when a visibility or
 *      grant delay is configured: API writes are timestamped, reads hide what is too recent, and
 *      AssumeRole refuses while grants propagate.
 *
 * The control surface never passes through here, and its writes are never delayed.
 */

import { randomInt } from 'node:crypto'
import { parseRoleArn } from '../domain/arn.js'
import { ApiError, entityError, gateway, NO_PERMISSION_MESSAGE, statusFor } from '../domain/errors.js'
import { type IdGenerator, sfc32 } from '../domain/ids.js'
import { DropConnection, RawReply, type RequestContext, type RequestStage } from '../gateway/context.js'
import {
  BAD_GATEWAY_HTML,
  FAULT_KINDS,
  type FaultConfig,
  type FaultKind,
  type ForcedFault,
  THROTTLE_MESSAGE,
  throttled,
  UNAVAILABLE_MESSAGE,
  validateFaultConfig,
} from './config.js'
import { type ConsistencyDeps, consistencyHooks, type Pending } from './consistency.js'

// ---- the fault state and stage ----------------------------------------------------------------------

/** What one request will suffer, decided on arrival. */
interface Decision {
  latency: number
  qps: boolean
  forced?: ForcedFault
  throttle: boolean
  serverError?: 0 | 1 | 2
  reset: boolean
  resetAfter: boolean
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

export class Faults {
  private cfg: FaultConfig = {}
  private random: () => number = Math.random
  /** Latency has its own stream, so adding latency does not change which requests fail. */
  private latencyRandom: () => number = Math.random
  /** Propagation delays have a third stream, so drawing them does not shift the other faults. */
  private delayRandom: () => number = Math.random
  private counts = zeroCounts()
  private forcedLeft: number[] = []
  /** `<accountId>:<service>` → token bucket. */
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly pending: Pending = {
    created: new WeakMap(),
    attachable: new WeakMap(),
    grants: new WeakMap(),
    defaults: new WeakMap(),
  }

  /** What the consistency hooks (consistency.ts) read of this state. */
  private readonly hooks: ConsistencyDeps = {
    config: () => this.cfg,
    pending: this.pending,
    clock: () => this.clock(),
    draw: (base) => base * (1 - (this.cfg.delayJitter ?? 0) * this.delayRandom()),
    inject: (ctx, kind) => this.inject(ctx, kind),
  }

  constructor(
    private readonly ids: IdGenerator,
    private readonly defaultSeed?: number,
    /** Monotonic milliseconds (latency, buckets and delays are real time, not the emulator clock). */
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.set({})
  }

  /** Replace the whole config; resets the PRNG, the buckets, forced-rule counters and the stats. */
  set(config: FaultConfig): void {
    this.cfg = validateFaultConfig(config)
    const seed = this.cfg.seed ?? this.defaultSeed ?? randomInt(2 ** 31)
    const next = sfc32(seed)
    const nextLatency = sfc32(seed ^ 0x5bd1e995)
    this.random = () => next() / 0x100000000
    this.latencyRandom = () => nextLatency() / 0x100000000
    const nextDelay = sfc32(seed ^ 0x2545f491)
    this.delayRandom = () => nextDelay() / 0x100000000
    this.counts = zeroCounts()
    this.forcedLeft = (this.cfg.forced ?? []).map((f) => f.times ?? Number.POSITIVE_INFINITY)
    this.buckets.clear()
    this.ids.hostileSecrets = this.cfg.hostileSecrets === true
  }

  clear(): void {
    this.set({})
  }

  config(): FaultConfig {
    return structuredClone(this.cfg)
  }

  stats(): Record<string, number> {
    return { ...this.counts }
  }

  /** The pipeline stage (server.ts `RequestStage`). */
  readonly stage: RequestStage = async (ctx) => {
    const cfg = this.cfg
    const d = this.decide(ctx)
    if (cfg.visibilityDelayMs || cfg.attachDelayMs || cfg.grantDelayMs)
      ctx.consistency = consistencyHooks(this.hooks, ctx)
    if (d.latency > 0) {
      this.inject(ctx, 'latency')
      await sleep(d.latency)
    }
    if (d.qps) {
      this.inject(ctx, 'qps')
      throw throttled()
    }
    if (d.forced) {
      this.inject(ctx, 'forced')
      const { code, status, message } = d.forced
      throw new ApiError(code, message ?? defaultMessage(code, ctx), status ?? statusFor(code))
    }
    if (d.throttle) {
      this.inject(ctx, 'throttle')
      throw throttled()
    }
    if (d.serverError !== undefined) {
      this.inject(ctx, 'serverError')
      if (d.serverError === 0) throw new ApiError('ServiceUnavailable', UNAVAILABLE_MESSAGE, 503)
      if (d.serverError === 1) throw gateway.internal(ctx.service.name === 'sts')
      throw new RawReply(502, 'text/html', BAD_GATEWAY_HTML)
    }
    if (d.reset) {
      this.inject(ctx, 'reset')
      throw new DropConnection()
    }
    if (d.resetAfter) {
      this.inject(ctx, 'resetAfter')
      ctx.dropReply = true
    }
  }

  private decide(ctx: RequestContext): Decision {
    const cfg = this.cfg
    // Random draws first, their number fixed by the config alone.
    const chance = (rate: number | undefined): boolean =>
      rate !== undefined && rate > 0 && this.random() < rate
    const l = cfg.latencyMs
    const latency =
      l === undefined ? 0 : typeof l === 'number' ? l : l.min + this.latencyRandom() * (l.max - l.min)
    const throttle = chance(cfg.throttleRate)
    const serverError = chance(cfg.serverErrorRate)
    const drawn = cfg.serverErrorRate ? (Math.floor(this.random() * 3) as 0 | 1 | 2) : undefined
    const kind = serverError ? drawn : undefined
    const reset = chance(cfg.resetRate)
    const resetAfter = chance(cfg.resetAfterRate)
    const qps = cfg.qps !== undefined && !this.takeToken(ctx, cfg.qps)
    return {
      latency,
      qps,
      forced: qps ? undefined : this.takeForced(ctx),
      throttle,
      serverError: kind,
      reset,
      resetAfter,
    }
  }

  private takeToken(ctx: RequestContext, qps: number): boolean {
    const key = `${ctx.identity?.account.accountId ?? '-'}:${ctx.service.name}`
    const now = this.clock()
    const burst = Math.max(qps, 1)
    const b = this.buckets.get(key) ?? { tokens: burst, at: now }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * qps)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }

  private takeForced(ctx: RequestContext): ForcedFault | undefined {
    const rules = this.cfg.forced
    if (!rules) return undefined
    const p = ctx.http.params
    const names = [p.RoleName, p.UserName, p.PolicyName, p.RoleArn && parseRoleArn(p.RoleArn)?.roleName]
      .filter((n): n is string => typeof n === 'string' && n !== '')
      .map((n) => n.toLowerCase())
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!
      if (this.forcedLeft[i]! <= 0) continue
      if (r.action !== undefined && r.action !== ctx.action) continue
      if (r.entity !== undefined && !names.includes(r.entity.toLowerCase())) continue
      this.forcedLeft[i]!--
      return r
    }
    return undefined
  }

  /** Count a fault and name it on the request (the first one other than latency wins). */
  private inject(ctx: RequestContext, kind: FaultKind): void {
    this.counts[kind]++
    if (ctx.fault === undefined || ctx.fault === 'latency') ctx.fault = kind
  }
}

function zeroCounts(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>
}

/** The usual message of a forced code. */
function defaultMessage(code: string, ctx: RequestContext): string {
  if (/Throttling/.test(code)) return THROTTLE_MESSAGE
  if (code === 'ServiceUnavailable') return UNAVAILABLE_MESSAGE
  if (code === 'InternalError') return gateway.internal(ctx.service.name === 'sts').message
  if (code === 'NoPermission') return NO_PERMISSION_MESSAGE
  const known = entityError(code).message
  return known !== code ? known : `Injected fault: ${code}.`
}
