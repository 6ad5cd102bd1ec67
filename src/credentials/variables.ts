/**
 * The environment variables the credentials are handed over as, named as their consumers read
 * them, and the mark that lets a later run of this action recognise them.
 */
import { createHash } from 'node:crypto'
import type { Session } from '../model.js'

/** Env names per value: each consumer reads its own. */
const CREDENTIAL_ENV_NAMES = {
  // Alibaba's SDKs and CLI; the older CLIs; the Terraform provider; ossutil.
  accessKeyId: [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABACLOUD_ACCESS_KEY_ID',
    'ALICLOUD_ACCESS_KEY',
    'OSS_ACCESS_KEY_ID',
  ],
  accessKeySecret: [
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    'ALIBABACLOUD_ACCESS_KEY_SECRET',
    'ALICLOUD_SECRET_KEY',
    'OSS_ACCESS_KEY_SECRET',
  ],
  securityToken: [
    'ALIBABA_CLOUD_SECURITY_TOKEN',
    'ALIBABACLOUD_SECURITY_TOKEN',
    'ALICLOUD_SECURITY_TOKEN',
    'OSS_SESSION_TOKEN',
  ],
  // ossutil 2 signs with V4, which needs the region.
  region: ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION', 'OSS_REGION'],
} as const

/** Where the mark goes: a fingerprint of the exported AccessKey id, never the id itself. */
const EXPORT_MARK = 'RAM_IDENTITY_CREDENTIALS'

/** Every variable the credentials are exported as, with its value, the mark last. */
export function credentialVariables(session: Session, region: string): [name: string, value: string][] {
  const values = { ...session.credentials, region }
  const named = Object.entries(CREDENTIAL_ENV_NAMES).flatMap(([key, names]) =>
    names.map((name): [string, string] => [name, values[key as keyof typeof values]]),
  )
  return [...named, [EXPORT_MARK, fingerprint(session.credentials.accessKeyId)]]
}

/** True when `accessKeyId` is the one whose fingerprint an earlier run exported as `mark`. */
export function exportedBy(accessKeyId: string, mark: string | undefined): boolean {
  return !!accessKeyId && !!mark && fingerprint(accessKeyId) === mark
}

/** A short fingerprint of an AccessKey id: enough to recognise it, and not the id itself. */
function fingerprint(accessKeyId: string): string {
  return `sha256:${createHash('sha256').update(accessKeyId).digest('hex').slice(0, 16)}`
}
