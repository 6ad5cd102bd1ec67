/** HTTP listeners: one per product, each running the request pipeline. */
import { createServer, type Server } from 'node:http'
import { ApiError, gateway } from '../domain/errors.js'
import type { ControlHandler, PipelineDeps, ServiceConfig } from './context.js'
import { handleApiRequest, readBody, send } from './pipeline.js'
import { renderError } from './response.js'

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
