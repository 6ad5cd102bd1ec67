// Sequential round trips, read from the emulator's call log: with a fixed injected latency L,
// calls that went out together arrive within a few milliseconds of each other, and a call that
// had to wait for an answer arrives at least L after the call it waited for. So calls are
// grouped by arrival, a new group starting L/2 or more after the current one began; the number
// of groups is the number of round trips, counted by dependency level rather than wall time,
// which a loaded machine stretches.

/** A call as the emulator logs it: `time` is when it arrived (ISO 8601, milliseconds). */
export interface LoggedCall {
  time: string
  service: string
  action: string
}

/** The calls grouped into sequential round trips, in order; each group lists `service:Action`. */
export function roundTrips(calls: readonly LoggedCall[], latencyMs: number): string[][] {
  const sorted = [...calls].sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
  const rounds: string[][] = []
  let began = Number.NEGATIVE_INFINITY
  for (const call of sorted) {
    const at = Date.parse(call.time)
    if (at - began >= latencyMs / 2) {
      rounds.push([])
      began = at
    }
    rounds.at(-1)!.push(`${call.service}:${call.action}`)
  }
  return rounds
}
