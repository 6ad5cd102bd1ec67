/**
 * The shape of one API action: its required parameters, the resources its permission check is
 * evaluated on, and its handler. ram.ts and sts.ts each export a table of these.
 */
import type { Identity } from './auth.js'
import type { Params } from './params.js'
import type { ConditionContext } from './policy.js'
import type { Store } from './state.js'

export interface OperationContext {
  params: Params
  /** Undefined only for anonymous actions called without a signature. */
  identity?: Identity
  now: Date
  store: Store
  /** Request-derived condition keys (acs:CurrentTime, acs:SourceIp, acs:SecureTransport, …). */
  conditions: ConditionContext
}

export interface Operation {
  action: string
  /** Callable without a signature (AssumeRoleWithOIDC / AssumeRoleWithSAML only). */
  anonymous?: boolean
  /** Parameters whose absence is `Missing<Param>`, checked before authorization. */
  required: string[]
  /**
   * Resources on which `<product>:<Action>` must be allowed for the caller. Absent: no permission
   * check (GetCallerIdentity; AssumeRole checks inside its handler).
   */
  resources?: (ctx: OperationContext & { identity: Identity }) => string[]
  handle(ctx: OperationContext): Record<string, unknown>
}

export type OperationTable = ReadonlyMap<string, Operation>

export function operationTable(ops: Operation[]): OperationTable {
  return new Map(ops.map((op) => [op.action, op]))
}

/** Mutating actions (Create*, Update*, Delete*, Attach*, Detach*, Set*, …); AssumeRole is not one. */
export function isWriteAction(action: string): boolean {
  return /^(Create|Update|Delete|Attach|Detach|Set|Add|Remove|Put|Tag|Untag|Bind|Unbind|Change|Clear|Enable|Disable|Reset|Upload)/.test(
    action,
  )
}
