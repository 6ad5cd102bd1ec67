/** What a request carries through the pipeline, and the ways a stage may end it early. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { IdGenerator } from '../domain/ids.js'
import type { Clock } from '../domain/time.js'
import type { Store } from '../state/store.js'
import type { Authenticator, Identity, SignatureScheme, SignedRequest } from './auth.js'
import type { CallLog } from './call-log.js'
import type { Consistency, Operation, OperationTable } from './operation.js'
import type { Format, ServiceIdentity } from './response.js'

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
