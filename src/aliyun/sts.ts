import type { Credentials, Rpc } from './rpc.js'

/** Who the caller is, from GetCallerIdentity. */
export interface CallerIdentity {
  accountId: string
  arn: string
  identityType: string
}

export interface AssumeRoleRequest {
  roleArn: string
  sessionName: string
  durationSeconds: number
  policy?: string
  externalId?: string
}

/** Temporary credentials from AssumeRole, and the identity they act as. */
export interface AssumedRole {
  credentials: Required<Credentials>
  /** ISO 8601 UTC. */
  expiration: string
  assumedRoleArn: string
  assumedRoleId: string
}

export interface AssumeRoleWithOidcRequest {
  providerArn: string
  roleArn: string
  token: string
  sessionName: string
  durationSeconds: number
}

/** The STS calls this action makes. */
export interface Sts {
  getCallerIdentity(): Promise<CallerIdentity>
  assumeRole(request: AssumeRoleRequest): Promise<AssumedRole>
  /** An unsigned call: the ID token is the credential. */
  assumeRoleWithOidc(request: AssumeRoleWithOidcRequest): Promise<AssumedRole>
}

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
      return assumed(res)
    },
    async assumeRoleWithOidc(request) {
      const res = await rpc.call('AssumeRoleWithOIDC', {
        OIDCProviderArn: request.providerArn,
        RoleArn: request.roleArn,
        OIDCToken: request.token,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
      })
      return assumed(res)
    },
  }
}

function assumed(res: Record<string, unknown>): AssumedRole {
  const c = (res.Credentials ?? {}) as Record<string, unknown>
  const user = (res.AssumedRoleUser ?? {}) as Record<string, unknown>
  return {
    credentials: {
      accessKeyId: String(c.AccessKeyId ?? ''),
      accessKeySecret: String(c.AccessKeySecret ?? ''),
      securityToken: String(c.SecurityToken ?? ''),
    },
    expiration: String(c.Expiration ?? ''),
    assumedRoleArn: String(user.Arn ?? ''),
    assumedRoleId: String(user.AssumedRoleId ?? ''),
  }
}
