import { setTimeout as delay } from 'node:timers/promises'
import { CloudError } from './aliyun/errors.js'
import type { AssumedRole, AssumeRoleRequest, Sts } from './aliyun/sts.js'

/** How long to keep retrying an AssumeRole that RAM's propagation may still be refusing. */
export interface Propagation {
  /** True when this run changed the role, its trust policy or a grant: only then is waiting worth it. */
  changed: boolean
  windowMs: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  onWait?: (error: CloudError, delayMs: number) => void
}

// RAM is eventually consistent: for some seconds after a role, its trust policy or a grant
// changes, STS can still answer as if the change had not happened.
const PROPAGATION_CODES = new Set(['NoPermission', 'EntityNotExist.Role', 'AuthenticationFail.NoPermission'])

/** Calls AssumeRole; if this run just changed RAM, waits out propagation within a bounded window. */
export async function assumeRole(
  sts: Sts,
  request: AssumeRoleRequest,
  propagation: Propagation,
): Promise<AssumedRole> {
  const sleep = propagation.sleep ?? delay
  const now = propagation.now ?? Date.now
  const until = now() + propagation.windowMs
  for (let delay = 1000; ; delay = Math.min(delay * 2, 8000)) {
    try {
      return await sts.assumeRole(request)
    } catch (err) {
      const waitable = err instanceof CloudError && propagation.changed && PROPAGATION_CODES.has(err.code)
      if (!waitable || now() + delay > until) throw err
      propagation.onWait?.(err, delay)
      await sleep(delay)
    }
  }
}

/** A sentence on what most likely went wrong when AssumeRole is refused. */
export function assumeHint(
  error: CloudError,
  caller: { arn: string; identityType: string },
  roleArn: string,
): string {
  if (caller.identityType === 'Account') {
    return 'the caller is the account root, which STS never lets assume a role: use a RAM user (or sub-account keys)'
  }
  if (error.code === 'EntityNotExist.Role')
    return `the role ${roleArn} does not exist (yet): run with mode apply first`
  if (error.code === 'NoPermission') {
    return (
      `${caller.arn} may not assume ${roleArn}: it needs sts:AssumeRole on the role ` +
      '(e.g. through the <role-name>-assume policy or AliyunSTSAssumeRoleAccess), and the role trust policy must name its account'
    )
  }
  if (error.code.startsWith('InvalidAccessKeyId') || error.code === 'SignatureDoesNotMatch') {
    return 'the AccessKey pair used for AssumeRole is wrong or disabled'
  }
  return ''
}
