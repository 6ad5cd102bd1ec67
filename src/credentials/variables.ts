/**
 * The environment variables the credentials are handed over as, named as their consumers read
 * them: Alibaba's SDKs and CLI, the Terraform provider, and ossutil.
 */
import type { Session } from '../model.js'

/** Env names per credential. */
export const CREDENTIAL_ENV_NAMES = {
  accessKeyId: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'OSS_ACCESS_KEY_ID'],
  accessKeySecret: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY', 'OSS_ACCESS_KEY_SECRET'],
  securityToken: ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN', 'OSS_SESSION_TOKEN'],
  region: ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'],
} as const

/** Every variable the credentials are exported as, with its value. */
export function credentialVariables(session: Session, region: string): [name: string, value: string][] {
  const values = { ...session.credentials, region }
  return Object.entries(CREDENTIAL_ENV_NAMES).flatMap(([key, names]) =>
    names.map((name): [string, string] => [name, values[key as keyof typeof values]]),
  )
}
