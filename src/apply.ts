import { CloudError } from './aliyun/errors.js'
import type { RamWriter } from './aliyun/ram.js'
import type { Change } from './plan.js'

/** A user the all-users grant could not reach, and why. */
export interface FailedUser {
  user: string
  policy: string
  error: string
}

export interface ApplyOptions {
  /** How many all-users grants run at once. */
  concurrency: number
  /** Called before each write, to log it. */
  onChange?: (change: Change) => void
}

/**
 * Performs the changes in order. The identity's own changes stop at the first error; the
 * all-users grants are independent of each other, run concurrently, and a failure is recorded
 * for its user while the rest go on.
 */
export async function apply(changes: Change[], ram: RamWriter, options: ApplyOptions): Promise<FailedUser[]> {
  const grants = changes.filter((c) => c.kind === 'attach-policy' && c.allUsers)
  for (const change of changes) {
    if (grants.includes(change)) continue
    options.onChange?.(change)
    await write(change, ram)
  }
  const failed: FailedUser[] = []
  await pool(grants, options.concurrency, async (change) => {
    if (change.kind !== 'attach-policy') return
    options.onChange?.(change)
    try {
      await write(change, ram)
    } catch (err) {
      if (!(err instanceof CloudError)) throw err
      failed.push({ user: change.principal.name, policy: change.policy.name, error: err.message })
    }
  })
  return failed
}

function write(change: Change, ram: RamWriter): Promise<void> {
  switch (change.kind) {
    case 'create-user':
      return ram.createUser({ name: change.user, comments: change.comments })
    case 'create-role':
      return ram.createRole({
        name: change.role,
        trustPolicy: change.trustPolicy,
        description: change.description,
        maxSessionDuration: change.maxSessionDuration,
      })
    case 'update-role':
      return ram.updateRole(change.role, {
        trustPolicy: change.trustPolicy,
        maxSessionDuration: change.maxSessionDuration,
      })
    case 'create-policy':
      return ram.createPolicy({
        name: change.policy,
        document: change.document,
        description: change.description,
      })
    case 'delete-policy-version':
      return ram.deletePolicyVersion(change.policy, change.versionId)
    case 'create-policy-version':
      return ram.createPolicyVersion(change.policy, change.document)
    case 'attach-policy':
      return ram.attachPolicy(change.principal, change.policy)
    case 'detach-policy':
      return ram.detachPolicy(change.principal, change.policy)
  }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
}
