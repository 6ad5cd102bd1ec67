"use strict";
exports.id = 181;
exports.ids = [181];
exports.modules = {

/***/ 9181:
/***/ (function(__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postReview: function() { return /* binding */ postReview; }
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(6836);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2785);
// EXTERNAL MODULE: ./lib/src/report/plan.js
var plan = __webpack_require__(1038);
// EXTERNAL MODULE: ./lib/src/github/log.js
var log = __webpack_require__(9322);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./lib/src/github/review/api.js
/**
 * The GitHub REST API v3 as the review uses it: the issue and comment endpoints only, through
 * the Octokit of @actions/github. That Octokit takes its base URL from GITHUB_API_URL (GitHub
 * Enterprise Server) and its proxy from HTTPS_PROXY / NO_PROXY through @actions/http-client.
 * Secondary rate limits are waited out and retried within the run's deadline.
 */


/** Each request gives up after this long; none at all could hang the step. */
const REQUEST_TIMEOUT_MS = 15_000;
/** GitHub's advice for a secondary rate limit that names no wait: at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/**
 * True for GitHub's rate limits: any 429, and a 403 that says so (a `retry-after`, no requests
 * left, or the secondary-limit message). Any other 403 is a permission: retrying cannot help.
 */
function isRateLimited(failure) {
    if (failure.status === 429)
        return true;
    if (failure.status !== 403)
        return false;
    const h = failure.headers ?? {};
    return (h['retry-after'] !== undefined ||
        String(h['x-ratelimit-remaining']) === '0' ||
        /secondary rate limit/i.test(failure.message ?? ''));
}
/**
 * How long to wait before trying a failed request again, or undefined when it must not be
 * retried: rate limits as GitHub says (`retry-after` seconds, else until `x-ratelimit-reset`,
 * else a minute); no answer or a 5xx only for GET and PATCH, which are safe to repeat (a
 * repeated POST could post a comment twice); any other 4xx never.
 */
function retryDelay(failure, method, attempt, maxAttempts, now) {
    if (isRateLimited(failure)) {
        if (attempt >= maxAttempts * 3)
            return undefined;
        const h = failure.headers ?? {};
        const after = Number(h['retry-after']);
        if (h['retry-after'] !== undefined && Number.isFinite(after))
            return Math.max(0, after * 1000);
        const reset = Number(h['x-ratelimit-reset']);
        if (String(h['x-ratelimit-remaining']) === '0' && Number.isFinite(reset))
            return Math.max(0, reset * 1000 - now);
        return SECONDARY_LIMIT_WAIT_MS;
    }
    const transient = failure.status === undefined || failure.status >= 500;
    const idempotent = method === 'GET' || method === 'PATCH';
    if (!transient || !idempotent || attempt >= maxAttempts)
        return undefined;
    return Math.min(8000, 250 * 2 ** (attempt - 1));
}
/** What an Octokit error says about the answer; a request that got none has no status. */
function failureOf(error) {
    const e = error;
    if (!e?.response)
        return {};
    const data = e.response.data;
    return {
        status: e.response.status,
        headers: e.response.headers,
        message: typeof data?.message === 'string' ? data.message : undefined,
    };
}
/** The review's calls on `options.repo`, through Octokit, with retries. */
function issuesApi(options) {
    const debug = options.debug ?? (() => { });
    const sleep = options.sleep ?? ((ms) => (0,promises_.setTimeout)(ms).then(() => undefined));
    const now = options.now ?? Date.now;
    // Only top-level options: a `request` object here would replace the proxy-aware fetch that
    // @actions/github puts in its defaults. Octokit's own log would write to the console.
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        log: { debug: () => { }, info: () => { }, warn: debug, error: debug },
    });
    octokit.hook.wrap('request', async (request, endpoint) => {
        for (let attempt = 1;; attempt++) {
            try {
                return await request({
                    ...endpoint,
                    // A fresh object per attempt: the one in `endpoint` is shared with the defaults.
                    request: { ...endpoint.request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), log: octokit.log },
                });
            }
            catch (error) {
                const failure = failureOf(error);
                const wait = retryDelay(failure, endpoint.method, attempt, options.maxAttempts, now());
                if (wait === undefined || now() + wait >= options.deadline)
                    throw error;
                debug(`retrying ${endpoint.method} ${endpoint.url} after ${failure.status ?? 'no answer'} (attempt ${attempt}, waiting ${wait} ms)`);
                await sleep(wait);
            }
        }
    });
    const repo = options.repo;
    const pages = async function* (iterator) {
        for await (const page of iterator)
            yield page.data;
    };
    return {
        comments: (issue) => pages(octokit.paginate.iterator(octokit.rest.issues.listComments, {
            ...repo,
            issue_number: issue,
            per_page: 100,
        })),
        createComment: async (issue, body) => (await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body })).data,
        updateComment: async (id, body) => (await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body })).data,
        labelledIssues: (label) => pages(octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
            ...repo,
            labels: label,
            state: 'all',
            sort: 'updated',
            direction: 'desc',
            per_page: 100,
        })),
        createIssue: async (issue) => (await octokit.rest.issues.create({ ...repo, ...issue })).data,
        updateIssue: async (issue, patch) => (await octokit.rest.issues.update({ ...repo, issue_number: issue, ...patch })).data,
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./lib/src/github/review/marker.js
/**
 * The hidden line that ties a comment or an issue to one role of one account, so the next run
 * finds it again instead of posting a duplicate. It also carries a digest of what the text said,
 * so a run can tell "the plan changed" from "the same plan again" without comparing Markdown.
 */
const PREFIX = 'ram-identity-action';
// Anchored to a whole line: the body's own text escapes '<', so only the marker line can match.
const PATTERN = new RegExp(`^<!-- ${PREFIX}:(plan|drift) account=(\\d{1,32}) role=([a-z0-9.-]{1,64}) digest=([0-9a-f]{16}) -->$`, 'm');
/**
 * The marker line. RAM compares role names case-insensitively (`Deployer` and `deployer` are
 * one role), so the name is written in lower case.
 */
function markerLine(kind, subject, digest) {
    return `<!-- ${PREFIX}:${kind} account=${subject.accountId} role=${subject.roleName.toLowerCase()} digest=${digest} -->`;
}
/** The first marker in `body`, if it has one. */
function readMarker(body) {
    const m = body ? PATTERN.exec(body) : null;
    if (!m)
        return undefined;
    return { kind: m[1], accountId: m[2], roleName: m[3], digest: m[4] };
}
/** The marker of `body` when it is a `kind` about `subject` (role names compared case-insensitively). */
function markerFor(body, kind, subject) {
    const marker = readMarker(body);
    const same = marker?.kind === kind &&
        marker.accountId === subject.accountId &&
        marker.roleName === subject.roleName.toLowerCase();
    return same ? marker : undefined;
}

;// CONCATENATED MODULE: ./lib/src/github/review/body.js
/**
 * The Markdown of the pull-request comment and of the drift issue: a pure function from a run's
 * result and a few facts about the workflow run to a body within GitHub's size limit.
 *
 * A body is a list of sections in a fixed order. Each yields lines and tables; when the whole
 * would not fit, the tables are cut (each ends with a count of what was left out), the tables
 * that fit their fair share of the room keep every row, and the rest split what remains.
 */




/** GitHub refuses an issue or comment body of more characters than this. */
const GITHUB_BODY_LIMIT = 65_536;
/**
 * What a body may take. Below GitHub's limit with a margin: this counts UTF-16 units, GitHub
 * counts characters, and the two may differ by how line breaks and symbols are counted.
 */
const BODY_BUDGET = 65_000;
/** Room for the line that says how many rows of a table were left out. */
const CUT_NOTE_ROOM = 120;
/** A longer line of server text (an error message) is clipped: one message must not crowd out the plan. */
const LINE_LIMIT = 2_000;
// ---------------------------------------------------------------------------------------------
// Sections, in the order a reader wants them: what stops the run, what is risky, the plan, what
// the plan grants, access nobody declared, and who could not be granted.
const planHeading = (run, facts) => [
    `### ${planTitle(run, facts.roleName)}`,
    '',
    [
        `Mode \`${run.mode}\``,
        `account \`${facts.accountId}\``,
        ...(run.roleArn ? [`role \`${run.roleArn}\``] : []),
    ].join(', '),
    '',
];
const failure = (run) => (run.failure ? [`**${inline(run.failure.message)}**`, ''] : []);
const body_plan = (run) => {
    const n = run.changes.length;
    if (n === 0) {
        if (run.failure)
            return [];
        if (run.mode === 'assume')
            return ['No changes: assume mode reads and changes nothing in RAM.', ''];
        return [`No changes: RAM ${run.mode === 'apply' ? 'already matched' : 'matches'} the workflow.`, ''];
    }
    return [
        `${n} change(s): ${countsByAction(run.changes)}`,
        '',
        {
            header: ['| | action | kind | name | detail |', '|---|---|---|---|---|'],
            rows: run.changes.map((change) => {
                const e = (0,plan/* planEntry */.Cd)(change);
                return `| ${(0,plan/* changeLine */.vK)(change)[0]} | ${e.action} | ${e.kind} | ${inline(e.name)} | ${inline(e.detail)} |`;
            }),
            what: 'change(s)',
        },
    ];
};
const refusals = (run) => {
    if (run.refusals.length === 0)
        return [];
    return [
        '**Refused** (nothing is written while any of these stands):',
        '',
        ...run.refusals.map((r) => `- ${inline(r.message)} (inputs: ${r.inputs.map((i) => `\`${i}\``).join(', ')})`),
        '',
    ];
};
const findings = (run) => {
    if (run.findings.length === 0)
        return [];
    return [
        `**${run.findings.length} security finding(s):**`,
        '',
        {
            header: ['| severity | rule | document | where | finding |', '|---|---|---|---|---|'],
            rows: run.findings.map((f) => `| ${f.severity} | \`${f.rule}\` | ${inline(f.subject)} (${f.source === 'desired' ? 'this change' : 'RAM now'}) | ${f.file ? `\`${inline(f.file)}${f.line ? `:${f.line}` : ''}\`` : ''} | ${inline(f.message)} |`),
            what: 'finding(s)',
        },
    ];
};
const diffs = (run) => {
    const rows = run.changes.flatMap((change) => (0,plan/* diffLines */.Pp)(change).map((line) => `| ${inline((0,plan/* changeLine */.vK)(change))} | \`${inline(line)}\` |`));
    if (rows.length === 0)
        return [];
    return [
        '**What the document changes grant (`+`), take away (`-`) and alter (`~`):**',
        '',
        { header: ['| change | access |', '|---|---|'], rows, what: 'line(s) of document diff' },
    ];
};
const unmanaged = (run) => {
    if (run.unmanaged.length === 0)
        return [];
    return [
        `**Attached though the workflow does not name them** (\`exclusive\` detaches them, \`ignore-policies\` accepts them):`,
        '',
        {
            header: ['| attachment |', '|---|'],
            rows: run.unmanaged.map((u) => `| ${inline((0,plan/* describeUnmanaged */.O)(u))} |`),
            what: 'attachment(s)',
        },
    ];
};
const failedUsers = (run) => {
    if (run.failedUsers.length === 0)
        return [];
    return [
        `**${run.failedUsers.length} user(s) could not be granted:**`,
        '',
        {
            header: ['| user | policy | error |', '|---|---|---|'],
            rows: run.failedUsers.map((f) => `| ${inline(f.user)} | ${inline(f.policy)} | ${inline(f.error)} |`),
            what: 'user(s)',
        },
    ];
};
const driftIntro = (run, facts) => [
    `RAM no longer matches the workflow for role \`${facts.roleName}\` in account \`${facts.accountId}\`: ` +
        [
            `${run.changes.length} change(s) would bring it back`,
            ...(run.unmanaged.length > 0 ? [`${run.unmanaged.length} attachment(s) nobody declared`] : []),
        ].join(', ') +
        '.',
    '',
];
const driftAdvice = () => [
    'Run the apply workflow, or undo the change made by hand; the next check closes this issue once RAM matches again.',
    '',
];
const SECTIONS = {
    plan: [planHeading, failure, refusals, findings, body_plan, diffs, unmanaged, failedUsers],
    drift: [driftIntro, refusals, findings, body_plan, diffs, unmanaged, failedUsers, driftAdvice],
};
// ---------------------------------------------------------------------------------------------
/**
 * The body of a `kind` (the pull-request comment, or the drift issue) for `run`, at most
 * `budget` characters: the marker, the sections, and a footer naming the run.
 */
function renderBody(kind, run, facts, budget = BODY_BUDGET) {
    const parts = SECTIONS[kind].flatMap((section) => section(run, facts));
    const tables = parts.filter((p) => typeof p !== 'string');
    const foot = footer(kind, facts);
    // Everything but the table rows, with the marker's longest form and a cut note per table.
    let fixed = markerLine(kind, facts, '0'.repeat(16)).length + foot.length + 4;
    for (const part of parts) {
        if (typeof part === 'string')
            fixed += part.length + 1;
        else
            fixed += part.header.reduce((sum, line) => sum + line.length + 1, 0) + 1 + CUT_NOTE_ROOM;
    }
    const shown = share(tables.map((t) => t.rows.map((row) => row.length + 1)), budget - fixed);
    const lines = [];
    for (const part of parts) {
        if (typeof part === 'string') {
            lines.push(part);
            continue;
        }
        const n = shown[tables.indexOf(part)];
        lines.push(...part.header, ...part.rows.slice(0, n), '');
        if (n < part.rows.length)
            lines.push(`_${part.rows.length - n} more ${part.what} not shown: the step log lists every one._`, '');
    }
    const content = lines.join('\n').trimEnd();
    const digest = (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex').slice(0, 16);
    return { text: `${markerLine(kind, facts, digest)}\n${content}\n\n${foot}\n`, digest };
}
/** The drift issue's title: it names the role, so a list of issues shows which role drifted. */
function driftTitle(subject) {
    return `RAM drift: role ${subject.roleName} (account ${subject.accountId})`;
}
/** The comment on a drift issue when its plan changed, its drift came back, or RAM matches again. */
function driftNote(event, run, facts) {
    const by = facts.run ? ` ([${facts.run.label}](${facts.run.url}))` : '';
    const n = run.changes.length;
    switch (event) {
        case 'changed':
            return `The plan changed: ${n} change(s) now${by}. The description shows the current plan.`;
        case 'back':
            return `Drift is back: ${n} change(s)${by}. The description shows the current plan.`;
        case 'resolved':
            return `Resolved: RAM matches the workflow again${by}. Closing.`;
    }
}
function planTitle(run, roleName) {
    const role = `role \`${roleName}\``;
    const n = run.changes.length;
    switch (run.mode) {
        case 'check':
            if (run.failure)
                return `RAM plan for ${role} failed`;
            return n > 0 ? `RAM plan for ${role}: ${n} change(s) to apply` : `RAM plan for ${role}: no changes`;
        case 'apply':
            if (run.failure)
                return n > 0 && run.applied
                    ? `RAM apply for ${role} failed after ${n} change(s)`
                    : `RAM apply for ${role} failed`;
            return n > 0 ? `RAM apply for ${role}: ${n} change(s) applied` : `RAM apply for ${role}: no changes`;
        case 'assume':
            return run.failure ? `Assuming RAM ${role} failed` : `RAM ${role} assumed: no changes`;
    }
}
function footer(kind, facts) {
    const link = facts.run ? `[${facts.run.label}](${facts.run.url})` : 'a run outside GitHub Actions';
    return kind === 'plan' ? `_From ${link}._` : `_Last seen by ${link} on ${facts.now}._`;
}
/** `3 create, 4500 attach`: how many changes of each action, in the order they first appear. */
function countsByAction(changes) {
    const counts = new Map();
    for (const change of changes) {
        const action = (0,plan/* planEntry */.Cd)(change).action;
        counts.set(action, (counts.get(action) ?? 0) + 1);
    }
    return [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
}
/**
 * Text from RAM or the inputs, safe inside a table cell or a bold line: one line, no table
 * separator, no `<` (so no text opens a tag, hides itself in a comment or poses as the marker),
 * no @mention, clipped.
 */
function inline(text) {
    const clipped = text.length > LINE_LIMIT ? `${text.slice(0, LINE_LIMIT)}...` : text;
    return ((0,log/* oneLine */.T)(clipped)
        .replace(/&/g, '&amp;')
        // A backslash before a pipe would undo the pipe's escape below.
        .replace(/\\/g, '&#92;')
        .replace(/</g, '&lt;')
        .replace(/\|/g, '\\|')
        .replace(/@/g, '&#64;'));
}
/**
 * How many rows of each table fit in `room`, by max-min fairness: a table whose rows fit in an
 * even share keeps them all, and what it leaves over goes to the larger tables. A 5,000-row plan
 * therefore never pushes the few failed users out of the body.
 */
function share(tables, room) {
    const sizes = tables.map((rows) => rows.reduce((sum, size) => sum + size, 0));
    const allowance = sizes.map(() => 0);
    let left = Math.max(0, room);
    const smallestFirst = sizes.map((_, i) => i).sort((a, b) => sizes[a] - sizes[b]);
    smallestFirst.forEach((i, k) => {
        allowance[i] = Math.min(sizes[i], Math.floor(left / (smallestFirst.length - k)));
        left -= allowance[i];
    });
    return tables.map((rows, i) => {
        let used = 0;
        let n = 0;
        while (n < rows.length && used + rows[n] <= allowance[i])
            used += rows[n++];
        return n;
    });
}

;// CONCATENATED MODULE: ./lib/src/github/review/drift-issue.js

/**
 * Brings the drift issue for `subject` in step with the check: `drift` says whether RAM differs
 * from the workflow. Issues are found by `label` and the marker; the label alone is shared by
 * every role of every account the repository checks.
 */
async function syncDriftIssue(api, label, subject, drift, texts) {
    const { open, closed } = await findIssues(api, label, subject);
    if (!drift) {
        if (!open)
            return { action: 'none' };
        // The comment first, so it reads above the "closed" event in the issue's timeline.
        await api.createComment(open.number, texts.resolved);
        const done = await api.updateIssue(open.number, { state: 'closed', state_reason: 'completed' });
        return { action: 'closed', url: done.html_url };
    }
    if (open) {
        const same = markerFor(open.body, 'drift', subject)?.digest === texts.body.digest;
        // The description always shows the latest run; a comment (and its notification) only
        // when the plan itself changed.
        const updated = await api.updateIssue(open.number, { body: texts.body.text });
        if (!same)
            await api.createComment(open.number, texts.changed);
        return { action: 'updated', url: updated.html_url };
    }
    if (closed) {
        const reopened = await api.updateIssue(closed.number, { state: 'open', body: texts.body.text });
        await api.createComment(closed.number, texts.back);
        return { action: 'reopened', url: reopened.html_url };
    }
    const created = await api.createIssue({ title: texts.title, body: texts.body.text, labels: [label] });
    // GitHub drops the labels of a new issue, silently, when the token may not push; every later
    // run would then miss this issue and open another.
    const labelled = (created.labels ?? []).some((l) => (typeof l === 'string' ? l : l.name)?.toLowerCase() === label.toLowerCase());
    const warning = labelled
        ? undefined
        : `GitHub opened the drift issue without the label "${label}" (the token may not set labels), so the next check will not find it: use a token with issues: write`;
    return { action: 'opened', url: created.html_url, warning };
}
/**
 * The open issue for `subject`, else the one closed most recently. Pages come most recently
 * updated first; an open one ends the search, otherwise every page is read, because a closed
 * issue that someone commented on later is not necessarily the one closed last.
 */
async function findIssues(api, label, subject) {
    let closed;
    for await (const page of api.labelledIssues(label)) {
        for (const issue of page) {
            if (issue.pull_request || !markerFor(issue.body, 'drift', subject))
                continue;
            if (issue.state === 'open')
                return { open: issue };
            if (!closed || (issue.closed_at ?? '') > (closed.closed_at ?? ''))
                closed = issue;
        }
    }
    return { closed };
}

;// CONCATENATED MODULE: ./lib/src/github/review/pr-comment.js

/**
 * Brings the plan comment on pull request `pr` in line with `body`. `quiet` says the run has
 * nothing to report (no change, no failure): then no comment is created, but an existing one is
 * edited, so a comment that once listed changes now says there are none.
 */
async function syncPlanComment(api, pr, subject, body, quiet) {
    for await (const page of api.comments(pr)) {
        for (const comment of page) {
            const marker = markerFor(comment.body, 'plan', subject);
            if (!marker)
                continue;
            // The oldest marked comment is the one; reading on could only find copies.
            if (marker.digest === body.digest)
                return { action: 'unchanged', url: comment.html_url };
            const updated = await api.updateComment(comment.id, body.text);
            return { action: 'updated', url: updated.html_url };
        }
    }
    if (quiet)
        return { action: 'none' };
    const created = await api.createComment(pr, body.text);
    return { action: 'created', url: created.html_url };
}

;// CONCATENATED MODULE: ./lib/src/github/review/post.js
/**
 * Posting a finished run to GitHub: its plan on the pull request, or the drift issue. This and
 * the modules it imports are the only code that loads @actions/github; main.ts imports it only
 * when something is due, so ncc puts Octokit in a chunk that every other run leaves unloaded.
 *
 * Nothing here can fail the step or change its verdict: each failure becomes one warning that
 * says what went wrong and, when the token was refused, which permission the job must grant.
 */








/** The permission each kind of post needs from the job's token. */
const PERMISSION = {
    'pr-comment': 'pull-requests: write',
    'drift-issue': 'issues: write',
};
/** A reason not to post that is not GitHub's answer; its message is ours and safe to show. */
class NotPosted extends Error {
}
/**
 * Posts what `kind` asks for about `result`; retries stop at `deadline` (epoch ms). Returns the
 * address of the comment or issue, and never throws.
 */
async function postReview(kind, result, inputs, deadline) {
    // The session's credentials never come near a body: the bodies get the run without it.
    const { session: _session, ...run } = result;
    try {
        const repo = repository();
        const facts = runFacts(result.accountId, inputs.roleName, repo);
        const api = issuesApi({
            token: inputs.review.githubToken,
            repo,
            deadline,
            maxAttempts: inputs.retryMaxAttempts,
            debug: (line) => core/* debug */.Yz((0,log/* oneLine */.T)(line)),
        });
        // The URLs in these lines come from GitHub's answers: kept to one line, like all server text.
        if (kind === 'pr-comment') {
            const pr = pullRequestNumber();
            const quiet = run.changes.length === 0 &&
                run.failedUsers.length === 0 &&
                run.findings.length === 0 &&
                run.refusals.length === 0 &&
                run.unmanaged.length === 0 &&
                !run.failure;
            const outcome = await syncPlanComment(api, pr, facts, renderBody('plan', run, facts), quiet);
            const lines = {
                created: `Posted the plan on pull request #${pr}: ${outcome.url}`,
                updated: `Updated the plan on pull request #${pr}: ${outcome.url}`,
                unchanged: `The plan on pull request #${pr} is up to date: ${outcome.url}`,
                none: `No plan comment on pull request #${pr}: nothing to report`,
            };
            core/* info */.pq((0,log/* oneLine */.T)(lines[outcome.action]));
            return { commentUrl: outcome.url };
        }
        const outcome = await syncDriftIssue(api, inputs.review.driftIssueLabel, facts, (0,plan/* drifted */.fN)(result), {
            title: driftTitle(facts),
            body: renderBody('drift', run, facts),
            changed: driftNote('changed', run, facts),
            back: driftNote('back', run, facts),
            resolved: driftNote('resolved', run, facts),
        });
        const lines = {
            opened: `Opened the drift issue: ${outcome.url}`,
            reopened: `Reopened the drift issue: ${outcome.url}`,
            updated: `Updated the drift issue: ${outcome.url}`,
            closed: `Closed the drift issue: ${outcome.url}`,
            none: 'No drift and no open drift issue',
        };
        core/* info */.pq((0,log/* oneLine */.T)(lines[outcome.action]));
        if (outcome.warning)
            core/* warning */.$e((0,log/* oneLine */.T)(outcome.warning));
        return { driftIssueUrl: outcome.url };
    }
    catch (error) {
        core/* warning */.$e((0,log/* oneLine */.T)(warning(kind, error)));
        return {};
    }
}
/** The repository the run belongs to, as @actions/github reads it. */
function repository() {
    if (!process.env.GITHUB_REPOSITORY && !github/* context */._.payload.repository)
        throw new NotPosted('GITHUB_REPOSITORY is not set');
    return github/* context */._.repo;
}
/** The pull request of a pull_request or pull_request_target event, from its payload. */
function pullRequestNumber() {
    const n = github/* context */._.payload.pull_request?.number;
    if (typeof n !== 'number')
        throw new NotPosted('the event payload names no pull request');
    return n;
}
/** The subject and the run's link, as the bodies need them. */
function runFacts(accountId, roleName, repo) {
    const id = github/* context */._.runId;
    const attempt = Number.isInteger(github/* context */._.runAttempt) ? github/* context */._.runAttempt : 1;
    const run = Number.isInteger(id)
        ? {
            url: `${github/* context */._.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${id}/attempts/${attempt}`,
            label: attempt > 1 ? `run ${id}, attempt ${attempt}` : `run ${id}`,
        }
        : undefined;
    return { accountId, roleName, run, now: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
}
/**
 * The warning for a post that did not happen. Built from the status and GitHub's `message`
 * only: the request (with its Authorization header) is never printed.
 */
function warning(kind, error) {
    const what = kind === 'pr-comment' ? 'post the plan on the pull request' : 'update the drift issue';
    if (error instanceof NotPosted)
        return `could not ${what}: ${error.message}`;
    const failure = failureOf(error);
    const said = failure.message ? ` (${clip(failure.message)})` : '';
    switch (true) {
        case failure.status === undefined: {
            const e = error;
            if (e?.name !== 'HttpError' && e?.name !== 'AbortError' && e?.name !== 'TimeoutError') {
                // A bug, not GitHub: its message could hold anything, so only the debug log gets the stack.
                if (error instanceof Error)
                    core/* debug */.Yz(error.stack ?? error.name);
                return `could not ${what}: unexpected error (the action has a bug)`;
            }
            return `could not ${what}: no answer from GitHub (${clip(e.message ?? e.name)}); check GITHUB_API_URL, the network and any proxy`;
        }
        case isRateLimited(failure):
            return `could not ${what}: GitHub's rate limit (${failure.status}${said}) did not clear before timeout-seconds`;
        case failure.status === 401:
            return `could not ${what}: GitHub refused github-token (401${said})`;
        case failure.status === 403 || failure.status === 404:
            return (`could not ${what}: GitHub answered ${failure.status}${said}. The token needs \`${PERMISSION[kind]}\`: ` +
                `add it to the job's permissions${kind === 'pr-comment' ? ' (pull requests from forks only ever get a read-only token)' : ''}`);
        default:
            return `could not ${what}: GitHub answered ${failure.status}${said}`;
    }
}
function clip(text) {
    return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}


/***/ })

};
;