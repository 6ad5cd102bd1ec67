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
import { parseRoleArn } from './arn.js'
import { ApiError, entityError, gateway, NO_PERMISSION_MESSAGE, statusFor } from './errors.js'
import { type IdGenerator, sfc32 } from './ids.js'
import type { Consistency } from './operation.js'
import { DropConnection, RawReply, type RequestContext, type RequestStage } from './server.js'
import type { CustomPolicy } from './state.js'

export interface ForcedFault {
  /** Match this action only (exact, e.g. `CreateRole`). */
  action?: string
  /** Match requests naming this entity (RoleName, UserName, PolicyName, or RoleArn's role; case-insensitive). */
  entity?: string
  code: string
  /** Default: the code's usual status (400 for unknown codes). */
  status?: number
  message?: string
  /** How many times to fire; default: always. */
  times?: number
}

export interface FaultConfig {
  /** PRNG seed for every probabilistic fault; default: the emulator's seed, else random. */
  seed?: number
  /** Probability per request of 400 Throttling.User. */
  throttleRate?: number
  /** Probability per request of a server fault: 503 ServiceUnavailable, 500 InternalError or 502 HTML, evenly. */
  serverErrorRate?: number
  /** Probability per request of destroying the socket unanswered, before the handler runs. */
  resetRate?: number
  /** Probability per request of destroying the socket unanswered, after the handler ran. */
  resetAfterRate?: number
  /** Delay before each request is handled: fixed, or uniform in [min, max]. */
  latencyMs?: number | { min: number; max: number }
  /** Requests per second per account and service (token bucket, burst = qps); excess → Throttling.User. */
  qps?: number
  /** New users, roles, custom policies, policy versions and attachments are invisible to reads this long. */
  visibilityDelayMs?: number
  /** AssumeRole answers NoPermission this long after the role's or the caller's grants changed. */
  grantDelayMs?: number
  forced?: ForcedFault[]
  /** AccessKeySecrets and SecurityTokens issued from now on start with '-' and contain '+', '/', '='. */
  hostileSecrets?: boolean
}

export const FAULT_KINDS = [
  'throttle',
  'serverError',
  'reset',
  'resetAfter',
  'qps',
  'invisible',
  'grantDelay',
  'forced',
  'latency',
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export const THROTTLE_MESSAGE = 'Request was denied due to user flow control.'
const UNAVAILABLE_MESSAGE = 'The request has failed due to a temporary failure of the server.'
const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n'

const throttled = (): ApiError => new ApiError('Throttling.User', THROTTLE_MESSAGE, 400)

// ---- validation -----------------------------------------------------------------------------------

const bad = (message: string): ApiError => new ApiError('InvalidArgument', message, 400)

function num(v: unknown, name: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw bad(`"${name}" must be a number in [${min}, ${max === Number.POSITIVE_INFINITY ? '∞' : max}].`)
  }
  return v
}

const optString = (v: unknown, name: string): string | undefined => {
  if (v === undefined) return undefined
  if (typeof v !== 'string' || v === '') throw bad(`"${name}" must be a non-empty string.`)
  return v
}

/** Check a config (from code, JSON or the CLI) and return a normalized copy; throws InvalidArgument. */
export function validateFaultConfig(input: unknown): FaultConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw bad('The fault config must be a JSON object.')
  }
  const c = input as Record<string, unknown>
  const known = new Set([
    'seed',
    'throttleRate',
    'serverErrorRate',
    'resetRate',
    'resetAfterRate',
    'latencyMs',
    'qps',
    'visibilityDelayMs',
    'grantDelayMs',
    'forced',
    'hostileSecrets',
  ])
  for (const k of Object.keys(c)) if (!known.has(k)) throw bad(`Unknown fault setting "${k}".`)
  const out: FaultConfig = {}
  if (c.seed !== undefined) {
    if (!Number.isSafeInteger(c.seed)) throw bad('"seed" must be an integer.')
    out.seed = c.seed as number
  }
  for (const k of ['throttleRate', 'serverErrorRate', 'resetRate', 'resetAfterRate'] as const) {
    if (c[k] !== undefined) out[k] = num(c[k], k, 0, 1)
  }
  if (c.latencyMs !== undefined) {
    const l = c.latencyMs
    if (typeof l === 'object' && l !== null && !Array.isArray(l)) {
      const { min, max } = l as Record<string, unknown>
      const lo = num(min, 'latencyMs.min', 0)
      out.latencyMs = { min: lo, max: num(max, 'latencyMs.max', lo) }
    } else {
      out.latencyMs = num(l, 'latencyMs', 0)
    }
  }
  if (c.qps !== undefined) {
    out.qps = num(c.qps, 'qps', 0)
    if (out.qps === 0) throw bad('"qps" must be greater than 0.')
  }
  for (const k of ['visibilityDelayMs', 'grantDelayMs'] as const) {
    if (c[k] !== undefined) out[k] = num(c[k], k, 0)
  }
  if (c.forced !== undefined) {
    if (!Array.isArray(c.forced)) throw bad('"forced" must be an array.')
    out.forced = c.forced.map((f: unknown, i): ForcedFault => {
      if (typeof f !== 'object' || f === null) throw bad(`"forced[${i}]" must be an object.`)
      const r = f as Record<string, unknown>
      for (const k of Object.keys(r)) {
        if (!['action', 'entity', 'code', 'status', 'message', 'times'].includes(k)) {
          throw bad(`Unknown setting "forced[${i}].${k}".`)
        }
      }
      const rule: ForcedFault = { code: optString(r.code, `forced[${i}].code`) ?? '' }
      if (rule.code === '') throw bad(`"forced[${i}].code" is required.`)
      const action = optString(r.action, `forced[${i}].action`)
      const entity = optString(r.entity, `forced[${i}].entity`)
      const message = optString(r.message, `forced[${i}].message`)
      if (action !== undefined) rule.action = action
      if (entity !== undefined) rule.entity = entity
      if (message !== undefined) rule.message = message
      if (r.status !== undefined) {
        if (!Number.isInteger(r.status) || (r.status as number) < 400 || (r.status as number) > 599) {
          throw bad(`"forced[${i}].status" must be an HTTP error status (400-599).`)
        }
        rule.status = r.status as number
      }
      if (r.times !== undefined) {
        if (!Number.isInteger(r.times) || (r.times as number) < 1) {
          throw bad(`"forced[${i}].times" must be a positive integer.`)
        }
        rule.times = r.times as number
      }
      return rule
    })
  }
  if (c.hostileSecrets !== undefined) {
    if (typeof c.hostileSecrets !== 'boolean') throw bad('"hostileSecrets" must be a boolean.')
    out.hostileSecrets = c.hostileSecrets
  }
  return out
}

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

/** Monotonic write times (ms) of things written while a delay was configured, keyed by identity. */
interface Pending {
  created: WeakMap<object, number>
  grants: WeakMap<object, number>
  /** The default version reads keep showing, and since when. */
  defaults: WeakMap<CustomPolicy, { shown: string; at: number }>
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

export class Faults {
  private cfg: FaultConfig = {}
  private random: () => number = Math.random
  /** Latency has its own stream, so adding latency does not change which requests fail. */
  private latencyRandom: () => number = Math.random
  private counts = zeroCounts()
  private forcedLeft: number[] = []
  /** `<accountId>:<service>` → token bucket. */
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly pending: Pending = {
    created: new WeakMap(),
    grants: new WeakMap(),
    defaults: new WeakMap(),
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
    if (cfg.visibilityDelayMs || cfg.grantDelayMs) ctx.consistency = this.consistency(ctx)
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

  /** Per-request eventual-consistency hooks; delays are read live, so clearing them shows everything. */
  private consistency(ctx: RequestContext): Consistency {
    const { pending, clock } = this
    const visibility = (): number => this.cfg.visibilityDelayMs ?? 0
    const grant = (): number => this.cfg.grantDelayMs ?? 0
    const marked = new Set<FaultKind>()
    const mark = (kind: FaultKind): void => {
      if (marked.has(kind)) return
      marked.add(kind)
      this.inject(ctx, kind)
    }
    const recent = (at: number | undefined, delay: number): boolean =>
      at !== undefined && clock() - at < delay
    const shownDefault = (policy: CustomPolicy): string | undefined => {
      const d = pending.defaults.get(policy)
      if (!d || !recent(d.at, visibility())) return undefined
      return policy.versions.some((v) => v.versionId === d.shown) ? d.shown : undefined
    }
    return {
      active: true,
      created(thing) {
        if (visibility() > 0) pending.created.set(thing, clock())
      },
      grantsChanged(thing) {
        if (grant() > 0) pending.grants.set(thing, clock())
      },
      defaultChanged(policy, previous) {
        if (visibility() > 0)
          pending.defaults.set(policy, { shown: shownDefault(policy) ?? previous, at: clock() })
        if (grant() > 0) pending.grants.set(policy, clock())
      },
      visible(thing) {
        if (!recent(pending.created.get(thing), visibility())) return true
        mark('invisible')
        return false
      },
      visibleDefault(policy) {
        const shown = shownDefault(policy)
        if (shown === undefined || shown === policy.defaultVersion) return policy.defaultVersion
        mark('invisible')
        return shown
      },
      settled(thing) {
        if (!recent(pending.grants.get(thing), grant())) return true
        mark('grantDelay')
        return false
      },
    }
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
