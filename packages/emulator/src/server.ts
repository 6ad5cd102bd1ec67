/**
 * HTTP front end. One listener per product (RAM, STS), each with the same request pipeline:
 *
 *   read body → merge query + form parameters → resolve (Version, Action, Format)
 *     → authenticate (auth.ts) → extra stages → dispatch (required params, authorization, handler)
 *     → JSON/XML reply → call log
 *
 * "Extra stages" is the seam for fault injection (faults.ts): each stage sees the resolved action
 * and the authenticated caller and may delay, pass, or end the request early by throwing an
 * ApiError (rendered as usual), a RawReply (sent verbatim) or a DropConnection (socket destroyed,
 * no answer). It may also set `dropReply` (run the handler, then destroy the socket) and hand the
 * handler its `consistency` hooks. The RAM listener also serves the control surface under
 * /__emulator/, which never goes through the stages.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import {
  type Authenticator,
  detectScheme,
  type Identity,
  identityArn,
  type SignatureScheme,
  type SignedRequest,
} from './auth.js'
import { authorize } from './authorize.js'
import { type CallLog, redact } from './calls.js'
import { ApiError, gateway, missingParam } from './errors.js'
import type { IdGenerator } from './ids.js'
import {
  type Consistency,
  IMMEDIATE,
  isWriteAction,
  type Operation,
  type OperationContext,
  type OperationTable,
} from './operation.js'
import { required } from './params.js'
import type { ConditionContext } from './policy.js'
import { type Format, type Rendered, renderError, renderSuccess, type ServiceIdentity } from './response.js'
import type { Store } from './state.js'
import { type Clock, isoSeconds } from './time.js'

export type ServiceName = 'ram' | 'sts'

export interface ServiceConfig extends ServiceIdentity {
  name: ServiceName
  version: string
  operations: OperationTable
}

/** Everything known about one API request as it moves through the pipeline. */
export interface RequestContext {
  service: ServiceConfig
  requestId: string
  now: Date
  http: SignedRequest & { remoteAddress: string }
  scheme: SignatureScheme
  format: Format
  action?: string
  operation?: Operation
  identity?: Identity
  /** Set by a stage that injected a fault: its kind, recorded in the call log. */
  fault?: string
  /** Set by a stage: run the handler (its writes commit), then destroy the socket unanswered. */
  dropReply?: boolean
  /** Read-your-writes hooks for the handler; IMMEDIATE unless a stage sets them. */
  consistency?: Consistency
}

/** Thrown by a stage: destroy the socket without answering (a connection reset). */
export class DropConnection extends Error {
  constructor() {
    super('connection dropped')
    this.name = 'DropConnection'
  }
}

/** Thrown by a stage: answer with this body verbatim (e.g. a proxy's HTML error page). */
export class RawReply extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly text: string,
  ) {
    super(`raw reply ${status}`)
    this.name = 'RawReply'
  }
}

/** A pipeline stage between authentication and dispatch; throw an ApiError to reject. */
export type RequestStage = (ctx: RequestContext) => void | Promise<void>

export interface PipelineDeps {
  store: Store
  auth: Authenticator
  ids: IdGenerator
  clock: Clock
  calls: CallLog
  /** Run in order after authentication, before dispatch (fault injection, faults.ts). */
  stages: RequestStage[]
}

/** Handles `/__emulator/…` requests; resolves to true when it answered. */
export type ControlHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<boolean>

const MAX_BODY = 10 * 1024 * 1024

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new ApiError('InvalidParameter.BodySize', 'The request body exceeds 10 MB.', 413))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(',') : v
  return out
}

function toRecord(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of search) out[k] = v
  return out
}

// ---- pipeline stages --------------------------------------------------------------------------

function resolve(ctx: RequestContext): void {
  const { http, service } = ctx
  if (http.path !== '/' || (http.method !== 'GET' && http.method !== 'POST')) throw gateway.actionNotFound()
  const fromHeaders = ctx.scheme === 'V3' || (ctx.scheme === 'Anonymous' && http.params.Action === undefined)
  const action = fromHeaders ? http.headers['x-acs-action'] : http.params.Action
  const version = fromHeaders ? http.headers['x-acs-version'] : http.params.Version
  ctx.action = action
  if (!action) throw missingParam('Action')
  if (!version) throw missingParam('Version')
  if (version !== service.version) throw gateway.invalidVersion(version)
  const op = service.operations.get(action)
  if (!op) throw gateway.actionNotFound()
  ctx.operation = op
}

function authenticate(ctx: RequestContext, deps: PipelineDeps): void {
  if (ctx.scheme === 'Anonymous') {
    if (!ctx.operation?.anonymous) throw missingParam('AccessKeyId')
    return
  }
  ctx.identity = deps.auth.authenticate(ctx.http, ctx.scheme, ctx.now)
}

function conditionContext(ctx: RequestContext): ConditionContext {
  return {
    'acs:CurrentTime': isoSeconds(ctx.now),
    'acs:SourceIp': ctx.http.remoteAddress,
    // The real endpoints are HTTPS-only, so every request that reaches RAM is secure transport.
    'acs:SecureTransport': 'true',
    'acs:MFAPresent': 'false',
  }
}

function dispatch(ctx: RequestContext, deps: PipelineDeps): Record<string, unknown> {
  const op = ctx.operation!
  const params = ctx.http.params
  for (const name of op.required) required(params, name)
  const opCtx: OperationContext = {
    params,
    identity: ctx.identity,
    now: ctx.now,
    store: deps.store,
    conditions: conditionContext(ctx),
    consistency: ctx.consistency ?? IMMEDIATE,
  }
  if (op.resources && ctx.identity) {
    const withIdentity = { ...opCtx, identity: ctx.identity }
    authorize(ctx.identity, `${ctx.service.name}:${op.action}`, op.resources(withIdentity), opCtx.conditions)
  }
  return op.handle(opCtx)
}

// ---- request handling -------------------------------------------------------------------------

function send(res: ServerResponse, status: number, requestId: string, r: Rendered): void {
  res.writeHead(status, {
    'content-type': r.contentType,
    'content-length': Buffer.byteLength(r.text),
    'x-acs-request-id': requestId,
  })
  res.end(r.text)
}

function parseFormat(params: Record<string, string>): Format {
  const f = (params.Format ?? 'JSON').toUpperCase()
  if (f !== 'JSON' && f !== 'XML') throw gateway.format()
  return f
}

export async function handleApiRequest(
  service: ServiceConfig,
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): Promise<void> {
  const done = deps.calls.begin()
  try {
    await handle(service, deps, req, res, body)
  } finally {
    done()
  }
}

async function handle(
  service: ServiceConfig,
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): Promise<void> {
  const requestId = deps.ids.uuid()
  const now = deps.clock()
  const url = new URL(req.url ?? '/', 'http://emulator')
  const headers = headerMap(req)
  const query = toRecord(url.searchParams)
  const isForm = (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
  const form = isForm && body.length > 0 ? toRecord(new URLSearchParams(body.toString('utf8'))) : {}
  const http = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    headers,
    query,
    params: { ...query, ...form },
    rawBody: body,
    remoteAddress: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
  }
  const ctx: RequestContext = { service, requestId, now, http, scheme: detectScheme(http), format: 'JSON' }
  let status = 200
  let code: string | undefined
  let rendered: Rendered | undefined
  try {
    ctx.format = parseFormat(http.params)
    resolve(ctx)
    authenticate(ctx, deps)
    for (const stage of deps.stages) await stage(ctx)
    const result = dispatch(ctx, deps)
    rendered = renderSuccess(ctx.format, ctx.action!, requestId, result)
  } catch (e) {
    if (e instanceof DropConnection) {
      rendered = undefined
    } else if (e instanceof RawReply) {
      status = e.status
      rendered = { contentType: e.contentType, text: e.text }
    } else {
      const err = e instanceof ApiError ? e : gateway.internal(service.name === 'sts')
      if (!(e instanceof ApiError)) console.error('[emulator] internal error:', e)
      status = err.status
      code = err.code
      rendered = renderError(ctx.format, service, requestId, err)
    }
  }
  if (rendered && !ctx.dropReply) {
    send(res, status, requestId, rendered)
  } else {
    req.socket.destroy()
    status = 0
    code = undefined
  }
  const action = ctx.action ?? http.params.Action ?? headers['x-acs-action'] ?? ''
  deps.calls.record({
    time: now.toISOString(),
    service: service.name,
    action,
    write: isWriteAction(action),
    ...(ctx.identity ? { accountId: ctx.identity.account.accountId, caller: identityArn(ctx.identity) } : {}),
    params: redact(http.params),
    status,
    ...(code ? { code } : {}),
    ...(ctx.fault ? { fault: ctx.fault } : {}),
  })
}

export function createListener(service: ServiceConfig, deps: PipelineDeps, control?: ControlHandler): Server {
  return createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        if (control && (req.url ?? '').startsWith('/__emulator/') && (await control(req, res, body))) return
        await handleApiRequest(service, deps, req, res, body)
      })
      .catch((e) => {
        const err = e instanceof ApiError ? e : gateway.internal(service.name === 'sts')
        const requestId = deps.ids.uuid()
        if (!res.headersSent) send(res, err.status, requestId, renderError('JSON', service, requestId, err))
      })
  })
}

export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const addr = server.address()
      resolvePort(typeof addr === 'object' && addr ? addr.port : port)
    })
  })
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections()
    server.close(() => done())
  })
}
