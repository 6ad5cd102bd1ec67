/**
 * The GitHub REST API v3 as the review uses it: the issue and comment endpoints only, through
 * the Octokit of @actions/github. That Octokit takes its base URL from GITHUB_API_URL (GitHub
 * Enterprise Server) and its proxy from HTTPS_PROXY / NO_PROXY through @actions/http-client.
 * Secondary rate limits are waited out and retried within the run's deadline.
 */
import { setTimeout as sleepFor } from 'node:timers/promises'
import { getOctokit } from '@actions/github'

/** A comment on an issue or pull request, as much of GitHub's JSON as the review reads. */
export interface Comment {
  id: number
  html_url: string
  body?: string | null
}

/** An issue (or a pull request, which GitHub lists among issues), as much as the review reads. */
export interface Issue {
  number: number
  html_url: string
  state: string
  body?: string | null
  closed_at: string | null
  labels?: (string | { name?: string })[]
  pull_request?: unknown
}

/** The calls the review makes, on one repository. */
export interface IssuesApi {
  /** The comments of an issue or pull request, oldest first, a page (100) at a time. */
  comments(issue: number): AsyncIterable<Comment[]>
  createComment(issue: number, body: string): Promise<Comment>
  updateComment(id: number, body: string): Promise<Comment>
  /** Open and closed issues carrying `label` (pull requests too), most recently updated first. */
  labelledIssues(label: string): AsyncIterable<Issue[]>
  createIssue(issue: { title: string; body: string; labels: string[] }): Promise<Issue>
  updateIssue(
    issue: number,
    patch: { body?: string; state?: 'open' | 'closed'; state_reason?: 'completed' },
  ): Promise<Issue>
}

/** Who calls, where, and how long retries may go on. */
export interface ApiOptions {
  token: string
  repo: { owner: string; repo: string }
  /** Epoch ms after which no retry starts: the run's timeout-seconds. */
  deadline: number
  /** Attempts for a server error of an idempotent call; rate limits get three times as many. */
  maxAttempts: number
  /** The API's base URL; by default @actions/github's, from GITHUB_API_URL. */
  baseUrl?: string
  /** Where Octokit's own warnings and each retry go: the debug log. */
  debug?: (line: string) => void
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** Each request gives up after this long; none at all could hang the step. */
const REQUEST_TIMEOUT_MS = 15_000
/** GitHub's advice for a secondary rate limit that names no wait: at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000

/** What a failed request told us: its status and headers, or nothing (no answer at all). */
export interface Failure {
  status?: number
  headers?: Record<string, string | number | undefined>
  message?: string
}

/**
 * True for GitHub's rate limits: any 429, and a 403 that says so (a `retry-after`, no requests
 * left, or the secondary-limit message). Any other 403 is a permission: retrying cannot help.
 */
export function isRateLimited(failure: Failure): boolean {
  if (failure.status === 429) return true
  if (failure.status !== 403) return false
  const h = failure.headers ?? {}
  return (
    h['retry-after'] !== undefined ||
    String(h['x-ratelimit-remaining']) === '0' ||
    /secondary rate limit/i.test(failure.message ?? '')
  )
}

/**
 * How long to wait before trying a failed request again, or undefined when it must not be
 * retried: rate limits as GitHub says (`retry-after` seconds, else until `x-ratelimit-reset`,
 * else a minute); no answer or a 5xx only for GET and PATCH, which are safe to repeat (a
 * repeated POST could post a comment twice); any other 4xx never.
 */
export function retryDelay(
  failure: Failure,
  method: string,
  attempt: number,
  maxAttempts: number,
  now: number,
): number | undefined {
  if (isRateLimited(failure)) {
    if (attempt >= maxAttempts * 3) return undefined
    const h = failure.headers ?? {}
    const after = Number(h['retry-after'])
    if (h['retry-after'] !== undefined && Number.isFinite(after)) return Math.max(0, after * 1000)
    const reset = Number(h['x-ratelimit-reset'])
    if (String(h['x-ratelimit-remaining']) === '0' && Number.isFinite(reset))
      return Math.max(0, reset * 1000 - now)
    return SECONDARY_LIMIT_WAIT_MS
  }
  const transient = failure.status === undefined || failure.status >= 500
  const idempotent = method === 'GET' || method === 'PATCH'
  if (!transient || !idempotent || attempt >= maxAttempts) return undefined
  return Math.min(8000, 250 * 2 ** (attempt - 1))
}

/** What an Octokit error says about the answer; a request that got none has no status. */
export function failureOf(error: unknown): Failure {
  const e = error as { response?: { status: number; headers: Failure['headers']; data?: unknown } }
  if (!e?.response) return {}
  const data = e.response.data as { message?: unknown } | undefined
  return {
    status: e.response.status,
    headers: e.response.headers,
    message: typeof data?.message === 'string' ? data.message : undefined,
  }
}

/** The review's calls on `options.repo`, through Octokit, with retries. */
export function issuesApi(options: ApiOptions): IssuesApi {
  const debug = options.debug ?? (() => {})
  const sleep = options.sleep ?? ((ms: number) => sleepFor(ms).then(() => undefined))
  const now = options.now ?? Date.now
  // Only top-level options: a `request` object here would replace the proxy-aware fetch that
  // @actions/github puts in its defaults. Octokit's own log would write to the console.
  const octokit = getOctokit(options.token, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    log: { debug: () => {}, info: () => {}, warn: debug, error: debug },
  })
  octokit.hook.wrap('request', async (request, endpoint) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request({
          ...endpoint,
          // A fresh object per attempt: the one in `endpoint` is shared with the defaults.
          request: { ...endpoint.request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), log: octokit.log },
        })
      } catch (error) {
        const failure = failureOf(error)
        const wait = retryDelay(failure, endpoint.method, attempt, options.maxAttempts, now())
        if (wait === undefined || now() + wait >= options.deadline) throw error
        debug(
          `retrying ${endpoint.method} ${endpoint.url} after ${failure.status ?? 'no answer'} (attempt ${attempt}, waiting ${wait} ms)`,
        )
        await sleep(wait)
      }
    }
  })
  const repo = options.repo
  const pages = async function* <T>(iterator: AsyncIterable<{ data: T[] }>): AsyncIterable<T[]> {
    for await (const page of iterator) yield page.data
  }
  return {
    comments: (issue) =>
      pages(
        octokit.paginate.iterator(octokit.rest.issues.listComments, {
          ...repo,
          issue_number: issue,
          per_page: 100,
        }),
      ),
    createComment: async (issue, body) =>
      (await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body })).data,
    updateComment: async (id, body) =>
      (await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body })).data,
    labelledIssues: (label) =>
      pages(
        octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
          ...repo,
          labels: label,
          state: 'all',
          sort: 'updated',
          direction: 'desc',
          per_page: 100,
        }),
      ),
    createIssue: async (issue) => (await octokit.rest.issues.create({ ...repo, ...issue })).data,
    updateIssue: async (issue, patch) =>
      (await octokit.rest.issues.update({ ...repo, issue_number: issue, ...patch })).data,
  }
}
