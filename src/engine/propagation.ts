/**
 * When waiting for RAM makes sense. RAM is eventually consistent: for some seconds after a role,
 * its trust policy or a grant changes, STS can still answer as if it had not. RAM's own dates
 * say when those last changed; a refusal long after that is a real misconfiguration, and fails
 * at once.
 */
import { type Actual, type Change, type Desired, policyKey } from '../model.js'
import { policy, principal } from './dependencies.js'

/**
 * How long after a change STS may still refuse because of it. Long enough for what RAM takes in
 * practice (seconds), short enough that a role that is really misconfigured fails within 30 s.
 */
export const GRANT_PROPAGATION_WINDOW_MS = 25_000
/** How long a write may keep meeting EntityNotExist for an entity this run just created. */
export const ENTITY_VISIBILITY_WINDOW_MS = 60_000
/**
 * How long assume mode waits on a refusal. It reads nothing from RAM, so it cannot know when
 * the role last changed; an apply step just before it is the common case, and a role that is
 * really misconfigured still fails well within 30 s.
 */
export const BLIND_WINDOW_MS = 20_000

/**
 * The most recent moment RAM shows for what AssumeRole depends on: the role's creation and last
 * update (its trust), and, when the sub-account assumes, the attachment and the default version
 * of its assume policy. Undefined when RAM shows none of them.
 */
export function lastAccessChange(
  desired: Desired,
  actual: Actual,
  viaSubAccount: boolean,
): number | undefined {
  const dates = [actual.role?.createDate, actual.role?.updateDate]
  if (viaSubAccount && desired.user) {
    const assumePolicy = desired.user.policies[0]
    const attached = assumePolicy && actual.userPolicies.find((p) => policyKey(p) === policyKey(assumePolicy))
    dates.push(attached?.attachDate, actual.user?.createDate)
    const versions = assumePolicy
      ? actual.customPolicies.get(assumePolicy.name.toLowerCase())?.versions
      : undefined
    dates.push(versions?.find((v) => v.isDefault)?.createDate)
  }
  const times = dates.map((d) => (d ? Date.parse(d) : Number.NaN)).filter((t) => Number.isFinite(t))
  return times.length > 0 ? Math.max(...times) : undefined
}

/**
 * Which changes need something that RAM's dates show was created within `windowMs`: by another
 * run, most likely (this run's own creates are known to apply). An attach right after such a
 * create can still be told the entity does not exist, so the wait is worth it there too.
 */
export function laggingChanges(actual: Actual, now: number, windowMs: number): (change: Change) => boolean {
  const recent = (date: string | undefined) => {
    const t = date ? Date.parse(date) : Number.NaN
    return Number.isFinite(t) && now - t < windowMs
  }
  const fresh = new Set<string>()
  if (actual.role && recent(actual.role.createDate))
    fresh.add(principal({ type: 'role', name: actual.role.name }))
  if (actual.user && recent(actual.user.createDate))
    fresh.add(principal({ type: 'user', name: actual.user.name }))
  for (const [name, observed] of actual.customPolicies) {
    const first = observed?.versions.reduce<string | undefined>(
      (a, v) => (!a || v.createDate < a ? v.createDate : a),
      undefined,
    )
    if (recent(first)) fresh.add(policy(name))
  }
  return (change) => {
    if (change.kind !== 'attach-policy' && change.kind !== 'detach-policy') return false
    const needs = [principal(change.principal)]
    if (change.policy.type === 'Custom') needs.push(policy(change.policy.name))
    return needs.some((key) => fresh.has(key))
  }
}
