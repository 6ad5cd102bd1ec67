// Shared set-up of the authorization/ suites: a fresh account per test, and makers of users, roles and sessions.
// Authorization as RAM/STS decide it: root, RAM users through their policies, role sessions through
// their role's policies ∩ the session policy; AssumeRole's permission and trust checks.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { type Emulator, type PolicyRef, startEmulator } from '../../src/index.js'
import { type Creds, popSts } from '../harness.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
export type Json = Record<string, any>

export const NO_PERMISSION = 'You are not authorized to do this action. You should be authorized by RAM.'

export const NOT_TRUSTED =
  'No permission perform sts:AssumeRole on this Role. Maybe you are not authorized to perform sts:AssumeRole or the specified role does not trust you'

export let emu: Emulator

export let accountId: string

export let root: Creds

export const trustDoc = (statement: Record<string, unknown>): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] })

export const trustRoot = (acct = accountId) => trustDoc({ Principal: { RAM: [`acs:ram::${acct}:root`] } })

export function user(name: string, policies: PolicyRef[] = []): Creds {
  return emu.control.createUser(accountId, name, { accessKey: true, policies }).accessKey!
}

export function role(
  name: string,
  doc: string,
  policies: PolicyRef[] = [],
  maxSessionDuration?: number,
): void {
  emu.control.createRole(accountId, name, { assumeRolePolicyDocument: doc, policies, maxSessionDuration })
}

export const sys = (name: string): PolicyRef => ({ type: 'System', name })

export function custom(name: string, document: string): PolicyRef {
  emu.control.createPolicy(accountId, name, document)
  return { type: 'Custom', name }
}

export const arn = (name: string, acct = accountId) => `acs:ram::${acct}:role/${name}`

export async function assume(
  creds: Creds,
  params: Record<string, string | number>,
): Promise<Creds & { body: Json }> {
  const body = await popSts(emu, creds).call<Json>('AssumeRole', { RoleSessionName: 'session-1', ...params })
  const c = body.Credentials
  return {
    accessKeyId: c.AccessKeyId,
    accessKeySecret: c.AccessKeySecret,
    securityToken: c.SecurityToken,
    body,
  }
}

/** Registers the suite hooks (start, reset and close the emulator); call once per test file. */
export function setup(): void {
  beforeAll(async () => {
    emu = await startEmulator({ seed: 5 })
  })
  afterAll(async () => {
    await emu.close()
  })
  beforeEach(() => {
    emu.control.reset()
    ;({ accountId, root } = emu.control.createAccount())
  })
}
