/**
 * Eventual-consistency hooks handed to one request's handler: API writes are timestamped while a
 * visibility, attach or grant delay is configured, reads hide what is too recent, and AssumeRole refuses
 * while grants propagate. Delays are read live, so clearing them shows everything at once.
 */
import type { CustomPolicy } from '../domain/entities.js'
import type { RequestContext } from '../gateway/context.js'
import type { Consistency } from '../gateway/operation.js'
import type { FaultConfig, FaultKind } from './config.js'

/** When a write happened and how long it stays pending (its drawn delay), in monotonic ms. */
export interface Stamp {
  at: number
  delay: number
}

/** Writes made while a delay was configured, keyed by identity. */
export interface Pending {
  created: WeakMap<object, Stamp>
  attachable: WeakMap<object, Stamp>
  grants: WeakMap<object, Stamp>
  /** The default version reads keep showing, and since when. */
  defaults: WeakMap<CustomPolicy, { shown: string; stamp: Stamp }>
}

/** What the hooks read from the fault state: the live config, the write stamps, a clock, the stats. */
export interface ConsistencyDeps {
  config(): FaultConfig
  pending: Pending
  /** Monotonic milliseconds. */
  clock(): number
  /** One write's delay: `base`, or less with `delayJitter`, drawn from the seeded stream. */
  draw(base: number): number
  inject(ctx: RequestContext, kind: FaultKind): void
}

export function consistencyHooks(deps: ConsistencyDeps, ctx: RequestContext): Consistency {
  const { pending, clock } = deps
  const cfg = deps.config
  const marked = new Set<FaultKind>()
  const mark = (kind: FaultKind): void => {
    if (marked.has(kind)) return
    marked.add(kind)
    deps.inject(ctx, kind)
  }
  const stamp = (d: number | undefined): Stamp | undefined =>
    d !== undefined && d > 0 ? { at: clock(), delay: deps.draw(d) } : undefined
  // A delay cleared (or set to 0) since the write shows everything at once.
  const pendingNow = (s: Stamp | undefined, d: number | undefined): boolean =>
    s !== undefined && d !== undefined && d > 0 && clock() - s.at < s.delay
  const shownDefault = (policy: CustomPolicy): string | undefined => {
    const d = pending.defaults.get(policy)
    if (!d || !pendingNow(d.stamp, cfg().visibilityDelayMs)) return undefined
    return policy.versions.some((v) => v.versionId === d.shown) ? d.shown : undefined
  }
  const record = (map: WeakMap<object, Stamp>, thing: object, d: number | undefined): void => {
    const s = stamp(d)
    if (s) map.set(thing, s)
  }
  return {
    active: true,
    created(thing) {
      record(pending.created, thing, cfg().visibilityDelayMs)
      record(pending.attachable, thing, cfg().attachDelayMs)
    },
    grantsChanged(thing) {
      record(pending.grants, thing, cfg().grantDelayMs)
    },
    defaultChanged(policy, previous) {
      const s = stamp(cfg().visibilityDelayMs)
      if (s) pending.defaults.set(policy, { shown: shownDefault(policy) ?? previous, stamp: s })
      record(pending.grants, policy, cfg().grantDelayMs)
    },
    visible(thing) {
      if (!pendingNow(pending.created.get(thing), cfg().visibilityDelayMs)) return true
      mark('invisible')
      return false
    },
    attachable(thing) {
      if (!pendingNow(pending.attachable.get(thing), cfg().attachDelayMs)) return true
      mark('attachDelay')
      return false
    },
    visibleDefault(policy) {
      const shown = shownDefault(policy)
      if (shown === undefined || shown === policy.defaultVersion) return policy.defaultVersion
      mark('invisible')
      return shown
    },
    settled(thing) {
      if (!pendingNow(pending.grants.get(thing), cfg().grantDelayMs)) return true
      mark('grantDelay')
      return false
    },
  }
}
