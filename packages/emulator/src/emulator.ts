/**
 * Local emulator of Alibaba Cloud RAM (2015-05-01) and STS (2015-04-01): two loopback HTTP
 * listeners that the official SDKs (pop-core, @alicloud/ram20150501, @alicloud/sts20150401) talk
 * to as if they were ram.aliyuncs.com and sts.aliyuncs.com. See the package README.
 */
import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { createControl } from './control/api.js'
import { controlHttpHandler } from './control/http.js'
import type { EmulatorControl } from './control/types.js'
import type { Fidelity } from './domain/entities.js'
import { IdGenerator } from './domain/ids.js'
import type { Clock } from './domain/time.js'
import { type ProfileName, profileFaults } from './faults/profiles.js'
import { Faults } from './faults/stage.js'
import { Authenticator } from './gateway/auth.js'
import { CallLog, type CallLogLimits } from './gateway/call-log.js'
import type { PipelineDeps, RequestStage, ServiceConfig } from './gateway/context.js'
import { createListener } from './gateway/listener.js'
import { requireLoopback } from './net/loopback.js'
import { closeServer, httpBase, listen } from './net/server.js'
import { RAM_OPERATIONS } from './ram/operations.js'
import { Store } from './state/store.js'
import { STS_OPERATIONS } from './sts/operations.js'

/** A running emulator: its two endpoints, its control surface, and how to stop it. */
export interface Emulator {
  /** `http://<host>:<port>` of the RAM listener (also serves /__emulator/). */
  ramEndpoint: string
  /** `http://<host>:<port>` of the STS listener. */
  stsEndpoint: string
  control: EmulatorControl
  /**
   * The token the HTTP control surface requires (`Authorization: Bearer <token>`); random per
   * start. In-process callers use `control` and never need it.
   */
  controlToken: string
  close(): Promise<void>
}

/** Options of startEmulator; every one has a default (see the package README). */
export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string
  /** Ports; default 0 (any free port). */
  ramPort?: number
  stsPort?: number
  /** Makes ids, keys, tokens and RequestIds deterministic. */
  seed?: number
  /** Server clock (timestamp window, STS expiry, dates in responses); default real time. */
  now?: () => Date
  /**
   * How session ARNs spell the role name: as created (`preserve`, default) or lower-cased
   * (`lower`). The real service's choice is unconfirmed (README fidelity table); test both.
   */
  sessionRoleNameCase?: Fidelity['sessionRoleNameCase']
  /** Bounds of the call log (control.calls()); see CallLogLimits for the defaults. */
  callLog?: Partial<CallLogLimits>
  /**
   * Propagation profile: `deterministic` (default; writes visible and in effect at once) or
   * `realistic` (bounded, seeded delays, see faults/profiles.ts). `control.reset()` restores it;
   * `control.setFaults` replaces it (spread `profileFaults(name)` to keep it).
   */
  profile?: ProfileName
  /**
   * Monotonic milliseconds that latency, QPS buckets and propagation delays are measured on;
   * default `performance.now()`. Tests pass their own to step through a delay without sleeping.
   */
  delayClock?: () => number
}

/** The RAM listener's identity: API version 2015-05-01, HostId ram.aliyuncs.com, its actions. */
export const RAM_SERVICE: ServiceConfig = {
  name: 'ram',
  version: '2015-05-01',
  hostId: 'ram.aliyuncs.com',
  product: 'Ram',
  operations: RAM_OPERATIONS,
}

/** The STS listener's identity: API version 2015-04-01, HostId sts.aliyuncs.com, its actions. */
export const STS_SERVICE: ServiceConfig = {
  name: 'sts',
  version: '2015-04-01',
  hostId: 'sts.aliyuncs.com',
  product: 'Sts',
  operations: STS_OPERATIONS,
}

/**
 * Start the RAM and STS listeners on loopback (refuses any other host) with an empty state;
 * create accounts, users, roles and policies through `control`. Close it when done.
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1'
  requireLoopback(host, 'The emulator')
  const clock: Clock = opts.now ?? (() => new Date())
  const ids = new IdGenerator(opts.seed)
  const store = new Store(ids, { sessionRoleNameCase: opts.sessionRoleNameCase ?? 'preserve' })
  const auth = new Authenticator(store)
  const calls = new CallLog(opts.callLog)
  // Fault injection defaults to the emulator's seed, so a seeded emulator is reproducible throughout.
  const faults = new Faults(ids, opts.seed, opts.delayClock)
  const profile = profileFaults(opts.profile ?? 'deterministic')
  faults.set(profile)
  const stages: RequestStage[] = [faults.stage]
  const deps: PipelineDeps = { store, auth, ids, clock, calls, stages }
  const control = createControl(
    store,
    calls,
    clock,
    () => {
      store.reset()
      auth.reset()
      calls.reset()
      ids.reset()
      faults.set(profile)
    },
    faults,
    auth,
  )

  // Never from the seeded generator: a seed makes ids reproducible, the token must stay unguessable.
  const controlToken = randomBytes(24).toString('base64url')
  const servers: Server[] = []
  try {
    const ram = createListener(
      RAM_SERVICE,
      deps,
      controlHttpHandler(control, () => faults.config(), controlToken),
    )
    servers.push(ram)
    const ramPort = await listen(ram, host, opts.ramPort ?? 0)
    const sts = createListener(STS_SERVICE, deps)
    servers.push(sts)
    const stsPort = await listen(sts, host, opts.stsPort ?? 0)
    return {
      ramEndpoint: httpBase(host, ramPort),
      stsEndpoint: httpBase(host, stsPort),
      control,
      controlToken,
      close: async () => {
        await Promise.all(servers.map(closeServer))
      },
    }
  } catch (e) {
    await Promise.all(servers.filter((s) => s.listening).map(closeServer))
    throw e
  }
}
