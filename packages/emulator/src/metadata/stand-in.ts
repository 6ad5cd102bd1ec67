/**
 * A stand-in of the ECS instance metadata service (`http://100.100.100.200`), reduced to what an
 * instance's RAM role needs, bound to one role of one emulator account:
 *
 *   PUT /latest/api/token                          → a token (TTL header 1..21600 s)
 *   GET /latest/meta-data/ram/security-credentials/       → the role's name
 *   GET /latest/meta-data/ram/security-credentials/<role> → its STS credentials (JSON)
 *
 * In hardened mode (the default) the two GETs need a valid `X-aliyun-ecs-metadata-token`; in
 * compatible mode (the ECS "normal mode") they work without one too, but a token that is sent
 * must be valid. The credentials come from the emulator (control.assumeRoleAsService, the role
 * must trust ecs.aliyuncs.com), so RAM and STS accept them as that role's session. README
 * "ECS metadata stand-in" lists each behaviour with its source.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { EmulatorControl, ServiceSession } from '../control/types.js'
import { isoSeconds } from '../domain/time.js'
import { isLoopbackHostHeader, requireLoopback } from '../net/loopback.js'
import { closeServer, httpBase, listen } from '../net/server.js'
import { parseTarget } from '../net/target.js'
import { MetadataTokens, parseTtl } from './tokens.js'

/** Which account and role the instance runs as, and how the stand-in listens. */
export interface MetadataStandInOptions {
  /** The account and role the instance runs as; the role must trust `ecs.aliyuncs.com`. */
  accountId: string
  roleName: string
  /** The instance id, also the role session's name; default `i-emulator0001`. */
  instanceId?: string
  /** `hardened` (default): token required; `compatible`: token optional (ECS "normal mode"). */
  mode?: 'hardened' | 'compatible'
  /** Loopback interface to bind; default 127.0.0.1. */
  host?: string
  /** Port; default 0 (any free port). */
  port?: number
  /** Clock for token expiry and LastUpdated; default real time (use the emulator's clock). */
  now?: () => Date
}

/** A running metadata stand-in. */
export interface MetadataStandIn {
  /** `http://<host>:<port>`, standing for `http://100.100.100.200`. */
  endpoint: string
  /** How many requests were refused for a missing, unknown or expired token. */
  refused(): number
  close(): Promise<void>
}

/** What the stand-in needs of the emulator: an Emulator, or anything with its control. */
export interface MetadataIssuer {
  control: Pick<EmulatorControl, 'assumeRoleAsService'>
}

/** How long instance-role credentials last, and how early they are replaced (the doc's example spans 6 h). */
const CREDENTIAL_SECONDS = 21600
const RENEW_BEFORE_MS = 30 * 60 * 1000
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'
const ECS_SERVICE = 'ecs.aliyuncs.com'
/** The address clients send in Host; the stand-in answers it besides its own loopback names. */
const METADATA_HOST = '100.100.100.200'

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Start the stand-in; throws when the role does not exist or does not trust ECS. */
export async function startMetadataStandIn(
  emulator: MetadataIssuer,
  opts: MetadataStandInOptions,
): Promise<MetadataStandIn> {
  const bind = opts.host ?? '127.0.0.1'
  requireLoopback(bind, 'The metadata stand-in')
  const now = opts.now ?? (() => new Date())
  const mode = opts.mode ?? 'hardened'
  const instanceId = opts.instanceId ?? 'i-emulator0001'
  const tokens = new MetadataTokens(now)
  let refusals = 0
  const assume = (): { session: ServiceSession; at: Date } => ({
    session: emulator.control.assumeRoleAsService(opts.accountId, opts.roleName, {
      service: ECS_SERVICE,
      sessionName: instanceId,
      durationSeconds: CREDENTIAL_SECONDS,
    }),
    at: now(),
  })
  // Fail at start, not at the first request: a role that is missing or does not trust ECS could
  // never have been attached to the instance.
  let current = assume()
  const roleName = opts.roleName

  const credentials = (): string => {
    if (Date.parse(current.session.expiration) - now().getTime() < RENEW_BEFORE_MS) current = assume()
    const { session, at } = current
    return JSON.stringify({
      AccessKeyId: session.accessKeyId,
      AccessKeySecret: session.accessKeySecret,
      Expiration: session.expiration,
      SecurityToken: session.securityToken,
      LastUpdated: isoSeconds(at),
      Code: 'Success',
    })
  }

  /** The answer to one request: status, body and content type. */
  const answer = (req: IncomingMessage): [number, string, string?] => {
    const host = header(req, 'host') ?? ''
    if (!isLoopbackHostHeader(host) && host.replace(/:80$/, '') !== METADATA_HOST) return [403, 'Forbidden']
    const url = parseTarget(req.url)
    if (!url) return [404, 'Not Found']
    const method = (req.method ?? 'GET').toUpperCase()
    if (url.pathname === '/latest/api/token') {
      if (method !== 'PUT') return [405, 'Method Not Allowed']
      const ttl = parseTtl(header(req, 'x-aliyun-ecs-metadata-token-ttl-seconds'))
      return ttl === undefined ? [400, 'Bad Request'] : [200, tokens.issue(ttl)]
    }
    if (method !== 'GET' && method !== 'HEAD') return [405, 'Method Not Allowed']
    const problem = tokens.check(header(req, 'x-aliyun-ecs-metadata-token'))
    if (problem && !(problem === 'missing' && mode === 'compatible')) {
      refusals++
      return [401, 'Unauthorized']
    }
    if (url.pathname === CREDENTIALS_PATH) return [200, roleName]
    if (url.pathname === `${CREDENTIALS_PATH}${roleName}`) return [200, credentials(), 'application/json']
    return [404, 'Not Found']
  }

  const server = createServer((req, res) => {
    // The metadata service takes no bodies; drain whatever comes so the answer is not lost.
    req.resume()
    req.on('end', () => send(res, ...answer(req)))
  })
  const port = await listen(server, bind, opts.port ?? 0)
  return {
    endpoint: httpBase(bind, port),
    refused: () => refusals,
    close: () => closeServer(server),
  }
}
