import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { credentialVariables } from '../../src/credentials/variables.js'
import { type InputName, readInputs } from '../../src/inputs/read.js'
import { derivedPolicyName, validateInputs } from '../../src/inputs/validate.js'

// A throwaway workspace with good and bad policy files, and one file outside it.
const root = mkdtempSync(join(tmpdir(), 'inputs-'))
const workspace = join(root, 'ws')
mkdirSync(join(workspace, 'policies'), { recursive: true })
const good = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: '*' }] }
writeFileSync(join(workspace, 'policies/good.json'), JSON.stringify(good, null, 2))
writeFileSync(
  join(workspace, 'policies/broken.json'),
  '{\n  "Version": "1",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}',
)
writeFileSync(join(workspace, 'policies/v2.json'), JSON.stringify({ ...good, Version: '2' }))
writeFileSync(
  join(workspace, 'policies/huge.json'),
  JSON.stringify({
    ...good,
    Statement: Array.from({ length: 120 }, (_, i) => ({
      ...good.Statement[0],
      Resource: `acs:oss:*:*:bucket-${i}/*`,
    })),
  }),
)
writeFileSync(join(workspace, 'policies/big.json'), ' '.repeat(70 * 1024))
writeFileSync(join(root, 'outside.json'), JSON.stringify(good))
const trust = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }],
}
writeFileSync(join(workspace, 'policies/trust.json'), JSON.stringify(trust))
symlinkSync(join(root, 'outside.json'), join(workspace, 'policies/link.json'))

const base: Record<string, string> = {
  'role-name': 'oss-uploader',
  'access-key-id': 'LTAIexample',
  'access-key-secret': 'secret',
}

function read(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return validateInputs(readInputs((name: InputName) => inputs[name] ?? '', env, workspace))
}

describe('validateInputs()', () => {
  it('applies the defaults', () => {
    const result = read(
      { ...base, 'policy-file': 'policies/good.json', 'sub-account': 'uploader' },
      { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2' },
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.inputs).toMatchObject({
      mode: 'apply',
      policy: {
        name: 'oss-uploader-policy',
        file: { path: 'policies/good.json', text: JSON.stringify(good) },
      },
      subAccount: { name: 'uploader', assumePolicyName: 'oss-uploader-assume', policies: [] },
      maxSessionDuration: undefined,
      adopt: false,
      ignorePolicies: [],
      failOnFindings: 'error',
      session: { name: 'github-42-2', durationSeconds: 3600 },
      region: 'cn-hangzhou',
      ramEndpoint: 'https://ram.aliyuncs.com',
      stsEndpoint: 'https://sts.cn-hangzhou.aliyuncs.com',
      exportEnv: true,
      exclusive: false,
      failOnDrift: true,
      review: { githubToken: '', prComment: true, driftIssue: false, driftIssueLabel: 'ram-drift' },
    })
  })

  it('carries the GitHub token as given and reads what to post', () => {
    const result = read({
      ...base,
      'github-token': 'ghs_abc',
      'pr-comment': 'FALSE',
      'drift-issue': 'true',
      'drift-issue-label': 'infra: RAM drift',
    })
    expect(result.ok && result.inputs.review).toEqual({
      githubToken: 'ghs_abc',
      prComment: false,
      driftIssue: true,
      driftIssueLabel: 'infra: RAM drift',
    })
  })

  it('takes credentials from the environment when the inputs are empty', () => {
    const result = read(
      { 'role-name': 'r' },
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's',
        ALIBABA_CLOUD_SECURITY_TOKEN: 't',
      },
    )
    expect(result.ok && result.inputs.credentials).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 's',
      securityToken: 't',
    })
  })

  it('parses policy lists with optional type prefixes', () => {
    const result = read({
      ...base,
      'sub-account': 'u',
      'sub-account-policies': 'AliyunCSReadOnlyAccess, Custom:my-policy\nsystem:ReadOnlyAccess',
    })
    expect(result.ok && result.inputs.subAccount?.policies).toEqual([
      { type: 'System', name: 'AliyunCSReadOnlyAccess' },
      { type: 'Custom', name: 'my-policy' },
      { type: 'System', name: 'ReadOnlyAccess' },
    ])
  })

  it('derives policy names with unsupported characters replaced', () => {
    expect(derivedPolicyName('ci.deployer', 'policy')).toBe('ci-deployer-policy')
  })

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['no role-name', { 'role-name': '' }, 'role-name', /required/],
    ['a role-name with a slash', { 'role-name': 'a/b' }, 'role-name', /1-64 characters/],
    ['a role-name of 65 characters', { 'role-name': 'r'.repeat(65) }, 'role-name', /1-64/],
    ['an unknown mode', { mode: 'destroy' }, 'mode', /apply, check or assume/],
    [
      'max-session-duration below 3600',
      { 'max-session-duration': '600' },
      'max-session-duration',
      /3600 to 43200/,
    ],
    ['a non-numeric duration', { 'duration-seconds': '1h' }, 'duration-seconds', /whole number/],
    [
      'duration above the max-session-duration it gives',
      { 'duration-seconds': '7200', 'max-session-duration': '3600' },
      'duration-seconds',
      /above the role's max-session-duration 3600/,
    ],
    ['a bad boolean', { exclusive: 'yes' }, 'exclusive', /true or false/],
    ['a session name of one character', { 'role-session-name': 'x' }, 'role-session-name', /2-64/],
    ['a session name with a space', { 'role-session-name': 'my session' }, 'role-session-name', /2-64/],
    ['a sub-account starting with -', { 'sub-account': '-bob' }, 'sub-account', /not start with -/],
    [
      'a bad policy name in a list',
      { 'sub-account': 'u', 'sub-account-policies': 'Bad_Name' },
      'sub-account-policies',
      /not a policy name/,
    ],
    [
      'sub-account-policies without sub-account',
      { 'sub-account-policies': 'ReadOnlyAccess' },
      'sub-account-policies',
      /sub-account is not/,
    ],
    ['policy-name without policy-file', { 'policy-name': 'p' }, 'policy-name', /policy-file is not/],
    ['half a key pair', { 'access-key-secret': '' }, 'access-key-secret', /both halves/],
    [
      'no credentials at all',
      { 'access-key-id': '', 'access-key-secret': '' },
      'access-key-id',
      /is required/,
    ],
    [
      'half a sub-account key pair',
      { 'sub-account': 'u', 'sub-account-access-key-id': 'x' },
      'sub-account-access-key-secret',
      /both halves/,
    ],
    ['a region that is not one', { region: 'Hangzhou' }, 'region', /cn-hangzhou/],
    ['an endpoint with a path', { 'ram-endpoint': 'https://ram.aliyuncs.com/x' }, 'ram-endpoint', /no path/],
    ['a missing policy file', { 'policy-file': 'nope.json' }, 'policy-file', /does not exist/],
    ['a policy file that is a directory', { 'policy-file': 'policies' }, 'policy-file', /directory/],
    [
      'a policy file outside the workspace',
      { 'policy-file': '../outside.json' },
      'policy-file',
      /outside the workspace/,
    ],
    [
      'a symlink leading outside',
      { 'policy-file': 'policies/link.json' },
      'policy-file',
      /outside the workspace/,
    ],
    [
      'malformed JSON',
      { 'policy-file': 'policies/broken.json' },
      'policy-file',
      /broken.json:4:24: invalid JSON/,
    ],
    ['Version 2', { 'policy-file': 'policies/v2.json' }, 'policy-file', /"Version" must be the string "1"/],
    [
      'a document over 6144 characters',
      { 'policy-file': 'policies/huge.json' },
      'policy-file',
      /at most 6144/,
    ],
    ['a file over 64 KiB', { 'policy-file': 'policies/big.json' }, 'policy-file', /larger than/],
    [
      'a session policy over 2048 characters',
      { 'session-policy-file': 'policies/huge.json' },
      'session-policy-file',
      /at most 2048/,
    ],
    ['a bad external id', { 'external-id': 'x' }, 'external-id', /2-1224/],
    [
      'an endpoint that is not a URL',
      { 'ram-endpoint': 'ram.aliyuncs.com' },
      'ram-endpoint',
      /must be an http\(s\) URL/,
    ],
    [
      'an endpoint with credentials in it',
      { 'sts-endpoint': 'https://user:s3cret@sts.aliyuncs.com' },
      'sts-endpoint',
      /must not hold credentials/,
    ],
    [
      'plain http to another host',
      { 'ram-endpoint': 'http://ram.example.com' },
      'ram-endpoint',
      /plain http:\/\/ is allowed only to this machine/,
    ],
    [
      'an endpoint with a query',
      { 'ram-endpoint': 'https://ram.aliyuncs.com/?x=1' },
      'ram-endpoint',
      /no path, query/,
    ],
    ['an ftp endpoint', { 'ram-endpoint': 'ftp://ram.aliyuncs.com' }, 'ram-endpoint', /https:\/\/ URL/],
    [
      "a policy-name that is the sub-account's assume policy",
      { 'policy-file': 'policies/good.json', 'policy-name': 'oss-uploader-assume', 'sub-account': 'u' },
      'policy-name',
      /name of the sub-account's assume policy/,
    ],
    [
      'a trust policy without a Principal',
      { 'trust-policy-file': 'policies/good.json' },
      'trust-policy-file',
      /"Principal" is required in a trust policy/,
    ],
    [
      'an unknown finding level',
      { 'fail-on-findings': 'info' },
      'fail-on-findings',
      /error, warning or never/,
    ],
    ['a bad boolean for adopt', { adopt: 'maybe' }, 'adopt', /true or false/],
    [
      'a bad name in ignore-policies',
      { 'ignore-policies': 'Not_A_Policy' },
      'ignore-policies',
      /not a policy name/,
    ],
    ['pr-comment not a boolean', { 'pr-comment': 'on' }, 'pr-comment', /true or false/],
    ['drift-issue not a boolean', { 'drift-issue': 'yes' }, 'drift-issue', /true or false/],
    ['a label with a comma', { 'drift-issue-label': 'ram,drift' }, 'drift-issue-label', /without commas/],
    ['a label over two lines', { 'drift-issue-label': 'ram\ndrift' }, 'drift-issue-label', /line breaks/],
    ['a label of 51 characters', { 'drift-issue-label': 'l'.repeat(51) }, 'drift-issue-label', /1-50/],
  ])('rejects %s, naming the input', (_reason, overrides, input, message) => {
    const result = read({ ...base, ...overrides })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const problem = result.problems.find((p) => p.input === input)
    expect(problem?.message).toMatch(message)
  })

  it('never repeats credentials found in an endpoint', () => {
    const result = read({ ...base, 'sts-endpoint': 'https://user:s3cret@sts.aliyuncs.com' })
    expect(JSON.stringify(result)).not.toContain('s3cret')
  })

  it.each<[string, string]>([
    ['loopback by address', 'http://127.0.0.1:8101'],
    ['loopback by name', 'http://localhost:8101'],
    ['IPv6 loopback', 'http://[::1]:8101'],
    ['https anywhere', 'https://ram.vpc.example.com:8443/'],
  ])('accepts an endpoint: %s', (_reason, endpoint) => {
    expect(read({ ...base, 'ram-endpoint': endpoint }).ok).toBe(true)
  })

  it('reads the safety inputs: a whole trust policy, adopt, ignored policies, the finding level', () => {
    const result = read({
      ...base,
      'trust-policy-file': 'policies/trust.json',
      adopt: 'true',
      'ignore-policies': 'AliyunOSSReadOnlyAccess, Custom:legacy',
      'fail-on-findings': 'warning',
      'max-session-duration': '7200',
    })
    expect(result.ok && result.inputs).toMatchObject({
      trustPolicy: { path: 'policies/trust.json', document: trust },
      adopt: true,
      ignorePolicies: [
        { type: 'System', name: 'AliyunOSSReadOnlyAccess' },
        { type: 'Custom', name: 'legacy' },
      ],
      failOnFindings: 'warning',
      maxSessionDuration: 7200,
    })
  })

  it('points the annotation at the failing line and column of a malformed policy', () => {
    const result = read({ ...base, 'policy-file': 'policies/broken.json' })
    expect(!result.ok && result.problems[0]).toMatchObject({
      file: 'policies/broken.json',
      line: 4,
      column: 24,
    })
  })

  it('reports every problem at once', () => {
    const result = read({ mode: 'x', 'role-name': '', region: 'X' })
    expect(!result.ok && result.problems.map((p) => p.input).sort()).toEqual([
      'access-key-id',
      'mode',
      'region',
      'role-name',
    ])
  })
})

describe('sign-in sources', () => {
  const exported = credentialVariables(
    {
      credentials: {
        accessKeyId: 'STS.first',
        accessKeySecret: 'first-secret',
        securityToken: 'first-token',
      },
      arn: 'acs:ram::1:role/first/s',
      expiration: '',
      via: '',
    },
    'cn-hangzhou',
  )
  /** The environment an earlier run of this action left for later steps. */
  const earlierRun = Object.fromEntries(exported)
  const noKeys = { 'role-name': 'r' }

  it.each<[string, Record<string, string>, Record<string, string>, object]>([
    [
      'key inputs replace the environment completely: no token from it',
      base,
      { ALIBABA_CLOUD_SECURITY_TOKEN: 'stale' },
      {
        credentials: { accessKeyId: 'LTAIexample', accessKeySecret: 'secret', securityToken: undefined },
        credentialsSource: 'inputs',
      },
    ],
    [
      'keys from the environment, set by someone else',
      noKeys,
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIjob', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' },
      { credentials: { accessKeyId: 'LTAIjob' }, credentialsSource: 'env' },
    ],
    [
      "an earlier run's credentials, with role-chaining",
      { ...noKeys, 'role-chaining': 'true' },
      earlierRun,
      {
        credentials: {
          accessKeyId: 'STS.first',
          accessKeySecret: 'first-secret',
          securityToken: 'first-token',
        },
        credentialsSource: 'chained',
      },
    ],
    [
      "key inputs win over an earlier run's credentials",
      base,
      earlierRun,
      { credentials: { accessKeyId: 'LTAIexample' }, credentialsSource: 'inputs' },
    ],
    [
      'the ECS instance role',
      { ...noKeys, 'ecs-ram-role': 'auto' },
      earlierRun,
      { ecs: { role: 'auto', endpoint: 'http://100.100.100.200' } },
    ],
    [
      'a reconciler role, accounts allowed and a profile',
      {
        ...base,
        'reconciler-role-arn': 'acs:ram::2222222222222222:role/member-access',
        'allowed-account-ids': '2222222222222222, 3333333333333333',
        'aliyun-profile': 'member-2',
      },
      {},
      {
        reconcilerRoleArn: 'acs:ram::2222222222222222:role/member-access',
        allowedAccountIds: ['2222222222222222', '3333333333333333'],
        profile: 'member-2',
      },
    ],
  ])('%s', (_reason, inputs, env, expected) => {
    const result = read(inputs, env)
    expect(result.ok && result.inputs).toMatchObject(expected)
    // One way to sign in, never two.
    const inputsOf = result.ok ? result.inputs : undefined
    expect([inputsOf?.credentials, inputsOf?.oidc, inputsOf?.ecs].filter(Boolean)).toHaveLength(1)
  })

  it.each<[string, Record<string, string>, Record<string, string>, string, RegExp]>([
    [
      "an earlier run's credentials, without role-chaining: stops before any call",
      noKeys,
      earlierRun,
      'role-chaining',
      /the environment holds the role credentials an earlier run of this action exported; set role-chaining: true .* or sign in with access-key-id and access-key-secret, oidc-provider-arn and oidc-role-arn, ecs-ram-role$/,
    ],
    [
      'role-chaining with nothing exported',
      { ...noKeys, 'role-chaining': 'true' },
      {},
      'role-chaining',
      /no earlier run/,
    ],
    [
      'role-chaining with keys someone else set',
      { ...noKeys, 'role-chaining': 'true' },
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIjob', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' },
      'role-chaining',
      /not exported by this action/,
    ],
    [
      'a security-token input alone',
      { ...noKeys, 'security-token': 't' },
      {},
      'security-token',
      /without an AccessKey pair/,
    ],
    [
      'keys and OIDC together',
      { ...base, 'oidc-provider-arn': 'acs:ram::1:oidc-provider/gh', 'oidc-role-arn': 'acs:ram::1:role/gh' },
      {},
      'oidc-role-arn',
      /conflicts with access-key-id: sign in one way/,
    ],
    [
      'keys and the ECS role together',
      { ...base, 'ecs-ram-role': 'ci' },
      {},
      'ecs-ram-role',
      /conflicts with access-key-id/,
    ],
    [
      'no way to sign in at all',
      noKeys,
      {},
      'access-key-id',
      /is required: sign in with access-key-id and access-key-secret/,
    ],
    [
      'an ECS role name with a slash',
      { ...noKeys, 'ecs-ram-role': 'a/b' },
      {},
      'ecs-ram-role',
      /instance role name/,
    ],
    [
      'an https metadata endpoint',
      { ...noKeys, 'ecs-ram-role': 'auto', 'ecs-metadata-endpoint': 'https://100.100.100.200' },
      {},
      'ecs-metadata-endpoint',
      /plain http/,
    ],
    [
      'a reconciler role that is not a role ARN',
      { ...base, 'reconciler-role-arn': 'member-access' },
      {},
      'reconciler-role-arn',
      /acs:ram::<account-id>:role/,
    ],
    [
      'an account id with letters',
      { ...base, 'allowed-account-ids': '12ab' },
      {},
      'allowed-account-ids',
      /digits only/,
    ],
    [
      'a profile name with a space',
      { ...base, 'aliyun-profile': 'my profile' },
      {},
      'aliyun-profile',
      /profile name/,
    ],
  ])('refuses %s', (_reason, inputs, env, input, message) => {
    const result = read(inputs, env)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.find((p) => p.input === input)?.message).toMatch(message)
  })
})
