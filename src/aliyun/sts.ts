/** STS over an RPC client: who the caller is, and temporary credentials for a role. */
import { CloudError } from '../cloud-error.js'
import type { AssumedRole, Assumer, OidcExchange } from '../model.js'
import type { Response, Rpc } from './rpc.js'

/** The STS calls this action makes, as one identity. */
export type Sts = Assumer & OidcExchange

/** STS over an RPC client. */
export function sts(rpc: Rpc): Sts {
  return {
    async getCallerIdentity() {
      const res = await rpc.call('GetCallerIdentity')
      return {
        accountId: String(res.AccountId ?? ''),
        arn: String(res.Arn ?? ''),
        identityType: String(res.IdentityType ?? ''),
      }
    },
    async assumeRole(request) {
      const res = await rpc.call('AssumeRole', {
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        Policy: request.policy,
        ExternalId: request.externalId,
      })
      return assumed(res, 'AssumeRole')
    },
    async assumeRoleWithOidc(request) {
      const res = await rpc.call('AssumeRoleWithOIDC', {
        OIDCProviderArn: request.providerArn,
        RoleArn: request.roleArn,
        OIDCToken: request.token,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
      })
      return assumed(res, 'AssumeRoleWithOIDC')
    },
  }
}

/**
 * The credentials of a reply, which must all be there: a success without them would otherwise
 * end as a green step with empty outputs.
 */
function assumed(res: Response, action: string): AssumedRole {
  const c = (res.Credentials ?? {}) as Record<string, unknown>
  const user = (res.AssumedRoleUser ?? {}) as Record<string, unknown>
  const field = (v: unknown) => (typeof v === 'string' ? v : '')
  const result: AssumedRole = {
    credentials: {
      accessKeyId: field(c.AccessKeyId),
      accessKeySecret: field(c.AccessKeySecret),
      securityToken: field(c.SecurityToken),
    },
    expiration: field(c.Expiration),
    assumedRoleArn: field(user.Arn),
    assumedRoleId: field(user.AssumedRoleId),
  }
  const missing = Object.entries({ ...result.credentials, expiration: result.expiration })
    .filter(([, v]) => v === '')
    .map(([k]) => k)
  if (missing.length > 0) {
    const requestId = typeof res.RequestId === 'string' ? res.RequestId : undefined
    throw new CloudError('sts', action, 'InvalidResponse', `the reply lacks ${missing.join(', ')}`, requestId)
  }
  return result
}
