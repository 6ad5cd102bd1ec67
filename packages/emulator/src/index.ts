/**
 * @ram-identity/emulator: a local emulator of Alibaba Cloud RAM (2015-05-01) and STS (2015-04-01)
 * with an OSS stand-in, OIDC providers and an ECS metadata stand-in. This module is the package's
 * only public entry; everything else is internal. See the package README.
 */
export type {
  AccessKey,
  AccountSnapshot,
  AttachedPolicySnapshot,
  CreateRoleOptions,
  CredentialInfo,
  EmulatorControl,
  PolicyRef,
  ServiceSession,
} from './control/types.js'
export { type Emulator, type EmulatorOptions, RAM_SERVICE, STS_SERVICE, startEmulator } from './emulator.js'
export type { Delay, FaultConfig, FaultKind, ForcedFault } from './faults/config.js'
export { PROFILE_NAMES, type ProfileName, profileFaults } from './faults/profiles.js'
export type { CallRecord } from './gateway/call-log.js'
export type { RequestContext, RequestStage } from './gateway/context.js'
export {
  type MetadataIssuer,
  type MetadataStandIn,
  type MetadataStandInOptions,
  startMetadataStandIn,
} from './metadata/stand-in.js'
export type { OidcProviderOptions } from './oidc/provider.js'
export {
  type OssJudge,
  type OssRequestRecord,
  type OssStandIn,
  type OssStandInOptions,
  startOssStandIn,
} from './oss/stand-in.js'
