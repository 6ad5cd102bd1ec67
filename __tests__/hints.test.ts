// Every hint the action gives, as one table: the code a service answered and the sentence the
// person reading the log gets.
import { describe, expect, it } from '@jest/globals'
import { CloudError } from '../src/cloud-error.js'
import { assumeHint, explain, oidcHint } from '../src/hints.js'

const error = (code: string, service: 'ram' | 'sts' = 'ram', action = 'CreateRole') =>
  new CloudError(service, action, code, 'message', 'REQ')

describe('explain()', () => {
  it.each<[string, CloudError, RegExp | '']>([
    ['a missing permission names it', error('NoPermission'), /the identity lacks ram:CreateRole/],
    ['Forbidden.* too', error('Forbidden.RAM', 'sts', 'AssumeRole'), /lacks sts:AssumeRole/],
    ['an unknown key', error('InvalidAccessKeyId.NotFound'), /AccessKey id is unknown or disabled/],
    ['a wrong secret', error('SignatureDoesNotMatch'), /secret does not belong/],
    ['an expired token', error('InvalidSecurityToken.Expired'), /security token is missing, expired/],
    ['a skewed clock', error('InvalidTimeStamp.Expired'), /clock is more than 15 minutes off/],
    ['throttling', error('Throttling.User'), /still throttled after all retries/],
    ['a refused connection', error('ECONNREFUSED'), /RAM endpoint could not be reached: check ram-endpoint/],
    ['a timeout', error('RequestTimeout', 'sts'), /STS endpoint could not be reached: check sts-endpoint/],
    ['a body that is not JSON', error('InvalidResponse'), /answered with something that is not the service/],
    ['a 5xx without a code', error('HTTP502'), /not the service \(a proxy or gateway\?\)/],
    // A code starting with E is not a network error unless it is one.
    [
      'a missing entity is not a network problem',
      error('EntityNotExist.Role.Policy'),
      /role policy does not exist/,
    ],
    ['a missing user', error('EntityNotExist.User'), /the user does not exist/],
    ['the version limit', error('LimitExceeded.Policy.Version'), /already has 5 versions/],
    ['a code that says it all', error('InvalidParameter.RoleName.InvalidChars'), ''],
  ])('%s', (_reason, e, hint) => {
    if (hint === '') expect(explain(e)).toBe('')
    else expect(explain(e)).toMatch(hint)
  })
})

describe('assumeHint()', () => {
  const arn = 'acs:ram::1:role/r'
  const user = { arn: 'acs:ram::1:user/ci', identityType: 'RAMUser' }
  it.each<[string, CloudError, typeof user, RegExp]>([
    [
      'the account root',
      error('NoPermission', 'sts', 'AssumeRole'),
      { arn: 'acs:ram::1:root', identityType: 'Account' },
      /account root, which STS never lets assume a role/,
    ],
    [
      'a missing role',
      error('EntityNotExist.Role', 'sts', 'AssumeRole'),
      user,
      /does not exist \(yet\): run with mode apply first/,
    ],
    [
      'no permission or trust',
      error('NoPermission', 'sts', 'AssumeRole'),
      user,
      /acs:ram::1:user\/ci may not assume acs:ram::1:role\/r: it needs sts:AssumeRole/,
    ],
    [
      'a wrong key',
      error('SignatureDoesNotMatch', 'sts', 'AssumeRole'),
      user,
      /AccessKey pair used for AssumeRole is wrong/,
    ],
    [
      'anything else falls back to explain()',
      error('Throttling', 'sts', 'AssumeRole'),
      user,
      /still throttled/,
    ],
  ])('%s', (_reason, e, caller, hint) => {
    expect(assumeHint(e, caller, arn)).toMatch(hint)
  })
})

describe('oidcHint()', () => {
  const oidc = {
    providerArn: 'acs:ram::1:oidc-provider/gh',
    roleArn: 'acs:ram::1:role/gh',
    audience: 'sts.aliyuncs.com',
  }
  const claims = {
    sub: 'repo:o/r:ref:refs/heads/main',
    aud: 'sts.aliyuncs.com',
    iss: 'https://token.actions.githubusercontent.com',
  }
  it.each<[string, string, RegExp]>([
    ['a wrong audience', 'AuthenticationFail.OIDCToken.AudienceNotMatch', /set oidc-audience/],
    ['an expired token', 'AuthenticationFail.OIDCToken.Expired', /expired before STS saw it/],
    [
      'a wrong issuer',
      'AuthenticationFail.OIDCToken.IssuerNotMatch',
      /issuer URL is not https:\/\/token\.actions/,
    ],
    [
      'a trust policy that refuses the sub',
      'AuthenticationFail.NoPermission',
      /does not accept this token \(sub=repo:o\/r:ref:refs\/heads\/main, aud=sts\.aliyuncs\.com\)/,
    ],
    ['a missing role', 'EntityNotExist.Role', /acs:ram::1:role\/gh does not exist/],
    ['an unknown code', 'Weird', /see the code above/],
  ])('%s', (_reason, code, hint) => {
    expect(oidcHint(error(code, 'sts', 'AssumeRoleWithOIDC'), claims, oidc)).toMatch(hint)
  })
})
