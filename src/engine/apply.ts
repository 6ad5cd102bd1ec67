/** Applying a plan: a dumb executor of typed changes, with RAM's propagation lag waited out. */
import { setTimeout as delay } from 'node:timers/promises'
import { CloudError, isNotFound } from '../cloud-error.js'
import type { Change, CreateOutcome, FailedUser, RamWriter } from '../model.js'

/** How apply runs, and where it reports progress. */
export interface ApplyOptions {
  /** How many all-users grants run at once. */
  concurrency: number
  /** How long a write may keep meeting EntityNotExist for something this run just created. */
  propagationMs: number
  /** Absolute time (ms since epoch) past which no wait starts: timeout-seconds bounds the run. */
  deadline?: number
  /** Called before each write, to log it. */
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
 * Performs the changes in order. The identity's own changes stop at the first error; the
 * all-users grants are independent of each other, run concurrently, and a failure is recorded
 * for its user while the rest go on.
 */
export async function apply(changes: Change[], ram: RamWriter, options: ApplyOptions): Promise<ApplyResult> {
  const sleep = options.sleep ?? delay
  const now = options.now ?? Date.now
  let createdSomething = false
  let conflicts = 0

  // RAM is eventually consistent: an attach right after the create of its user, role or
  // policy can be told the entity does not exist. Only then is waiting worth it.
  const perform = async (change: Change): Promise<void> => {
    const until = Math.min(now() + options.propagationMs, options.deadline ?? Number.POSITIVE_INFINITY)
    for (let delay = 500; ; delay = Math.min(delay * 2, 4000)) {
      try {
        const outcome = await write(change, ram)
        if (outcome === 'existed') conflicts++
        if (outcome) createdSomething = true
        return
      } catch (err) {
        if (!(err instanceof CloudError) || !createdSomething || !isNotFound(err) || now() + delay > until)
          throw err
        options.onWait?.(change, err, delay)
        await sleep(delay)
      }
    }
  }

  const grants = changes.filter((c) => c.kind === 'attach-policy' && c.allUsers)
  const isGrant = new Set(grants)
  for (const change of changes) {
    if (isGrant.has(change)) continue
    options.onChange?.(change)
    await perform(change)
  }
  const failedUsers: FailedUser[] = []
  await pool(grants, options.concurrency, async (change) => {
    if (change.kind !== 'attach-policy') return
    options.onChange?.(change)
    try {
      await perform(change)
    } catch (err) {
      if (!(err instanceof CloudError)) throw err
      failedUsers.push({ user: change.principal.name, policy: change.policy.name, error: err.message })
    }
  })
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

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
}
