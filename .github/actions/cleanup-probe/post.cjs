// Runs after the action's own post steps: every credential variable the action exported must
// have been blanked by then.
const names = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABACLOUD_ACCESS_KEY_ID',
  'ALIBABACLOUD_ACCESS_KEY_SECRET',
  'ALIBABACLOUD_SECURITY_TOKEN',
  'ALICLOUD_ACCESS_KEY',
  'ALICLOUD_SECRET_KEY',
  'ALICLOUD_SECURITY_TOKEN',
  'OSS_ACCESS_KEY_ID',
  'OSS_ACCESS_KEY_SECRET',
  'OSS_SESSION_TOKEN',
  'RAM_IDENTITY_CREDENTIALS',
]
const left = names.filter((name) => process.env[name])
if (left.length > 0) {
  process.stdout.write(`::error::the post step left these set: ${left.join(', ')}\n`)
  process.exitCode = 1
} else {
  process.stdout.write(`The action's post steps blanked all ${names.length} credential variables.\n`)
}
