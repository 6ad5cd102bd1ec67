/** Fault settings: their shape and their validation (out-of-range values are refused, never clamped). */
import { ApiError } from '../domain/errors.js'

/** A forced error: which requests it matches, what it answers, how many times. */
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

/** A delay in ms: fixed, or uniform in [min, max] (drawn from the seeded fault PRNG). */
export type Delay = number | { min: number; max: number }

/** Every fault knob (README "Faults"); an empty config injects nothing. */
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
  latencyMs?: Delay
  /** Requests per second per account and service (token bucket, burst = qps); excess → Throttling.User. */
  qps?: number
  /**
   * New users, roles, custom policies, policy versions and attachments are invisible to reads
   * (gets and lists) this long (less, per write, with `delayJitter`).
   */
  visibilityDelayMs?: number
  /**
   * New users, roles and custom policies are not found by the attach and detach actions this
   * long (EntityNotExist.*): fixed, or drawn per write from [min, max].
   */
  attachDelayMs?: number
  /**
   * AssumeRole answers NoPermission this long after the role's or the caller's grants changed
   * (less, per write, with `delayJitter`).
   */
  grantDelayMs?: number
  /**
   * In [0, 1]: each write's propagation delay is drawn (with the fault seed) from
   * [delay × (1 − delayJitter), delay] rather than being the delay itself. Default 0.
   */
  delayJitter?: number
  forced?: ForcedFault[]
  /** AccessKeySecrets and SecurityTokens issued from now on start with '-' and contain '+', '/', '='. */
  hostileSecrets?: boolean
}

/** The kinds of fault counted by faultStats and named in a call record's `fault`. */
export const FAULT_KINDS = [
  'throttle',
  'serverError',
  'reset',
  'resetAfter',
  'qps',
  'invisible',
  'attachDelay',
  'grantDelay',
  'forced',
  'latency',
] as const
/** One of FAULT_KINDS. */
export type FaultKind = (typeof FAULT_KINDS)[number]

export const THROTTLE_MESSAGE = 'Request was denied due to user flow control.'
export const UNAVAILABLE_MESSAGE = 'The request has failed due to a temporary failure of the server.'
export const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n'

export const throttled = (): ApiError => new ApiError('Throttling.User', THROTTLE_MESSAGE, 400)

// ---- validation -----------------------------------------------------------------------------------

const bad = (message: string): ApiError => new ApiError('InvalidArgument', message, 400)

/**
 * Upper bounds of the time settings, in ms. Timers silently turn anything past 2^31-1 ms into 1 ms,
 * so an unchecked huge latency would mean none at all; these keep every setting honest.
 */
export const MAX_LATENCY_MS = 60_000
export const MAX_DELAY_MS = 3_600_000
export const MAX_QPS = 1_000_000

function num(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw bad(`"${name}" must be a number in [${min}, ${max}], got ${JSON.stringify(v)}.`)
  }
  return v
}

/** A fixed delay or a `{min, max}` range, each bound in [0, max]. */
function delay(v: unknown, name: string, max: number): Delay {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return num(v, name, 0, max)
  for (const k of Object.keys(v)) if (k !== 'min' && k !== 'max') throw bad(`Unknown setting "${name}.${k}".`)
  const r = v as Record<string, unknown>
  const lo = num(r.min, `${name}.min`, 0, max)
  return { min: lo, max: num(r.max, `${name}.max`, lo, max) }
}

/** The upper bound of a delay setting (0 when unset). */
export const delayBound = (d: Delay | undefined): number =>
  d === undefined ? 0 : typeof d === 'number' ? d : d.max

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
    'attachDelayMs',
    'grantDelayMs',
    'delayJitter',
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
  if (c.latencyMs !== undefined) out.latencyMs = delay(c.latencyMs, 'latencyMs', MAX_LATENCY_MS)
  if (c.qps !== undefined) {
    out.qps = num(c.qps, 'qps', 0, MAX_QPS)
    if (out.qps === 0) throw bad('"qps" must be greater than 0.')
  }
  for (const k of ['visibilityDelayMs', 'attachDelayMs', 'grantDelayMs'] as const) {
    if (c[k] !== undefined) out[k] = num(c[k], k, 0, MAX_DELAY_MS)
  }
  if (c.delayJitter !== undefined) out.delayJitter = num(c.delayJitter, 'delayJitter', 0, 1)
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
