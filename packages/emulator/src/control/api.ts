/**
 * Control surface for tests and demos: set up accounts, users, keys, roles, policies and
 * attachments without signing requests, inspect state and the call log, reset. Available
 * in-process (EmulatorControl) and over HTTP on the RAM port under /__emulator/ (JSON in and out;
 * see README). Domain rules are the API's own (state.ts), so limits and conflicts apply here too.
 */

import { oidcProviderArn, roleArn } from '../domain/arn.js'
import type { PrincipalKind } from '../domain/entities.js'
import { ApiError, noPermission } from '../domain/errors.js'
import { type Clock, isoSeconds } from '../domain/time.js'
import type { Faults } from '../faults/stage.js'
import { type Authenticator, type Identity, identityArn } from '../gateway/auth.js'
import { isAllowed } from '../gateway/authorize.js'
import type { CallLog } from '../gateway/call-log.js'
import * as P from '../gateway/params.js'
import { checkOidcProvider, type OidcProviderOptions } from '../oidc/provider.js'
import { evaluateTrust } from '../policy/evaluate.js'
import { checkDocument, MAX_POLICY_DOCUMENT, MAX_TRUST_DOCUMENT } from '../ram/documents.js'
import type { Account } from '../state/account.js'
import type { Store } from '../state/store.js'
import { createSession } from '../sts/session.js'
import { accountSnapshot } from './snapshot.js'
import type { AccessKey, EmulatorControl, PolicyRef } from './types.js'

const key = (k: { accessKeyId: string; accessKeySecret: string }): AccessKey => ({
  accessKeyId: k.accessKeyId,
  accessKeySecret: k.accessKeySecret,
})

export function createControl(
  store: Store,
  calls: CallLog,
  clock: Clock,
  resetAll: () => void,
  faults: Faults,
  auth: Authenticator,
): EmulatorControl {
  const acct = (id: string): Account => store.requireAccount(id)
  /** The identity behind a key and token, or the API error code that refuses them. */
  const resolve = (accessKeyId: string, token: string | undefined): Identity | string => {
    try {
      return auth.resolveKey(accessKeyId, token || undefined, clock()).identity
    } catch (e) {
      if (e instanceof ApiError) return e.code
      throw e
    }
  }
  const attach = (a: Account, kind: PrincipalKind, name: string, policies: PolicyRef[] | undefined): void => {
    for (const p of policies ?? []) {
      a.attach(kind, a.principal(kind, name), P.policyType(p.type), P.policyName(p.name), clock())
    }
  }
  return {
    createAccount(opts = {}) {
      const a = store.createAccount(opts, clock())
      return { accountId: a.accountId, root: key(a.createAccessKey(undefined, clock())) }
    },
    createUser(accountId, userName, opts = {}) {
      const a = acct(accountId)
      const user = a.createUser({ userName: P.userName(userName) }, clock())
      attach(a, 'user', user.userName, opts.policies)
      const accessKey = opts.accessKey ? key(a.createAccessKey(user, clock())) : undefined
      return { userName: user.userName, userId: user.userId, ...(accessKey ? { accessKey } : {}) }
    },
    createAccessKey(accountId, userName) {
      const a = acct(accountId)
      return key(a.createAccessKey(a.requireUser(userName), clock()))
    },
    attachPolicy(accountId, principal, policy) {
      const a = acct(accountId)
      a.attach(
        principal.type,
        a.principal(principal.type, principal.name),
        P.policyType(policy.type),
        policy.name,
        clock(),
      )
    },
    detachPolicy(accountId, principal, policy) {
      const a = acct(accountId)
      a.detach(
        principal.type,
        a.principal(principal.type, principal.name),
        P.policyType(policy.type),
        policy.name,
      )
    },
    createRole(accountId, roleName, opts) {
      const a = acct(accountId)
      const doc = opts.assumeRolePolicyDocument
      const max = P.integer(String(opts.maxSessionDuration ?? 3600), 'MaxSessionDuration', 3600, 43200)
      const role = a.createRole(
        {
          roleName: P.roleName(roleName),
          assumeRolePolicyDocument: doc,
          trustPolicy: checkDocument(doc, 'AssumeRolePolicyDocument', 'trust', MAX_TRUST_DOCUMENT),
          description: opts.description ?? '',
          maxSessionDuration: max,
          tags: [],
        },
        clock(),
      )
      attach(a, 'role', role.roleName, opts.policies)
      return { roleName: role.roleName, roleId: role.roleId, arn: roleArn(accountId, role.roleName) }
    },
    createPolicy(accountId, policyName, document, opts = {}) {
      const parsed = checkDocument(document, 'PolicyDocument', 'permission', MAX_POLICY_DOCUMENT)
      const p = acct(accountId).createPolicy(
        {
          policyName: P.policyName(policyName),
          description: opts.description ?? '',
          document,
          parsed,
          tags: [],
        },
        clock(),
      )
      return { policyName: p.policyName }
    },
    createOidcProvider(accountId, provider) {
      const a = acct(accountId)
      const p = a.createOidcProvider(checkOidcProvider(provider ?? ({} as OidcProviderOptions)), clock())
      return { arn: oidcProviderArn(a.accountId, p.name) }
    },
    credentialInfo(accessKeyId, securityToken) {
      if (typeof accessKeyId !== 'string' || accessKeyId === '') {
        return { valid: false, reason: 'MissingAccessKeyId' }
      }
      const id = resolve(accessKeyId, securityToken)
      if (typeof id === 'string') return { valid: false, reason: id }
      const secret =
        id.kind === 'session' ? id.session.accessKeySecret : store.keys.get(accessKeyId)!.accessKeySecret
      return { valid: true, secret, accountId: id.account.accountId, caller: identityArn(id) }
    },
    isAllowed(accessKeyId, securityToken, action, resource, context = {}) {
      const id = resolve(accessKeyId, securityToken)
      if (typeof id === 'string') return false
      return isAllowed(id, action, resource, {
        'acs:CurrentTime': isoSeconds(clock()),
        'acs:SecureTransport': 'true',
        'acs:MFAPresent': 'false',
        ...context,
      })
    },
    state: (accountId) => accountSnapshot(acct(accountId)),
    assumeRoleAsService(accountId, roleName, opts) {
      const a = acct(accountId)
      const role = a.requireRole(roleName)
      if (evaluateTrust(role.trustPolicy, [opts.service], {}, 'Service') !== 'Allow') {
        throw noPermission(
          `The role ${roleArn(accountId, role.roleName)} does not trust the service ${opts.service}.`,
        )
      }
      const session = createSession(store, a, role, clock(), {
        sessionName: opts.sessionName,
        duration: opts.durationSeconds,
      })
      return {
        accessKeyId: session.accessKeyId,
        accessKeySecret: session.accessKeySecret,
        securityToken: session.securityToken,
        expiration: isoSeconds(session.expiration),
        arn: identityArn({ kind: 'session', account: a, session, role }),
      }
    },
    calls: () => calls.list(),
    clearCalls: () => calls.clear(),
    reset: resetAll,
    accounts: () => [...store.accounts.keys()],
    setFaults: (config) => faults.set(config),
    clearFaults: () => faults.clear(),
    faultStats: () => faults.stats(),
    concurrency: () => calls.concurrency(),
  }
}
