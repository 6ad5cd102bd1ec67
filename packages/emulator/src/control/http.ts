/** The HTTP front of the control surface, `/__emulator/…` on the RAM port. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError } from '../domain/errors.js'
import type { FaultConfig } from '../faults/config.js'
import { parseTarget } from '../net/target.js'
import type { Args } from './args.js'
import { refuseControlRequest } from './guard.js'
import { controlRoutes, type Method, type Route } from './routes.js'
import type { EmulatorControl } from './types.js'

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {})
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/**
 * The handler of `/__emulator/…`: guard.ts decides who may use it (loopback Host, the control
 * token, a JSON body for writes); then one route per name and method.
 */
export function controlHttpHandler(control: EmulatorControl, faultConfig: () => FaultConfig, token: string) {
  const routes = controlRoutes(faultConfig)
  const methods = (r: Route): Method[] => Object.keys(r) as Method[]
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> => {
    const refusal = refuseControlRequest(req, token)
    if (refusal) {
      reply(res, refusal.status, { error: { code: refusal.code, message: refusal.message } })
      return true
    }
    const url = parseTarget(req.url)
    if (!url) {
      reply(res, 404, { error: { code: 'NotFound', message: 'Malformed control path.' } })
      return true
    }
    const name = url.pathname.slice('/__emulator/'.length)
    if (name === '') {
      reply(res, 200, {
        routes: Object.entries(routes).flatMap(([n, r]) => methods(r).map((m) => `${m} /__emulator/${n}`)),
      })
      return true
    }
    const route = Object.hasOwn(routes, name) ? routes[name] : undefined
    if (!route) {
      reply(res, 404, { error: { code: 'NotFound', message: `Unknown control route /__emulator/${name}` } })
      return true
    }
    const method = (req.method ?? 'GET').toUpperCase() as Method
    const run = Object.hasOwn(route, method) ? route[method] : undefined
    if (!run) {
      reply(res, 405, {
        error: {
          code: 'MethodNotAllowed',
          message: `Use ${methods(route).join(' or ')} for /__emulator/${name}`,
        },
      })
      return true
    }
    try {
      let args: Args = Object.fromEntries(url.searchParams)
      if ((method === 'POST' || method === 'PUT') && body.length > 0) {
        const parsed: unknown = JSON.parse(body.toString('utf8'))
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw new ApiError('InvalidArgument', 'The body must be a JSON object.')
        }
        args = parsed as Args
      }
      reply(res, 200, run(control, args))
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 400
      const code = e instanceof ApiError ? e.code : 'InvalidArgument'
      reply(res, status, { error: { code, message: (e as Error).message } })
    }
    return true
  }
}
