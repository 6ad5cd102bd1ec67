/**
 * Applying a plan: a dumb executor of typed changes. Each change starts as soon as the changes
 * it depends on are done (dependencies.ts), so independent writes go at once, and RAM's
 * propagation lag is waited out where a change meets what was just created: by this run, or,
 * as RAM's dates show (`lagging`), by another.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { CloudError, isNotFound } from '../cloud-error.js'
import type { Change, CreateOutcome, FailedUser, RamWriter } from '../model.js'
import { dependencies } from './dependencies.js'

/** How apply runs, and where it reports progress. */
export interface ApplyOptions {
  /** How many all-users grants run at once. */
  concurrency: number
  /** How long a write may keep meeting EntityNotExist for something this run just created. */
  propagationMs: number
  /** Absolute time (ms since epoch) past which no wait starts: timeout-seconds bounds the run. */
  deadline?: number
  /**
   * True when RAM's own dates show that what the change needs was created lately, by another
   * run: RAM may not show it to this change yet either, so the wait is worth it too.
   */
  lagging?: (change: Change) => boolean
  /**
   * Called once for each change that starts, in plan order: a change that starts early (it
   * depends on nothing) is reported once every change ahead of it in the plan has started.
   */
  onChange?: (change: Change) => void
  onWait?: (change: Change, error: CloudError, delayMs: number) => void
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** What apply did besides the writes themselves. */
export interface ApplyResult {
  failedUsers: FailedUser[]
  /** Creates that found the entity already there: another run raced us, so look again. */
  conflicts: number
}

/**
 * Performs the changes, each once those it depends on are done. An error in the identity's own
 * changes starts nothing more; what is in flight finishes, then the first failed change in plan
 * order is thrown. The all-users grants run `concurrency` at a time, and a failure is recorded
 * for its user while the rest go on.
 */
export async function apply(changes: Change[], ram: RamWriter, options: ApplyOptions): Promise<ApplyResult> {
  const sleep = options.sleep ?? delay
  const now = options.now ?? Date.now
  const waitsFor = dependencies(changes)
  const n = changes.length
  // Counted down as prerequisites finish; a change starts at zero.
  const pending = waitsFor.map((list) => list.length)
  const dependents = waitsFor.map((): number[] => [])
  waitsFor.forEach((list, i) => {
    for (const j of list) dependents[j]!.push(i)
  })
  // 1 when the change made or found an entity: what depends on it may meet RAM's lag.
  const madeEntity = new Uint8Array(n)
  const started = new Uint8Array(n)
  const errors = new Map<number, unknown>()
  const failedUsers: FailedUser[] = []
  let conflicts = 0
  // Log lines follow the plan, not the clock: the next line goes out once its change has
  // started; at the end, the lines of changes that started after one that never did.
  let logged = 0
  const report = (all: boolean) => {
    for (; logged < n && (started[logged] || all); logged++)
      if (started[logged]) options.onChange?.(changes[logged]!)
  }

  // RAM is eventually consistent: an attach right after the create of its user, role or
  // policy can be told the entity does not exist. Only then is waiting worth it.
  const perform = async (i: number): Promise<void> => {
    const change = changes[i]!
    const mayLag = waitsFor[i]!.some((j) => madeEntity[j]) || (options.lagging?.(change) ?? false)
    const until = Math.min(now() + options.propagationMs, options.deadline ?? Number.POSITIVE_INFINITY)
    for (let delay = 500; ; delay = Math.min(delay * 2, 4000)) {
      try {
        const outcome = await write(change, ram)
        if (outcome === 'existed') conflicts++
        if (outcome) madeEntity[i] = 1
        return
      } catch (err) {
        if (!(err instanceof CloudError) || !mayLag || !isNotFound(err) || now() + delay > until) throw err
        options.onWait?.(change, err, delay)
        await sleep(delay)
      }
    }
  }

  // Scheduling: a change is ready once its prerequisites succeeded. The identity's own changes
  // start when ready; grants queue for one of `concurrency` places. After an error nothing
  // new starts, and the run is over when nothing is in flight.
  const isGrant = (i: number) => {
    const change = changes[i]!
    return change.kind === 'attach-policy' && change.allUsers === true
  }
  const grantQueue: number[] = []
  let grantHead = 0
  let grantsRunning = 0
  let running = 0
  let finished!: () => void
  const done = new Promise<void>((resolve) => (finished = resolve))

  const start = (i: number) => {
    started[i] = 1
    running++
    if (isGrant(i)) grantsRunning++
    perform(i).then(
      () => settle(i, true),
      (err: unknown) => {
        const change = changes[i]!
        if (isGrant(i) && err instanceof CloudError && change.kind === 'attach-policy')
          failedUsers.push({ user: change.principal.name, policy: change.policy.name, error: err.message })
        else errors.set(i, err)
        settle(i, false)
      },
    )
  }
  const settle = (i: number, ok: boolean) => {
    running--
    if (isGrant(i)) grantsRunning--
    if (ok) for (const d of dependents[i]!) if (--pending[d]! === 0) ready(d)
    pump()
  }
  const ready = (i: number) => {
    if (isGrant(i)) grantQueue.push(i)
    else if (errors.size === 0) start(i)
  }
  const pump = () => {
    while (errors.size === 0 && grantsRunning < options.concurrency && grantHead < grantQueue.length)
      start(grantQueue[grantHead++]!)
    report(false)
    if (running === 0) finished()
  }

  for (let i = 0; i < n; i++) if (pending[i] === 0) ready(i)
  pump()
  await done
  report(true)
  if (errors.size > 0) throw errors.get(Math.min(...errors.keys()))
  return { failedUsers, conflicts }
}

async function write(change: Change, ram: RamWriter): Promise<CreateOutcome | undefined> {
  switch (change.kind) {
    case 'create-user':
      return ram.createUser({ name: change.user, comments: change.comments })
    case 'create-role':
      return ram.createRole({
        name: change.role,
        trustPolicy: JSON.stringify(change.trustPolicy),
        description: change.description,
        maxSessionDuration: change.maxSessionDuration,
      })
    case 'update-role':
      return void (await ram.updateRole(change.role, {
        trustPolicy: change.trustPolicy && JSON.stringify(change.trustPolicy.after),
        maxSessionDuration: change.maxSessionDuration?.after,
      }))
    case 'create-policy':
      return ram.createPolicy({
        name: change.policy,
        document: JSON.stringify(change.document),
        description: change.description,
      })
    case 'delete-policy-version':
      return void (await ram.deletePolicyVersion(change.policy, change.versionId))
    case 'create-policy-version':
      return void (await ram.createPolicyVersion(change.policy, JSON.stringify(change.after)))
    case 'attach-policy':
      return void (await ram.attachPolicy(change.principal, change.policy))
    case 'detach-policy':
      return void (await ram.detachPolicy(change.principal, change.policy))
    case 'mark-owned':
      if (change.entity === 'role')
        return void (await ram.updateRole(change.name, { description: change.after }))
      if (change.entity === 'policy')
        return void (await ram.updatePolicyDescription(change.name, change.after))
      return void (await ram.updateUserComments(change.name, change.after))
  }
}
