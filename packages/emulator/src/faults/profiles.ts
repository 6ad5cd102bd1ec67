/**
 * Named propagation profiles. `deterministic` (the default of startEmulator and `npm start`) makes
 * every write visible and in effect at once. `realistic` behaves as RAM is observed to: a new user,
 * role or policy is not yet found by an attachment, a fresh grant is not yet honoured by
 * AssumeRole, and lists (and gets) lag behind writes. Its delays are drawn per write from bounded
 * ranges (`delayJitter`) with the fault seed (the emulator's seed unless set), so a seeded run is reproducible.
 */
import type { FaultConfig } from './config.js'

/** The propagation profiles, by name. */
export const PROFILE_NAMES = ['deterministic', 'realistic'] as const
/** One of PROFILE_NAMES. */
export type ProfileName = (typeof PROFILE_NAMES)[number]

const PROFILES: Record<ProfileName, FaultConfig> = {
  deterministic: {},
  // Each delay is drawn per write from [¼ of it, all of it].
  realistic: { visibilityDelayMs: 400, attachDelayMs: 400, grantDelayMs: 1000, delayJitter: 0.75 },
}

/** The fault settings of a profile (a fresh copy: spread it to add settings of your own). */
export function profileFaults(name: ProfileName): FaultConfig {
  if (!Object.hasOwn(PROFILES, name)) {
    throw new RangeError(`Unknown profile "${name}"; expected one of ${PROFILE_NAMES.join(', ')}.`)
  }
  return structuredClone(PROFILES[name])
}
