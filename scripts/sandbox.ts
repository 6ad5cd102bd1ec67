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
  // Through the control surface, whose writes are in effect at once: under the realistic
  // propagation profile an API attach right after the create would meet EntityNotExist.
  emu.control.createPolicy(
    accountId,
    'github-reconciler',
    readFileSync(join(ROOT, 'examples', 'reconciler-policy.json'), 'utf8'),
    { description: 'What the ram-identity action needs to reconcile RAM and assume the role' },
  )
  emu.control.attachPolicy(
    accountId,
    { type: 'user', name: 'ci-admin' },
    { type: 'Custom', name: 'github-reconciler' },
  )
  return { accountId, root, key: admin.accessKey!, rootRam }
}
