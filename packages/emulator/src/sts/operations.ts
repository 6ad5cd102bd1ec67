/**
 * Every STS (2015-04-01) action the emulator answers: AssumeRole, AssumeRoleWithOIDC,
 * GetCallerIdentity; AssumeRoleWithSAML is routed (anonymous) but answers NotImplemented.
 */
import { ApiError } from '../domain/errors.js'
import { type Operation, operationTable } from '../gateway/operation.js'
import { assumeRole } from './assume-role.js'
import { assumeRoleWithOidc } from './assume-role-with-oidc.js'
import { getCallerIdentity } from './caller-identity.js'

const notImplemented = (action: string): Operation => ({
  action,
  anonymous: true,
  required: [],
  handle() {
    throw new ApiError('NotImplemented', `${action} is not implemented by the emulator yet.`)
  },
})

export const STS_OPERATIONS = operationTable([
  assumeRole,
  getCallerIdentity,
  assumeRoleWithOidc,
  notImplemented('AssumeRoleWithSAML'),
])
