export class ApiError extends Error {
  readonly status: number

  constructor(
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status ?? statusFor(code)
  }
}

/**
 * HTTP status per code class (README "Protocol"). Throttling is answered with 400: the real status is
 * unconfirmed (400, 429 and 503 are all plausible); both SDKs classify by Code, and 400 is what the
 * toolchain notes observed.
 */
export function statusFor(code: string): number {
  if (code === 'InternalError') return 500
  if (code === 'ServiceUnavailable') return 503
  if (code === 'NotImplemented') return 501
  if (code.startsWith('EntityNotExist')) return 404
  if (code === 'InvalidAccessKeyId.NotFound' || code === 'InvalidAction.NotFound') return 404
  if (code.startsWith('EntityAlreadyExists') || code.startsWith('DeleteConflict')) return 409
  if (code.startsWith('LimitExceeded')) return 409
  if (code === 'NoPermission' || code === 'Inactive' || code.startsWith('Forbidden')) return 403
  // AssumeRoleWithOIDC/SAML failures: 401, as the STS error-code table lists them.
  if (code.startsWith('AuthenticationFail')) return 401
  return 400
}

// ---- parameter errors -------------------------------------------------------------------------

export const missingParam = (param: string): ApiError =>
  new ApiError(`Missing${param}`, `${param} is mandatory for this action.`)

export const invalidChars = (param: string): ApiError =>
  new ApiError(`InvalidParameter.${param}.InvalidChars`, `The parameter - "${param}" contains invalid chars.`)

export const tooLong = (param: string): ApiError =>
  new ApiError(`InvalidParameter.${param}.Length`, `The parameter - "${param}" is beyond the length limit.`)

export const badFormat = (param: string): ApiError =>
  new ApiError(`InvalidParameter.${param}.Format`, `The parameter - "${param}" is wrongly formed.`)

export const invalidParam = (param: string, detail?: string): ApiError =>
  new ApiError(`InvalidParameter.${param}`, detail ?? `The parameter - "${param}" is incorrect.`)

export const malformedPolicy = (detail: string): ApiError =>
  new ApiError('MalformedPolicyDocument', `The policy document is malformed: ${detail}`)

// ---- authorization ----------------------------------------------------------------------------

export const NO_PERMISSION_MESSAGE =
  'You are not authorized to do this action. You should be authorized by RAM.'
export const TRUST_DENIED_MESSAGE =
  'No permission perform sts:AssumeRole on this Role. Maybe you are not authorized to perform sts:AssumeRole or the specified role does not trust you'

export const noPermission = (message = NO_PERMISSION_MESSAGE): ApiError =>
  new ApiError('NoPermission', message)

// ---- federation (AssumeRoleWithOIDC) ------------------------------------------------------------

export const OIDC_NO_PROVIDER_MESSAGE = 'No such OIDC Provider registered.'
export const OIDC_TRUST_DENIED_MESSAGE = 'There is no permission'

export const oidc = {
  noProvider: () => new ApiError('AuthenticationFail.NoPermission', OIDC_NO_PROVIDER_MESSAGE),
  trustDenied: () => new ApiError('AuthenticationFail.NoPermission', OIDC_TRUST_DENIED_MESSAGE),
  invalid: (message: string) => new ApiError('AuthenticationFail.OIDCToken.Invalid', message),
  expired: () => new ApiError('AuthenticationFail.OIDCToken.Expired', 'This JsonWebToken is expired.'),
  audience: () => new ApiError('AuthenticationFail.OIDCToken.AudienceNotMatch', 'Invalid audience.'),
  issuer: () =>
    new ApiError(
      'AuthenticationFail.OIDCToken.IssuerNotMatch',
      "The issuer in the OIDC Token doesn't match the OIDC Provider registered.",
    ),
}

// ---- entity errors (RAM catalogue wording) ----------------------------------------------------

const ENTITY_MESSAGES: Record<string, string> = {
  'EntityNotExist.User': 'The user does not exist.',
  'EntityNotExist.Role': 'The role does not exist.',
  'EntityNotExist.Policy': 'The policy does not exist.',
  'EntityNotExist.Policy.Version': 'The policy version does not exist.',
  'EntityNotExist.User.Policy': 'The indicate policy of the user does not exist.',
  'EntityNotExist.Role.Policy': 'The indicate policy attached to the role does not exist.',
  'EntityNotExist.User.AccessKey': 'The access key of the user does not exist.',
  'EntityAlreadyExists.User': 'The user does already EXIST.',
  'EntityAlreadyExists.Role': 'The role does already EXIST.',
  'EntityAlreadyExists.Policy': 'The policy does already EXIST.',
  'EntityAlreadyExists.OIDCProvider': 'The OIDC provider does already EXIST.',
  'EntityAlreadyExists.User.Policy': 'The user has already been attached this policy.',
  'EntityAlreadyExists.Role.Policy': 'The role has already been attached this policy.',
  'LimitExceeded.User': 'The count of users beyond the current limits.',
  'LimitExceeded.Role': 'The count of roles beyond the current limits.',
  'LimitExceeded.Policy': 'The count of policies beyond the current limits.',
  'LimitExceeded.Policy.Version': 'The maximum number of policy versions is exceeded.',
  'LimitExceeded.User.Policy': 'The count of policies attached to the user is beyond the current limits.',
  'LimitExceeded.Role.Policy': 'The count of policies attached to the role is beyond the current limits.',
  'LimitExceeded.User.AccessKey': 'The count of access keys of the user is beyond the current limits.',
  'DeleteConflict.User.AccessKey': 'The user CAN NOT has any access key while deleting the user.',
  'DeleteConflict.User.Policy': 'The user CAN NOT has any attached policy while deleting the user.',
  'DeleteConflict.Role.Policy': 'The role CAN NOT has any attached policy while deleting the role.',
  'DeleteConflict.Policy.User': 'The policy cannot be attached to any user when you delete it.',
  'DeleteConflict.Policy.Role': 'The policy cannot be attached to any role when you delete it.',
  'DeleteConflict.Policy.Version':
    'The policy CAN NOT has any non-default version while deleting the policy.',
  'DeleteConflict.Policy.Version.Default': 'The default policy version CAN NOT been deleted directly.',
}

export function entityError(code: string): ApiError {
  return new ApiError(code, ENTITY_MESSAGES[code] ?? code)
}

// ---- gateway errors ---------------------------------------------------------------------------

export const gateway = {
  invalidVersion: (v: string | undefined) =>
    new ApiError('InvalidVersion', `Specified parameter Version is not valid${v ? `: ${v}` : ''}.`),
  actionNotFound: () =>
    new ApiError('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'),
  keyNotFound: () => new ApiError('InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  keyInactive: () => new ApiError('InvalidAccessKeyId.Inactive', 'Specified access key is disabled.'),
  tokenMismatch: () =>
    new ApiError(
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified SecurityToken mismatch with the AccessKey.',
    ),
  tokenExpired: () => new ApiError('InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  signatureMismatch: (stringToSign: string) =>
    new ApiError(
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    ),
  incompleteSignature: (detail: string) =>
    new ApiError(
      'IncompleteSignature',
      `The request signature does not conform to Aliyun standards. ${detail}`,
    ),
  timestampExpired: () =>
    new ApiError('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'),
  timestampFormat: () =>
    new ApiError('InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.'),
  nonceUsed: () => new ApiError('SignatureNonceUsed', 'Specified signature nonce was used already.'),
  signatureMethod: () =>
    new ApiError('InvalidSignatureMethod', 'Specified signature method is not supported.'),
  signatureVersion: () =>
    new ApiError('InvalidSignatureVersion', 'Specified signature version is not supported.'),
  format: () => new ApiError('InvalidParameter.Format', 'Specified parameter Format is not valid.'),
  internal: (sts: boolean) =>
    new ApiError(
      'InternalError',
      sts ? 'STS Server Internal Error happened.' : 'An internal error occurred.',
    ),
}
