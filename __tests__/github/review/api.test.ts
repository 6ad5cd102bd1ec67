// The Octokit client with retries, against the GitHub REST stand-in over real HTTP: which
// failures are retried and after how long, pagination through Link headers, and the answers a
// token that cannot write or see gets. Waits are recorded instead of slept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type Failure,
  failureOf,
  type IssuesApi,
  isRateLimited,
  issuesApi,
  retryDelay,
} from '../../../src/github/review/api.js'
import { type GitHubApi, startGitHubApi } from '../../fixtures/github-api.js'

const NOW = Date.parse('2026-01-01T00:00:00Z')

describe('retryDelay()', () => {
  it.each<[string, Failure, string, number, number | undefined]>([
    ['429 with retry-after', { status: 429, headers: { 'retry-after': '3' } }, 'POST', 1, 3000],
    ['403 with retry-after', { status: 403, headers: { 'retry-after': '0' } }, 'POST', 1, 0],
    [
      '403 with no requests left: until the reset',
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 7) } },
      'GET',
      1,
      7000,
    ],
    [
      '403 with no requests left and a reset in the past',
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) } },
      'GET',
      1,
      0,
    ],
    [
      '403 saying secondary rate limit, without headers: a minute',
      { status: 403, headers: {}, message: 'You have exceeded a secondary rate limit.' },
      'PATCH',
      1,
      60_000,
    ],
    ['429 without headers: a minute', { status: 429, headers: {} }, 'GET', 1, 60_000],
    [
      'a rate limit at three times the attempts',
      { status: 429, headers: { 'retry-after': '1' } },
      'GET',
      9,
      undefined,
    ],
    [
      '403 of a token that may not write',
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '4999' },
        message: 'Resource not accessible by integration',
      },
      'POST',
      1,
      undefined,
    ],
    ['404', { status: 404, headers: {} }, 'GET', 1, undefined],
    ['401', { status: 401, headers: {} }, 'GET', 1, undefined],
    ['422', { status: 422, headers: {} }, 'POST', 1, undefined],
    ['502 on a GET', { status: 502, headers: {} }, 'GET', 1, 250],
    ['502 on a PATCH, second attempt', { status: 502, headers: {} }, 'PATCH', 2, 500],
    ['502 on a POST (a repeat could post twice)', { status: 502, headers: {} }, 'POST', 1, undefined],
    ['no answer on a GET', {}, 'GET', 2, 500],
    ['no answer on a POST', {}, 'POST', 1, undefined],
    ['a 5xx at the last attempt', { status: 503, headers: {} }, 'GET', 3, undefined],
  ])('%s', (_reason, failure, method, attempt, wait) => {
    expect(retryDelay(failure, method, attempt, 3, NOW)).toBe(wait)
  })

  it('tells rate limits from permissions', () => {
    expect(isRateLimited({ status: 403, headers: { 'x-ratelimit-remaining': 0 } })).toBe(true)
    expect(isRateLimited({ status: 403, headers: {}, message: 'Must have admin rights' })).toBe(false)
    expect(failureOf(new Error('no response'))).toEqual({})
  })
})

describe('issuesApi() against the stand-in', () => {
  let gh: GitHubApi
  let waits: number[]
  let pr: number
  const client = (token = 'ghs_writer', options: Partial<Parameters<typeof issuesApi>[0]> = {}): IssuesApi =>
    issuesApi({
      token,
      repo: { owner: 'octo', repo: 'infra' },
      deadline: Date.now() + 60_000,
      maxAttempts: 3,
      baseUrl: gh.url,
      sleep: async (ms) => void waits.push(ms),
      ...options,
    })
  const calls = () =>
    gh.requests.map((r) => `${r.method} ${r.path}${r.query.page ? `?page=${r.query.page}` : ''} ${r.status}`)

  beforeAll(async () => {
    gh = await startGitHubApi()
    gh.token('ghs_writer', 'write')
    gh.token('ghs_reader', 'read')
    pr = gh.repo('octo/infra').pullRequest()
    for (let i = 0; i < 250; i++) gh.repo('octo/infra').comment(pr, `comment ${i}`)
  })
  afterAll(() => gh.close())
  beforeEach(() => {
    gh.requests.length = 0
    waits = []
  })

  it('reads every page through the Link header, 100 at a time', async () => {
    const sizes: number[] = []
    for await (const page of client().comments(pr)) sizes.push(page.length)
    expect(sizes).toEqual([100, 100, 50])
    expect(calls()).toEqual([
      'GET /repos/octo/infra/issues/1/comments 200',
      'GET /repos/octo/infra/issues/1/comments?page=2 200',
      'GET /repos/octo/infra/issues/1/comments?page=3 200',
    ])
    expect(gh.requests.every((r) => r.query.per_page === '100')).toBe(true)
  })

  it('waits out a secondary rate limit as long as GitHub asks, then goes on', async () => {
    gh.limitNext(1, 429, { 'retry-after': '2' })
    gh.limitNext(1, 403, { 'retry-after': '0' })
    const comment = await client().createComment(pr, 'hello')
    expect(comment.html_url).toMatch(/^https:\/\/github\.example\/octo\/infra\/pull\/1#issuecomment-\d+$/)
    expect(calls()).toEqual([
      'POST /repos/octo/infra/issues/1/comments 429',
      'POST /repos/octo/infra/issues/1/comments 403',
      'POST /repos/octo/infra/issues/1/comments 201',
    ])
    expect(waits).toEqual([2000, 0])
  })

  it('does not start a wait that would end past the deadline', async () => {
    gh.limitNext(1, 429, { 'retry-after': '3600' })
    await expect(client().createComment(pr, 'late')).rejects.toMatchObject({ status: 429 })
    expect(calls()).toEqual(['POST /repos/octo/infra/issues/1/comments 429'])
    expect(waits).toEqual([])
  })

  it('retries a server error of a GET, never of a POST', async () => {
    gh.failNext(1, 502)
    const first = client().comments(pr)[Symbol.asyncIterator]()
    expect((await first.next()).value).toHaveLength(100)
    gh.failNext(1, 502)
    await expect(client().createComment(pr, 'once')).rejects.toMatchObject({ status: 502 })
    expect(calls()).toEqual([
      'GET /repos/octo/infra/issues/1/comments 502',
      'GET /repos/octo/infra/issues/1/comments 200',
      'POST /repos/octo/infra/issues/1/comments 502',
    ])
  })

  it.each<[string, string, string, number]>([
    ['a read-only token may read', 'ghs_reader', 'list', 200],
    ['a read-only token may not write', 'ghs_reader', 'create', 403],
    ['an unknown token', 'ghs_nobody', 'list', 401],
  ])('%s', async (_reason, token, call, status) => {
    const api = client(token)
    const attempt =
      call === 'list' ? api.comments(pr)[Symbol.asyncIterator]().next() : api.createComment(pr, 'x')
    if (status === 200) await expect(attempt).resolves.toBeDefined()
    else await expect(attempt).rejects.toMatchObject({ status })
    expect(gh.requests.map((r) => r.status)).toEqual([status])
  })

  it('gets 404 for a repository the token cannot see, and sends the token only in its header', async () => {
    const api = issuesApi({
      token: 'ghs_writer',
      repo: { owner: 'octo', repo: 'secret-repo' },
      deadline: Date.now() + 60_000,
      maxAttempts: 3,
      baseUrl: gh.url,
    })
    await expect(api.createIssue({ title: 't', body: 'b', labels: [] })).rejects.toMatchObject({
      status: 404,
    })
    expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /repos/octo/secret-repo/issues 404',
    ])
    expect(JSON.stringify(gh.requests)).not.toContain('ghs_writer')
  })
})
