/**
 * Pacing for every RAM call of a run: a rate in requests per second, learnt from the answers,
 * and a cap on requests in flight. The API's rate limit is not published per action and is
 * shared with every other job and person on the account, so it is discovered, not configured:
 *
 * - While requests are waiting on the rate, it grows with elapsed time (doubling each second
 *   until the first throttling, then 5 % a second), not with each answer, so a short latency
 *   does not make it probe faster than a long one.
 * - On throttling it drops to just under the rate the API accepted over the last second (or
 *   over its last 16 accepted requests, if that is longer): the API's answer to "how fast may
 *   I go", measured rather than guessed. That second is busy time, when requests were in flight
 *   or waiting: while the run was reading a page or backing off, nothing was asked of the API,
 *   and counting that time would make a limit look lower than it is. With nothing accepted
 *   yet there is nothing to measure, and it halves.
 * - Answers to requests sent before the last drop say nothing about the new rate, so they do
 *   not drop it again.
 */
import { setTimeout as delay } from 'node:timers/promises'

/** The outcome of one request, as far as pacing is concerned. */
export type Outcome = 'ok' | 'throttled' | 'failed'

/** Leave to send one request; release it exactly once, with the answer's outcome. */
export interface Permit {
  release(outcome: Outcome): void
}

/** Anything that paces requests: `createRpc` takes one, tests can pass their own. */
export interface Pacing {
  /** Resolves when the request may go. */
  acquire(): Promise<Permit>
}

/** Where the pacer starts and the bounds it stays in. */
export interface PacerOptions {
  /** Requests per second before anything is known. */
  initialRate: number
  minRate: number
  maxRate: number
  /** How many requests may go at once after a pause: enough for a run's reads. */
  burst: number
  maxInFlight: number
  /** Monotonic milliseconds. */
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/** Over this much recent time the accepted rate is measured. */
const WINDOW_MS = 1000
/** At least this many accepted requests make a measurement, however long they took. */
const MIN_SAMPLES = 16
/** On throttling, the new rate is this share of the accepted one: just under it. */
const BELOW_ACCEPTED = 0.95
/** Growth per second of waiting, as a rate exponent: until the first throttling, then after. */
const SLOW_START_GROWTH = Math.LN2
const PROBE_GROWTH = 0.05

/** Paces requests at a learnt rate; see the module comment. */
export class Pacer implements Pacing {
  private rate: number
  private tokens: number
  private inFlight = 0
  private readonly waiting: ((permit: Permit) => void)[] = []
  /** Milliseconds during which a request was in flight or waiting: the clock rates are measured on. */
  private busy = 0
  /** Busy-clock times at which requests were accepted, oldest first, from acceptedHead on. */
  private readonly accepted: number[] = []
  private acceptedHead = 0
  private updatedAt: number
  /** When the rate last dropped; Number.NEGATIVE_INFINITY before the first throttling. */
  private droppedAt = Number.NEGATIVE_INFINITY
  /** True while requests wait on the rate itself (not on the in-flight cap): only then grow. */
  private rateBound = false
  private wakeArmed = false
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? (() => performance.now())
    this.sleep = options.sleep ?? delay
    this.rate = options.initialRate
    this.tokens = options.burst
    this.updatedAt = this.now()
  }

  /** The current rate, in requests per second. */
  get requestsPerSecond(): number {
    return this.rate
  }

  acquire(): Promise<Permit> {
    return new Promise((resolve) => {
      this.advance(this.now())
      this.waiting.push(resolve)
      this.pump()
    })
  }

  private permit(): Permit {
    const sentAt = this.now()
    let released = false
    return {
      release: (outcome) => {
        if (released) return
        released = true
        this.settle(sentAt, outcome)
      },
    }
  }

  private settle(sentAt: number, outcome: Outcome): void {
    const now = this.now()
    this.advance(now)
    this.inFlight--
    if (outcome === 'ok') this.accepted.push(this.busy)
    if (outcome === 'throttled' && sentAt > this.droppedAt) {
      // Nothing accepted yet is no measurement (a first burst can be answered "throttled"
      // before "ok"): then halve, as a congestion window would.
      const accepted = this.acceptedRate()
      this.rate = this.clamp(accepted > 0 ? BELOW_ACCEPTED * Math.min(this.rate, accepted) : this.rate / 2)
      // No saved-up burst right after the API said "slower".
      this.tokens = Math.min(this.tokens, 0)
      this.droppedAt = now
    }
    this.pump()
  }

  /**
   * Requests per second the API accepted over the last WINDOW_MS of busy time, or over the
   * last MIN_SAMPLES accepted requests when that window holds fewer (a slow limit, where one
   * second's count would be mostly noise).
   */
  private acceptedRate(): number {
    const recent = this.accepted
    const windowStart = this.busy - WINDOW_MS
    // Forget what is older than the window, but always keep the last MIN_SAMPLES.
    let head = this.acceptedHead
    while (recent.length - head > MIN_SAMPLES && recent[head]! <= windowStart) head++
    if (head > 1024) {
      recent.splice(0, head)
      head = 0
    }
    this.acceptedHead = head
    const count = recent.length - head
    // The window, stretched back to the oldest sample kept when fewer fell within it.
    const since = Math.max(0, Math.min(windowStart, count > 0 ? recent[head]! : this.busy))
    return this.busy > since ? (count * 1000) / (this.busy - since) : this.rate
  }

  /** Brings the busy clock, the rate and the tokens up to `now`; call before any change of state. */
  private advance(now: number): void {
    const dt = now - this.updatedAt
    if (dt <= 0) return
    this.updatedAt = now
    if (this.inFlight > 0 || this.waiting.length > 0) this.busy += dt
    if (this.rateBound) {
      const growth = this.droppedAt === Number.NEGATIVE_INFINITY ? SLOW_START_GROWTH : PROBE_GROWTH
      this.rate = this.clamp(this.rate * Math.exp((growth * dt) / 1000))
    }
    this.tokens = Math.min(this.options.burst, this.tokens + (this.rate * dt) / 1000)
  }

  /** Sends what the tokens and the cap allow, and wakes up when the next token is due. */
  private pump(): void {
    this.advance(this.now())
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight && this.tokens >= 1) {
      this.tokens--
      this.inFlight++
      this.waiting.shift()!(this.permit())
    }
    this.rateBound = this.waiting.length > 0 && this.inFlight < this.options.maxInFlight
    if (this.rateBound && !this.wakeArmed) {
      this.wakeArmed = true
      const ms = ((1 - this.tokens) * 1000) / this.rate
      void this.sleep(Math.max(1, ms)).then(() => {
        this.wakeArmed = false
        this.pump()
      })
    }
  }

  private clamp(rate: number): number {
    return Math.min(this.options.maxRate, Math.max(this.options.minRate, rate))
  }
}
