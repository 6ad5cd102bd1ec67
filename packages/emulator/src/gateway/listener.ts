/** HTTP listeners: one per product, each running the request pipeline. */
import { createServer, type Server } from 'node:http'
import { ApiError, gateway } from '../domain/errors.js'
import { readLimitedBody } from '../net/body.js'
import type { ControlHandler, PipelineDeps, ServiceConfig } from './context.js'
import { handleApiRequest, send } from './pipeline.js'
import { renderError } from './response.js'

/** A POST may carry at most 10 MB (the RAM "Request structure" page). */
const MAX_BODY = 10 * 1024 * 1024

const tooLarge = (): ApiError =>
  new ApiError('InvalidParameter.BodySize', 'The request body exceeds 10 MB.', 413)

export function createListener(service: ServiceConfig, deps: PipelineDeps, control?: ControlHandler): Server {
  return createServer((req, res) => {
    readLimitedBody(req, MAX_BODY)
      .then(async (read) => {
        if (!read.ok) throw tooLarge()
        if (control && (req.url ?? '').startsWith('/__emulator/') && (await control(req, res, read.body)))
          return
        await handleApiRequest(service, deps, req, res, read.body)
      })
      .catch((e) => {
        const err = e instanceof ApiError ? e : gateway.internal(service.name === 'sts')
        const requestId = deps.ids.uuid()
        if (!res.headersSent) send(res, err.status, requestId, renderError('JSON', service, requestId, err))
      })
  })
}
