/**
 * The `aliyun` CLI profile sink: the credentials as one named profile in `~/.aliyun/config.json`,
 * in the CLI's own format (mode StsToken), which the CLI, the Terraform provider's `profile`
 * setting and `@alicloud/credentials` read. Other profiles are kept; `current` is set only in a
 * file this run creates. The file is 0600 and is never written through a symlink: a profile is
 * a secret on disk, and a link could point it anywhere.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Session } from '../model.js'

/** What a write did, so the post step can undo exactly that. */
export interface ProfileWrite {
  path: string
  name: string
  /** True when this run created the file (then `current` names this profile). */
  created: boolean
}

/** The profile as the `aliyun` CLI stores it (its `config.json` schema, mode StsToken). */
export interface CliProfile {
  name: string
  mode: 'StsToken'
  access_key_id: string
  access_key_secret: string
  sts_token: string
  region_id: string
  output_format: 'json'
  language: 'en'
}

interface CliConfig {
  current?: string
  profiles?: { name?: string }[]
  [key: string]: unknown
}

/** Refuses to write the profile; the message says why, never a credential. */
export class ProfileError extends Error {}

/** Writes (or replaces) the profile `name` under `home` and says what it did. */
export function writeProfile(home: string, name: string, session: Session, region: string): ProfileWrite {
  const dir = join(home, '.aliyun')
  const path = join(dir, 'config.json')
  refuseLink(dir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const existing = readConfig(path)
  const profile: CliProfile = {
    name,
    mode: 'StsToken',
    access_key_id: session.credentials.accessKeyId,
    access_key_secret: session.credentials.accessKeySecret,
    sts_token: session.credentials.securityToken,
    region_id: region,
    output_format: 'json',
    language: 'en',
  }
  const config: CliConfig = existing ?? { current: name, profiles: [], meta_path: '' }
  const others = (config.profiles ?? []).filter((p) => p.name !== name)
  replace(path, { ...config, profiles: [...others, profile] })
  return { path, name, created: existing === undefined }
}

/** Removes the profile a write left; deletes the file when it made it and nothing else is left. */
export function removeProfile(write: ProfileWrite): 'removed' | 'absent' {
  const config = readConfig(write.path)
  if (!config?.profiles?.some((p) => p.name === write.name)) return 'absent'
  const profiles = config.profiles.filter((p) => p.name !== write.name)
  if (write.created && profiles.length === 0) {
    rmSync(write.path)
    return 'removed'
  }
  const current = config.current === write.name ? profiles[0]?.name : config.current
  replace(write.path, { ...config, current, profiles })
  return 'removed'
}

function readConfig(path: string): CliConfig | undefined {
  refuseLink(path)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ProfileError(`${path} cannot be read (${(err as NodeJS.ErrnoException).code})`)
  }
  try {
    const config = JSON.parse(text) as CliConfig
    if (
      config &&
      typeof config === 'object' &&
      (config.profiles === undefined || Array.isArray(config.profiles))
    )
      return config
  } catch {}
  // Someone's configuration that is not what the CLI writes: never overwrite it.
  throw new ProfileError(`${path} is not an aliyun CLI configuration; it was left as it is`)
}

/**
 * Replaces the file in one step: a new 0600 file beside it, opened exclusively (so not through a
 * link planted under that name), renamed over the old one (a rename replaces a link, never
 * follows it).
 */
function replace(path: string, config: CliConfig): void {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
    renameSync(temporary, path)
  } catch (err) {
    rmSync(temporary, { force: true })
    throw new ProfileError(`${path} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}

function refuseLink(path: string): void {
  try {
    if (lstatSync(path).isSymbolicLink())
      throw new ProfileError(`${path} is a symbolic link; the profile is not written through links`)
  } catch (err) {
    if (err instanceof ProfileError) throw err
  }
}
