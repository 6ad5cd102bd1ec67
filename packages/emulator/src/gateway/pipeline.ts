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

import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError, gateway, missingParam } from '../domain/errors.js'
import { isoSeconds } from '../domain/time.js'
import { parseTarget } from '../net/target.js'
import type { ConditionContext } from '../policy/evaluate.js'
import { detectScheme, identityArn } from './auth.js'
import { authorize } from './authorize.js'
import { redact } from './call-log.js'
import {
  DropConnection,
  type PipelineDeps,
  RawReply,
  type RequestContext,
  type ServiceConfig,
} from './context.js'
import { IMMEDIATE, isWriteAction, type OperationContext } from './operation.js'
import { required } from './params.js'
import { type Format, type Rendered, renderError, renderSuccess } from './response.js'

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

export function authenticate(ctx: RequestContext, deps: PipelineDeps): void {
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

export function send(res: ServerResponse, status: number, requestId: string, r: Rendered): void {
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

export async function handle(
  service: ServiceConfig,
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): Promise<void> {
  const requestId = deps.ids.uuid()
  const now = deps.clock()
  // A target that is not a path (`//`, `*`, junk) reaches no action: InvalidAction.NotFound, 404.
  const url = parseTarget(req.url)
  const headers = headerMap(req)
  const query = url ? toRecord(url.searchParams) : {}
  const isForm = (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
  const form = isForm && body.length > 0 ? toRecord(new URLSearchParams(body.toString('utf8'))) : {}
  const http = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url?.pathname ?? '',
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
