/**
 * Eventual-consistency hooks handed to one request's handler: API writes are timestamped while a
 * visibility or grant delay is configured, reads hide what is too recent, and AssumeRole refuses
 * while grants propagate. Delays are read live, so clearing them shows everything at once.
 */
import type { CustomPolicy } from '../domain/entities.js'
import type { RequestContext } from '../gateway/context.js'
import type { Consistency } from '../gateway/operation.js'
import type { FaultConfig, FaultKind } from './config.js'

/** Monotonic write times (ms) of things written while a delay was configured, keyed by identity. */
export interface Pending {
  created: WeakMap<object, number>
  grants: WeakMap<object, number>
  /** The default version reads keep showing, and since when. */
  defaults: WeakMap<CustomPolicy, { shown: string; at: number }>
}

/** What the hooks read from the fault state: the live config, the write times, a clock, the stats. */
export interface ConsistencyDeps {
  config(): FaultConfig
  pending: Pending
  /** Monotonic milliseconds. */
  clock(): number
  inject(ctx: RequestContext, kind: FaultKind): void
}

export function consistencyHooks(deps: ConsistencyDeps, ctx: RequestContext): Consistency {
  const { pending, clock } = deps
  const visibility = (): number => deps.config().visibilityDelayMs ?? 0
  const grant = (): number => deps.config().grantDelayMs ?? 0
  const marked = new Set<FaultKind>()
  const mark = (kind: FaultKind): void => {
    if (marked.has(kind)) return
    marked.add(kind)
    deps.inject(ctx, kind)
  }
  const recent = (at: number | undefined, delay: number): boolean => at !== undefined && clock() - at < delay
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
