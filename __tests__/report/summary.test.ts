import { describe, expect, it } from '@jest/globals'
import { type Change, type FailedUser, newRunResult, type RunResult } from '../../src/model.js'
import { PLAN_OUTPUT_BUDGET, planEntry, planOutput } from '../../src/report/plan.js'
import { SUMMARY_BUDGET, summaryMarkdown } from '../../src/report/summary.js'

/** `n` all-users grants, as a large account's plan holds them. */
const grants = (n: number, policy = 'AliyunCSReadOnlyAccess'): Change[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'attach-policy',
    principal: { type: 'user', name: `dev-${String(i).padStart(5, '0')}` },
    policy: { type: 'System', name: policy },
    allUsers: true,
  }))

const failures = (n: number): FailedUser[] =>
  Array.from({ length: n }, (_, i) => ({
    user: `full-${i}`,
    policy: 'System:AliyunCSReadOnlyAccess',
    error: 'LimitExceeded.User.Policy: too many policies',
  }))

describe('planOutput', () => {
  it.each([
    ['no changes', 0],
    ['one change', 1],
    ['a 500-user grant', 500],
    ['a 5,000-user grant of one policy', 4999],
    ['14,997 grants, as many as three policies to 5,000 users', 14997],
  ])('%s: the entries that fit the budget, in plan order, as valid JSON', (_name, n) => {
    const changes = grants(n)
    const json = planOutput(changes)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(PLAN_OUTPUT_BUDGET)
    const entries = JSON.parse(json) as unknown[]
    expect(entries).toEqual(changes.slice(0, entries.length).map(planEntry))
    const whole = JSON.stringify(changes.map(planEntry))
    if (Buffer.byteLength(whole) <= PLAN_OUTPUT_BUDGET) expect(json).toBe(whole)
    else expect(entries.length).toBeLessThan(n)
  })

  it('fills the budget: one more entry would not fit', () => {
    const json = planOutput(grants(100), 1000)
    const entries = JSON.parse(json) as unknown[]
    const next = JSON.stringify(planEntry(grants(100)[entries.length]!))
    expect(Buffer.byteLength(json) + 1 + Buffer.byteLength(next)).toBeGreaterThan(1000)
  })
})

describe('summaryMarkdown', () => {
  const facts = (changes: Change[], failedUsers: FailedUser[] = []): RunResult => ({
    ...newRunResult('apply'),
    roleArn: 'acs:ram::1:role/r',
    changes,
    applied: true,
    failedUsers,
    session: {
      credentials: { accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'token' },
      arn: 'acs:ram::1:role/r/s',
      expiration: '2026-01-01T00:00:00Z',
      via: 'ci-admin',
    },
  })

  it.each([
    ['a few changes', 3, 0, null, null],
    ['a 5,000-user grant', 4999, 0, null, null],
    [
      '14,997 grants, as many as three policies to 5,000 users',
      14997,
      0,
      /_\d+ more change\(s\) not shown/,
      null,
    ],
    [
      '5,000 failed grants after a full table',
      14997,
      5000,
      /more change\(s\) not shown/,
      /_5000 more user\(s\)/,
    ],
  ])('%s: within the budget, saying what it left out', (_name, n, failed, changesNote, usersNote) => {
    const md = summaryMarkdown(facts(grants(n), failures(failed)))
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    // The assumed identity is never crowded out.
    expect(md).toContain('| `acs:ram::1:role/r/s` | 2026-01-01T00:00:00Z | ci-admin |')
    if (changesNote) expect(md).toMatch(changesNote)
    else expect(md).not.toMatch(/not shown/)
    if (usersNote) expect(md).toMatch(usersNote)
    const shown = md.split('\n').filter((line) => line.startsWith('| + | attach |')).length
    const note = /_(\d+) more change\(s\)/.exec(md)
    expect(shown + Number(note?.[1] ?? 0)).toBe(n)
  })

  it('never shows a secret of the session', () => {
    const md = summaryMarkdown(facts(grants(3)))
    for (const secret of ['STS.id', 'secret', 'token']) expect(md).not.toContain(secret)
  })

  it.each<[string, Partial<RunResult>, RegExp]>([
    ['a converged apply', { changes: [] }, /### RAM reconciled: already up to date/],
    ['a check with drift', { mode: 'check', session: undefined }, /### RAM drift: 3 change\(s\) needed/],
    [
      'a check without drift',
      { mode: 'check', changes: [], session: undefined },
      /### RAM drift check: no drift/,
    ],
    [
      'a failed apply, with its message',
      { failure: { step: 'Changing RAM', message: 'Changing RAM failed: RAM CreateRole: NoPermission' } },
      /### RAM reconcile failed[\s\S]*\*\*Changing RAM failed: RAM CreateRole: NoPermission\*\*/,
    ],
    ['an assume run', { mode: 'assume', changes: [] }, /### Assumed RAM role/],
  ])('titles %s', (_name, overrides, title) => {
    expect(summaryMarkdown({ ...facts(grants(3)), ...overrides })).toMatch(title)
  })
})
