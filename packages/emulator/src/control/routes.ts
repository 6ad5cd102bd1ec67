/** The HTTP control routes: one entry per route, by method. */
import type { JsonWebKey } from 'node:crypto'
import type { FaultConfig } from '../faults/config.js'
import { type Args, optObj, optStr, policyArg, principalArg, str, stringRecord } from './args.js'
import type { EmulatorControl, PolicyRef } from './types.js'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
type Run = (control: EmulatorControl, args: Args) => unknown
/** The handlers of one control route, by HTTP method. */
export type Route = Partial<Record<Method, Run>>

/**
 * `/__emulator/<name>`: GET and DELETE take query arguments, POST and PUT a JSON object of named
 * arguments. `GET faults` answers the current fault config, read through `faultConfig`.
 */
export function controlRoutes(faultConfig: () => FaultConfig): Record<string, Route> {
  return {
    createAccount: {
      POST: (c, a) => c.createAccount({ accountId: optStr(a, 'accountId'), alias: optStr(a, 'alias') }),
    },
    createUser: {
      POST: (c, a) =>
        c.createUser(str(a, 'accountId'), str(a, 'userName'), {
          policies: optObj<PolicyRef[]>(a, 'policies'),
          accessKey: a.accessKey === true,
        }),
    },
    createAccessKey: { POST: (c, a) => c.createAccessKey(str(a, 'accountId'), str(a, 'userName')) },
    attachPolicy: { POST: (c, a) => c.attachPolicy(str(a, 'accountId'), principalArg(a), policyArg(a)) },
    detachPolicy: { POST: (c, a) => c.detachPolicy(str(a, 'accountId'), principalArg(a), policyArg(a)) },
    createRole: {
      POST: (c, a) =>
        c.createRole(str(a, 'accountId'), str(a, 'roleName'), {
          assumeRolePolicyDocument: str(a, 'assumeRolePolicyDocument'),
          description: optStr(a, 'description'),
          maxSessionDuration: typeof a.maxSessionDuration === 'number' ? a.maxSessionDuration : undefined,
          policies: optObj<PolicyRef[]>(a, 'policies'),
        }),
    },
    createPolicy: {
      POST: (c, a) =>
        c.createPolicy(str(a, 'accountId'), str(a, 'policyName'), str(a, 'document'), {
          description: optStr(a, 'description'),
        }),
    },
    state: { GET: (c, a) => c.state(str(a, 'accountId')) },
    accounts: { GET: (c) => c.accounts() },
    calls: { GET: (c) => c.calls() },
    clearCalls: { POST: (c) => c.clearCalls() },
    reset: { POST: (c) => c.reset() },
    faults: {
      GET: () => faultConfig(),
      PUT: (c, a) => {
        c.setFaults(a as FaultConfig)
        return faultConfig()
      },
      DELETE: (c) => c.clearFaults(),
    },
    'faults/stats': { GET: (c) => c.faultStats() },
    concurrency: { GET: (c) => c.concurrency() },
    createOidcProvider: {
      POST: (c, a) =>
        c.createOidcProvider(str(a, 'accountId'), {
          name: str(a, 'name'),
          issuerUrl: str(a, 'issuerUrl'),
          clientIds: optObj<string[]>(a, 'clientIds') ?? [],
          keys: optObj<JsonWebKey[]>(a, 'keys') ?? [],
        }),
    },
    // Keys and tokens travel in a POST body rather than a URL.
    credentialInfo: {
      POST: (c, a) => c.credentialInfo(str(a, 'accessKeyId'), optStr(a, 'securityToken')),
    },
    isAllowed: {
      POST: (c, a) =>
        c.isAllowed(
          str(a, 'accessKeyId'),
          optStr(a, 'securityToken'),
          str(a, 'action'),
          str(a, 'resource'),
          stringRecord(a, 'context'),
        ),
    },
  }
}
