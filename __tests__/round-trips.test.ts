import { describe, expect, it } from '@jest/globals'
import { roundTrips } from '../scripts/round-trips.js'

/** Calls arriving `ms` after a fixed instant. */
const at = (...calls: [number, string][]) =>
  calls.map(([ms, action]) => ({
    time: new Date(Date.UTC(2026, 0, 1) + ms).toISOString(),
    service: 'ram',
    action,
  }))

describe('roundTrips()', () => {
  it.each<[string, ReturnType<typeof at>, string[][]]>([
    ['nothing', [], []],
    [
      'calls arriving together are one round, the ones after an answer the next',
      at([0, 'A'], [3, 'B'], [204, 'C'], [207, 'D'], [420, 'E']),
      [['ram:A', 'ram:B'], ['ram:C', 'ram:D'], ['ram:E']],
    ],
    ['arrival order, not log order', at([205, 'C'], [1, 'A']), [['ram:A'], ['ram:C']]],
    [
      'a straggler within half the latency of its round still belongs to it',
      at([0, 'A'], [99, 'B'], [230, 'C']),
      [['ram:A', 'ram:B'], ['ram:C']],
    ],
    [
      'a slow machine that stretches the wait between rounds adds no round',
      at([0, 'A'], [900, 'B']),
      [['ram:A'], ['ram:B']],
    ],
  ])('%s', (_reason, calls, rounds) => {
    expect(roundTrips(calls, 200)).toEqual(rounds)
  })
})
