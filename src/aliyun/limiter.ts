/**
 * How many requests one client keeps in flight, adapted to throttling (AIMD, as TCP does):
 * each success widens the window by about one request per window's worth of successes; a
 * throttled answer narrows it by 30 %, at most once per window, so one burst of throttling
 * counts once. The API's rate limit is not published per action, so it is discovered, not
 * configured: the window settles just above what the limit allows.
 */
export interface LimiterOptions {
  initial: number
  min: number
  max: number
}

/** The outcome of one request, as far as pacing is concerned. */
export type Outcome = 'ok' | 'throttled' | 'failed'

export class AdaptiveLimiter {
  private window: number
  private inFlight = 0
  private readonly waiting: (() => void)[] = []
  private completedSinceCut = Number.POSITIVE_INFINITY
  /** The largest number of requests that were ever in flight at once. */
  peak = 0

  constructor(private readonly options: LimiterOptions) {
    this.window = options.initial
  }

  /** The current window, in requests. */
  get limit(): number {
    return Math.max(this.options.min, Math.floor(this.window))
  }

  /** Waits for a free slot. Every acquire must be followed by exactly one release. */
  async acquire(): Promise<void> {
    if (this.inFlight < this.limit && this.waiting.length === 0) return this.take()
    // The releasing caller hands its slot over (see release), so nothing is counted here.
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(outcome: Outcome): void {
    this.inFlight--
    this.completedSinceCut++
    if (outcome === 'ok') {
      this.window = Math.min(this.options.max, this.window + 1 / this.window)
    } else if (outcome === 'throttled' && this.completedSinceCut >= this.limit) {
      this.window = Math.max(this.options.min, this.window * 0.7)
      this.completedSinceCut = 0
    }
    while (this.waiting.length > 0 && this.inFlight < this.limit) {
      this.take()
      this.waiting.shift()!()
    }
  }

  private take(): void {
    this.inFlight++
    this.peak = Math.max(this.peak, this.inFlight)
  }
}
