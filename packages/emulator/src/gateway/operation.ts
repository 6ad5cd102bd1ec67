/**
 * The shape of one API action: its required parameters, the resources its permission check is
 * evaluated on, and its handler. ram.ts and sts.ts each export a table of these.
 */
import type { CustomPolicy } from '../domain/entities.js'
import type { ConditionContext } from '../policy/evaluate.js'
import type { Store } from '../state/store.js'
import type { Identity } from './auth.js'
import type { Params } from './params.js'

/**
 * Eventual-consistency hooks (implemented per request by faults.ts). API write handlers report
 * what they wrote; read handlers and AssumeRole ask whether it is visible / in effect yet. Things
 * are keyed by object identity (the User, Role, CustomPolicy, PolicyVersion and Attachment objects
 * of state.ts), so the state carries no extra fields. The control surface never reports writes:
 * what it sets up is visible and in effect at once.
 */
export interface Consistency {
  /** True when a delay is configured; lets O(1) paths (counts) stay O(1) otherwise. */
  readonly active: boolean
  /** A user, role, custom policy, policy version or attachment was just created. */
  created(thing: object): void
  /** `policy`'s default version just changed away from `previous`. */
  defaultChanged(policy: CustomPolicy, previous: string): void
  /** A role's trust policy or a principal's attached policies just changed. */
  grantsChanged(thing: object): void
  /** Whether reads may see it (a false answer marks the request with the `invisible` fault). */
  visible(thing: object): boolean
  /** Whether attachments may name it yet (a false answer marks the `attachDelay` fault). */
  attachable(thing: object): boolean
  /** The default version reads see (the previous one while a change propagates). */
  visibleDefault(policy: CustomPolicy): string
  /** Whether grant changes of it are in effect (a false answer marks the `grantDelay` fault). */
  settled(thing: object): boolean
}

/** Everything visible and in effect at once (no delays configured). */
export const IMMEDIATE: Consistency = {
  active: false,
  created: () => {},
  defaultChanged: () => {},
  grantsChanged: () => {},
  visible: () => true,
  attachable: () => true,
  visibleDefault: (p) => p.defaultVersion,
  settled: () => true,
}

export interface OperationContext {
  params: Params
  /** Undefined only for anonymous actions called without a signature. */
  identity?: Identity
  now: Date
  store: Store
  /** Request-derived condition keys (acs:CurrentTime, acs:SourceIp, acs:SecureTransport, …). */
  conditions: ConditionContext
  /** Read-your-writes hooks for this request; IMMEDIATE unless delays are configured. */
  consistency: Consistency
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
