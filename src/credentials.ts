import type { AssumedRole } from './aliyun/sts.js'

/** The slice of @actions/core that hands credentials to later steps. */
export interface CommandSink {
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
}

/** Env names per credential: Alibaba's SDKs and CLI, the Terraform provider, and ossutil. */
const ENV_NAMES = {
  accessKeyId: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'OSS_ACCESS_KEY_ID'],
  accessKeySecret: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY', 'OSS_ACCESS_KEY_SECRET'],
  securityToken: ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN', 'OSS_SESSION_TOKEN'],
  region: ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'],
} as const

/**
 * Masks the three secret values, then (and only then) sets the outputs and, if asked, the env.
 * Each value is masked on its own: the runner's masker does not reliably find parts of
 * structured values.
 */
export function exportCredentials(
  sink: CommandSink,
  assumed: AssumedRole,
  region: string,
  exportEnv: boolean,
): void {
  const { accessKeyId, accessKeySecret, securityToken } = assumed.credentials
  for (const secret of [accessKeyId, accessKeySecret, securityToken]) sink.setSecret(secret)
  sink.setOutput('access-key-id', accessKeyId)
  sink.setOutput('access-key-secret', accessKeySecret)
  sink.setOutput('security-token', securityToken)
  sink.setOutput('expiration', assumed.expiration)
  sink.setOutput('assumed-role-arn', assumed.assumedRoleArn)
  if (!exportEnv) return
  const values = { accessKeyId, accessKeySecret, securityToken, region }
  for (const [key, names] of Object.entries(ENV_NAMES)) {
    for (const name of names) sink.exportVariable(name, values[key as keyof typeof values])
  }
}
