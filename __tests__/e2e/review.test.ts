// End to end: the committed bundle, spawned as the runner spawns it for a pull_request or a
// schedule event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_API_URL, GITHUB_REPOSITORY),
// against the RAM/STS emulator and the GitHub REST stand-in. Every case asserts the exact
// GitHub calls the run made; at the end, no secret reached GitHub, a log, a summary or a file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import {
  NODE24,
  type RunOptions,
  type RunResult,
  runAction,
  secretForms,
  workspace,
} from '../../scripts/local-runner.js'
import { sandboxAccount } from '../../scripts/sandbox.js'
import { type ApiRequest, type GitHubApi, type Repo, startGitHubApi } from '../fixtures/github-api.js'
import { startProxy } from '../fixtures/proxy.js'

const WRITER = 'ghs_e2eWriterToken0123456789abcdef'
const READER = 'ghs_e2eReaderToken0123456789abcdef'
const POLICY =
  '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"acs:oss:*:*:b/*"}]}'

let emu: Emulator
let gh: GitHubApi
let repo: Repo
const secrets = new Set<string>([WRITER, READER])
const runs: RunResult[] = []
const received: ApiRequest[] = []

beforeAll(async () => {
  emu = await startEmulator({ seed: 61, profile: 'realistic' })
  gh = await startGitHubApi()
  gh.token(WRITER, 'write')
  gh.token(READER, 'read')
  repo = gh.repo('octo/infra')
})
afterAll(async () => {
  await gh.close()
  await emu.close()
})
beforeEach(() => {
  received.push(...gh.requests.splice(0))
})

/** A fresh account and inputs for role `role` on it. */
async function account(role = 'oss-uploader') {
  const acct = await sandboxAccount(emu)
  secrets.add(acct.root.accessKeySecret)
  secrets.add(acct.key.accessKeySecret)
  const inputs: Record<string, string> = {
    'role-name': role,
    'policy-file': 'p.json',
    'access-key-id': acct.key.accessKeyId,
    'access-key-secret': acct.key.accessKeySecret,
    'ram-endpoint': emu.ramEndpoint,
    'sts-endpoint': emu.stsEndpoint,
  }
  return { ...acct, inputs }
}

/** The environment the runner gives a job triggered by `event`, with its payload on disk. */
function event(name: string, payload: Record<string, unknown>, api = gh.url): Record<string, string> {
  const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json')
  writeFileSync(path, JSON.stringify(payload))
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_API_URL: api,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'octo/infra',
  }
}
const pullRequest = (number: number) =>
  event('pull_request', {
    action: 'synchronize',
    number,
    pull_request: { number, state: 'open', head: { ref: 'ram-change' }, base: { ref: 'main' } },
    repository: { name: 'infra', owner: { login: 'octo' } },
  })
const schedule = () => event('schedule', { schedule: '17 3 * * *' })

/** Runs the bundle; returns the result and the GitHub calls it made, as `METHOD path status`. */
async function run(inputs: Record<string, string>, env: Record<string, string>, options: RunOptions = {}) {
  gh.requests.length = 0
  const result = await runAction(inputs, {
    cwd: workspace({ 'p.json': POLICY }),
    env,
    debug: true,
    githubToken: WRITER,
    ...options,
  })
  runs.push(result)
  for (const name of ['access-key-id', 'access-key-secret', 'security-token'])
    if (result.outputs[name]) secrets.add(result.outputs[name])
  const requests = gh.requests.splice(0)
  received.push(...requests)
  const github = requests.map((r) => `${r.method} ${r.path.replace('/repos/octo/infra', '')} ${r.status}`)
  return { ...result, github, log: logOf(result) }
}

const logOf = (r: RunResult) =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')
const commentBody = (pr: number) => repo.commentsOn(pr).at(-1)?.body ?? ''

describe('the plan on a pull request', () => {
  it('posts one comment, leaves it when the plan is the same, edits it after the apply and when the plan empties', async () => {
    const acct = await account()
    const pr = repo.pullRequest()
    const env = pullRequest(pr)

    const first = await run({ ...acct.inputs, mode: 'check' }, env)
    // The step's verdict is the check's own: drift fails it, the comment does not change that.
    expect(first.code).toBe(1)
    expect(first.github).toEqual([`GET /issues/${pr}/comments 200`, `POST /issues/${pr}/comments 201`])
    const [comment] = repo.commentsOn(pr)
    const url = `https://github.example/octo/infra/pull/${pr}#issuecomment-${comment!.id}`
    expect(first.outputs).toMatchObject({ drift: 'true', 'comment-url': url, 'drift-issue-url': '' })
    expect(first.log).toContain(`Posted the plan on pull request #${pr}: ${url}`)
    // The token is masked with the other input secrets, before anything is printed.
    expect(first.stdout.split('\n')[0]).toBe(`::add-mask::${acct.key.accessKeySecret}`)
    expect(first.stdout.split('\n')[1]).toBe(`::add-mask::${WRITER}`)
    const body = commentBody(pr)
    expect(body).toMatch(
      new RegExp(
        `^<!-- ram-identity-action:plan account=${acct.accountId} role=oss-uploader digest=[0-9a-f]{16} -->\n`,
      ),
    )
    expect(body).toContain('### RAM plan for role `oss-uploader`: 3 change(s) to apply')
    expect(body).toContain(`Mode \`check\`, account \`${acct.accountId}\``)
    expect(body).toContain('| + | create | role | oss-uploader |')
    expect(body).toContain(
      '_From [run 4242](https://github.example/octo/infra/actions/runs/4242/attempts/1)._',
    )

    // The same plan again, on Node 24 (the runtime of runs.using): the comment stays as it is.
    const again = await run({ ...acct.inputs, mode: 'check' }, env, { node: NODE24 })
    expect(again.stderr).toBe('')
    expect(again.github).toEqual([`GET /issues/${pr}/comments 200`])
    expect(again.outputs['comment-url']).toBe(url)
    expect(commentBody(pr)).toBe(body)

    const apply = await run(acct.inputs, env)
    expect(apply.code).toBe(0)
    expect(apply.outputs['access-key-id']).toMatch(/^STS\./)
    expect(apply.github).toEqual([
      `GET /issues/${pr}/comments 200`,
      `PATCH /issues/comments/${comment!.id} 200`,
    ])
    expect(commentBody(pr)).toContain('### RAM apply for role `oss-uploader`: 3 change(s) applied')

    const converged = await run({ ...acct.inputs, mode: 'check' }, env)
    expect(converged.code).toBe(0)
    expect(converged.github).toEqual([
      `GET /issues/${pr}/comments 200`,
      `PATCH /issues/comments/${comment!.id} 200`,
    ])
    expect(commentBody(pr)).toContain('### RAM plan for role `oss-uploader`: no changes')
    expect(commentBody(pr)).toContain('No changes: RAM matches the workflow.')
    expect(repo.commentsOn(pr)).toHaveLength(1)
  })

  it('warns, naming pull-requests: write, when the token may only read, and keeps the verdict', async () => {
    const acct = await account()
    const pr = repo.pullRequest()
    const r = await run({ ...acct.inputs, mode: 'check', 'fail-on-drift': 'false' }, pullRequest(pr), {
      githubToken: READER,
    })
    expect(r.code).toBe(0)
    expect(r.github).toEqual([`GET /issues/${pr}/comments 200`, `POST /issues/${pr}/comments 403`])
    expect(r.log).toContain(
      '::warning::could not post the plan on the pull request: GitHub answered 403 (Resource not accessible by integration). ' +
        "The token needs `pull-requests: write`: add it to the job's permissions (pull requests from forks only ever get a read-only token)",
    )
    expect(r.outputs).toMatchObject({ drift: 'true', 'comment-url': '' })
  })

  it('warns on a pull request of a repository the token cannot see (404)', async () => {
    const acct = await account()
    const r = await run(
      { ...acct.inputs, mode: 'check', 'fail-on-drift': 'false' },
      {
        ...pullRequest(1),
        GITHUB_REPOSITORY: 'octo/elsewhere',
      },
    )
    expect(r.code).toBe(0)
    expect(r.github).toEqual(['GET /repos/octo/elsewhere/issues/1/comments 404'])
    expect(r.log).toMatch(
      /::warning::could not post the plan on the pull request: GitHub answered 404 \(Not Found\)\. The token needs `pull-requests: write`/,
    )
  })

  it('waits out a secondary rate limit and posts', async () => {
    const acct = await account()
    const pr = repo.pullRequest()
    gh.limitNext(1, 429, { 'retry-after': '0' })
    const r = await run({ ...acct.inputs, mode: 'check', 'fail-on-drift': 'false' }, pullRequest(pr))
    expect(r.github).toEqual([
      `GET /issues/${pr}/comments 429`,
      `GET /issues/${pr}/comments 200`,
      `POST /issues/${pr}/comments 201`,
    ])
    expect(r.log).toMatch(
      /::debug::retrying GET http:\/\/127\.0\.0\.1:\d+\/repos\/octo\/infra\/issues\/\d+\/comments\?per_page=100 after 429 \(attempt 1, waiting 0 ms\)/,
    )
    expect(r.outputs['comment-url']).toMatch(/#issuecomment-\d+$/)
  })

  it("posts the 5,000-user grant within GitHub's limit, cut with a count of the rest", async () => {
    const acct = await account()
    for (let i = 0; i < 4999; i++) emu.control.createUser(acct.accountId, `u-${String(i).padStart(4, '0')}`)
    const pr = repo.pullRequest()
    const r = await run(
      {
        ...acct.inputs,
        mode: 'check',
        'fail-on-drift': 'false',
        'all-users-policies': 'AliyunCSReadOnlyAccess',
      },
      pullRequest(pr),
    )
    expect(r.outputs.changes).toBe('5003')
    expect(r.github).toEqual([`GET /issues/${pr}/comments 200`, `POST /issues/${pr}/comments 201`])
    const body = commentBody(pr)
    expect(body.length).toBeLessThan(65_536)
    expect(body).toContain('5003 change(s): 2 create, 5001 attach')
    const shown = body.split('\n').filter((l) => /^\| [+~-] \|/.test(l)).length
    expect(body).toContain(`_${5003 - shown} more change(s) not shown: the step log lists every one._`)
  }, 60_000)
})

describe('the drift issue of a scheduled check', () => {
  it('opens, updates, comments on a new plan, closes, and reopens the same issue', async () => {
    const acct = await account('nightly-role')
    // max-session-duration given, so that a MaxSessionDuration changed by hand is drift.
    const apply = { ...acct.inputs, 'max-session-duration': '3600' }
    const check = {
      ...apply,
      mode: 'check',
      'fail-on-drift': 'false',
      'drift-issue': 'true',
    }
    expect((await run(apply, {})).code).toBe(0) // apply outside GitHub's events: no post

    const clean = await run(check, schedule())
    expect(clean.github).toEqual(['GET /issues 200'])
    expect(clean.outputs).toMatchObject({ drift: 'false', 'drift-issue-url': '', 'comment-url': '' })

    await acct.rootRam.call('UpdateRole', { RoleName: 'nightly-role', NewMaxSessionDuration: 7200 })
    const opened = await run(check, schedule())
    expect(opened.github).toEqual(['GET /issues 200', 'POST /issues 201'])
    const issue = repo.issues.at(-1)!
    const url = `https://github.example/octo/infra/issues/${issue.number}`
    expect(opened.outputs['drift-issue-url']).toBe(url)
    expect(issue).toMatchObject({
      title: `RAM drift: role nightly-role (account ${acct.accountId})`,
      labels: ['ram-drift'],
    })
    expect(issue.body).toContain('| ~ | update | role | nightly-role | max session 7200 -> 3600 s |')
    expect(opened.log).toContain(`Opened the drift issue: ${url}`)

    const same = await run(check, schedule())
    expect(same.github).toEqual(['GET /issues 200', `PATCH /issues/${issue.number} 200`])

    emu.control.detachPolicy(
      acct.accountId,
      { type: 'role', name: 'nightly-role' },
      { type: 'Custom', name: 'nightly-role-policy' },
    )
    const changed = await run(check, schedule())
    expect(changed.github).toEqual([
      'GET /issues 200',
      `PATCH /issues/${issue.number} 200`,
      `POST /issues/${issue.number}/comments 201`,
    ])

    expect((await run(apply, {})).code).toBe(0)
    const closed = await run(check, schedule())
    expect(closed.github).toEqual([
      'GET /issues 200',
      `POST /issues/${issue.number}/comments 201`,
      `PATCH /issues/${issue.number} 200`,
    ])
    expect(closed.outputs['drift-issue-url']).toBe(url)
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' })

    await acct.rootRam.call('UpdateRole', { RoleName: 'nightly-role', NewMaxSessionDuration: 7200 })
    const reopened = await run(check, event('workflow_dispatch', {}))
    expect(reopened.github).toEqual([
      'GET /issues 200',
      `PATCH /issues/${issue.number} 200`,
      `POST /issues/${issue.number}/comments 201`,
    ])
    expect(issue.state).toBe('open')
    expect(repo.issues.filter((i) => i.title.includes('nightly-role'))).toHaveLength(1)

    const readOnly = await run(check, schedule(), { githubToken: READER })
    expect(readOnly.code).toBe(0)
    expect(readOnly.github).toEqual(['GET /issues 200', `PATCH /issues/${issue.number} 403`])
    expect(readOnly.log).toMatch(
      /::warning::could not update the drift issue: GitHub answered 403 .*The token needs `issues: write`/,
    )
  })

  it('leaves the issue alone when the check itself failed', async () => {
    const acct = await account()
    const r = await run(
      { ...acct.inputs, mode: 'check', 'drift-issue': 'true', 'access-key-secret': 'wrong' },
      schedule(),
    )
    expect(r.code).toBe(1)
    expect(r.github).toEqual([])
    expect(r.outputs['drift-issue-url']).toBe('')
  })
})

describe('loading', () => {
  /** The lazy chunks a run loaded, by their text. */
  async function chunks(inputs: Record<string, string>, env: Record<string, string>) {
    const file = join(mkdtempSync(join(tmpdir(), 'loaded-')), 'list')
    const preload = fileURLToPath(new URL('../fixtures/record-loaded.cjs', import.meta.url))
    await run(inputs, { ...env, NODE_OPTIONS: `--require ${preload}`, RECORD_LOADED: file })
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((f) => f.endsWith('.index.cjs.js'))
      .map((f) => readFileSync(f, 'utf8'))
  }
  const octokit = (loaded: string[]) => loaded.some((chunk) => chunk.includes('@octokit'))

  it('loads Octokit only when a comment or an issue is due', async () => {
    const acct = await account()
    const check = { ...acct.inputs, mode: 'check', 'fail-on-drift': 'false' }
    expect(octokit(await chunks(check, event('push', {})))).toBe(false)
    expect(octokit(await chunks({ ...check, 'pr-comment': 'false' }, pullRequest(repo.pullRequest())))).toBe(
      false,
    )
    expect(octokit(await chunks(check, schedule()))).toBe(false) // drift-issue is off by default
    expect(octokit(await chunks(check, pullRequest(repo.pullRequest())))).toBe(true)
  })
})

describe('GitHub Enterprise and proxies', () => {
  it('reaches GITHUB_API_URL through HTTP(S)_PROXY, and around it for NO_PROXY', async () => {
    const proxy = await startProxy()
    try {
      const acct = await account()
      const pr = repo.pullRequest()
      // A host only the proxy can resolve: @actions/http-client never proxies loopback.
      const api = `http://github-api.invalid:${new URL(gh.url).port}`
      const env = { ...pullRequest(pr), GITHUB_API_URL: api, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }
      const check = { ...acct.inputs, mode: 'check', 'fail-on-drift': 'false', 'retry-max-attempts': '1' }
      const proxied = await run(check, env)
      expect(proxied.github).toEqual([`GET /issues/${pr}/comments 200`, `POST /issues/${pr}/comments 201`])
      // undici's ProxyAgent tunnels plain http too: CONNECT, then the request inside.
      expect(proxy.seen).toContain(`CONNECT github-api.invalid:${new URL(gh.url).port}`)

      proxy.seen.length = 0
      const direct = await run(check, { ...env, NO_PROXY: 'github-api.invalid' })
      expect(direct.github).toEqual([])
      expect(proxy.seen.filter((s) => s.includes('github-api.invalid'))).toEqual([])
      expect(direct.log).toMatch(
        /::warning::could not post the plan on the pull request: no answer from GitHub \(.*ENOTFOUND.*\)/,
      )
      expect(direct.code).toBe(0)
    } finally {
      proxy.close()
    }
  })
})

describe('secrets', () => {
  it('never reached GitHub, a log, a summary or a file (debug logging on)', () => {
    received.push(...gh.requests.splice(0))
    expect(runs.length).toBeGreaterThan(15)
    expect(received.filter((r) => r.method !== 'GET').length).toBeGreaterThan(10)
    for (const r of runs) {
      const places = { log: logOf(r), stderr: r.stderr, summary: r.summary, ...r.otherFiles }
      for (const secret of secrets)
        for (const form of secretForms(secret))
          for (const [where, text] of Object.entries(places))
            if (text.includes(form)) throw new Error(`a secret (${form.length} chars) leaked into ${where}`)
    }
    for (const request of received) {
      const sent = `${request.path}?${new URLSearchParams(request.query)} ${request.raw}`
      for (const secret of secrets)
        for (const form of secretForms(secret))
          if (sent.includes(form))
            throw new Error(
              `a secret (${form.length} chars) was sent to GitHub: ${request.method} ${request.path}`,
            )
    }
  })
})
