// The plan comment's conversation with GitHub, against the REST stand-in: the exact calls each
// case makes (the README's table of calls per run comes from here).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { issuesApi } from '../../../src/github/review/api.js'
import { type BodyFacts, renderBody } from '../../../src/github/review/body.js'
import { syncPlanComment } from '../../../src/github/review/pr-comment.js'
import { type Change, newRunResult, type RunResult } from '../../../src/model.js'
import { type GitHubApi, type Repo, startGitHubApi } from '../../fixtures/github-api.js'

const facts: BodyFacts = { accountId: '1234567890', roleName: 'oss-uploader', now: '2026-01-01T00:00:00Z' }
const detach: Change = {
  kind: 'detach-policy',
  principal: { type: 'role', name: 'oss-uploader' },
  policy: { type: 'System', name: 'AdministratorAccess' },
}
const update: Change = {
  kind: 'update-role',
  role: 'oss-uploader',
  maxSessionDuration: { before: 7200, after: 3600 },
  diff: [],
}
const run = (changes: Change[]): RunResult => ({
  ...newRunResult('check'),
  accountId: facts.accountId,
  changes,
})

let gh: GitHubApi
let repo: Repo
beforeAll(async () => {
  gh = await startGitHubApi()
  gh.token('ghs_writer', 'write')
  gh.token('ghs_reader', 'read')
  repo = gh.repo('octo/infra')
})
afterAll(() => gh.close())
beforeEach(() => {
  gh.requests.length = 0
})

/** Syncs the comment for `changes` on `pr` as `token`; returns the outcome and the calls made. */
async function sync(pr: number, changes: Change[], token = 'ghs_writer', subject = facts) {
  const api = issuesApi({
    token,
    repo: { owner: 'octo', repo: 'infra' },
    deadline: Date.now() + 60_000,
    maxAttempts: 3,
    baseUrl: gh.url,
  })
  const body = renderBody('plan', run(changes), { ...facts, ...subject })
  const outcome = await syncPlanComment(api, pr, subject, body, changes.length === 0)
  const calls = gh.requests.map((r) => `${r.method} ${r.path.replace('/repos/octo/infra', '')} ${r.status}`)
  gh.requests.length = 0
  return { ...outcome, calls }
}

describe('syncPlanComment()', () => {
  it('creates one comment, edits it in place, leaves it alone when nothing changed, and says when the plan is empty', async () => {
    const pr = repo.pullRequest()
    repo.comment(pr, 'Looks good to me')
    const created = await sync(pr, [update])
    expect(created.calls).toEqual([`GET /issues/${pr}/comments 200`, `POST /issues/${pr}/comments 201`])
    expect(created.action).toBe('created')
    const [, ours] = repo.commentsOn(pr)
    expect(created.url).toBe(`https://github.example/octo/infra/pull/${pr}#issuecomment-${ours!.id}`)

    const again = await sync(pr, [update])
    expect(again).toMatchObject({
      action: 'unchanged',
      url: created.url,
      calls: [`GET /issues/${pr}/comments 200`],
    })

    const edited = await sync(pr, [update, detach])
    expect(edited.calls).toEqual([`GET /issues/${pr}/comments 200`, `PATCH /issues/comments/${ours!.id} 200`])
    expect(edited).toMatchObject({ action: 'updated', url: created.url })
    expect(ours!.body).toContain(
      '| - | detach | policy-attachment | System:AdministratorAccess | from role oss-uploader |',
    )

    const empty = await sync(pr, [])
    expect(empty.calls).toEqual([`GET /issues/${pr}/comments 200`, `PATCH /issues/comments/${ours!.id} 200`])
    expect(ours!.body).toContain('No changes: RAM matches the workflow.')
    expect(repo.commentsOn(pr)).toHaveLength(2)
  })

  it('posts nothing on a pull request that changes nothing and has no comment yet', async () => {
    const pr = repo.pullRequest()
    expect(await sync(pr, [])).toEqual({ action: 'none', calls: [`GET /issues/${pr}/comments 200`] })
    expect(repo.commentsOn(pr)).toEqual([])
  })

  it('finds its comment on a later page, and the role in any case', async () => {
    const pr = repo.pullRequest()
    await sync(pr, [update])
    for (let i = 0; i < 150; i++) repo.comment(pr, `review comment ${i}`)
    // Comments come oldest first, so the marked one is on the first page...
    expect((await sync(pr, [detach], 'ghs_writer', { ...facts, roleName: 'OSS-Uploader' })).calls).toEqual([
      `GET /issues/${pr}/comments 200`,
      `PATCH /issues/comments/${repo.commentsOn(pr)[0]!.id} 200`,
    ])
    // ...and a comment posted after 150 others is found on the second.
    const later = repo.pullRequest()
    for (let i = 0; i < 150; i++) repo.comment(later, `review comment ${i}`)
    await sync(later, [update])
    const found = await sync(later, [detach])
    expect(found.calls).toEqual([
      `GET /issues/${later}/comments 200`,
      `GET /issues/${later}/comments 200`,
      `PATCH /issues/comments/${repo.commentsOn(later)[150]!.id} 200`,
    ])
  })

  it("keeps one comment per role: another role's or another account's comment is not ours", async () => {
    const pr = repo.pullRequest()
    await sync(pr, [update], 'ghs_writer', { ...facts, roleName: 'oss-reader' })
    await sync(pr, [update], 'ghs_writer', { ...facts, accountId: '999' })
    const ours = await sync(pr, [update])
    expect(ours.action).toBe('created')
    expect(repo.commentsOn(pr)).toHaveLength(3)
  })

  it('reads with a read-only token and is refused at the write', async () => {
    const pr = repo.pullRequest()
    await expect(sync(pr, [update], 'ghs_reader')).rejects.toMatchObject({ status: 403 })
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 403'])
  })
})
