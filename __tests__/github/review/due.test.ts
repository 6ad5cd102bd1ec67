// Whether a run owes GitHub a comment or an issue, as a table over events, inputs, modes and
// results: decided without loading anything that talks to GitHub.
import { describe, expect, it } from '@jest/globals'
import { type ReviewDue, reviewDue } from '../../../src/github/review/due.js'
import { type Inputs, type Mode, newRunResult, type RunResult } from '../../../src/model.js'

type Review = Inputs['review']
const review: Review = {
  githubToken: 'ghs_x',
  prComment: true,
  driftIssue: true,
  driftIssueLabel: 'ram-drift',
}
const done: RunResult = { ...newRunResult('check'), accountId: '123' }
const failed: RunResult = { ...done, failure: { step: 'Reading RAM', message: 'denied' } }
const unknownAccount: RunResult = { ...failed, accountId: undefined }

describe('reviewDue()', () => {
  it.each<[string, string | undefined, Mode, Partial<Review>, RunResult, ReviewDue]>([
    ['a pull request in check mode', 'pull_request', 'check', {}, done, { kind: 'pr-comment' }],
    ['pull_request_target in apply mode', 'pull_request_target', 'apply', {}, done, { kind: 'pr-comment' }],
    ['a pull request in assume mode', 'pull_request', 'assume', {}, done, { kind: 'pr-comment' }],
    [
      'a pull request with pr-comment and drift-issue false',
      'pull_request',
      'check',
      { prComment: false, driftIssue: false },
      done,
      undefined,
    ],
    [
      'a pull request whose check failed: the comment says so',
      'pull_request',
      'check',
      {},
      failed,
      { kind: 'pr-comment' },
    ],
    ['a schedule in check mode with drift-issue', 'schedule', 'check', {}, done, { kind: 'drift-issue' }],
    ['workflow_dispatch in check mode', 'workflow_dispatch', 'check', {}, done, { kind: 'drift-issue' }],
    ['a push in check mode', 'push', 'check', {}, done, { kind: 'drift-issue' }],
    ['a schedule with drift-issue false', 'schedule', 'check', { driftIssue: false }, done, undefined],
    ['a schedule in apply mode', 'schedule', 'apply', {}, done, undefined],
    ['a pull request with drift-issue only', 'pull_request', 'check', { prComment: false }, done, undefined],
    ['no event (not a workflow run)', undefined, 'check', {}, done, undefined],
    ['an empty event name', '', 'check', {}, done, undefined],
    [
      'a run that never learnt the account',
      'pull_request',
      'check',
      {},
      unknownAccount,
      { skip: 'no plan comment: the run stopped before it knew the account', level: 'info' },
    ],
    [
      'a scheduled check that failed',
      'schedule',
      'check',
      {},
      failed,
      { skip: 'the drift issue is left as it is: the check did not finish', level: 'info' },
    ],
    [
      'an empty token',
      'schedule',
      'check',
      { githubToken: '' },
      done,
      { skip: 'no drift issue: github-token is empty', level: 'warning' },
    ],
  ])('%s', (_reason, event, mode, overrides, result, due) => {
    expect(reviewDue({ mode, review: { ...review, ...overrides } }, result, event)).toEqual(due)
  })
})
