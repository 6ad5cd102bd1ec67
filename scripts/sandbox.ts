// A ready-to-use emulated account for the demo, the benchmark and the end-to-end tests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AccessKey, Emulator } from '@ram-identity/emulator'
import { createRpc, type Rpc } from '../src/aliyun/rpc.js'
import { ROOT } from './local-runner.js'

/** An account whose RAM user `ci-admin` holds exactly the documented reconciler policy. */
export interface SandboxAccount {
  accountId: string
  root: AccessKey
  /** The reconciling identity's key. */
  key: AccessKey
  /** RAM as the account root, for arranging drift. */
  rootRam: Rpc
}

/** Creates the account, the reconciler policy from examples/reconciler-policy.json and `ci-admin`. */
export async function sandboxAccount(emu: Emulator): Promise<SandboxAccount> {
  const { accountId, root } = emu.control.createAccount()
  const admin = emu.control.createUser(accountId, 'ci-admin', { accessKey: true })
  const rootRam = createRpc({
    service: 'ram',
    endpoint: emu.ramEndpoint,
    credentials: root,
    retry: {
      maxAttempts: 3,
      deadline: Date.now() + 60_000,
      requestTimeoutMs: 10_000,
      baseDelayMs: 10,
      maxDelayMs: 100,
    },
  })
  await rootRam.call('CreatePolicy', {
    PolicyName: 'github-reconciler',
    PolicyDocument: readFileSync(join(ROOT, 'examples', 'reconciler-policy.json'), 'utf8'),
    Description: 'What the ram-identity action needs to reconcile RAM and assume the role',
  })
  await rootRam.call('AttachPolicyToUser', {
    PolicyType: 'Custom',
    PolicyName: 'github-reconciler',
    UserName: 'ci-admin',
  })
  return { accountId, root, key: admin.accessKey!, rootRam }
}
