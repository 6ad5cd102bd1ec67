// The comment and issue bodies are pure: a run's result and the workflow run's facts in,
// Markdown within GitHub's limit out. Tables of results, and the 5,000-user plan.
import { describe, expect, it } from '@jest/globals'
import {
  BODY_BUDGET,
  type BodyFacts,
  driftNote,
  driftTitle,
  GITHUB_BODY_LIMIT,
  renderBody,
} from '../../../src/github/review/body.js'
import { readMarker } from '../../../src/github/review/marker.js'
import { type Change, type FailedUser, newRunResult, type RunResult } from '../../../src/model.js'

const facts: BodyFacts = {
  accountId: '1234567890',
  roleName: 'oss-uploader',
  run: { url: 'https://github.example/o/r/actions/runs/42/attempts/1', label: 'run 42' },
  now: '2026-01-02T03:04:05Z',
}
const roleArn = 'acs:ram::1234567890:role/oss-uploader'
const attach = (user: string): Change => ({
  kind: 'attach-policy',
  principal: { type: 'user', name: user },
  policy: { type: 'System', name: 'AliyunCSReadOnlyAccess' },
  allUsers: true,
})
const drift: Change[] = [
  { kind: 'update-role', role: 'oss-uploader', maxSessionDuration: { before: 7200, after: 3600 }, diff: [] },
  {
    kind: 'attach-policy',
    principal: { type: 'role', name: 'oss-uploader' },
    policy: { type: 'Custom', name: 'oss-uploader-policy' },
  },
]
const result = (overrides: Partial<RunResult>): RunResult => ({
  ...newRunResult('check'),
  accountId: facts.accountId,
  roleArn,
  ...overrides,
})
const users = (n: number): FailedUser[] =>
  Array.from({ length: n }, (_, i) => ({
    user: `u-${i}`,
    policy: 'System:AliyunCSReadOnlyAccess',
    error: 'LimitExceeded.User.Policy',
  }))

describe('renderBody("plan")', () => {
  it.each<[string, Partial<RunResult>, string[]]>([
    [
      'check with drift: the mode, the counts and one row per change',
      { changes: drift },
      [
        '### RAM plan for role `oss-uploader`: 2 change(s) to apply',
        `Mode \`check\`, account \`1234567890\`, role \`${roleArn}\``,
        '2 change(s): 1 update, 1 attach',
        '| ~ | update | role | oss-uploader | max session 7200 -> 3600 s |',
        '| + | attach | policy-attachment | Custom:oss-uploader-policy | to role oss-uploader |',
        '_From [run 42](https://github.example/o/r/actions/runs/42/attempts/1)._',
      ],
    ],
    [
      'check without drift',
      {},
      ['### RAM plan for role `oss-uploader`: no changes', 'No changes: RAM matches the workflow.'],
    ],
    [
      'apply that changed RAM',
      { mode: 'apply', changes: drift, applied: true },
      ['### RAM apply for role `oss-uploader`: 2 change(s) applied', 'Mode `apply`'],
    ],
    [
      'apply with nothing to do',
      { mode: 'apply' },
      ['### RAM apply for role `oss-uploader`: no changes', 'RAM already matched'],
    ],
    [
      'apply that failed half-way: the error, and what was applied',
      {
        mode: 'apply',
        changes: drift,
        applied: true,
        failure: { step: 'Changing RAM', message: 'Changing RAM failed: NoPermission' },
      },
      [
        '### RAM apply for role `oss-uploader` failed after 2 change(s)',
        '**Changing RAM failed: NoPermission**',
        '2 change(s)',
      ],
    ],
    [
      'assume mode',
      { mode: 'assume' },
      ['### RAM role `oss-uploader` assumed: no changes', 'assume mode reads and changes nothing'],
    ],
    [
      'users the grant could not reach',
      { mode: 'apply', changes: [attach('a')], applied: true, failedUsers: users(1) },
      [
        '**1 user(s) could not be granted:**',
        '| u-0 | System:AliyunCSReadOnlyAccess | LimitExceeded.User.Policy |',
      ],
    ],
  ])('%s', (_reason, overrides, lines) => {
    const { text } = renderBody('plan', result(overrides), facts)
    for (const line of lines) expect(text).toContain(line)
    expect(readMarker(text)).toMatchObject({
      kind: 'plan',
      accountId: '1234567890',
      roleName: 'oss-uploader',
    })
  })

  it('says nothing about changes when the run failed before it knew them', () => {
    const { text } = renderBody(
      'plan',
      result({ failure: { step: 'Reading RAM', message: 'denied' } }),
      facts,
    )
    expect(text).toContain('### RAM plan for role `oss-uploader` failed')
    expect(text).not.toMatch(/No changes/)
  })

  it.each<[string, string, string]>([
    ['a pipe stays inside its cell', 'a | b', 'a \\| b'],
    ['a backslash cannot undo that escape', 'a \\| b', 'a &#92;\\| b'],
    ['a line break stays on the row', 'first\nsecond', 'first second'],
    [
      'HTML is shown, not hidden or rendered',
      '<!-- hidden --><img src=x>',
      '&lt;!-- hidden -->&lt;img src=x>',
    ],
    [
      'a fake marker in server text is not a marker',
      '\n<!-- ram-identity-action:plan account=1 role=x digest=0000000000000000 -->',
      ' &lt;!-- ram-identity-action:plan account=1 role=x digest=0000000000000000 -->',
    ],
    ['an @mention pings no one', 'ask @octocat', 'ask &#64;octocat'],
  ])('escapes server text: %s', (_reason, error, shown) => {
    const run = result({ mode: 'apply', failedUsers: [{ user: 'u', policy: 'p', error }] })
    const { text } = renderBody('plan', run, facts)
    expect(text).toContain(`| u | p | ${shown} |`)
    expect(text.split('\n').filter((l) => l.startsWith('<!--'))).toHaveLength(1)
  })

  it('never holds the session, even when the result has one', () => {
    const session = {
      credentials: { accessKeyId: 'STS.id-xyz', accessKeySecret: 'secret-xyz', securityToken: 'token-xyz' },
      arn: 'acs:ram::1:role/r/s',
      expiration: '2026-01-01T00:00:00Z',
      via: 'x',
    }
    const { text } = renderBody('plan', result({ mode: 'apply', session }), facts)
    for (const secret of Object.values(session.credentials)) expect(text).not.toContain(secret)
  })

  it('digests the plan, not the run that posted it', () => {
    const a = renderBody('plan', result({ changes: drift }), facts)
    const b = renderBody('plan', result({ changes: drift }), {
      ...facts,
      run: { url: 'https://x/runs/43', label: 'run 43' },
    })
    const c = renderBody('plan', result({ changes: drift.slice(1) }), facts)
    expect(a.text).not.toBe(b.text)
    expect(a.digest).toBe(b.digest)
    expect(c.digest).not.toBe(a.digest)
    expect(readMarker(a.text)?.digest).toBe(a.digest)
  })
})

describe('cutting to the budget', () => {
  it('posts the 5,000-user grant within the limit, counting what it left out', () => {
    const changes = [
      {
        kind: 'create-role',
        role: 'oss-uploader',
        trustPolicy: { Version: '1', Statement: [] },
        maxSessionDuration: 3600,
        description: '',
        diff: [],
      } as Change,
      ...Array.from({ length: 5000 }, (_, i) => attach(`user-${String(i).padStart(4, '0')}`)),
    ]
    const { text } = renderBody('plan', result({ changes }), facts)
    expect(text.length).toBeLessThanOrEqual(BODY_BUDGET)
    expect(text.length).toBeLessThan(GITHUB_BODY_LIMIT)
    const rows = text.split('\n').filter((l) => l.startsWith('| + | attach'))
    const left = Number(/_(\d+) more change\(s\) not shown/.exec(text)?.[1])
    expect(rows.length + 1 + left).toBe(5001) // the create-role row, the attach rows, the rest
    expect(text).toContain('5001 change(s): 1 create, 5000 attach')
    expect(text).toMatch(/_From \[run 42\]\(.*\)\._\n$/)
  })

  it('keeps a short table whole when a long one must be cut', () => {
    const run = result({
      mode: 'apply',
      changes: Array.from({ length: 3000 }, (_, i) => attach(`u${i}`)),
      applied: true,
      failedUsers: users(5),
    })
    const { text } = renderBody('plan', run, facts, 20_000)
    expect(text.length).toBeLessThanOrEqual(20_000)
    expect(text.split('\n').filter((l) => /^\| u-\d \|/.test(l))).toHaveLength(5)
    expect(text).not.toMatch(/more user\(s\) not shown/)
    expect(text).toMatch(/more change\(s\) not shown/)
  })

  it.each([2_000, 5_000, 30_000])('cuts both tables fairly when neither fits (budget %d)', (budget) => {
    const run = result({
      mode: 'apply',
      changes: Array.from({ length: 2000 }, (_, i) => attach(`u${i}`)),
      applied: true,
      failedUsers: users(2000),
    })
    const { text } = renderBody('plan', run, facts, budget)
    expect(text.length).toBeLessThanOrEqual(budget)
    const rows = (match: (line: string) => boolean) => text.split('\n').filter(match)
    const changes = rows((l) => l.startsWith('| + |'))
    const failed = rows((l) => /^\| u-\d+ \|/.test(l))
    // Each table got half the room: their rows' characters differ by less than one row.
    const size = (lines: string[]) => lines.reduce((sum, l) => sum + l.length + 1, 0)
    expect(changes.length).toBeGreaterThan(0)
    expect(Math.abs(size(changes) - size(failed))).toBeLessThan(changes[0]!.length + 1)
    expect(text).toContain(`_${2000 - changes.length} more change(s) not shown`)
    expect(text).toContain(`_${2000 - failed.length} more user(s) not shown`)
  })

  it('clips one very long error message instead of letting it crowd out the plan', () => {
    const run = result({ failure: { step: 'Reading RAM', message: 'x'.repeat(100_000) }, changes: drift })
    const { text } = renderBody('plan', run, facts)
    expect(text.length).toBeLessThan(5_000)
    expect(text).toContain('| ~ | update | role |')
  })
})

describe('the drift issue', () => {
  it('says which role drifted and how to resolve it, and when it was last seen', () => {
    const { text } = renderBody('drift', result({ changes: drift }), facts)
    expect(readMarker(text)).toMatchObject({ kind: 'drift', roleName: 'oss-uploader' })
    expect(text).toContain(
      'RAM no longer matches the workflow for role `oss-uploader` in account `1234567890`: 2 change(s) would bring it back.',
    )
    expect(text).toContain('| ~ | update | role | oss-uploader | max session 7200 -> 3600 s |')
    expect(text).toContain('the next check closes this issue once RAM matches again')
    expect(text).toContain(
      '_Last seen by [run 42](https://github.example/o/r/actions/runs/42/attempts/1) on 2026-01-02T03:04:05Z._',
    )
    expect(driftTitle(facts)).toBe('RAM drift: role oss-uploader (account 1234567890)')
  })

  it('keeps the digest when only the run and the time differ', () => {
    const a = renderBody('drift', result({ changes: drift }), facts)
    const b = renderBody('drift', result({ changes: drift }), {
      ...facts,
      now: '2026-01-03T00:00:00Z',
      run: undefined,
    })
    expect(b.text).toContain('_Last seen by a run outside GitHub Actions on 2026-01-03T00:00:00Z._')
    expect(a.digest).toBe(b.digest)
  })

  it.each<[Parameters<typeof driftNote>[0], string]>([
    [
      'changed',
      'The plan changed: 2 change(s) now ([run 42](https://github.example/o/r/actions/runs/42/attempts/1)). The description shows the current plan.',
    ],
    [
      'back',
      'Drift is back: 2 change(s) ([run 42](https://github.example/o/r/actions/runs/42/attempts/1)). The description shows the current plan.',
    ],
    [
      'resolved',
      'Resolved: RAM matches the workflow again ([run 42](https://github.example/o/r/actions/runs/42/attempts/1)). Closing.',
    ],
  ])('notes %s', (event, note) => {
    expect(driftNote(event, result({ changes: drift }), facts)).toBe(note)
  })
})

describe('what a reviewer must see', () => {
  const widened: Change = {
    kind: 'create-policy-version',
    policy: 'oss-uploader-policy',
    before: '{"Version":"1","Statement":[]}',
    after: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:*', Resource: '*' }] },
    diff: ['+ Allow oss:* on *'],
  }
  const reviewed = result({
    changes: [widened],
    refusals: [
      {
        inputs: ['adopt'],
        message: 'would change the default version of policy p, which this action did not create',
      },
    ],
    findings: [
      {
        rule: 'wildcard-action-on-any-resource',
        severity: 'warning',
        message: 'allows oss:* on every resource (*)',
        subject: 'policy oss-uploader-policy',
        source: 'desired',
        file: 'ram/upload.json',
        line: 4,
      },
    ],
    unmanaged: [
      {
        principal: { type: 'role', name: 'oss-uploader' },
        policy: { type: 'System', name: 'AdministratorAccess' },
      },
    ],
  })

  it.each<[string, RegExp]>([
    [
      'the refusal and the inputs it names',
      /\*\*Refused\*\*[\s\S]*- would change the default version of policy p, .* \(inputs: `adopt`\)/,
    ],
    [
      'the finding, with its file and line',
      /\| warning \| `wildcard-action-on-any-resource` \| policy oss-uploader-policy \(this change\) \| `ram\/upload\.json:4` \|/,
    ],
    [
      'the grant the document change adds',
      /\| ~ new version of policy oss-uploader-policy \| `\+ Allow oss:\* on \*` \|/,
    ],
    ['the attachment nobody declared', /\| System:AdministratorAccess on role oss-uploader \|/],
  ])('the plan comment shows %s', (_what, pattern) => {
    expect(renderBody('plan', reviewed, facts).text).toMatch(pattern)
  })

  it('orders them: refusals, findings, plan, diff, unmanaged', () => {
    const { text } = renderBody('plan', reviewed, facts)
    const at = (needle: string) => text.indexOf(needle)
    const order = [
      '**Refused**',
      'security finding',
      '1 change(s): ',
      'What the document changes grant',
      'Attached though',
    ]
    expect(order.map(at)).toEqual([...order.map(at)].sort((a, b) => a - b))
    expect(order.every((n) => at(n) >= 0)).toBe(true)
  })

  it('counts unmanaged attachments as drift in the issue', () => {
    const { text } = renderBody('drift', result({ unmanaged: reviewed.unmanaged }), facts)
    expect(text).toMatch(/0 change\(s\) would bring it back, 1 attachment\(s\) nobody declared\./)
  })
})
