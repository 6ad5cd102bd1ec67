/**
 * AssumeRoleWithOIDC (anonymous; a signature, if any, is verified but not used). Check order:
 * parameter formats → the provider exists → the token verifies (oidc/) → role exists →
 * DurationSeconds → the role is in the provider's account and its trust policy has an Allow for
 * the provider ARN under `Federated` whose conditions hold over `oidc:iss`, `oidc:aud`, `oidc:sub`
 * → the role's trust change has propagated.
 */

import { oidcProviderArn, parseOidcProviderArn } from '../domain/arn.js'
import { oidc } from '../domain/errors.js'
import { isoSeconds } from '../domain/time.js'
import type { Operation } from '../gateway/operation.js'
import { verifyOidcToken } from '../oidc/provider.js'
import { evaluateTrust } from '../policy/evaluate.js'
import { checkDuration, issueSession, sessionParams, targetRole, wronglyFormed } from './session.js'

const MAX_OIDC_TOKEN = 20000

export const assumeRoleWithOidc: Operation = {
  action: 'AssumeRoleWithOIDC',
  anonymous: true,
  required: ['OIDCProviderArn', 'RoleArn', 'OIDCToken', 'RoleSessionName'],
  handle(ctx) {
    const p = ctx.params
    const providerRef = parseOidcProviderArn(p.OIDCProviderArn!)
    if (!providerRef) throw wronglyFormed('OIDCProviderArn')
    const token = p.OIDCToken!
    if (token.length < 4 || token.length > MAX_OIDC_TOKEN) throw wronglyFormed('OIDCToken')
    const { target, sessionName, duration, policy } = sessionParams(p)

    const provider = ctx.store.accounts.get(providerRef.accountId)?.oidcProviders.get(providerRef.name)
    if (!provider) throw oidc.noProvider()
    const providerArn = oidcProviderArn(providerRef.accountId, provider.name)
    const claims = verifyOidcToken(token, provider, ctx.now)

    const { account, role } = targetRole(ctx, target)
    checkDuration(duration, role)
    // The provider must belong to the role's account (stricter reading): a trust policy can only
    // name the providers of its own account.
    const trust =
      providerRef.accountId === account.accountId
        ? evaluateTrust(
            role.trustPolicy,
            [providerArn],
            { ...ctx.conditions, 'oidc:iss': claims.iss, 'oidc:aud': claims.aud, 'oidc:sub': claims.sub },
            'Federated',
          )
        : 'Implicit'
    if (trust !== 'Allow') throw oidc.trustDenied()
    if (!ctx.consistency.settled(role)) throw oidc.trustDenied()

    return {
      ...issueSession(ctx, account, role, { sessionName, duration, policy }),
      OIDCTokenInfo: {
        Subject: claims.sub,
        Issuer: claims.iss,
        ClientIds: claims.aud.join(','),
        ExpirationTime: isoSeconds(new Date(claims.exp * 1000)),
        IssuanceTime: isoSeconds(new Date(claims.iat * 1000)),
        VerificationInfo: 'Success',
      },
    }
  },
}
