/**
 * The ECS instance's RAM role, from the instance metadata service in hardened mode: a session
 * token from `PUT /latest/api/token`, then the role's name and credentials with it. The service
 * answers only on the instance's own link-local address, so it is called directly, never through
 * a proxy, with short timeouts.
 */
import { request } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import type { Credentials } from '../model.js'

const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'
/** How long the metadata token lives: one run needs it for two requests. */
const TOKEN_TTL_SECONDS = 300
const TIMEOUT_MS = 5000
const ATTEMPTS = 3

/** The metadata service refused or failed; the message names what, never a credential. */
class MetadataError extends Error {}

/** The role's credentials, as the metadata service hands them out (valid for hours). */
export async function instanceRoleCredentials(ecs: {
  role: string
  endpoint: string
}): Promise<Required<Credentials>> {
  const base = new URL(ecs.endpoint)
  const token = await call(base, 'PUT', '/latest/api/token', {
    'x-aliyun-ecs-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS),
  })
  const headers = { 'x-aliyun-ecs-metadata-token': token }
  const role =
    ecs.role === 'auto'
      ? (await call(base, 'GET', CREDENTIALS_PATH, headers)).split(/\s+/).filter(Boolean)[0]
      : ecs.role
  if (!role) throw new MetadataError('the instance has no RAM role attached (ecs-ram-role: auto found none)')
  let reply: Record<string, unknown>
  try {
    reply = JSON.parse(await call(base, 'GET', `${CREDENTIALS_PATH}${encodeURIComponent(role)}`, headers))
  } catch (err) {
    if (err instanceof MetadataError) throw err
    throw new MetadataError(`the credentials of role ${role} are not JSON`)
  }
  const field = (name: string) => (typeof reply[name] === 'string' ? (reply[name] as string) : '')
  if (
    reply.Code !== 'Success' ||
    !field('AccessKeyId') ||
    !field('AccessKeySecret') ||
    !field('SecurityToken')
  ) {
    throw new MetadataError(
      `the metadata service gave no credentials for role ${role} (Code ${String(reply.Code ?? '?')})`,
    )
  }
  return {
    accessKeyId: field('AccessKeyId'),
    accessKeySecret: field('AccessKeySecret'),
    securityToken: field('SecurityToken'),
  }
}

/** One request, retried on a failed connection or a 5xx; any other refusal is final. */
async function call(
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { status, body } = await once(base, method, path, headers)
      if (status >= 200 && status < 300) return body
      if (status < 500 || attempt >= ATTEMPTS) throw new MetadataError(refusal(method, path, status))
    } catch (err) {
      if (err instanceof MetadataError) throw err
      if (attempt >= ATTEMPTS) {
        const code = (err as { code?: string }).code ?? 'error'
        throw new MetadataError(
          `the metadata service at ${base.host} could not be reached (${code}): is this an ECS instance?`,
        )
      }
    }
    await delay(200 * 2 ** attempt)
  }
}

function refusal(method: string, path: string, status: number): string {
  const what = path.endsWith('/api/token')
    ? 'a metadata token'
    : path === CREDENTIALS_PATH
      ? 'the role name'
      : 'the role credentials'
  const why =
    status === 404
      ? ': no such role is attached to the instance'
      : status === 401 || status === 403
        ? ': the metadata token was refused'
        : ''
  return `${method} for ${what} answered HTTP ${status}${why}`
}

function once(
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port || 80,
        method,
        path,
        headers,
        timeout: TIMEOUT_MS,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
    req.on('error', reject)
    req.end()
  })
}
