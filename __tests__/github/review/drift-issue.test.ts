// The drift issue's conversation with GitHub, against the REST stand-in: opened, updated,
// closed, reopened, with the exact calls each case makes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { issuesApi } from '../../../src/github/review/api.js'
import { type BodyFacts, driftNote, driftTitle, renderBody } from '../../../src/github/review/body.js'
import { syncDriftIssue } from '../../../src/github/review/drift-issue.js'
import { type Change, newRunResult, type RunResult } from '../../../src/model.js'
import { type GitHubApi, type Repo, startGitHubApi } from '../../fixtures/github-api.js'

const facts: BodyFacts = {
  accountId: '1234567890',
  roleName: 'oss-uploader',
  run: { url: 'https://github.example/octo/infra/actions/runs/7/attempts/1', label: 'run 7' },
  now: '2026-01-01T00:00:00Z',
}
const update: Change = {
  kind: 'update-role',
  role: 'oss-uploader',
  maxSessionDuration: { before: 7200, after: 3600 },
  diff: [],
}
const attach: Change = {
  kind: 'attach-policy',
  principal: { type: 'role', name: 'oss-uploader' },
  policy: { type: 'Custom', name: 'oss-uploader-policy' },
}
const run = (changes: Change[]): RunResult => ({
  ...newRunResult('check'),
  accountId: facts.accountId,
  changes,
})

let gh: GitHubApi
let repo: Repo
let owner: number
beforeAll(async () => {
  gh = await startGitHubApi()
  gh.token('ghs_writer', 'write')
  gh.token('ghs_reader', 'read')
  gh.token('ghs_no_push', 'no-push')
  repo = gh.repo('octo/infra')
})
afterAll(() => gh.close())
beforeEach(() => {
  gh.requests.length = 0
  // Each test checks its own account, so the issues of one never match the next.
  owner = (owner ?? 0) + 1
})

/** One check's sync for `changes`; returns the outcome and the calls made. */
async function check(changes: Change[], token = 'ghs_writer', label = 'ram-drift') {
  const subject = { ...facts, accountId: `10${owner}` }
  const api = issuesApi({
    token,
    repo: { owner: 'octo', repo: 'infra' },
    deadline: Date.now() + 60_000,
    maxAttempts: 3,
    baseUrl: gh.url,
  })
  const r = run(changes)
  const outcome = await syncDriftIssue(api, label, subject, changes.length > 0, {
    title: driftTitle(subject),
    body: renderBody('drift', r, subject),
    changed: driftNote('changed', r, subject),
    back: driftNote('back', r, subject),
    resolved: driftNote('resolved', r, subject),
  })
  const requests = gh.requests.splice(0)
  const calls = requests.map((r) => `${r.method} ${r.path.replace('/repos/octo/infra', '')} ${r.status}`)
  return { ...outcome, calls, requests }
}

const issue = (n: number) => repo.issues.find((i) => i.number === n)!

describe('syncDriftIssue()', () => {
  it('opens, updates, comments only on a new plan, closes, then reopens the same issue', async () => {
    expect(await check([])).toMatchObject({ action: 'none', calls: ['GET /issues 200'] })

    const opened = await check([update])
    expect(opened).toMatchObject({ action: 'opened', calls: ['GET /issues 200', 'POST /issues 201'] })
    const n = Number(opened.url!.split('/').pop())
    expect(opened.url).toBe(`https://github.example/octo/infra/issues/${n}`)
    expect(issue(n)).toMatchObject({
      title: `RAM drift: role oss-uploader (account 10${owner})`,
      labels: ['ram-drift'],
    })

    const same = await check([update])
    expect(same).toMatchObject({
      action: 'updated',
      url: opened.url,
      calls: ['GET /issues 200', `PATCH /issues/${n} 200`],
    })
    expect(repo.commentsOn(n)).toEqual([])

    const changed = await check([update, attach])
    expect(changed.calls).toEqual([
      'GET /issues 200',
      `PATCH /issues/${n} 200`,
      `POST /issues/${n}/comments 201`,
    ])
    expect(issue(n).body).toContain('2 change(s) would bring it back')
    expect(repo.commentsOn(n).map((c) => c.body)).toEqual([
      'The plan changed: 2 change(s) now ([run 7](https://github.example/octo/infra/actions/runs/7/attempts/1)). The description shows the current plan.',
    ])

    const closed = await check([])
    expect(closed).toMatchObject({
      action: 'closed',
      url: opened.url,
      calls: ['GET /issues 200', `POST /issues/${n}/comments 201`, `PATCH /issues/${n} 200`],
    })
    expect(issue(n)).toMatchObject({ state: 'closed', stateReason: 'completed' })
    expect(repo.commentsOn(n).at(-1)!.body).toMatch(/^Resolved: RAM matches the workflow again/)

    expect(await check([])).toMatchObject({ action: 'none', calls: ['GET /issues 200'] })

    const reopened = await check([attach])
    expect(reopened).toMatchObject({
      action: 'reopened',
      url: opened.url,
      calls: ['GET /issues 200', `PATCH /issues/${n} 200`, `POST /issues/${n}/comments 201`],
    })
    expect(issue(n)).toMatchObject({ state: 'open', stateReason: 'reopened' })
    expect(issue(n).body).toContain('1 change(s) would bring it back')
    expect(repo.commentsOn(n).at(-1)!.body).toMatch(/^Drift is back: 1 change\(s\)/)
  })

  it('asks for the label, open and closed, most recently updated first, 100 a page', async () => {
    const { requests } = await check([update])
    expect(requests[0]!.query).toEqual({
      labels: 'ram-drift',
      state: 'all',
      sort: 'updated',
      direction: 'desc',
      per_page: '100',
    })
    expect(requests[1]!.body).toMatchObject({ labels: ['ram-drift'] })
  })

  it("reopens the most recently closed issue of the role, not an older one or another role's", async () => {
    const marker = (account: string, role = 'oss-uploader') =>
      renderBody('drift', run([update]), { ...facts, accountId: account, roleName: role }).text
    const account = `10${owner}`
    const older = repo.issue({ title: 'old', body: marker(account), labels: ['ram-drift'], state: 'closed' })
    const newer = repo.issue({ title: 'new', body: marker(account), labels: ['RAM-Drift'], state: 'closed' })
    repo.issue({
      title: 'other role',
      body: marker(account, 'oss-reader'),
      labels: ['ram-drift'],
      state: 'closed',
    })
    repo.issue({ title: 'not labelled', body: marker(account), state: 'closed' })
    // Someone comments on the older one later: it is updated more recently, but was not closed last.
    repo.comment(older.number, 'why did this happen?')
    older.updated = Date.parse('2027-01-01T00:00:00Z')
    const reopened = await check([update])
    expect(reopened).toMatchObject({
      action: 'reopened',
      calls: [
        'GET /issues 200',
        `PATCH /issues/${newer.number} 200`,
        `POST /issues/${newer.number}/comments 201`,
      ],
    })
    expect(older.state).toBe('closed')
  })

  it('skips pull requests that carry the label', async () => {
    const pr = repo.pullRequest('Fix RAM')
    const record = repo.issues.find((i) => i.number === pr)!
    record.labels = ['ram-drift']
    record.body = renderBody('drift', run([update]), { ...facts, accountId: `10${owner}` }).text
    expect((await check([update])).action).toBe('opened')
  })

  it('uses the label given, and reads every page when no open issue ends the search', async () => {
    for (let i = 0; i < 120; i++) repo.issue({ title: `other ${i}`, labels: ['infra drift'] })
    const opened = await check([update], 'ghs_writer', 'infra drift')
    expect(opened.calls).toEqual(['GET /issues 200', 'GET /issues 200', 'POST /issues 201'])
    expect(issue(Number(opened.url!.split('/').pop())).labels).toEqual(['infra drift'])
  })

  it('says so when GitHub opened the issue without its label (a token that may not push)', async () => {
    const opened = await check([update], 'ghs_no_push')
    expect(opened).toMatchObject({ action: 'opened', calls: ['GET /issues 200', 'POST /issues 201'] })
    expect(opened.warning).toMatch(/without the label "ram-drift" .* the next check will not find it/)
    expect((await check([update])).warning).toBeUndefined()
  })

  it('reads with a read-only token and is refused at the write', async () => {
    await expect(check([update], 'ghs_reader')).rejects.toMatchObject({ status: 403 })
    expect(
      gh.requests.map((r) => `${r.method} ${r.path.replace('/repos/octo/infra', '')} ${r.status}`),
    ).toEqual(['GET /issues 200', 'POST /issues 403'])
  })
})
