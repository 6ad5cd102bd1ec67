#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 8723:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1070);
// The `ram-identity` command; cli/main.ts holds the program, so tests can run it in-process.

process.noDeprecation = true; // see src/index.cts
process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1070:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __nccwpck_require__(8500);
;// CONCATENATED MODULE: ./lib/src/aliyun/pacer.js
/**
 * Pacing for every RAM call of a run: a rate in requests per second, learnt from the answers,
 * and a cap on requests in flight. The API's rate limit is not published per action and is
 * shared with every other job and person on the account, so it is discovered, not configured:
 *
 * - While requests are waiting on the rate, it grows with elapsed time (doubling each second
 *   until the first throttling, then 5 % a second), not with each answer, so a short latency
 *   does not make it probe faster than a long one.
 * - On throttling it drops to just under the rate the API accepted over the last second (or
 *   over its last 16 accepted requests, if that is longer): the API's answer to "how fast may
 *   I go", measured rather than guessed. That second is busy time, when requests were in flight
 *   or waiting: while the run was reading a page or backing off, nothing was asked of the API,
 *   and counting that time would make a limit look lower than it is. With nothing accepted
 *   yet there is nothing to measure, and it halves.
 * - Answers to requests sent before the last drop say nothing about the new rate, so they do
 *   not drop it again.
 */

/** Over this much recent time the accepted rate is measured. */
const WINDOW_MS = 1000;
/** At least this many accepted requests make a measurement, however long they took. */
const MIN_SAMPLES = 16;
/** On throttling, the new rate is this share of the accepted one: just under it. */
const BELOW_ACCEPTED = 0.95;
/** Growth per second of waiting, as a rate exponent: until the first throttling, then after. */
const SLOW_START_GROWTH = Math.LN2;
const PROBE_GROWTH = 0.05;
/** Paces requests at a learnt rate; see the module comment. */
class Pacer {
    options;
    rate;
    tokens;
    inFlight = 0;
    waiting = [];
    /** Milliseconds during which a request was in flight or waiting: the clock rates are measured on. */
    busy = 0;
    /** Busy-clock times at which requests were accepted, oldest first, from acceptedHead on. */
    accepted = [];
    acceptedHead = 0;
    updatedAt;
    /** When the rate last dropped; Number.NEGATIVE_INFINITY before the first throttling. */
    droppedAt = Number.NEGATIVE_INFINITY;
    /** True while requests wait on the rate itself (not on the in-flight cap): only then grow. */
    rateBound = false;
    wakeArmed = false;
    now;
    sleep;
    constructor(options) {
        this.options = options;
        this.now = options.now ?? (() => performance.now());
        this.sleep = options.sleep ?? promises_.setTimeout;
        this.rate = options.initialRate;
        this.tokens = options.burst;
        this.updatedAt = this.now();
    }
    /** The current rate, in requests per second. */
    get requestsPerSecond() {
        return this.rate;
    }
    acquire() {
        return new Promise((resolve) => {
            this.advance(this.now());
            this.waiting.push(resolve);
            this.pump();
        });
    }
    permit() {
        const sentAt = this.now();
        let released = false;
        return {
            release: (outcome) => {
                if (released)
                    return;
                released = true;
                this.settle(sentAt, outcome);
            },
        };
    }
    settle(sentAt, outcome) {
        const now = this.now();
        this.advance(now);
        this.inFlight--;
        if (outcome === 'ok')
            this.accepted.push(this.busy);
        if (outcome === 'throttled' && sentAt > this.droppedAt) {
            // Nothing accepted yet is no measurement (a first burst can be answered "throttled"
            // before "ok"): then halve, as a congestion window would.
            const accepted = this.acceptedRate();
            this.rate = this.clamp(accepted > 0 ? BELOW_ACCEPTED * Math.min(this.rate, accepted) : this.rate / 2);
            // No saved-up burst right after the API said "slower".
            this.tokens = Math.min(this.tokens, 0);
            this.droppedAt = now;
        }
        this.pump();
    }
    /**
     * Requests per second the API accepted over the last WINDOW_MS of busy time, or over the
     * last MIN_SAMPLES accepted requests when that window holds fewer (a slow limit, where one
     * second's count would be mostly noise).
     */
    acceptedRate() {
        const recent = this.accepted;
        const windowStart = this.busy - WINDOW_MS;
        // Forget what is older than the window, but always keep the last MIN_SAMPLES.
        let head = this.acceptedHead;
        while (recent.length - head > MIN_SAMPLES && recent[head] <= windowStart)
            head++;
        if (head > 1024) {
            recent.splice(0, head);
            head = 0;
        }
        this.acceptedHead = head;
        const count = recent.length - head;
        // The window, stretched back to the oldest sample kept when fewer fell within it.
        const since = Math.max(0, Math.min(windowStart, count > 0 ? recent[head] : this.busy));
        return this.busy > since ? (count * 1000) / (this.busy - since) : this.rate;
    }
    /** Brings the busy clock, the rate and the tokens up to `now`; call before any change of state. */
    advance(now) {
        const dt = now - this.updatedAt;
        if (dt <= 0)
            return;
        this.updatedAt = now;
        if (this.inFlight > 0 || this.waiting.length > 0)
            this.busy += dt;
        if (this.rateBound) {
            const growth = this.droppedAt === Number.NEGATIVE_INFINITY ? SLOW_START_GROWTH : PROBE_GROWTH;
            this.rate = this.clamp(this.rate * Math.exp((growth * dt) / 1000));
        }
        this.tokens = Math.min(this.options.burst, this.tokens + (this.rate * dt) / 1000);
    }
    /** Sends what the tokens and the cap allow, and wakes up when the next token is due. */
    pump() {
        this.advance(this.now());
        while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight && this.tokens >= 1) {
            this.tokens--;
            this.inFlight++;
            this.waiting.shift()(this.permit());
        }
        this.rateBound = this.waiting.length > 0 && this.inFlight < this.options.maxInFlight;
        if (this.rateBound && !this.wakeArmed) {
            this.wakeArmed = true;
            const ms = ((1 - this.tokens) * 1000) / this.rate;
            void this.sleep(Math.max(1, ms)).then(() => {
                this.wakeArmed = false;
                this.pump();
            });
        }
    }
    clamp(rate) {
        return Math.min(this.options.maxRate, Math.max(this.options.minRate, rate));
    }
}

// EXTERNAL MODULE: ./lib/src/cloud-error.js
var cloud_error = __nccwpck_require__(52);
;// CONCATENATED MODULE: ./lib/src/policy/document.js
/**
 * RAM policy documents: local validation (so a bad file fails before any API call) and
 * semantic comparison (RAM returns documents exactly as stored, so strings never compare).
 */
/** The longest permission-policy document RAM accepts, in characters. */
const MAX_POLICY_LENGTH = 6144;
/** The longest inline session policy STS accepts, in characters. */
const MAX_SESSION_POLICY_LENGTH = 2048;
const LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const STATEMENT_KEYS = new Set([...LIST_KEYS, 'Effect', 'Principal', 'Condition', 'Sid']);
/**
 * Returns the problems that make `doc` an invalid policy of the given kind; empty when valid.
 * Each problem names the JSON path it is about.
 */
function policyProblems(doc, kind) {
    const problems = [];
    if (!isObject(doc))
        return ['the document must be a JSON object'];
    for (const key of Object.keys(doc)) {
        if (key !== 'Version' && key !== 'Statement')
            problems.push(`unknown top-level key "${key}"`);
    }
    if (doc.Version !== '1')
        problems.push('"Version" must be the string "1"');
    const statements = doc.Statement;
    if (!Array.isArray(statements) || statements.length === 0) {
        problems.push('"Statement" must be a non-empty array');
        return problems;
    }
    statements.forEach((statement, i) => {
        problems.push(...statementProblems(statement, kind).map((p) => `Statement[${i}]: ${p}`));
    });
    return problems;
}
function statementProblems(s, kind) {
    if (!isObject(s))
        return ['must be an object'];
    const problems = [];
    for (const key of Object.keys(s)) {
        if (!STATEMENT_KEYS.has(key))
            problems.push(`unknown key "${key}"`);
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
        problems.push('"Effect" must be "Allow" or "Deny"');
    for (const key of LIST_KEYS) {
        if (key in s && !isStringOrStrings(s[key]))
            problems.push(`"${key}" must be a string or a non-empty array of strings`);
    }
    if (!('Action' in s) && !('NotAction' in s))
        problems.push('"Action" is required');
    if (kind === 'trust') {
        if (!isObject(s.Principal) || Object.keys(s.Principal).length === 0) {
            problems.push('"Principal" is required in a trust policy');
        }
        else {
            for (const [type, ids] of Object.entries(s.Principal)) {
                if (!isStringOrStrings(ids))
                    problems.push(`"Principal.${type}" must be a string or an array of strings`);
            }
        }
    }
    else {
        if ('Principal' in s)
            problems.push('"Principal" belongs only in a trust policy');
        if (!('Resource' in s) && !('NotResource' in s))
            problems.push('"Resource" is required');
    }
    if ('Condition' in s) {
        if (!isObject(s.Condition))
            problems.push('"Condition" must be an object');
        else {
            for (const [op, clause] of Object.entries(s.Condition)) {
                if (!isObject(clause))
                    problems.push(`"Condition.${op}" must be an object of key -> value(s)`);
            }
        }
    }
    return problems;
}
/**
 * The statements of a document as RAM judges them: lists as sorted sets (a string equals a
 * one-element list), action names compared case-insensitively (the first spelling is kept for
 * display), RAM ARNs in one form (`acs:ram:*:` is `acs:ram::`, RAM having no regions), `Sid`
 * ignored, and a statement given twice counted once. Sorted, so equal documents give equal lists.
 */
function canonicalStatements(doc) {
    const raw = isObject(doc) ? doc.Statement : undefined;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const byKey = new Map();
    for (const s of list) {
        const statement = canonicalStatement(s);
        const key = statementKey(statement);
        if (!byKey.has(key))
            byKey.set(key, statement);
    }
    return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, st]) => st);
}
/** The identity of a canonical statement: equal keys grant the same. */
function statementKey(s) {
    const lower = (v) => v?.map((a) => a.toLowerCase());
    return JSON.stringify({ ...s, action: lower(s.action), notAction: lower(s.notAction) });
}
/** One statement reduced the same way, for looking at statements one by one. */
function canonicalStatement(s) {
    if (!isObject(s))
        return { effect: JSON.stringify(s) };
    const out = { effect: String(s.Effect) };
    const arns = (v) => strings(v).map(ramArn);
    if ('Action' in s)
        out.action = set(strings(s.Action), true);
    if ('NotAction' in s)
        out.notAction = set(strings(s.NotAction), true);
    if ('Resource' in s)
        out.resource = set(arns(s.Resource));
    if ('NotResource' in s)
        out.notResource = set(arns(s.NotResource));
    if (isObject(s.Principal)) {
        out.principal = Object.fromEntries(Object.keys(s.Principal)
            .sort()
            .map((type) => [type, set(arns(s.Principal[type]))]));
    }
    else if (s.Principal !== undefined)
        out.principal = { '': set(strings(s.Principal)) };
    if (isObject(s.Condition)) {
        const condition = {};
        for (const op of Object.keys(s.Condition).sort()) {
            const clause = s.Condition[op];
            condition[op] = isObject(clause)
                ? Object.fromEntries(Object.keys(clause)
                    .sort()
                    .map((key) => [key, set(strings(clause[key]))]))
                : { '': set(strings(clause)) };
        }
        out.condition = condition;
    }
    return out;
}
/** A document's canonical JSON: two documents that grant the same thing give the same string. */
function canonicalPolicy(doc) {
    const version = isObject(doc) ? doc.Version : undefined;
    return JSON.stringify({ Version: version, Statement: canonicalStatements(doc).map(statementKey) });
}
/**
 * True when two policy documents (objects, or JSON strings as RAM returns them) mean the same.
 * A string that does not parse only equals the identical string.
 */
function samePolicy(a, b) {
    const pa = typeof a === 'string' ? tryParse(a) : { value: a };
    const pb = typeof b === 'string' ? tryParse(b) : { value: b };
    if (!pa || !pb)
        return a === b;
    return canonicalPolicy(pa.value) === canonicalPolicy(pb.value);
}
/** A document from RAM (a JSON string) or the inputs, parsed; undefined when it does not parse. */
function parsePolicy(doc) {
    return typeof doc === 'string' ? tryParse(doc)?.value : doc;
}
/** `acs:ram:*:...` and `acs:ram::...` name the same thing: RAM is not regional. */
function ramArn(value) {
    return value.replace(/^acs:ram:\*:/i, 'acs:ram::');
}
function strings(v) {
    if (Array.isArray(v))
        return v.map((x) => String(x));
    return v === undefined || v === null ? [] : [String(v)];
}
/** The distinct values, sorted; compared case-insensitively if asked, keeping the first spelling. */
function set(values, ignoreCase = false) {
    const norm = (v) => (ignoreCase ? v.toLowerCase() : v);
    const byKey = new Map();
    for (const v of values)
        if (!byKey.has(norm(v)))
            byKey.set(norm(v), v);
    return [...byKey.keys()].sort().map((k) => byKey.get(k));
}
/** The trust policy of a role that any RAM identity of `accountId` may assume (if granted). */
function accountTrustPolicy(accountId) {
    return {
        Version: '1',
        Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
        ],
    };
}
/** A permission policy allowing `sts:AssumeRole` on exactly one role. */
function assumeRolePolicy(roleArn) {
    return { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }] };
}
function tryParse(text) {
    try {
        return { value: JSON.parse(text) };
    }
    catch {
        return undefined;
    }
}
function isStringOrStrings(v) {
    return ((typeof v === 'string' && v.length > 0) ||
        (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0)));
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

;// CONCATENATED MODULE: ./lib/src/aliyun/errors.js
/**
 * The boundary where pop-core's outcomes become CloudErrors, and which of them another attempt
 * can cure. pop-core decides success by the body alone, throws a plain object (not an Error)
 * for a body that is not JSON, and puts the request URL in its messages; nothing here reads a
 * message, a URL or an entry's request, so nothing printed can carry a request parameter.
 */

/**
 * Checks a reply pop-core accepted. pop-core ignores the HTTP status, so an error status whose
 * body has no Code (a gateway's JSON, an empty object) would otherwise pass as success.
 */
function checkStatus(status, body, service, action) {
    if (status === undefined || status < 400)
        return;
    const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined;
    throw new cloud_error/* CloudError */.K2(service, action, `HTTP${status}`, `HTTP ${status} without an error code`, requestId, status);
}
/** Turns whatever a pop-core request threw into a CloudError, reading only safe fields. */
function fromPopCore(err, service, action) {
    if (err instanceof cloud_error/* CloudError */.K2)
        return err;
    const e = (err ?? {});
    const status = typeof e.entry?.response?.statusCode === 'number' ? e.entry.response.statusCode : undefined;
    // A service error: pop-core found a Code in the body and kept the body in `data`.
    if (typeof e.code === 'string' && e.data && typeof e.data === 'object') {
        const requestId = typeof e.data.RequestId === 'string' ? e.data.RequestId : undefined;
        return new cloud_error/* CloudError */.K2(service, action, e.code, safeMessage(e.code, e.data.Message), requestId, status);
    }
    // json-bigint rejects a body that is not JSON (an HTML page from a proxy or load balancer,
    // a truncated body) with a plain object whose `text` is that body: never print it.
    if (e.name === 'SyntaxError') {
        return new cloud_error/* CloudError */.K2(service, action, 'InvalidResponse', 'the reply body is not JSON');
    }
    if (e.name === 'RequestTimeoutError' || e.code === 'RequestTimeout') {
        return new cloud_error/* CloudError */.K2(service, action, 'RequestTimeout', 'no answer within the request timeout');
    }
    if (typeof e.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(e.code)) {
        return new cloud_error/* CloudError */.K2(service, action, e.code, 'the connection failed');
    }
    return new cloud_error/* CloudError */.K2(service, action, 'UnknownError', 'the request failed for an unknown reason');
}
/**
 * The service's Message, minus the part that can echo request parameters: on
 * SignatureDoesNotMatch the service appends its string-to-sign, which holds the SecurityToken.
 */
function safeMessage(code, message) {
    const text = typeof message === 'string' ? message : '';
    const cut = text.indexOf('server string to sign is');
    const kept = cut >= 0 ? `${text.slice(0, cut).trim()} (is the AccessKey secret right?)` : text;
    return kept.slice(0, 500) || code;
}
/**
 * True for errors another attempt can cure: throttling, server-side faults, dropped
 * connections, timeouts and garbled bodies. Validation, signature, permission and not-found
 * errors are final, so a bad configuration fails in seconds.
 */
function isTransient(e) {
    return (wasRejected(e) ||
        e.code === 'ServiceUnavailable' ||
        e.code === 'InternalError' ||
        e.code === 'RequestTimeout' ||
        e.code === 'InvalidResponse' ||
        (0,cloud_error/* isNetworkCode */.OU)(e.code) ||
        (e.status !== undefined && e.status >= 500));
}
/** True when the service refused the request before doing anything (throttling). */
function wasRejected(e) {
    return e.code.includes('Throttling') || e.code === 'SignatureNonceUsed';
}

;// CONCATENATED MODULE: ./lib/src/aliyun/ram.js
/** RAM over an RPC client: the read-only half, and the writing half that extends it. */




/** RAM's largest page size for ListUsers. */
const MAX_PAGE_SIZE = 1000;
/** The read-only half of RAM over an RPC client. */
function ramReader(rpc) {
    return {
        async getRole(name) {
            const res = await orUndefined(rpc.call('GetRole', { RoleName: name }), 'Role');
            if (!res)
                return undefined;
            const role = obj(res.Role);
            return {
                name: str(role.RoleName),
                arn: str(role.Arn),
                trustPolicy: str(role.AssumeRolePolicyDocument),
                maxSessionDuration: Number(role.MaxSessionDuration ?? 3600),
                description: str(role.Description),
                createDate: str(role.CreateDate),
                updateDate: str(role.UpdateDate),
            };
        },
        async getUser(name) {
            const res = await orUndefined(rpc.call('GetUser', { UserName: name }), 'User');
            if (!res)
                return undefined;
            const user = obj(res.User);
            return { name: str(user.UserName), comments: str(user.Comments), createDate: str(user.CreateDate) };
        },
        async getPolicy(policy) {
            const res = await orUndefined(rpc.call('GetPolicy', { PolicyName: policy.name, PolicyType: policy.type }), 'Policy');
            if (!res)
                return undefined;
            const info = obj(res.Policy);
            return {
                name: str(info.PolicyName),
                type: policyType(info.PolicyType ?? policy.type),
                description: str(info.Description),
            };
        },
        async listPolicyVersions(name) {
            const res = await orUndefined(rpc.call('ListPolicyVersions', { PolicyName: name, PolicyType: 'Custom' }), 'Policy');
            if (!res)
                return undefined;
            return list(res.PolicyVersions, 'PolicyVersion').map((v) => ({
                versionId: str(v.VersionId),
                isDefault: v.IsDefaultVersion === true || v.IsDefaultVersion === 'true',
                document: str(v.PolicyDocument),
                createDate: str(v.CreateDate),
            }));
        },
        async listAttachedPolicies(principal) {
            const res = principal.type === 'role'
                ? await orUndefined(rpc.call('ListPoliciesForRole', { RoleName: principal.name }), 'Role')
                : await orUndefined(rpc.call('ListPoliciesForUser', { UserName: principal.name }), 'User');
            if (!res)
                return [];
            return list(res.Policies, 'Policy').map((p) => ({
                type: policyType(p.PolicyType),
                name: str(p.PolicyName),
                attachDate: str(p.AttachDate),
            }));
        },
        async *listUsers() {
            let marker;
            for (;;) {
                const res = await rpc.call('ListUsers', { MaxItems: MAX_PAGE_SIZE, Marker: marker });
                yield list(res.Users, 'User').map((u) => ({ name: str(u.UserName) }));
                const next = typeof res.Marker === 'string' ? res.Marker : undefined;
                // Like terraform, also stop on an empty or repeated marker rather than loop forever.
                if (!(res.IsTruncated === true || res.IsTruncated === 'true') || !next || next === marker)
                    return;
                marker = next;
            }
        },
        async listUsersWithPolicy(policy) {
            const res = await orUndefined(rpc.call('ListEntitiesForPolicy', { PolicyName: policy.name, PolicyType: policy.type }), 'Policy');
            return res ? list(res.Users, 'User').map((u) => str(u.UserName)) : undefined;
        },
    };
}
/** The writing half of RAM over an RPC client. */
function ramWriter(rpc) {
    const reader = ramReader(rpc);
    // After a lost answer the new version may exist but not be visible yet (RAM is eventually
    // consistent): look a few times, over about eight seconds, before creating it again.
    const becomesDefault = async (name, document) => {
        for (const wait of [0, 500, 1000, 2000, 4000]) {
            await (0,promises_.setTimeout)(wait);
            const versions = await reader.listPolicyVersions(name);
            if (versions?.some((v) => v.isDefault && samePolicy(v.document, document)))
                return true;
        }
        return false;
    };
    return {
        async createRole(role) {
            return created(rpc.call('CreateRole', {
                RoleName: role.name,
                AssumeRolePolicyDocument: role.trustPolicy,
                Description: role.description,
                MaxSessionDuration: role.maxSessionDuration,
            }), 'EntityAlreadyExists.Role');
        },
        async updateRole(name, patch) {
            await rpc.call('UpdateRole', {
                RoleName: name,
                NewAssumeRolePolicyDocument: patch.trustPolicy,
                NewMaxSessionDuration: patch.maxSessionDuration,
                NewDescription: patch.description,
            });
        },
        async updateUserComments(name, comments) {
            await rpc.call('UpdateUser', { UserName: name, NewComments: comments });
        },
        async updatePolicyDescription(name, description) {
            await rpc.call('UpdatePolicyDescription', { PolicyName: name, NewDescription: description });
        },
        async createUser(user) {
            return created(rpc.call('CreateUser', { UserName: user.name, Comments: user.comments }), 'EntityAlreadyExists.User');
        },
        async createPolicy(policy) {
            return created(rpc.call('CreatePolicy', {
                PolicyName: policy.name,
                PolicyDocument: policy.document,
                Description: policy.description,
            }), 'EntityAlreadyExists.Policy');
        },
        async createPolicyVersion(name, document) {
            // The one write that is not idempotent: a blind retry after a lost answer would add a
            // second version. So only retry what was provably not carried out, and otherwise look first.
            for (let attempt = 1;; attempt++) {
                try {
                    await rpc.call('CreatePolicyVersion', {
                        PolicyName: name,
                        PolicyDocument: document,
                        SetAsDefault: true,
                        // If a concurrent run filled the fifth slot since we looked, let RAM drop the oldest
                        // non-default version instead of failing; it never drops the default.
                        RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
                    }, { retry: 'unexecuted' });
                    return;
                }
                catch (err) {
                    if (!(err instanceof cloud_error/* CloudError */.K2) || !isTransient(err) || attempt >= 3)
                        throw err;
                    if (await becomesDefault(name, document))
                        return;
                }
            }
        },
        async deletePolicyVersion(name, versionId) {
            // Gone already, or made default by a concurrent run: either way RotateStrategy on the
            // next CreatePolicyVersion keeps the count at five without touching the default.
            await tolerate(rpc.call('DeletePolicyVersion', { PolicyName: name, VersionId: versionId }), 'EntityNotExist.Policy.Version', 'DeleteConflict.Policy.Version.Default');
        },
        async attachPolicy(principal, policy) {
            const params = { PolicyType: policy.type, PolicyName: policy.name };
            if (principal.type === 'role') {
                await tolerate(rpc.call('AttachPolicyToRole', { ...params, RoleName: principal.name }), 'EntityAlreadyExists.Role.Policy');
            }
            else {
                await tolerate(rpc.call('AttachPolicyToUser', { ...params, UserName: principal.name }), 'EntityAlreadyExists.User.Policy');
            }
        },
        async detachPolicy(principal, policy) {
            const params = { PolicyType: policy.type, PolicyName: policy.name };
            if (principal.type === 'role') {
                await tolerate(rpc.call('DetachPolicyFromRole', { ...params, RoleName: principal.name }), 'EntityNotExist.Role.Policy');
            }
            else {
                await tolerate(rpc.call('DetachPolicyFromUser', { ...params, UserName: principal.name }), 'EntityNotExist.User.Policy');
            }
        },
    };
}
async function orUndefined(call, entity) {
    try {
        return await call;
    }
    catch (err) {
        if ((0,cloud_error/* isNotFound */.c4)(err, entity))
            return undefined;
        throw err;
    }
}
/** Awaits a write, treating the given codes (an outcome already reached) as success. */
async function tolerate(call, ...codes) {
    try {
        await call;
        return true;
    }
    catch (err) {
        if (err instanceof cloud_error/* CloudError */.K2 && codes.includes(err.code))
            return false;
        throw err;
    }
}
async function created(call, alreadyExists) {
    return (await tolerate(call, alreadyExists)) ? 'created' : 'existed';
}
function obj(v) {
    return typeof v === 'object' && v !== null ? v : {};
}
function str(v) {
    return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
// RAM wraps lists twice ({"Users":{"User":[...]}}); tolerate a missing wrapper or a lone object.
function list(wrapper, key) {
    const inner = obj(wrapper)[key];
    if (Array.isArray(inner))
        return inner.map(obj);
    return inner === undefined ? [] : [obj(inner)];
}
function policyType(v) {
    return String(v).toLowerCase() === 'custom' ? 'Custom' : 'System';
}

;// CONCATENATED MODULE: ./lib/src/aliyun/proxy.js
/**
 * The proxy a request to `url` should go through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * (either case, as curl reads them); undefined for a direct connection.
 */
function proxyFor(url, env) {
    const target = new URL(url);
    const pick = (name) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
    const proxy = target.protocol === 'https:' ? pick('https_proxy') : pick('http_proxy');
    if (!proxy)
        return undefined;
    return bypassed(target, pick('no_proxy') ?? '') ? undefined : proxy;
}
/** NO_PROXY entries: `*`, a host, `.domain` or `domain` (its subdomains too), optionally `:port`. */
function bypassed(target, noProxy) {
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    return noProxy
        .split(/[\s,]+/)
        .filter(Boolean)
        .some((entry) => {
        if (entry === '*')
            return true;
        const m = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase());
        const name = m[1].replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
        if (m[2] && m[2] !== port)
            return false;
        return host === name || host.endsWith(`.${name}`);
    });
}
/** An agent that tunnels through `proxy` with CONNECT (for http and https targets alike). */
async function proxyAgent(proxy) {
    // Loaded only when a proxy is configured: most runs never pay for it.
    const { HttpsProxyAgent } = await __nccwpck_require__.e(/* import() */ 833).then(__nccwpck_require__.bind(__nccwpck_require__, 5833));
    return new HttpsProxyAgent(proxy, { keepAlive: true });
}

;// CONCATENATED MODULE: ./lib/src/aliyun/rpc.js



const API_VERSIONS = { ram: '2015-05-01', sts: '2015-04-01' };
/** Creates a client that POSTs signed requests and retries transient failures with jittered backoff. */
function createRpc(options) {
    const { service, retry } = options;
    const sleep = options.sleep ?? promises_.setTimeout;
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    let client;
    async function attempt(action, params) {
        client ??= connect(options);
        const rpc = await client;
        const permit = await options.pacer?.acquire();
        let outcome = 'failed';
        try {
            // Signed now that the pacer lets it go, so its Timestamp is fresh.
            const [body, entry] = await rpc.request(action, params);
            const response = plain(body);
            checkStatus(entry?.response?.statusCode, response, service, action);
            outcome = 'ok';
            return response;
        }
        catch (err) {
            const e = fromPopCore(err, service, action);
            if (wasRejected(e))
                outcome = 'throttled';
            throw e;
        }
        finally {
            permit?.release(outcome);
        }
    }
    return {
        service,
        async call(action, params = {}, callOptions = {}) {
            const retryable = callOptions.retry === 'unexecuted' ? wasRejected : isTransient;
            // pop-core would send an unset parameter as the string "undefined".
            const defined = Object.fromEntries(Object.entries(params)
                .filter(([, v]) => v !== undefined && v !== null)
                .map(([k, v]) => [k, String(v)]));
            let failures = 0;
            let throttles = 0;
            for (let n = 1;; n++) {
                try {
                    return await attempt(action, defined);
                }
                catch (err) {
                    const e = err;
                    if (!retryable(e))
                        throw e;
                    // Throttling says "slower", not "wrong", and proves the request was not carried out:
                    // the pacer has already slowed down, so a throttled call is retried until the deadline
                    // and never spends the attempts kept for server errors.
                    const throttled = wasRejected(e);
                    const k = throttled ? ++throttles : ++failures;
                    if (!throttled && k >= retry.maxAttempts)
                        throw e;
                    // Full jitter spreads parallel matrix jobs apart instead of retrying in lockstep.
                    const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (k - 1));
                    const wait = Math.round(random() * cap);
                    if (now() + wait >= retry.deadline)
                        throw e;
                    options.onRetry?.(action, e, n, wait);
                    await sleep(wait);
                }
            }
        },
    };
}
async function connect(options) {
    const Client = (await loadPopCore()).default;
    const proxy = proxyFor(options.endpoint, options.env ?? process.env);
    // Without a proxy pop-core keeps its own keep-alive agent: a run makes several calls per endpoint.
    const agent = proxy ? await proxyAgent(proxy) : undefined;
    const { accessKeyId, accessKeySecret, securityToken } = options.credentials;
    const signing = accessKeyId
        ? { accessKeyId, accessKeySecret, securityToken }
        : // No key: pop-core then sends the call unsigned, which AssumeRoleWithOIDC requires.
            { credentialsProvider: { getCredentials: async () => ({}) } };
    return new Client({
        endpoint: options.endpoint,
        apiVersion: API_VERSIONS[options.service],
        ...signing,
        opts: {
            // POST, always: with GET, pop-core's errors carry the signed URL, SecurityToken
            // included, and a 6,144-character policy does not fit in a URL anyway.
            method: 'POST',
            // pop-core's 3 s default is too short for CI runners; none at all would hang.
            timeout: options.retry.requestTimeoutMs,
            // Names are sent exactly as written, not re-cased.
            formatAction: false,
            formatParams: false,
            ...(agent ? { agent } : {}),
        },
    }, 
    // verbose: the reply comes with its HTTP status, which pop-core itself never checks.
    true);
}
/**
 * Loads pop-core on first use, so a run that stops at its inputs never pays for it. Its HTTP
 * layer logs request bodies (SecurityToken included, percent-encoded, which the runner's
 * masking cannot recognise) when the DEBUG variable names it; those loggers read DEBUG once,
 * when loaded, so they are loaded with it unset.
 */
function loadPopCore() {
    popCore ??= (async () => {
        const saved = process.env.DEBUG;
        delete process.env.DEBUG;
        try {
            return await __nccwpck_require__.e(/* import() */ 511).then(__nccwpck_require__.t.bind(__nccwpck_require__, 511, 19));
        }
        finally {
            if (saved !== undefined)
                process.env.DEBUG = saved;
        }
    })();
    return popCore;
}
let popCore;
/** pop-core parses with json-bigint: null-prototype objects, and BigNumber past 2^53. */
function plain(value) {
    if (Array.isArray(value))
        return value.map(plain);
    if (value === null || typeof value !== 'object')
        return value;
    if (value._isBigNumber)
        return String(value);
    // fromEntries defines own properties, so a "__proto__" key stays a key.
    return Object.fromEntries(Object.keys(value).map((k) => [k, plain(value[k])]));
}

;// CONCATENATED MODULE: ./lib/src/aliyun/sts.js
/** STS over an RPC client: who the caller is, and temporary credentials for a role. */

/** STS over an RPC client. */
function sts(rpc) {
    return {
        async getCallerIdentity() {
            const res = await rpc.call('GetCallerIdentity');
            return {
                accountId: String(res.AccountId ?? ''),
                arn: String(res.Arn ?? ''),
                identityType: String(res.IdentityType ?? ''),
            };
        },
        async assumeRole(request) {
            const res = await rpc.call('AssumeRole', {
                RoleArn: request.roleArn,
                RoleSessionName: request.sessionName,
                DurationSeconds: request.durationSeconds,
                Policy: request.policy,
                ExternalId: request.externalId,
            });
            return assumed(res, 'AssumeRole');
        },
        async assumeRoleWithOidc(request) {
            const res = await rpc.call('AssumeRoleWithOIDC', {
                OIDCProviderArn: request.providerArn,
                RoleArn: request.roleArn,
                OIDCToken: request.token,
                RoleSessionName: request.sessionName,
                DurationSeconds: request.durationSeconds,
            });
            return assumed(res, 'AssumeRoleWithOIDC');
        },
    };
}
/**
 * The credentials of a reply, which must all be there: a success without them would otherwise
 * end as a green step with empty outputs.
 */
function assumed(res, action) {
    const c = (res.Credentials ?? {});
    const user = (res.AssumedRoleUser ?? {});
    const field = (v) => (typeof v === 'string' ? v : '');
    const result = {
        credentials: {
            accessKeyId: field(c.AccessKeyId),
            accessKeySecret: field(c.AccessKeySecret),
            securityToken: field(c.SecurityToken),
        },
        expiration: field(c.Expiration),
        assumedRoleArn: field(user.Arn),
        assumedRoleId: field(user.AssumedRoleId),
    };
    const missing = Object.entries({ ...result.credentials, expiration: result.expiration })
        .filter(([, v]) => v === '')
        .map(([k]) => k);
    if (missing.length > 0) {
        const requestId = typeof res.RequestId === 'string' ? res.RequestId : undefined;
        throw new cloud_error/* CloudError */.K2('sts', action, 'InvalidResponse', `the reply lacks ${missing.join(', ')}`, requestId);
    }
    return result;
}

;// CONCATENATED MODULE: ./lib/src/aliyun/connect.js




/** Per-request timeout: the SDKs' usual 3 s is too short for CI runners, and none at all hangs. */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * Where RAM pacing starts: the burst covers a run's reads and its first writes, so a run that
 * makes a handful of calls is never held back; 40 requests a second doubles each second until
 * the account's limit answers. 32 in flight is room for ~150 requests a second at 200 ms.
 */
const RAM_PACING = { initialRate: 40, minRate: 0.5, maxRate: 1000, burst: 16, maxInFlight: 32 };
/** How the run's calls retry: no new attempt past the run's deadline (from timeout-seconds). */
function retryPolicy(inputs, deadline) {
    return {
        maxAttempts: inputs.retryMaxAttempts,
        deadline,
        requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, inputs.timeoutSeconds * 1000),
        baseDelayMs: 250,
        maxDelayMs: 8000,
    };
}
/** The clients of one run against Alibaba Cloud (or anything that speaks its API). */
function aliyunCloud(inputs, deadline, onRetry) {
    const retry = retryPolicy(inputs, deadline);
    // One pacer for all RAM calls of the run: the rate limit is the account's, not per call.
    const pacer = new Pacer(RAM_PACING);
    const ram = (credentials) => createRpc({ service: 'ram', endpoint: inputs.ramEndpoint, credentials, retry, pacer, onRetry });
    const stsAs = (credentials) => sts(createRpc({ service: 'sts', endpoint: inputs.stsEndpoint, credentials, retry, onRetry }));
    return {
        readOnly: (credentials) => ({ ram: ramReader(ram(credentials)), identity: stsAs(credentials) }),
        forApply(credentials, assumerCredentials) {
            const rpc = ram(credentials);
            const reconciler = stsAs(credentials);
            return {
                ram: ramReader(rpc),
                identity: reconciler,
                writer: ramWriter(rpc),
                assumer: assumerCredentials ? stsAs(assumerCredentials) : reconciler,
            };
        },
        forAssume: (credentials) => ({ assumer: stsAs(credentials) }),
        oidc: () => stsAs({ accessKeyId: '', accessKeySecret: '' }),
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: ./lib/src/aliyun/ecs-metadata.js
/**
 * The ECS instance's RAM role, from the instance metadata service in hardened mode: a session
 * token from `PUT /latest/api/token`, then the role's name and credentials with it. The service
 * answers only on the instance's own link-local address, so it is called directly, never through
 * a proxy, with short timeouts.
 */


const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';
/** How long the metadata token lives: one run needs it for two requests. */
const TOKEN_TTL_SECONDS = 300;
const TIMEOUT_MS = 5000;
const ATTEMPTS = 3;
/** The metadata service refused or failed; the message names what, never a credential. */
class MetadataError extends Error {
}
/** The role's credentials, as the metadata service hands them out (valid for hours). */
async function instanceRoleCredentials(ecs) {
    const base = new URL(ecs.endpoint);
    const token = await call(base, 'PUT', '/latest/api/token', {
        'x-aliyun-ecs-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS),
    });
    const headers = { 'x-aliyun-ecs-metadata-token': token };
    const role = ecs.role === 'auto'
        ? (await call(base, 'GET', CREDENTIALS_PATH, headers)).split(/\s+/).filter(Boolean)[0]
        : ecs.role;
    if (!role)
        throw new MetadataError('the instance has no RAM role attached (ecs-ram-role: auto found none)');
    let reply;
    try {
        reply = JSON.parse(await call(base, 'GET', `${CREDENTIALS_PATH}${encodeURIComponent(role)}`, headers));
    }
    catch (err) {
        if (err instanceof MetadataError)
            throw err;
        throw new MetadataError(`the credentials of role ${role} are not JSON`);
    }
    const field = (name) => (typeof reply[name] === 'string' ? reply[name] : '');
    if (reply.Code !== 'Success' ||
        !field('AccessKeyId') ||
        !field('AccessKeySecret') ||
        !field('SecurityToken')) {
        throw new MetadataError(`the metadata service gave no credentials for role ${role} (Code ${String(reply.Code ?? '?')})`);
    }
    return {
        accessKeyId: field('AccessKeyId'),
        accessKeySecret: field('AccessKeySecret'),
        securityToken: field('SecurityToken'),
    };
}
/** One request, retried on a failed connection or a 5xx; any other refusal is final. */
async function call(base, method, path, headers) {
    for (let attempt = 1;; attempt++) {
        try {
            const { status, body } = await once(base, method, path, headers);
            if (status >= 200 && status < 300)
                return body;
            if (status < 500 || attempt >= ATTEMPTS)
                throw new MetadataError(refusal(method, path, status));
        }
        catch (err) {
            if (err instanceof MetadataError)
                throw err;
            if (attempt >= ATTEMPTS) {
                const code = err.code ?? 'error';
                throw new MetadataError(`the metadata service at ${base.host} could not be reached (${code}): is this an ECS instance?`);
            }
        }
        await (0,promises_.setTimeout)(200 * 2 ** attempt);
    }
}
function refusal(method, path, status) {
    const what = path.endsWith('/api/token')
        ? 'a metadata token'
        : path === CREDENTIALS_PATH
            ? 'the role name'
            : 'the role credentials';
    const why = status === 404
        ? ': no such role is attached to the instance'
        : status === 401 || status === 403
            ? ': the metadata token was refused'
            : '';
    return `${method} for ${what} answered HTTP ${status}${why}`;
}
function once(base, method, path, headers) {
    return new Promise((resolve, reject) => {
        const req = (0,external_node_http_.request)({
            host: base.hostname,
            port: base.port || 80,
            method,
            path,
            headers,
            timeout: TIMEOUT_MS,
            agent: false,
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
        req.on('error', reject);
        req.end();
    });
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./lib/src/credentials/profile.js
/**
 * The `aliyun` CLI profile sink: the credentials as one named profile in `~/.aliyun/config.json`,
 * in the CLI's own format (mode StsToken), which the CLI, the Terraform provider's `profile`
 * setting and `@alicloud/credentials` read. Other profiles are kept; `current` is set only in a
 * file this run creates. The file is 0600 and is never written through a symlink: a profile is
 * a secret on disk, and a link could point it anywhere.
 */


/** Refuses to write the profile; the message says why, never a credential. */
class ProfileError extends Error {
}
/** Writes (or replaces) the profile `name` under `home` and says what it did. */
function writeProfile(home, name, session, region) {
    const dir = (0,external_node_path_namespaceObject.join)(home, '.aliyun');
    const path = (0,external_node_path_namespaceObject.join)(dir, 'config.json');
    refuseLink(dir);
    (0,external_node_fs_namespaceObject.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    const existing = readConfig(path);
    const profile = {
        name,
        mode: 'StsToken',
        access_key_id: session.credentials.accessKeyId,
        access_key_secret: session.credentials.accessKeySecret,
        sts_token: session.credentials.securityToken,
        region_id: region,
        output_format: 'json',
        language: 'en',
    };
    const config = existing ?? { current: name, profiles: [], meta_path: '' };
    const others = (config.profiles ?? []).filter((p) => p.name !== name);
    replace(path, { ...config, profiles: [...others, profile] });
    return { path, name, created: existing === undefined };
}
/** Removes the profile a write left; deletes the file when it made it and nothing else is left. */
function removeProfile(write) {
    const config = readConfig(write.path);
    if (!config?.profiles?.some((p) => p.name === write.name))
        return 'absent';
    const profiles = config.profiles.filter((p) => p.name !== write.name);
    if (write.created && profiles.length === 0) {
        rmSync(write.path);
        return 'removed';
    }
    const current = config.current === write.name ? profiles[0]?.name : config.current;
    replace(write.path, { ...config, current, profiles });
    return 'removed';
}
function readConfig(path) {
    refuseLink(path);
    let text;
    try {
        text = (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw new ProfileError(`${path} cannot be read (${err.code})`);
    }
    try {
        const config = JSON.parse(text);
        if (config &&
            typeof config === 'object' &&
            (config.profiles === undefined || Array.isArray(config.profiles)))
            return config;
    }
    catch { }
    // Someone's configuration that is not what the CLI writes: never overwrite it.
    throw new ProfileError(`${path} is not an aliyun CLI configuration; it was left as it is`);
}
/**
 * Replaces the file in one step: a new 0600 file beside it, opened exclusively (so not through a
 * link planted under that name), renamed over the old one (a rename replaces a link, never
 * follows it).
 */
function replace(path, config) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
        (0,external_node_fs_namespaceObject.writeFileSync)(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
        (0,external_node_fs_namespaceObject.renameSync)(temporary, path);
    }
    catch (err) {
        (0,external_node_fs_namespaceObject.rmSync)(temporary, { force: true });
        throw new ProfileError(`${path} cannot be written (${err.code ?? 'error'})`);
    }
}
function refuseLink(path) {
    try {
        if ((0,external_node_fs_namespaceObject.lstatSync)(path).isSymbolicLink())
            throw new ProfileError(`${path} is a symbolic link; the profile is not written through links`);
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err;
    }
}

// EXTERNAL MODULE: ./lib/src/engine/oidc.js
var oidc = __nccwpck_require__(4364);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __nccwpck_require__(4887);
// EXTERNAL MODULE: ./lib/src/hints.js
var hints = __nccwpck_require__(4072);
// EXTERNAL MODULE: ./lib/src/engine/failure.js
var failure = __nccwpck_require__(7979);
;// CONCATENATED MODULE: ./lib/src/engine/assume.js
/**
 * Assuming the role: AssumeRole, with RAM's propagation lag waited out when this run just
 * changed what STS checks, and the session's secrets masked the moment they arrive.
 */





// RAM is eventually consistent: for some seconds after a role, its trust policy or a grant
// changes, STS can still answer as if the change had not happened.
const PROPAGATION_CODES = new Set(['NoPermission', 'EntityNotExist.Role', 'AuthenticationFail.NoPermission']);
/** Calls AssumeRole; if what it checks changed lately, waits out propagation within a bounded window. */
async function assumeRole(sts, request, propagation) {
    const sleep = propagation.sleep ?? promises_.setTimeout;
    const now = propagation.now ?? Date.now;
    const until = propagation.since === undefined
        ? Number.NEGATIVE_INFINITY
        : Math.min(propagation.since + propagation.windowMs, propagation.deadline ?? Number.POSITIVE_INFINITY);
    for (let wait = 1000;; wait = Math.min(wait * 2, 4000)) {
        try {
            return await sts.assumeRole(request);
        }
        catch (err) {
            const waitable = err instanceof cloud_error/* CloudError */.K2 && PROPAGATION_CODES.has(err.code);
            if (!waitable || now() + wait > until)
                throw err;
            propagation.onWait?.(err, wait);
            await sleep(wait);
        }
    }
}
/**
 * Assumes `roleArn` as `caller` for the session the inputs describe and returns the session,
 * its secrets already masked. A refusal becomes a failure naming the likely cause.
 */
async function assumeSession(inputs, assumer, roleArn, caller, propagation, log) {
    let assumed;
    try {
        assumed = await assumeRole(assumer, {
            roleArn,
            sessionName: inputs.session.name,
            durationSeconds: inputs.session.durationSeconds,
            policy: inputs.session.policy?.text,
            externalId: inputs.session.externalId,
        }, propagation);
    }
    catch (err) {
        if (!(err instanceof cloud_error/* CloudError */.K2))
            throw err;
        const hint = (0,hints/* assumeHint */.ej)(err, caller, roleArn);
        throw new failure/* StepFailure */.pH({
            step: 'Assuming the role',
            message: `AssumeRole of ${roleArn} as ${caller.arn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
        });
    }
    const { credentials } = assumed;
    (0,model/* maskCredentials */.Bs)(log, credentials);
    log.info(`Assumed ${assumed.assumedRoleArn} until ${assumed.expiration}.`);
    return { credentials, arn: assumed.assumedRoleArn, expiration: assumed.expiration, via: caller.arn };
}

;// CONCATENATED MODULE: ./lib/src/report/plan.js
const ref = (p) => `${p.type}:${p.name}`;
/** The machine-readable form of a change. */
function planEntry(change) {
    const adopt = 'adopt' in change && change.adopt ? { adopt: true } : {};
    switch (change.kind) {
        case 'create-user':
            return { action: 'create', kind: 'user', name: change.user, detail: 'RAM user (sub-account)' };
        case 'create-role':
            return {
                action: 'create',
                kind: 'role',
                name: change.role,
                detail: `trust policy; max session ${change.maxSessionDuration} s`,
                after: JSON.stringify(change.trustPolicy),
                diff: change.diff,
            };
        case 'update-role': {
            const parts = [];
            if (change.trustPolicy)
                parts.push('trust policy');
            if (change.maxSessionDuration)
                parts.push(`max session ${change.maxSessionDuration.before} -> ${change.maxSessionDuration.after} s`);
            const documents = change.trustPolicy
                ? {
                    before: change.trustPolicy.before,
                    after: JSON.stringify(change.trustPolicy.after),
                    diff: change.diff,
                }
                : {};
            return {
                action: 'update',
                kind: 'role',
                name: change.role,
                detail: parts.join('; '),
                ...documents,
                ...adopt,
            };
        }
        case 'create-policy':
            return {
                action: 'create',
                kind: 'policy',
                name: change.policy,
                detail: 'custom policy',
                after: JSON.stringify(change.document),
                diff: change.diff,
            };
        case 'create-policy-version':
            return {
                action: 'update',
                kind: 'policy',
                name: change.policy,
                detail: 'new default version',
                before: change.before,
                after: JSON.stringify(change.after),
                diff: change.diff,
                ...adopt,
            };
        case 'delete-policy-version':
            return {
                action: 'delete',
                kind: 'policy-version',
                name: `${change.policy}/${change.versionId}`,
                detail: 'oldest non-default version, to stay within 5 versions',
                ...adopt,
            };
        case 'attach-policy':
            return {
                action: 'attach',
                kind: 'policy-attachment',
                name: ref(change.policy),
                detail: `to ${change.principal.type} ${change.principal.name}`,
            };
        case 'detach-policy':
            return {
                action: 'detach',
                kind: 'policy-attachment',
                name: ref(change.policy),
                detail: `from ${change.principal.type} ${change.principal.name}`,
                ...adopt,
            };
        case 'mark-owned':
            return {
                action: 'update',
                kind: change.entity,
                name: change.name,
                detail: `ownership mark in its ${change.entity === 'user' ? 'comments' : 'description'} (adopt)`,
                before: change.before,
                after: change.after,
            };
    }
}
/** One log line per change, Terraform-style: `+` creates, `~` changes, `-` removes. */
function changeLine(change) {
    const adopt = 'adopt' in change && change.adopt ? ' (adopt: not created by this action)' : '';
    switch (change.kind) {
        case 'create-user':
            return `+ create user ${change.user}`;
        case 'create-role':
            return `+ create role ${change.role}`;
        case 'update-role':
            return `~ update role ${change.role} (${planEntry(change).detail})${adopt}`;
        case 'create-policy':
            return `+ create policy ${change.policy}`;
        case 'create-policy-version':
            return `~ new version of policy ${change.policy}${adopt}`;
        case 'delete-policy-version':
            return `- delete version ${change.versionId} of policy ${change.policy}${adopt}`;
        case 'attach-policy':
            return `+ attach ${ref(change.policy)} to ${change.principal.type} ${change.principal.name}`;
        case 'detach-policy':
            return `- detach ${ref(change.policy)} from ${change.principal.type} ${change.principal.name}${adopt}`;
        case 'mark-owned':
            return `~ mark ${change.entity} ${change.name} as managed by this action (adopt)`;
    }
}
/** True when RAM differs from the inputs: a change to make, or, for a drift check, access nobody declared. */
function drifted(result) {
    return result.changes.length > 0 || (result.mode === 'check' && result.unmanaged.length > 0);
}
/** The access a change adds and removes, one line each; none for changes without documents. */
function diffLines(change) {
    return 'diff' in change ? change.diff : [];
}
/** An unmanaged attachment in words: `System:AdministratorAccess on role r`. */
function describeUnmanaged(u) {
    return `${ref(u.policy)} on ${u.principal.type} ${u.principal.name}`;
}
/**
 * Bytes the `plan` output may take. GitHub caps a job's outputs at 1 MB, counted as UTF-16, so
 * 256 KiB of ASCII leaves room for the rest; granting three policies to 5,000 users would
 * otherwise make a 2 MB plan.
 */
const PLAN_OUTPUT_BUDGET = (/* unused pure expression or super */ null && (256 * 1024));
/**
 * The `plan` output: the JSON array of the changes' entries, as many as fit in `budget` bytes,
 * in plan order. When it holds fewer than `changes`, the step log still lists every one.
 */
function planOutput(changes, budget = PLAN_OUTPUT_BUDGET) {
    const entries = [];
    let size = 2;
    for (const change of changes) {
        const entry = JSON.stringify(planEntry(change));
        size += Buffer.byteLength(entry) + (entries.length > 0 ? 1 : 0);
        if (size > budget)
            break;
        entries.push(entry);
    }
    return `[${entries.join(',')}]`;
}

;// CONCATENATED MODULE: ./lib/src/engine/ownership.js
/** Marks what this action created, so a person browsing the console knows where it came from. */
const OWNER_MARK = 'Managed by the ram-identity GitHub Action';
/** RAM's length limits of the fields a mark is written into. */
const MAX_LENGTH = { role: 1024, policy: 1024, user: 128 };
/** The description of a role the action creates. */
function roleDescription() {
    return `${OWNER_MARK}; assumed by GitHub workflows`;
}
/** The description of a custom policy the action creates. */
function policyDescription(owner, user) {
    return owner.purpose === 'permissions'
        ? `${OWNER_MARK}: permissions of role ${owner.role}`
        : `${OWNER_MARK}: lets ${user ?? 'the sub-account'} assume role ${owner.role}`;
}
/** The comments of the RAM user the action creates for a role. */
function userComments(role) {
    return `${OWNER_MARK}: may assume role ${role}`;
}
/** True when the text carries the mark. */
function isMarked(text) {
    return (text ?? '').includes(OWNER_MARK);
}
/**
 * The owner a marked policy description names; undefined when it has no mark, and 'ours' for
 * a mark that names no owner (then it is taken as this action's, whoever ran it).
 */
function policyOwner(description) {
    if (!isMarked(description))
        return undefined;
    const rest = description.slice(description.indexOf(OWNER_MARK) + OWNER_MARK.length);
    const permissions = /^: permissions of role ([A-Za-z0-9.-]+)/.exec(rest);
    if (permissions)
        return { purpose: 'permissions', role: permissions[1] };
    const assume = /^: lets .+? assume role ([A-Za-z0-9.-]+)/.exec(rest);
    if (assume)
        return { purpose: 'assume', role: assume[1] };
    return 'ours';
}
/** The role a marked user's comments name; undefined without a mark. */
function userOwner(comments) {
    if (!isMarked(comments))
        return undefined;
    return /may assume role ([A-Za-z0-9.-]+)/.exec(comments ?? '')?.[1] ?? 'ours';
}
/** True when a policy owner is this one (role names compare case-insensitively, as RAM's do). */
function sameOwner(a, b) {
    return a.purpose === b.purpose && a.role.toLowerCase() === b.role.toLowerCase();
}
/** How an owner reads in a message: `the permissions of role r`. */
function ownerText(owner) {
    return owner.purpose === 'permissions'
        ? `the permissions of role ${owner.role}`
        : `the assume policy of role ${owner.role}`;
}
/**
 * The text with the mark added, keeping what a person wrote there: adopting a hand-made role
 * should not erase its description. Cut to RAM's limit for the field.
 */
function withMark(entity, existing, mark) {
    const kept = existing.trim();
    if (!kept)
        return mark;
    const room = MAX_LENGTH[entity] - mark.length - 3;
    return room <= 0 ? mark : `${kept.slice(0, room)} (${mark})`;
}

;// CONCATENATED MODULE: ./lib/src/engine/desired.js


/** The ARN STS expects for a role of an account. */
function roleArn(accountId, roleName) {
    return `acs:ram::${accountId}:role/${roleName}`;
}
/** Builds the desired state: the seeds' console flow, written down as data. */
function desiredState(inputs, accountId) {
    const arn = roleArn(accountId, inputs.roleName);
    const customPolicies = [];
    const rolePolicies = [];
    if (inputs.policy) {
        const owner = { purpose: 'permissions', role: inputs.roleName };
        customPolicies.push({
            name: inputs.policy.name,
            document: inputs.policy.file.document,
            description: policyDescription(owner),
            owner,
            file: inputs.policy.file,
        });
        rolePolicies.push({ type: 'Custom', name: inputs.policy.name });
    }
    let user;
    if (inputs.subAccount) {
        const { name, assumePolicyName, policies } = inputs.subAccount;
        const owner = { purpose: 'assume', role: inputs.roleName };
        customPolicies.push({
            name: assumePolicyName,
            document: assumeRolePolicy(arn),
            description: policyDescription(owner, name),
            owner,
        });
        user = {
            name,
            comments: userComments(inputs.roleName),
            policies: [{ type: 'Custom', name: assumePolicyName }, ...policies],
        };
    }
    return {
        accountId,
        role: {
            name: inputs.roleName,
            arn,
            trustPolicy: inputs.trustPolicy?.document ?? accountTrustPolicy(accountId),
            trustFile: inputs.trustPolicy,
            maxSessionDuration: inputs.maxSessionDuration,
            description: roleDescription(),
        },
        rolePolicies,
        customPolicies,
        user,
        allUsersPolicies: inputs.allUsersPolicies,
        exclusive: inputs.exclusive,
        adopt: inputs.adopt,
        ignorePolicies: inputs.ignorePolicies,
    };
}

;// CONCATENATED MODULE: ./lib/src/policy/lint.js

/** The rules, each with the severity it reports at. */
const RULES = {
    'trust-any-principal': 'error',
    'oidc-trust-without-sub': 'error',
    'oidc-trust-any-repository': 'error',
    'wildcard-action-on-any-resource': 'warning',
    'ram-write-access': 'warning',
    'assume-any-role': 'warning',
    'not-action-or-not-resource': 'warning',
    'trust-other-account': 'warning',
};
/**
 * RAM actions that let an identity give itself, or another, more access: whoever may call
 * them may grant themselves anything.
 */
const RAM_ESCALATION = [
    'ram:CreateUser',
    'ram:UpdateUser',
    'ram:CreateAccessKey',
    'ram:UpdateAccessKey',
    'ram:CreateLoginProfile',
    'ram:UpdateLoginProfile',
    'ram:CreateGroup',
    'ram:AddUserToGroup',
    'ram:CreateRole',
    'ram:UpdateRole',
    'ram:CreatePolicy',
    'ram:CreatePolicyVersion',
    'ram:SetDefaultPolicyVersion',
    'ram:AttachPolicyToUser',
    'ram:AttachPolicyToGroup',
    'ram:AttachPolicyToRole',
    'ram:PassRole',
    'ram:UnbindMFADevice',
    'ram:SetSecurityPreference',
];
/** Every finding of one document, in statement order, each rule at most once per statement. */
function lint(target) {
    const doc = target.document;
    const raw = doc && typeof doc === 'object' ? doc.Statement : undefined;
    const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const findings = [];
    const seen = new Set();
    statements.forEach((original, i) => {
        const s = canonicalStatement(original);
        if (s.effect !== 'Allow')
            return;
        const found = target.kind === 'trust' ? trustRules(s, target.accountId) : permissionRules(s);
        for (const [rule, message] of found) {
            const key = `${rule}\n${message}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            findings.push({
                rule,
                severity: RULES[rule],
                message,
                subject: target.subject,
                source: target.source,
                ...(target.file ? { file: target.file.path, line: target.file.lines.get(`Statement[${i}]`) } : {}),
            });
        }
    });
    return findings;
}
function trustRules(s, accountId) {
    const found = [];
    const principals = Object.entries(s.principal ?? {}).flatMap(([type, ids]) => ids.map((id) => [type, id]));
    if (principals.some(([, id]) => id === '*')) {
        found.push(['trust-any-principal', 'the trust policy lets any principal assume the role (Principal *)']);
    }
    for (const [type, id] of principals) {
        if (type !== 'Federated' || !/:oidc-provider\//i.test(id))
            continue;
        const subs = subConditions(s);
        if (subs.length === 0) {
            found.push([
                'oidc-trust-without-sub',
                `the trust of ${id} has no oidc:sub condition: any repository whose tokens the provider accepts can assume the role`,
            ]);
        }
        else {
            const open = subs.find((v) => opensToAnyRepository(v));
            if (open) {
                found.push([
                    'oidc-trust-any-repository',
                    `the oidc:sub condition "${open}" matches repositories of any GitHub owner: name the owner exactly`,
                ]);
            }
        }
    }
    for (const [type, id] of principals) {
        const account = type === 'RAM' ? /^acs:ram::(\d+):/.exec(id)?.[1] : undefined;
        if (account && account !== accountId) {
            found.push(['trust-other-account', `the trust policy lets account ${account} in (${id})`]);
        }
    }
    return found;
}
/** The oidc:sub values the conditions restrict to, as patterns (StringEquals values are literal). */
function subConditions(s) {
    const patterns = [];
    for (const [op, keys] of Object.entries(s.condition ?? {})) {
        for (const [key, values] of Object.entries(keys)) {
            if (key.toLowerCase() !== 'oidc:sub')
                continue;
            if (/^StringLike$/i.test(op))
                patterns.push(...values);
            else if (/^StringEquals(IgnoreCase)?$/i.test(op))
                patterns.push(...values.map((v) => v.replace(/[*?]/g, '')));
        }
    }
    return patterns;
}
/**
 * True when a `sub` pattern lets in a repository of any owner: GitHub owner names are first
 * come, first served, so any wildcard in the owner (or before it) admits whoever registers
 * a matching name.
 */
function opensToAnyRepository(pattern) {
    const m = /^repo:([^/]*)/i.exec(pattern);
    if (!m)
        return /^[*?]/.test(pattern);
    return /[*?]/.test(m[1]);
}
function permissionRules(s) {
    const found = [];
    const actions = s.action ?? [];
    const anyResource = (s.resource ?? []).includes('*');
    const wide = actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
    if (wide.length > 0 && anyResource) {
        found.push(['wildcard-action-on-any-resource', `allows ${wide.join(', ')} on every resource (*)`]);
    }
    const escalating = actions.filter((a) => RAM_ESCALATION.some((ram) => matches(a, ram)));
    if (escalating.length > 0) {
        found.push([
            'ram-write-access',
            `allows ${escalating.join(', ')}: RAM write actions let the holder grant itself more access`,
        ]);
    }
    if (anyResource && actions.some((a) => matches(a, 'sts:AssumeRole'))) {
        found.push(['assume-any-role', 'allows sts:AssumeRole on every role (Resource *)']);
    }
    if (s.notAction || s.notResource) {
        found.push([
            'not-action-or-not-resource',
            `allows by exclusion (${s.notAction ? 'NotAction' : 'NotResource'}): everything not listed, including actions and resources added later`,
        ]);
    }
    return found;
}
/** RAM's wildcard match (`*` any run, `?` one character), case-insensitive. */
function matches(pattern, value) {
    const regex = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${regex}$`, 'i').test(value);
}

;// CONCATENATED MODULE: ./lib/src/engine/findings.js


/** Findings on the desired documents, and on the actual ones that differ from them. */
function findingsOf(inputs, desired, actual) {
    const accountId = desired.accountId;
    const targets = [];
    const pair = (subject, kind, wanted, file, live) => {
        targets.push({ document: wanted, kind, subject, source: 'desired', accountId, file });
        if (live !== undefined && !samePolicy(live, wanted))
            targets.push({ document: parsePolicy(live), kind, subject, source: 'actual', accountId });
    };
    pair(`trust policy of role ${desired.role.name}`, 'trust', desired.role.trustPolicy, desired.role.trustFile, actual.role?.trustPolicy);
    for (const policy of desired.customPolicies) {
        const live = actual.customPolicies
            .get(policy.name.toLowerCase())
            ?.versions.find((v) => v.isDefault)?.document;
        pair(`policy ${policy.name}`, 'permission', policy.document, policy.file, live);
    }
    if (inputs.session.policy) {
        const file = inputs.session.policy;
        targets.push({
            document: file.document,
            kind: 'session',
            subject: 'session policy',
            source: 'desired',
            accountId,
            file,
        });
    }
    return targets.flatMap(lint);
}
const RANK = { warning: 1, error: 2 };
/** The findings that fail this run at the inputs' `fail-on-findings` level. */
function blockingFindings(findings, inputs) {
    if (inputs.failOnFindings === 'never')
        return [];
    const floor = RANK[inputs.failOnFindings];
    return findings.filter((f) => RANK[f.severity] >= floor && (f.source === 'desired' || inputs.mode === 'check'));
}

;// CONCATENATED MODULE: ./lib/src/policy/diff.js
/**
 * The access a document change adds and removes, as a reviewer reads it: one line per item,
 * `+` for what it grants, `-` for what it takes away, `~` for what it alters. Documents are
 * compared as RAM judges them (policy/document.ts), so formatting never shows up here.
 */

const DIMENSIONS = ['effect', 'action', 'resource', 'principal', 'condition'];
/**
 * The statement-level diff of two documents (objects or the JSON strings RAM returns; '' or
 * undefined for none). Two statements that differ in one respect only (their actions, say)
 * are shown as that difference; any other statement is shown whole.
 */
function diffDocuments(before, after) {
    const was = canonicalStatements(parsePolicy(before));
    const now = canonicalStatements(parsePolicy(after));
    const key = statementKey;
    const nowKeys = new Set(now.map(key));
    const wasKeys = new Set(was.map(key));
    const removed = was.filter((s) => !nowKeys.has(key(s)));
    const added = now.filter((s) => !wasKeys.has(key(s)));
    const lines = [];
    const unpaired = [];
    for (const old of removed) {
        const i = added.findIndex((candidate) => differingDimensions(old, candidate).length === 1);
        if (i < 0) {
            unpaired.push(old);
            continue;
        }
        const [replacement] = added.splice(i, 1);
        lines.push(...changedStatement(old, replacement, differingDimensions(old, replacement)[0]));
    }
    for (const s of unpaired)
        lines.push(`- ${describe(s)}`);
    for (const s of added)
        lines.push(`+ ${describe(s)}`);
    return lines;
}
function differingDimensions(a, b) {
    return DIMENSIONS.filter((d) => JSON.stringify(part(a, d)) !== JSON.stringify(part(b, d)));
}
function part(s, d) {
    switch (d) {
        case 'effect':
            return s.effect;
        case 'action':
            return [s.action?.map((a) => a.toLowerCase()), s.notAction?.map((a) => a.toLowerCase())];
        case 'resource':
            return [s.resource, s.notResource];
        case 'principal':
            return s.principal;
        case 'condition':
            return s.condition;
    }
}
function changedStatement(old, now, d) {
    const lines = [];
    const each = (was = [], is = [], line, fold = (v) => v) => {
        const has = (list, item) => list.some((x) => fold(x) === fold(item));
        for (const item of was)
            if (!has(is, item))
                lines.push(line('-', item));
        for (const item of is)
            if (!has(was, item))
                lines.push(line('+', item));
    };
    switch (d) {
        case 'effect':
            return [`~ effect ${old.effect} -> ${now.effect}: ${describe({ ...now, effect: '' }).trim()}`];
        case 'action':
            // An exception list (NotAction) only makes sense whole.
            if (old.notAction || now.notAction)
                return [`- ${describe(old)}`, `+ ${describe(now)}`];
            each(old.action, now.action, (op, action) => `${op} ${describe({ ...now, action: [action] })}`, (a) => a.toLowerCase());
            return lines;
        case 'resource':
            if (old.notResource || now.notResource)
                return [`- ${describe(old)}`, `+ ${describe(now)}`];
            each(old.resource, now.resource, (op, resource) => `${op} ${describe({ ...now, resource: [resource] })}`);
            return lines;
        case 'principal':
            for (const type of union(Object.keys(old.principal ?? {}), Object.keys(now.principal ?? {}))) {
                each(old.principal?.[type], now.principal?.[type], (op, id) => `${op} principal ${principal(type, id)}`);
            }
            return lines;
        case 'condition':
            for (const op of union(Object.keys(old.condition ?? {}), Object.keys(now.condition ?? {}))) {
                const was = old.condition?.[op] ?? {};
                const is = now.condition?.[op] ?? {};
                for (const k of union(Object.keys(was), Object.keys(is))) {
                    if (!is[k])
                        lines.push(`- condition ${clause(op, k, was[k])}`);
                    else if (!was[k])
                        lines.push(`+ condition ${clause(op, k, is[k])}`);
                    else if (JSON.stringify(was[k]) !== JSON.stringify(is[k]))
                        lines.push(`~ condition ${op} ${k}: ${values(was[k])} -> ${values(is[k])}`);
                }
            }
            return lines;
    }
}
/** A statement in one line: `Allow oss:PutObject on acs:oss:*:*:b/* for ... when ...`. */
function describe(s) {
    const parts = [s.effect];
    if (s.action)
        parts.push(s.action.join(', '));
    if (s.notAction)
        parts.push(`every action except ${s.notAction.join(', ')}`);
    if (s.resource)
        parts.push(`on ${s.resource.join(', ')}`);
    if (s.notResource)
        parts.push(`on everything except ${s.notResource.join(', ')}`);
    if (s.principal) {
        const ids = Object.entries(s.principal).flatMap(([type, list]) => list.map((id) => principal(type, id)));
        parts.push(`for ${ids.join(', ')}`);
    }
    if (s.condition) {
        const clauses = Object.entries(s.condition).flatMap(([op, keys]) => Object.entries(keys).map(([k, v]) => clause(op, k, v)));
        parts.push(`when ${clauses.join(' and ')}`);
    }
    return parts.join(' ');
}
/** RAM principals by their ARN alone; other types (Service, Federated) named. */
function principal(type, id) {
    return type === 'RAM' || type === '' ? id : `${type} ${id}`;
}
function clause(op, key, v) {
    return `${op} ${key} = ${values(v)}`;
}
function values(v) {
    return v.length === 1 ? v[0] : `[${v.join(', ')}]`;
}
function union(a, b) {
    return [...new Set([...a, ...b])].sort();
}

;// CONCATENATED MODULE: ./lib/src/engine/plan.js
/**
 * The plan: a pure function from (desired, actual) to typed changes. No I/O; documents are
 * compared semantically, because RAM returns them exactly as they were stored. A change to an
 * entity the action did not create carries `adopt`; a policy another owner's mark claims gets
 * no change at all (the guards refuse it), so a document never moves between owners.
 */




/** RAM keeps at most this many versions of a custom policy. */
const MAX_POLICY_VERSIONS = 5;
/** The MaxSessionDuration a new role gets when the inputs name none. */
const DEFAULT_MAX_SESSION_DURATION = 3600;
/** The changes that turn `actual` into `desired`; empty when RAM already matches. */
function plan(desired, actual) {
    const changes = [];
    const { role, user } = desired;
    if (user && !actual.user)
        changes.push({ kind: 'create-user', user: user.name, comments: user.comments });
    if (!actual.role) {
        changes.push({
            kind: 'create-role',
            role: role.name,
            trustPolicy: role.trustPolicy,
            maxSessionDuration: role.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
            description: role.description,
            diff: diffDocuments(undefined, role.trustPolicy),
        });
    }
    else {
        const owned = isMarked(actual.role.description);
        const trustDiffers = !samePolicy(actual.role.trustPolicy, role.trustPolicy);
        const durationDiffers = role.maxSessionDuration !== undefined && actual.role.maxSessionDuration !== role.maxSessionDuration;
        if (trustDiffers || durationDiffers) {
            changes.push({
                kind: 'update-role',
                role: actual.role.name,
                trustPolicy: trustDiffers ? { before: actual.role.trustPolicy, after: role.trustPolicy } : undefined,
                maxSessionDuration: durationDiffers
                    ? { before: actual.role.maxSessionDuration, after: role.maxSessionDuration }
                    : undefined,
                diff: trustDiffers ? diffDocuments(actual.role.trustPolicy, role.trustPolicy) : [],
                ...(owned ? {} : { adopt: true }),
            });
        }
        if (!owned && desired.adopt) {
            const after = withMark('role', actual.role.description, role.description);
            changes.push({
                kind: 'mark-owned',
                entity: 'role',
                name: actual.role.name,
                before: actual.role.description,
                after,
            });
        }
    }
    for (const policy of desired.customPolicies) {
        const observed = actual.customPolicies.get(policy.name.toLowerCase());
        if (!observed) {
            changes.push({
                kind: 'create-policy',
                policy: policy.name,
                document: policy.document,
                description: policy.description,
                diff: diffDocuments(undefined, policy.document),
            });
            continue;
        }
        const owner = policyOwner(observed.description);
        if (owner && owner !== 'ours' && !sameOwner(owner, policy.owner))
            continue;
        const adopt = owner ? {} : { adopt: true };
        const current = observed.versions.find((v) => v.isDefault);
        if (!current || !samePolicy(current.document, policy.document)) {
            if (observed.versions.length >= MAX_POLICY_VERSIONS) {
                const oldest = oldestNonDefault(observed.versions);
                if (oldest)
                    changes.push({
                        kind: 'delete-policy-version',
                        policy: policy.name,
                        versionId: oldest.versionId,
                        ...adopt,
                    });
            }
            changes.push({
                kind: 'create-policy-version',
                policy: policy.name,
                before: current?.document ?? '',
                after: policy.document,
                diff: diffDocuments(current?.document ?? '', policy.document),
                ...adopt,
            });
        }
        if (!owner && desired.adopt) {
            const after = withMark('policy', observed.description, policy.description);
            changes.push({
                kind: 'mark-owned',
                entity: 'policy',
                name: policy.name,
                before: observed.description,
                after,
            });
        }
    }
    const roleOwned = !actual.role || isMarked(actual.role.description);
    const rolePrincipal = { type: 'role', name: role.name };
    changes.push(...attachments(rolePrincipal, desired.rolePolicies, actual.rolePolicies));
    if (desired.exclusive) {
        for (const p of extras(desired.rolePolicies, actual.rolePolicies, desired.ignorePolicies))
            changes.push({
                kind: 'detach-policy',
                principal: rolePrincipal,
                policy: p,
                ...(roleOwned ? {} : { adopt: true }),
            });
    }
    if (user) {
        const principal = { type: 'user', name: user.name };
        changes.push(...attachments(principal, user.policies, actual.userPolicies));
        const owner = userOwner(actual.user?.comments);
        const userOwned = !actual.user || owner === 'ours' || owner?.toLowerCase() === role.name.toLowerCase();
        if (desired.exclusive) {
            const keep = [...user.policies, ...desired.allUsersPolicies];
            for (const p of extras(keep, actual.userPolicies, desired.ignorePolicies))
                changes.push({
                    kind: 'detach-policy',
                    principal,
                    policy: p,
                    ...(userOwned ? {} : { adopt: true }),
                });
        }
        if (actual.user && !owner && desired.adopt) {
            const comments = actual.user.comments ?? '';
            changes.push({
                kind: 'mark-owned',
                entity: 'user',
                name: user.name,
                before: comments,
                after: withMark('user', comments, user.comments),
            });
        }
    }
    const planned = new Set(changes.filter((c) => c.kind === 'attach-policy').map(attachmentKey));
    for (const policy of desired.allUsersPolicies) {
        const lacking = [...(actual.usersLacking.get((0,model/* policyKey */.s4)(policy)) ?? [])];
        // A sub-account this run creates lacks every policy, though no listing could show it yet.
        if (user && !actual.user && actual.usersLacking.has((0,model/* policyKey */.s4)(policy)))
            lacking.push(user.name);
        for (const name of lacking) {
            const change = {
                kind: 'attach-policy',
                principal: { type: 'user', name },
                policy,
                allUsers: true,
            };
            if (planned.has(attachmentKey(change)))
                continue;
            planned.add(attachmentKey(change));
            changes.push(change);
        }
    }
    return changes;
}
/**
 * Policies attached to the managed role or sub-account that the inputs do not name and
 * `ignore-policies` does not excuse. With `exclusive` the plan detaches them; without, they are
 * still access nobody declared, so a drift check reports them.
 */
function unmanagedAttachments(desired, actual) {
    if (desired.exclusive)
        return [];
    const found = extras(desired.rolePolicies, actual.rolePolicies, desired.ignorePolicies).map((policy) => ({ principal: { type: 'role', name: desired.role.name }, policy }));
    if (desired.user) {
        const keep = [...desired.user.policies, ...desired.allUsersPolicies];
        for (const policy of extras(keep, actual.userPolicies, desired.ignorePolicies))
            found.push({ principal: { type: 'user', name: desired.user.name }, policy });
    }
    return found;
}
function attachments(principal, wanted, attached) {
    const have = new Set(attached.map(model/* policyKey */.s4));
    return dedupe(wanted)
        .filter((policy) => !have.has((0,model/* policyKey */.s4)(policy)))
        .map((policy) => ({ kind: 'attach-policy', principal, policy }));
}
/** What is attached but neither wanted nor ignored, as plain references. */
function extras(wanted, attached, ignored) {
    const known = new Set([...wanted, ...ignored].map(model/* policyKey */.s4));
    return attached.filter((a) => !known.has((0,model/* policyKey */.s4)(a))).map(({ type, name }) => ({ type, name }));
}
function attachmentKey(c) {
    return c.kind === 'attach-policy'
        ? `${c.principal.type}/${c.principal.name.toLowerCase()}/${(0,model/* policyKey */.s4)(c.policy)}`
        : '';
}
function dedupe(policies) {
    const seen = new Set();
    return policies.filter((p) => !seen.has((0,model/* policyKey */.s4)(p)) && seen.add((0,model/* policyKey */.s4)(p)));
}
/** The version RAM's own rotation would drop: the oldest that is not the default. */
function oldestNonDefault(versions) {
    const versionNumber = (v) => Number(v.versionId.replace(/^v/i, '')) || 0;
    return versions
        .filter((v) => !v.isDefault)
        .sort((a, b) => a.createDate.localeCompare(b.createDate) || versionNumber(a) - versionNumber(b))[0];
}

;// CONCATENATED MODULE: ./lib/src/engine/guards.js
/**
 * Guards: the changes a run refuses to make, decided from the plan and what was read, before
 * the first write. Each refusal names the inputs to look at. A drift check reports the same
 * refusals, so a nightly run warns before anyone applies.
 */



/** The refusals of a plan; empty when every change may be made. */
function refusals(ctx) {
    return [
        ...lockOut(ctx),
        ...selfDetach(ctx),
        ...ownerCollisions(ctx),
        ...missingPolicies(ctx),
        ...sessionTooLong(ctx),
        ...(ctx.inputs.mode === 'apply' && !ctx.inputs.adopt ? adoptions(ctx.changes) : []),
    ];
}
/** The role the run is signed in through: its OIDC role, or the role of the caller's session. */
function signedInRole(inputs, caller) {
    const oidc = inputs.oidc && /^acs:ram::(\d+):role\/(.+)$/.exec(inputs.oidc.roleArn);
    if (oidc && oidc[1] === caller.accountId)
        return oidc[2];
    return /^acs:ram::\d+:assumed-role\/([^/]+)\//.exec(caller.arn)?.[1];
}
/** The RAM user the run is signed in as, if it is one. */
function signedInUser(caller) {
    return /^acs:ram::\d+:user\/(.+)$/.exec(caller.arn)?.[1];
}
const same = (a, b) => a !== undefined && a.toLowerCase() === b.toLowerCase();
/** Replacing the trust of the role the run signs in through locks every later run out. */
function lockOut({ inputs, caller, changes }) {
    const own = signedInRole(inputs, caller);
    return changes
        .filter((c) => c.kind === 'update-role' && c.trustPolicy && same(own, c.role))
        .map(() => ({
        inputs: inputs.oidc
            ? ['role-name', 'oidc-role-arn', 'trust-policy-file']
            : ['role-name', 'trust-policy-file'],
        message: `the run signs in through role ${own} and would replace its trust policy: the next run could not sign in. ` +
            'Reconcile another role-name, or give trust-policy-file with the trust that role has now',
    }));
}
/** Detaching from the reconciling identity itself takes away the access the run stands on. */
function selfDetach({ inputs, caller, changes }) {
    const user = signedInUser(caller);
    const role = signedInRole(inputs, caller);
    return changes.flatMap((c) => {
        if (c.kind !== 'detach-policy')
            return [];
        const self = c.principal.type === 'user' ? same(user, c.principal.name) : same(role, c.principal.name);
        if (!self)
            return [];
        return [
            {
                inputs: ['exclusive', c.principal.type === 'user' ? 'sub-account' : 'role-name', 'ignore-policies'],
                message: `exclusive would detach ${c.policy.type}:${c.policy.name} from ${c.principal.type} ${c.principal.name}, the identity this run signs in as: it would lose the access it stands on. Name the policy in ignore-policies, or reconcile another ${c.principal.type}`,
            },
        ];
    });
}
/** A custom policy whose mark names another owner is never taken over. */
function ownerCollisions({ inputs, desired, actual }) {
    return desired.customPolicies.flatMap((policy) => {
        const observed = actual.customPolicies.get(policy.name.toLowerCase());
        const owner = observed && policyOwner(observed.description);
        if (!owner || owner === 'ours' || sameOwner(owner, policy.owner))
            return [];
        const input = policy.owner.purpose === 'permissions' && inputs.policy?.name === policy.name
            ? 'policy-name'
            : 'role-name';
        return [
            {
                inputs: [input],
                message: `policy ${policy.name} already holds ${ownerText(owner)} (its description says so); it would become ${ownerText(policy.owner)}, and the two would overwrite each other. Choose another ${input}`,
            },
        ];
    });
}
/** A policy to attach that does not exist would fail after other writes: found by reads, first. */
function missingPolicies({ inputs, actual }) {
    const allUsers = new Set(inputs.allUsersPolicies.map(model/* policyKey */.s4));
    return actual.missingPolicies.map((p) => {
        const input = allUsers.has((0,model/* policyKey */.s4)(p)) ? 'all-users-policies' : 'sub-account-policies';
        return {
            inputs: [input],
            message: `${p.type} policy ${p.name} does not exist (check the name and the System:/Custom: prefix)`,
        };
    });
}
/** STS refuses a session longer than the role allows; say so before writing anything. */
function sessionTooLong({ inputs, desired, actual }) {
    const max = desired.role.maxSessionDuration ?? actual.role?.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION;
    if (inputs.session.durationSeconds <= max)
        return [];
    return [
        {
            inputs: ['duration-seconds', 'max-session-duration'],
            message: `duration-seconds is ${inputs.session.durationSeconds}, above the role's MaxSessionDuration ${max}`,
        },
    ];
}
/** Changes to entities the action did not create, without `adopt: true`. */
function adoptions(changes) {
    return changes.flatMap((c) => {
        // A version delete only makes room for the new version, which is refused on its own.
        if (!('adopt' in c) || !c.adopt || c.kind === 'delete-policy-version')
            return [];
        const what = c.kind === 'update-role'
            ? `change role ${c.role} (${[c.trustPolicy && 'trust policy', c.maxSessionDuration && 'MaxSessionDuration'].filter(Boolean).join(', ')})`
            : c.kind === 'detach-policy'
                ? `detach ${c.policy.type}:${c.policy.name} from ${c.principal.type} ${c.principal.name}`
                : `change the default version of policy ${c.policy}`;
        return [
            {
                inputs: ['adopt'],
                message: `would ${what}, which this action did not create (no ownership mark): set adopt: true to take it over`,
            },
        ];
    });
}

;// CONCATENATED MODULE: ./lib/src/engine/observe.js
/** Observing RAM: every read a run needs, all at once, into the `Actual` the planner takes. */

/** The entities the inputs name. */
function targetsOf(inputs) {
    const customPolicies = [inputs.policy?.name, inputs.subAccount?.assumePolicyName].filter((n) => !!n);
    const created = new Set(customPolicies.map((name) => (0,model/* policyKey */.s4)({ type: 'Custom', name })));
    return {
        role: inputs.roleName,
        customPolicies,
        user: inputs.subAccount?.name,
        namedPolicies: (inputs.subAccount?.policies ?? []).filter((p) => !created.has((0,model/* policyKey */.s4)(p))),
        allUsersPolicies: inputs.allUsersPolicies,
    };
}
/**
 * Reads what RAM has for the targets. Every read is independent, so they all run at once:
 * a converged account costs one round trip of reads, not a chain of them.
 */
async function observe(ram, targets) {
    const [role, rolePolicies, policies, user, userPolicies, named, allUsers] = await Promise.all([
        ram.getRole(targets.role),
        ram.listAttachedPolicies({ type: 'role', name: targets.role }),
        Promise.all(targets.customPolicies.map((name) => customPolicy(ram, name))),
        targets.user ? ram.getUser(targets.user) : undefined,
        targets.user ? ram.listAttachedPolicies({ type: 'user', name: targets.user }) : [],
        Promise.all(targets.namedPolicies.map(async (p) => ((await ram.getPolicy(p)) ? undefined : p))),
        targets.allUsersPolicies.length > 0 ? usersLackingPolicies(ram, targets.allUsersPolicies) : undefined,
    ]);
    return {
        role,
        rolePolicies,
        customPolicies: new Map(targets.customPolicies.map((name, i) => [name.toLowerCase(), policies[i]])),
        user,
        userPolicies,
        usersLacking: allUsers?.lacking ?? new Map(),
        missingPolicies: [...named.filter((p) => !!p), ...(allUsers?.missing ?? [])],
    };
}
/** A custom policy's description (its ownership mark) and versions; undefined when it does not exist. */
async function customPolicy(ram, name) {
    const [info, versions] = await Promise.all([
        ram.getPolicy({ type: 'Custom', name }),
        ram.listPolicyVersions(name),
    ]);
    return info && versions ? { description: info.description, versions } : undefined;
}
/**
 * For each policy, the users that do not have it. One ListEntitiesForPolicy per policy says
 * who has it, so the cost does not grow with the users already granted; the user listing is
 * streamed a page at a time and only the names of those lacking a policy are kept. A policy
 * that does not exist is reported, not granted: granting it could only fail for everyone.
 */
async function usersLackingPolicies(ram, policies) {
    // The holders and the first page of users are read at once: one round trip, not two.
    const holders = Promise.all(policies.map((policy) => ram.listUsersWithPolicy(policy)));
    holders.catch(() => { }); // surfaced by the awaits below; no unhandled rejection meanwhile
    const lacking = policies.map(() => []);
    let has;
    for await (const page of ram.listUsers()) {
        has ??= (await holders).map((users) => new Set((users ?? []).map((u) => u.toLowerCase())));
        for (const user of page) {
            has.forEach((set, i) => {
                if (!set.has(user.name.toLowerCase()))
                    lacking[i].push(user.name);
            });
        }
    }
    const found = await holders;
    const present = policies.map((policy, i) => ({ policy, lacking: lacking[i] })).filter((_, i) => found[i]);
    const missing = policies.filter((_, i) => !found[i]);
    return { lacking: new Map(present.map((p) => [(0,model/* policyKey */.s4)(p.policy), p.lacking])), missing };
}

;// CONCATENATED MODULE: ./lib/src/engine/assess.js







/** How many plan lines are shown in place; more are folded into a group. */
const GROUP_OVER = 40;
/** Reads RAM and fills `result` with the plan and its judgement; logs the plan as it would run. */
async function assess(inputs, cloud, result, log) {
    // With allowed-account-ids the account is checked before any read of RAM: a wrong account's
    // refusals would otherwise hide the real cause. Without, the identity rides with the reads.
    const identity = cloud.identity.getCallerIdentity();
    if (inputs.allowedAccountIds.length > 0)
        (0,failure/* checkAccount */.g4)(inputs, (await (0,failure/* step */.PM)('Identifying the caller', () => identity)).accountId);
    const [caller, actual] = await (0,failure/* step */.PM)('Reading RAM', () => Promise.all([identity, observe(cloud.ram, targetsOf(inputs))]));
    const desired = desiredState(inputs, caller.accountId);
    result.accountId = caller.accountId;
    result.roleArn = actual.role?.arn || desired.role.arn;
    result.changes = plan(desired, actual);
    result.unmanaged = unmanagedAttachments(desired, actual);
    result.findings = findingsOf(inputs, desired, actual);
    result.refusals = refusals({ inputs, desired, actual, caller, changes: result.changes });
    const n = result.changes.length;
    const verb = inputs.mode === 'check' ? 'needed' : 'to apply';
    if (n === 0)
        log.info(`RAM already matches the inputs (role ${inputs.roleName}).`);
    else {
        const lines = result.changes.flatMap((change) => [
            changeLine(change),
            ...diffLines(change).map((l) => `    ${l}`),
        ]);
        // A short plan is read in place; a long one (thousands of grants) is folded under its count.
        if (lines.length > GROUP_OVER)
            log.group(`${n} change(s) ${verb}`, lines);
        else
            for (const line of [`${n} change(s) ${verb}:`, ...lines])
                log.info(line);
    }
    return { caller, desired, actual };
}
/** Throws the failure that must stop the run before any write: refusals, or blocking findings. */
function stopIfRefused(inputs, result) {
    const messages = result.refusals.map((r) => `${r.message} [${r.inputs.join(', ')}]`);
    const blocking = blockingFindings(result.findings, inputs);
    if (blocking.length > 0) {
        messages.push(`${blocking.length} finding(s) at or above fail-on-findings (${inputs.failOnFindings}): ${blocking
            .map((f) => `${f.rule} in ${f.subject}`)
            .join('; ')}`);
    }
    if (messages.length === 0)
        return;
    const what = inputs.mode === 'check' ? 'the plan has problems' : 'refused, nothing was changed';
    throw new failure/* StepFailure */.pH({
        step: 'Checking the plan',
        message: `Checking the plan: ${what}: ${messages.join('. ')}`,
    });
}

;// CONCATENATED MODULE: ./lib/src/engine/check.js

/** Reads RAM and fills `result` with what apply would change and what it would refuse. */
async function check(inputs, cloud, result, log) {
    await assess(inputs, cloud, result, log);
    stopIfRefused(inputs, result);
}

;// CONCATENATED MODULE: ./lib/src/engine/dependencies.js
/**
 * For each change, the indices of the earlier changes of the plan it waits for:
 *
 * - an attach or detach waits for the create of its role or user;
 * - an attach of a custom policy also waits for the policy's create or new version, so a
 *   principal never holds the policy's old document, not even for a moment;
 * - a new policy version waits for the version delete that makes room for it;
 * - a role update waits for the role's create (a plan never holds both; the rule costs nothing);
 * - an ownership mark waits for the entity's other changes, so it is written only once they are.
 *
 * Creates, and updates of entities that exist, wait for nothing. Only earlier changes count: a
 * plan lists what a change needs before the change, so the graph has no cycle, and it only
 * relaxes the plan's order where nothing depends on it.
 */
function dependencies(plan) {
    const providers = new Map();
    return plan.map((change, i) => {
        const waitsFor = needs(change).flatMap((key) => providers.get(key) ?? []);
        for (const key of provides(change)) {
            const list = providers.get(key);
            if (list)
                list.push(i);
            else
                providers.set(key, [i]);
        }
        return waitsFor.length > 1 ? [...new Set(waitsFor)] : waitsFor;
    });
}
// Keys name what a change makes exist (or makes right) and what another change needs. Both
// switches list every kind, so a new kind of change does not type-check until someone says
// what it waits for.
/** The key of a role or user, as the changes that make it and need it name it. */
const dependencies_principal = (p) => `${p.type}:${p.name.toLowerCase()}`;
/** The key of a custom policy, as the changes that make it and need it name it. */
const policy = (name) => `policy:${name.toLowerCase()}`;
const versionSlot = (name) => `version-slot:${name.toLowerCase()}`;
const updated = (p) => `updated:${dependencies_principal(p)}`;
function provides(change) {
    switch (change.kind) {
        case 'create-user':
            return [dependencies_principal({ type: 'user', name: change.user })];
        case 'create-role':
            return [dependencies_principal({ type: 'role', name: change.role })];
        case 'create-policy':
        case 'create-policy-version':
            return [policy(change.policy)];
        case 'delete-policy-version':
            return [versionSlot(change.policy)];
        case 'update-role':
            return [updated({ type: 'role', name: change.role })];
        case 'attach-policy':
        case 'detach-policy':
        case 'mark-owned':
            return [];
    }
}
function needs(change) {
    switch (change.kind) {
        case 'attach-policy':
            return change.policy.type === 'Custom'
                ? [dependencies_principal(change.principal), policy(change.policy.name)]
                : [dependencies_principal(change.principal)];
        case 'detach-policy':
            return [dependencies_principal(change.principal)];
        case 'create-policy-version':
            return [versionSlot(change.policy)];
        case 'update-role':
            return [dependencies_principal({ type: 'role', name: change.role })];
        case 'mark-owned':
            return change.entity === 'policy'
                ? [policy(change.name)]
                : [
                    dependencies_principal({ type: change.entity, name: change.name }),
                    updated({ type: change.entity, name: change.name }),
                ];
        case 'create-user':
        case 'create-role':
        case 'create-policy':
        case 'delete-policy-version':
            return [];
    }
}

;// CONCATENATED MODULE: ./lib/src/engine/propagation.js
/**
 * When waiting for RAM makes sense. RAM is eventually consistent: for some seconds after a role,
 * its trust policy or a grant changes, STS can still answer as if it had not. RAM's own dates
 * say when those last changed; a refusal long after that is a real misconfiguration, and fails
 * at once.
 */


/**
 * How long after a change STS may still refuse because of it. Long enough for what RAM takes in
 * practice (seconds), short enough that a role that is really misconfigured fails within 30 s.
 */
const GRANT_PROPAGATION_WINDOW_MS = 25_000;
/** How long a write may keep meeting EntityNotExist for an entity this run just created. */
const ENTITY_VISIBILITY_WINDOW_MS = 60_000;
/**
 * How long assume mode waits on a refusal. It reads nothing from RAM, so it cannot know when
 * the role last changed; an apply step just before it is the common case, and a role that is
 * really misconfigured still fails well within 30 s.
 */
const BLIND_WINDOW_MS = 20_000;
/**
 * The most recent moment RAM shows for what AssumeRole depends on: the role's creation and last
 * update (its trust), and, when the sub-account assumes, the attachment and the default version
 * of its assume policy. Undefined when RAM shows none of them.
 */
function lastAccessChange(desired, actual, viaSubAccount) {
    const dates = [actual.role?.createDate, actual.role?.updateDate];
    if (viaSubAccount && desired.user) {
        const assumePolicy = desired.user.policies[0];
        const attached = assumePolicy && actual.userPolicies.find((p) => (0,model/* policyKey */.s4)(p) === (0,model/* policyKey */.s4)(assumePolicy));
        dates.push(attached?.attachDate, actual.user?.createDate);
        const versions = assumePolicy
            ? actual.customPolicies.get(assumePolicy.name.toLowerCase())?.versions
            : undefined;
        dates.push(versions?.find((v) => v.isDefault)?.createDate);
    }
    const times = dates.map((d) => (d ? Date.parse(d) : Number.NaN)).filter((t) => Number.isFinite(t));
    return times.length > 0 ? Math.max(...times) : undefined;
}
/**
 * Which changes need something that RAM's dates show was created within `windowMs`: by another
 * run, most likely (this run's own creates are known to apply). An attach right after such a
 * create can still be told the entity does not exist, so the wait is worth it there too.
 */
function laggingChanges(actual, now, windowMs) {
    const recent = (date) => {
        const t = date ? Date.parse(date) : Number.NaN;
        return Number.isFinite(t) && now - t < windowMs;
    };
    const fresh = new Set();
    if (actual.role && recent(actual.role.createDate))
        fresh.add(dependencies_principal({ type: 'role', name: actual.role.name }));
    if (actual.user && recent(actual.user.createDate))
        fresh.add(dependencies_principal({ type: 'user', name: actual.user.name }));
    for (const [name, observed] of actual.customPolicies) {
        const first = observed?.versions.reduce((a, v) => (!a || v.createDate < a ? v.createDate : a), undefined);
        if (recent(first))
            fresh.add(policy(name));
    }
    return (change) => {
        if (change.kind !== 'attach-policy' && change.kind !== 'detach-policy')
            return false;
        const needs = [dependencies_principal(change.principal)];
        if (change.policy.type === 'Custom')
            needs.push(policy(change.policy.name));
        return needs.some((key) => fresh.has(key));
    };
}

;// CONCATENATED MODULE: ./lib/src/engine/apply.js
/**
 * Applying a plan: a dumb executor of typed changes. Each change starts as soon as the changes
 * it depends on are done (dependencies.ts), so independent writes go at once, and RAM's
 * propagation lag is waited out where a change meets what was just created: by this run, or,
 * as RAM's dates show (`lagging`), by another.
 */



/**
 * Performs the changes, each once those it depends on are done. An error in the identity's own
 * changes starts nothing more; what is in flight finishes, then the first failed change in plan
 * order is thrown. The all-users grants run `concurrency` at a time, and a failure is recorded
 * for its user while the rest go on.
 */
async function apply(changes, ram, options) {
    const sleep = options.sleep ?? promises_.setTimeout;
    const now = options.now ?? Date.now;
    const waitsFor = dependencies(changes);
    const n = changes.length;
    // Counted down as prerequisites finish; a change starts at zero.
    const pending = waitsFor.map((list) => list.length);
    const dependents = waitsFor.map(() => []);
    waitsFor.forEach((list, i) => {
        for (const j of list)
            dependents[j].push(i);
    });
    // 1 when the change made or found an entity: what depends on it may meet RAM's lag.
    const madeEntity = new Uint8Array(n);
    const started = new Uint8Array(n);
    const errors = new Map();
    const failedUsers = [];
    let conflicts = 0;
    // Log lines follow the plan, not the clock: the next line goes out once its change has
    // started; at the end, the lines of changes that started after one that never did.
    let logged = 0;
    const report = (all) => {
        for (; logged < n && (started[logged] || all); logged++)
            if (started[logged])
                options.onChange?.(changes[logged]);
    };
    // RAM is eventually consistent: an attach right after the create of its user, role or
    // policy can be told the entity does not exist. Only then is waiting worth it.
    const perform = async (i) => {
        const change = changes[i];
        const mayLag = waitsFor[i].some((j) => madeEntity[j]) || (options.lagging?.(change) ?? false);
        const until = Math.min(now() + options.propagationMs, options.deadline ?? Number.POSITIVE_INFINITY);
        for (let delay = 500;; delay = Math.min(delay * 2, 4000)) {
            try {
                const outcome = await write(change, ram);
                if (outcome === 'existed')
                    conflicts++;
                if (outcome)
                    madeEntity[i] = 1;
                return;
            }
            catch (err) {
                if (!(err instanceof cloud_error/* CloudError */.K2) || !mayLag || !(0,cloud_error/* isNotFound */.c4)(err) || now() + delay > until)
                    throw err;
                options.onWait?.(change, err, delay);
                await sleep(delay);
            }
        }
    };
    // Scheduling: a change is ready once its prerequisites succeeded. The identity's own changes
    // start when ready; grants queue for one of `concurrency` places. After an error nothing
    // new starts, and the run is over when nothing is in flight.
    const isGrant = (i) => {
        const change = changes[i];
        return change.kind === 'attach-policy' && change.allUsers === true;
    };
    const grantQueue = [];
    let grantHead = 0;
    let grantsRunning = 0;
    let running = 0;
    let finished;
    const done = new Promise((resolve) => (finished = resolve));
    const start = (i) => {
        started[i] = 1;
        running++;
        if (isGrant(i))
            grantsRunning++;
        perform(i).then(() => settle(i, true), (err) => {
            const change = changes[i];
            if (isGrant(i) && err instanceof cloud_error/* CloudError */.K2 && change.kind === 'attach-policy')
                failedUsers.push({ user: change.principal.name, policy: change.policy.name, error: err.message });
            else
                errors.set(i, err);
            settle(i, false);
        });
    };
    const settle = (i, ok) => {
        running--;
        if (isGrant(i))
            grantsRunning--;
        if (ok)
            for (const d of dependents[i])
                if (--pending[d] === 0)
                    ready(d);
        pump();
    };
    const ready = (i) => {
        if (isGrant(i))
            grantQueue.push(i);
        else if (errors.size === 0)
            start(i);
    };
    const pump = () => {
        while (errors.size === 0 && grantsRunning < options.concurrency && grantHead < grantQueue.length)
            start(grantQueue[grantHead++]);
        report(false);
        if (running === 0)
            finished();
    };
    for (let i = 0; i < n; i++)
        if (pending[i] === 0)
            ready(i);
    pump();
    await done;
    report(true);
    if (errors.size > 0)
        throw errors.get(Math.min(...errors.keys()));
    return { failedUsers, conflicts };
}
async function write(change, ram) {
    switch (change.kind) {
        case 'create-user':
            return ram.createUser({ name: change.user, comments: change.comments });
        case 'create-role':
            return ram.createRole({
                name: change.role,
                trustPolicy: JSON.stringify(change.trustPolicy),
                description: change.description,
                maxSessionDuration: change.maxSessionDuration,
            });
        case 'update-role':
            return void (await ram.updateRole(change.role, {
                trustPolicy: change.trustPolicy && JSON.stringify(change.trustPolicy.after),
                maxSessionDuration: change.maxSessionDuration?.after,
            }));
        case 'create-policy':
            return ram.createPolicy({
                name: change.policy,
                document: JSON.stringify(change.document),
                description: change.description,
            });
        case 'delete-policy-version':
            return void (await ram.deletePolicyVersion(change.policy, change.versionId));
        case 'create-policy-version':
            return void (await ram.createPolicyVersion(change.policy, JSON.stringify(change.after)));
        case 'attach-policy':
            return void (await ram.attachPolicy(change.principal, change.policy));
        case 'detach-policy':
            return void (await ram.detachPolicy(change.principal, change.policy));
        case 'mark-owned':
            if (change.entity === 'role')
                return void (await ram.updateRole(change.name, { description: change.after }));
            if (change.entity === 'policy')
                return void (await ram.updatePolicyDescription(change.name, change.after));
            return void (await ram.updateUserComments(change.name, change.after));
    }
}

;// CONCATENATED MODULE: ./lib/src/engine/reconcile.js








/** How many all-users grants are queued at once; the RAM client's pacer decides when each goes. */
const GRANT_CONCURRENCY = 64;
/** Reconciles RAM with the inputs, then assumes the role; fills `result` as it goes. */
async function reconcile(inputs, cloud, result, log, deadline) {
    const { caller, desired, actual } = await assess(inputs, cloud, result, log);
    stopIfRefused(inputs, result);
    if (result.unmanaged.length > 0) {
        log.warning(`left attached, though the inputs do not name them (exclusive: true detaches them; ignore-policies accepts them): ${result.unmanaged.map(describeUnmanaged).join('; ')}`);
    }
    const n = result.changes.length;
    const options = {
        concurrency: GRANT_CONCURRENCY,
        propagationMs: ENTITY_VISIBILITY_WINDOW_MS,
        deadline,
        lagging: laggingChanges(actual, Date.now(), ENTITY_VISIBILITY_WINDOW_MS),
        onChange: (change) => log.debug(`applying: ${changeLine(change)}`),
        onWait: (change, error) => log.info(`  (${error.code} while RAM propagates a new entity; retrying: ${changeLine(change)})`),
    };
    result.applied = n > 0;
    const applied = await (0,failure/* step */.PM)('Changing RAM', () => apply(result.changes, cloud.writer, options));
    if (applied.conflicts > 0) {
        // Another run created some of the same entities meanwhile: look again and finish the job.
        log.info(`${applied.conflicts} entity(ies) already existed (a concurrent run?); re-reading RAM.`);
        // The all-users grants went out in the first pass, their failures recorded: only the
        // identity's own entities are read again, not every user of the account.
        const targets = { ...targetsOf(inputs), allUsersPolicies: [] };
        const again = await (0,failure/* step */.PM)('Re-reading RAM', () => observe(cloud.ram, targets));
        const rest = plan(desired, again);
        await (0,failure/* step */.PM)('Changing RAM', () => apply(rest, cloud.writer, options));
    }
    result.failedUsers = applied.failedUsers;
    const viaSubAccount = inputs.subAccountCredentials !== undefined;
    const assumer = viaSubAccount
        ? { arn: `sub-account ${inputs.subAccount?.name ?? '(keys given)'}`, identityType: 'RAMUser' }
        : caller;
    result.session = await assumeSession(inputs, cloud.assumer, desired.role.arn, assumer, {
        since: n > 0 ? Date.now() : lastAccessChange(desired, actual, viaSubAccount),
        windowMs: GRANT_PROPAGATION_WINDOW_MS,
        deadline,
        onWait: (error, wait) => log.info(`AssumeRole refused (${error.code}) while RAM propagates recent changes; retrying in ${wait} ms`),
    }, log);
}

;// CONCATENATED MODULE: ./lib/src/engine/sign-in.js
/**
 * Signing in: the reconciling identity from keys, GitHub OIDC or the ECS instance role, then,
 * with `reconciler-role-arn`, the role it assumes first to work in that role's account. Every
 * secret is masked the moment it arrives.
 */





/** The credentials the run reconciles (or assumes) with. */
async function signIn(inputs, deps) {
    const identity = await firstIdentity(inputs, deps);
    if (!inputs.reconcilerRoleArn)
        return identity;
    const roleArn = inputs.reconcilerRoleArn;
    return (0,failure/* step */.PM)('Assuming reconciler-role-arn', async () => {
        const assumer = deps.cloud.forAssume(identity).assumer;
        try {
            const session = await assumer.assumeRole({
                roleArn,
                sessionName: inputs.session.name,
                durationSeconds: 3600,
            });
            const { credentials } = session;
            (0,model/* maskCredentials */.Bs)(deps.log, credentials);
            deps.log.info(`Reconciling as ${session.assumedRoleArn} (reconciler-role-arn).`);
            return credentials;
        }
        catch (err) {
            if (!(err instanceof cloud_error/* CloudError */.K2))
                throw err;
            const hint = (0,hints/* assumeHint */.ej)(err, { arn: 'the signed-in identity', identityType: '' }, roleArn);
            throw new failure/* RunProblem */.nL(`AssumeRole of ${roleArn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`);
        }
    });
}
async function firstIdentity(inputs, deps) {
    if (inputs.credentials) {
        if (inputs.credentialsSource === 'chained')
            deps.log.info('Signing in with the role credentials an earlier run exported (role-chaining).');
        return inputs.credentials;
    }
    if (inputs.oidc) {
        return (0,failure/* step */.PM)('Signing in with GitHub OIDC', () => (0,oidc/* signInWithOidc */.W)(inputs, deps.cloud.oidc(), deps.idToken, deps.log));
    }
    if (inputs.ecs) {
        const ecs = inputs.ecs;
        return (0,failure/* step */.PM)('Signing in with the ECS instance role', async () => {
            let credentials;
            try {
                credentials = await deps.instanceRole(ecs);
            }
            catch (err) {
                throw new failure/* RunProblem */.nL(err.message);
            }
            (0,model/* maskCredentials */.Bs)(deps.log, credentials);
            deps.log.info(`Signed in with the ECS instance role${ecs.role === 'auto' ? '' : ` ${ecs.role}`}.`);
            return credentials;
        });
    }
    throw new Error('validated inputs name no way to sign in');
}

;// CONCATENATED MODULE: ./lib/src/engine/run.js








/** The moment timeout-seconds from now: the one deadline of a run that starts now. */
function runDeadline(inputs) {
    return Date.now() + inputs.timeoutSeconds * 1000;
}
/**
 * Runs the inputs' mode. Expected failures come back in `result.failure`; only a bug throws.
 * `deadline` (ms since the epoch, from timeout-seconds) bounds the whole run, waits for
 * propagation included; the cloud clients' retries share it.
 */
async function runEngine(inputs, deps, deadline = runDeadline(inputs)) {
    const result = (0,model/* newRunResult */.t7)(inputs.mode);
    try {
        const credentials = await signIn(inputs, deps);
        switch (inputs.mode) {
            case 'check':
                await check(inputs, deps.cloud.readOnly(credentials), result, deps.log);
                break;
            case 'apply':
                await reconcile(inputs, deps.cloud.forApply(credentials, inputs.subAccountCredentials), result, deps.log, deadline);
                break;
            case 'assume':
                await assumeOnly(inputs, deps.cloud.forAssume(inputs.subAccountCredentials ?? credentials), result, deps.log, deadline);
                break;
        }
        return result;
    }
    catch (err) {
        if (err instanceof failure/* StepFailure */.pH)
            return { ...result, failure: err.failure };
        throw err;
    }
}
/** Assume mode: no RAM call at all; the role's account is the assuming identity's own. */
async function assumeOnly(inputs, cloud, result, log, deadline) {
    const caller = await (0,failure/* step */.PM)('Identifying the caller', () => cloud.assumer.getCallerIdentity());
    (0,failure/* checkAccount */.g4)(inputs, caller.accountId);
    result.accountId = caller.accountId;
    result.roleArn = roleArn(caller.accountId, inputs.roleName);
    // No RAM reads here, so no dates: an apply step just before may still be propagating.
    const propagation = {
        since: Date.now(),
        windowMs: BLIND_WINDOW_MS,
        deadline,
        onWait: (error, wait) => log.info(`AssumeRole refused (${error.code}); the role may have just changed, retrying in ${wait} ms`),
    };
    result.session = await assumeSession(inputs, cloud.assumer, result.roleArn, caller, propagation, log);
}

;// CONCATENATED MODULE: ./lib/src/inputs/read.js
/**
 * Reading the inputs: the raw string of every input the action declares, from wherever they
 * come (the runner's INPUT_* variables, the CLI's flags), plus the environment variables that
 * stand in for some of them. Nothing is judged here; validate.ts does that.
 */
/** Every input action.yml declares, in its order. A test keeps the two lists equal. */
const INPUT_NAMES = [
    'mode',
    'role-name',
    'policy-file',
    'policy-name',
    'trust-policy-file',
    'sub-account',
    'sub-account-policies',
    'all-users-policies',
    'max-session-duration',
    'exclusive',
    'adopt',
    'ignore-policies',
    'fail-on-drift',
    'fail-on-findings',
    'access-key-id',
    'access-key-secret',
    'security-token',
    'oidc-provider-arn',
    'oidc-role-arn',
    'oidc-audience',
    'role-chaining',
    'ecs-ram-role',
    'ecs-metadata-endpoint',
    'reconciler-role-arn',
    'allowed-account-ids',
    'sub-account-access-key-id',
    'sub-account-access-key-secret',
    'role-session-name',
    'duration-seconds',
    'session-policy-file',
    'external-id',
    'region',
    'ram-endpoint',
    'sts-endpoint',
    'export-env',
    'aliyun-profile',
    'retry-max-attempts',
    'timeout-seconds',
    'github-token',
    'pr-comment',
    'drift-issue',
    'drift-issue-label',
];
/** The environment variables some inputs fall back to, and those that name the run. */
const ENV_NAMES = [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    'ALIBABA_CLOUD_SECURITY_TOKEN',
    // Set by an earlier run of this action beside the credentials it exported (credentials/variables.ts).
    'RAM_IDENTITY_CREDENTIALS',
    'GITHUB_RUN_ID',
    'GITHUB_RUN_ATTEMPT',
];
/**
 * Reads every declared input through `get` (on GitHub, @actions/core's getInput; in the CLI,
 * the flags) and the environment variables that matter, and nothing else.
 */
function readInputs(get, env, workspace) {
    const values = Object.fromEntries(INPUT_NAMES.map((name) => [name, get(name).trim()]));
    const picked = Object.fromEntries(ENV_NAMES.filter((name) => env[name] !== undefined).map((name) => [name, env[name].trim()]));
    return { values, env: picked, workspace };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./lib/src/credentials/variables.js
/**
 * The environment variables the credentials are handed over as, named as their consumers read
 * them, and the mark that lets a later run of this action recognise them.
 */

/** Env names per value: each consumer reads its own. */
const CREDENTIAL_ENV_NAMES = {
    // Alibaba's SDKs and CLI; the older CLIs; the Terraform provider; ossutil.
    accessKeyId: [
        'ALIBABA_CLOUD_ACCESS_KEY_ID',
        'ALIBABACLOUD_ACCESS_KEY_ID',
        'ALICLOUD_ACCESS_KEY',
        'OSS_ACCESS_KEY_ID',
    ],
    accessKeySecret: [
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        'ALIBABACLOUD_ACCESS_KEY_SECRET',
        'ALICLOUD_SECRET_KEY',
        'OSS_ACCESS_KEY_SECRET',
    ],
    securityToken: [
        'ALIBABA_CLOUD_SECURITY_TOKEN',
        'ALIBABACLOUD_SECURITY_TOKEN',
        'ALICLOUD_SECURITY_TOKEN',
        'OSS_SESSION_TOKEN',
    ],
    // ossutil 2 signs with V4, which needs the region.
    region: ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION', 'OSS_REGION'],
};
/** Where the mark goes: a fingerprint of the exported AccessKey id, never the id itself. */
const EXPORT_MARK = 'RAM_IDENTITY_CREDENTIALS';
/** Every variable the credentials are exported as, with its value, the mark last. */
function credentialVariables(session, region) {
    const values = { ...session.credentials, region };
    const named = Object.entries(CREDENTIAL_ENV_NAMES).flatMap(([key, names]) => names.map((name) => [name, values[key]]));
    return [...named, [EXPORT_MARK, fingerprint(session.credentials.accessKeyId)]];
}
/** True when `accessKeyId` is the one whose fingerprint an earlier run exported as `mark`. */
function exportedBy(accessKeyId, mark) {
    return !!accessKeyId && !!mark && fingerprint(accessKeyId) === mark;
}
/** A short fingerprint of an AccessKey id: enough to recognise it, and not the id itself. */
function fingerprint(accessKeyId) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(accessKeyId).digest('hex').slice(0, 16)}`;
}

;// CONCATENATED MODULE: ./lib/src/inputs/fields.js
/** RAM's name rules, as its API documents them. */
const NAME_RULES = {
    role: { pattern: /^[A-Za-z0-9.-]{1,64}$/, text: '1-64 characters of A-Z a-z 0-9 . -' },
    user: { pattern: /^[A-Za-z0-9._-]{1,64}$/, text: '1-64 characters of A-Z a-z 0-9 . _ -' },
    policy: { pattern: /^[A-Za-z0-9-]{1,128}$/, text: '1-128 characters of A-Z a-z 0-9 -' },
    session: { pattern: /^[A-Za-z0-9.@_-]{2,64}$/, text: '2-64 characters of A-Z a-z 0-9 . @ - _' },
};
/** Collects the problems of one validation pass, and parses fields into typed values. */
class Fields {
    values;
    problems = [];
    constructor(values) {
        this.values = values;
    }
    /** The raw (trimmed) value; '' when not given. */
    raw(name) {
        return this.values[name];
    }
    /** Records a problem with an input. */
    problem(input, message, at = {}) {
        this.problems.push({ input, message, ...at });
    }
    /** A whole number within [min, max]; `fallback` when not given or invalid. */
    integer(name, fallback, min, max) {
        const raw = this.raw(name);
        if (!raw)
            return fallback;
        const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < min || n > max) {
            this.problem(name, `must be a whole number from ${min} to ${max}, not "${raw}"`);
            return fallback;
        }
        return n;
    }
    /** `true` or `false`, in any case; `fallback` when not given. */
    boolean(name, fallback) {
        const raw = this.raw(name).toLowerCase();
        if (!raw)
            return fallback;
        if (raw === 'true')
            return true;
        if (raw === 'false')
            return false;
        this.problem(name, `must be true or false, not "${this.raw(name)}"`);
        return fallback;
    }
    /** One of `allowed`; the first one when not given. */
    choice(name, allowed) {
        const raw = this.raw(name) || allowed[0];
        if (allowed.includes(raw))
            return raw;
        this.problem(name, `must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not "${raw}"`);
        return allowed[0];
    }
    /** A name that must follow one of RAM's rules; '' when not given (or invalid). */
    name(name, rule, extra) {
        const raw = this.raw(name);
        if (!raw)
            return '';
        const problem = NAME_RULES[rule].pattern.test(raw) ? extra?.(raw) : `must be ${NAME_RULES[rule].text}`;
        if (problem)
            this.problem(name, problem);
        return problem ? '' : raw;
    }
    /** Policies separated by commas or newlines, each `[System:|Custom:]name` (default System). */
    policyRefs(name) {
        return this.raw(name)
            .split(/[\s,]+/)
            .filter(Boolean)
            .flatMap((item) => {
            const m = /^(?:(system|custom):)?(.*)$/i.exec(item);
            const type = m[1]?.toLowerCase() === 'custom' ? 'Custom' : 'System';
            if (!NAME_RULES.policy.pattern.test(m[2])) {
                this.problem(name, `"${item}" is not a policy name: [System:|Custom:]name, name ${NAME_RULES.policy.text}`);
                return [];
            }
            return [{ type, name: m[2] }];
        });
    }
}

;// CONCATENATED MODULE: ./lib/src/inputs/credentials.js
/**
 * How the run signs in, decided from the inputs alone: AccessKey inputs, GitHub OIDC, the ECS
 * instance role, or the environment. Inputs, when given, replace the environment completely;
 * credentials an earlier run of this action exported are used only when the workflow says so
 * (`role-chaining: true`), so a second run never quietly signs in as the first run's role.
 */


const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/;
/** A role ARN, the form STS accepts in AssumeRole and AssumeRoleWithOIDC. */
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.-]{1,64}$/;
/** The ways to sign in, as a sentence for the error that finds none (or the wrong one). */
const WAYS = 'access-key-id and access-key-secret, oidc-provider-arn and oidc-role-arn, ecs-ram-role, or role-chaining: true';
/** The sign-in the inputs ask for; exactly one of keys, OIDC and the ECS instance role. */
function signInSource(fields, env) {
    const oidc = readOidc(fields);
    const ecs = readEcs(fields);
    const keyInputs = ['access-key-id', 'access-key-secret', 'security-token'];
    const keysGiven = keyInputs.some((name) => fields.raw(name));
    const chaining = fields.boolean('role-chaining', false);
    const given = [
        keysGiven && 'access-key-id',
        oidc && 'oidc-role-arn',
        ecs && 'ecs-ram-role',
        chaining && 'role-chaining',
    ].filter((name) => !!name);
    if (given.length > 1) {
        for (const name of given.slice(1))
            fields.problem(name, `conflicts with ${given[0]}: sign in one way (${WAYS.replace(', or role-chaining: true', '')})`);
        return {};
    }
    if (oidc)
        return { oidc };
    if (ecs)
        return { ecs };
    if (keysGiven) {
        // Given as inputs, the keys replace the environment completely: an empty security-token
        // input means no token, never the one an earlier step exported.
        const [id, secret] = [fields.raw('access-key-id'), fields.raw('access-key-secret')];
        if (!id && !secret) {
            fields.problem('security-token', 'is set without an AccessKey pair');
            return {};
        }
        const credentials = keyPair(fields, id, secret, fields.raw('security-token'));
        return credentials ? { credentials, credentialsSource: 'inputs' } : {};
    }
    return fromEnvironment(fields, env, chaining);
}
/** The sub-account's keys, when both halves are given. */
function subAccountKeys(fields) {
    const id = fields.raw('sub-account-access-key-id');
    const secret = fields.raw('sub-account-access-key-secret');
    if (!id && !secret)
        return undefined;
    return keyPair(fields, id, secret, '', ['sub-account-access-key-id', 'sub-account-access-key-secret']);
}
function fromEnvironment(fields, env, chaining) {
    const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '';
    const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '';
    if (!id && !secret) {
        if (chaining)
            fields.problem('role-chaining', 'is true, but no earlier run of this action exported credentials in this job');
        else
            fields.problem('access-key-id', `is required: sign in with ${WAYS} (or set env ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET)`);
        return {};
    }
    const chained = exportedBy(id, env.RAM_IDENTITY_CREDENTIALS);
    if (chained && !chaining) {
        fields.problem('role-chaining', 'the environment holds the role credentials an earlier run of this action exported; set role-chaining: true ' +
            `to sign in as that role, or sign in with ${WAYS.replace(', or role-chaining: true', '')}`);
        return {};
    }
    if (!chained && chaining) {
        fields.problem('role-chaining', 'is true, but the credentials in the environment were not exported by this action');
        return {};
    }
    const credentials = keyPair(fields, id, secret, env.ALIBABA_CLOUD_SECURITY_TOKEN ?? '', undefined, [
        'env ALIBABA_CLOUD_ACCESS_KEY_ID',
        'env ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    ]);
    return credentials ? { credentials, credentialsSource: chained ? 'chained' : 'env' } : {};
}
function readOidc(fields) {
    const providerArn = fields.raw('oidc-provider-arn');
    const roleArn = fields.raw('oidc-role-arn');
    if (!providerArn && !roleArn)
        return undefined;
    if (!OIDC_PROVIDER_ARN.test(providerArn)) {
        fields.problem('oidc-provider-arn', `must look like acs:ram::<account-id>:oidc-provider/<name>${providerArn ? '' : ' (oidc-role-arn is set)'}`);
    }
    if (!ROLE_ARN.test(roleArn)) {
        fields.problem('oidc-role-arn', `must look like acs:ram::<account-id>:role/<name>${roleArn ? '' : ' (oidc-provider-arn is set)'}`);
    }
    const audience = fields.raw('oidc-audience') || 'sts.aliyuncs.com';
    if (/\s/.test(audience))
        fields.problem('oidc-audience', 'must not contain whitespace');
    return { providerArn, roleArn, audience };
}
function readEcs(fields) {
    const role = fields.raw('ecs-ram-role');
    if (!role)
        return undefined;
    if (role !== 'auto' && !NAME_RULES.role.pattern.test(role))
        fields.problem('ecs-ram-role', `must be the instance role name (${NAME_RULES.role.text}) or auto`);
    const endpoint = (fields.raw('ecs-metadata-endpoint') || 'http://100.100.100.200').replace(/\/$/, '');
    const problem = metadataEndpointProblem(endpoint);
    if (problem)
        fields.problem('ecs-metadata-endpoint', problem);
    return { role, endpoint };
}
/** The metadata service is plain http on a link-local address by design; a path or credentials are not. */
function metadataEndpointProblem(value) {
    try {
        const url = new URL(value);
        if (url.protocol !== 'http:')
            return 'must be an http:// URL: the metadata service speaks plain http';
        if (url.username || url.password)
            return 'must not hold credentials';
        if (url.pathname !== '/' || url.search || url.hash)
            return 'must have no path, query or fragment';
        return undefined;
    }
    catch {
        return 'must be an http(s) URL such as http://100.100.100.200';
    }
}
function keyPair(fields, id, secret, token, names = ['access-key-id', 'access-key-secret'], labels = names) {
    if (!id)
        fields.problem(names[0], `${labels[0]} is missing while ${labels[1]} is set: give both halves of the key pair`);
    if (!secret)
        fields.problem(names[1], `${labels[1]} is missing while ${labels[0]} is set: give both halves of the key pair`);
    if (!id || !secret)
        return undefined;
    return { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined };
}

;// CONCATENATED MODULE: ./lib/src/inputs/json-source.js
/**
 * A strict JSON reader that says where a document is broken.
 *
 * JSON.parse reports positions differently on every Node version (and not at all for some
 * errors), and silently keeps the last of two duplicate keys. A policy file is short, so a
 * small recursive-descent reader gives exact line/column annotations and rejects duplicates.
 */
/** Parses `text` as strict JSON (RFC 8259, no duplicate keys, no trailing commas). */
function parseJson(text) {
    const reader = new Reader(text);
    try {
        reader.skipWhitespace();
        const value = reader.value('');
        reader.skipWhitespace();
        if (reader.pos < text.length)
            reader.fail('unexpected content after the JSON value');
        return { ok: true, value, lines: reader.lines };
    }
    catch (e) {
        if (e instanceof ReaderError)
            return { ok: false, error: locate(text, e.pos, e.message) };
        throw e;
    }
}
class ReaderError extends Error {
    pos;
    constructor(message, pos) {
        super(message);
        this.pos = pos;
    }
}
function locate(text, pos, message) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < pos && i < text.length; i++) {
        if (text[i] === '\n') {
            line++;
            lineStart = i + 1;
        }
    }
    return { message, line, column: pos - lineStart + 1 };
}
const ESCAPES = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
};
const MAX_DEPTH = 64;
class Reader {
    text;
    pos = 0;
    lines = new Map();
    depth = 0;
    line = 1;
    lineCountedTo = 0;
    constructor(text) {
        this.text = text;
    }
    /** The 1-based line of the current position (counted incrementally: positions only grow). */
    currentLine() {
        for (; this.lineCountedTo < this.pos; this.lineCountedTo++)
            if (this.text[this.lineCountedTo] === '\n')
                this.line++;
        return this.line;
    }
    fail(message, at = this.pos) {
        throw new ReaderError(message, at);
    }
    skipWhitespace() {
        while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]))
            this.pos++;
    }
    value(path) {
        const ch = this.text[this.pos];
        if (ch === undefined)
            this.fail('unexpected end of input: a value was expected');
        if (path)
            this.lines.set(path, this.currentLine());
        if (ch === '{')
            return this.nested(() => this.object(path));
        if (ch === '[')
            return this.nested(() => this.array(path));
        if (ch === '"')
            return this.string();
        if (ch === '-' || (ch >= '0' && ch <= '9'))
            return this.number();
        for (const [word, value] of [
            ['true', true],
            ['false', false],
            ['null', null],
        ]) {
            if (this.text.startsWith(word, this.pos)) {
                this.pos += word.length;
                return value;
            }
        }
        return this.fail(`unexpected character ${JSON.stringify(ch)}: a value was expected`);
    }
    nested(read) {
        if (++this.depth > MAX_DEPTH)
            this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
        const value = read();
        this.depth--;
        return value;
    }
    object(path) {
        const result = {};
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === '}') {
            this.pos++;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            if (this.text[this.pos] !== '"')
                this.fail('a property name in double quotes was expected');
            const keyAt = this.pos;
            const key = this.string();
            if (Object.hasOwn(result, key))
                this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
            this.skipWhitespace();
            if (this.text[this.pos] !== ':')
                this.fail("':' was expected after a property name");
            this.pos++;
            this.skipWhitespace();
            // defineProperty: a "__proto__" key stays a key instead of replacing the prototype.
            Object.defineProperty(result, key, {
                value: this.value(path ? `${path}.${key}` : key),
                enumerable: true,
                writable: true,
                configurable: true,
            });
            this.skipWhitespace();
            const next = this.text[this.pos];
            this.pos++;
            if (next === '}')
                return result;
            if (next !== ',')
                this.fail("',' or '}' was expected", this.pos - 1);
            this.skipWhitespace();
            if (this.text[this.pos] === '}')
                this.fail('trailing comma before }', this.pos);
        }
    }
    array(path) {
        const result = [];
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === ']') {
            this.pos++;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            result.push(this.value(`${path}[${result.length}]`));
            this.skipWhitespace();
            const next = this.text[this.pos];
            this.pos++;
            if (next === ']')
                return result;
            if (next !== ',')
                this.fail("',' or ']' was expected", this.pos - 1);
            this.skipWhitespace();
            if (this.text[this.pos] === ']')
                this.fail('trailing comma before ]', this.pos);
        }
    }
    string() {
        const start = this.pos;
        this.pos++;
        let out = '';
        for (;;) {
            const ch = this.text[this.pos];
            if (ch === undefined)
                this.fail('unterminated string', start);
            if (ch === '"') {
                this.pos++;
                return out;
            }
            if (ch < ' ')
                this.fail('control character in a string: escape it');
            if (ch === '\\') {
                const esc = this.text[this.pos + 1];
                if (esc === 'u') {
                    const hex = this.text.slice(this.pos + 2, this.pos + 6);
                    if (!/^[0-9a-fA-F]{4}$/.test(hex))
                        this.fail('bad \\u escape');
                    out += String.fromCharCode(Number.parseInt(hex, 16));
                    this.pos += 6;
                    continue;
                }
                const decoded = esc === undefined ? undefined : ESCAPES[esc];
                if (decoded === undefined)
                    this.fail('bad escape sequence');
                out += decoded;
                this.pos += 2;
                continue;
            }
            out += ch;
            this.pos++;
        }
    }
    number() {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
        if (!match)
            this.fail('malformed number');
        this.pos += match[0].length;
        return Number(match[0]);
    }
}

;// CONCATENATED MODULE: ./lib/src/inputs/policy-files.js
/**
 * Policy documents from the workspace: a file that must lie inside it (symlinks resolved
 * before the check), be a small regular file, parse as strict JSON (positions for the
 * annotation) and follow RAM's grammar, all before any API call.
 */




const MAX_FILE_BYTES = 64 * 1024;
/**
 * Reads the policy file an input names, checked against `kind`'s grammar and RAM's length
 * limit; undefined when the input is empty or the file has problems (recorded in `fields`).
 */
function readPolicyFile(fields, name, workspace, kind, maxLength) {
    const raw = fields.raw(name);
    if (!raw)
        return undefined;
    const result = readWorkspaceJson(workspace, raw);
    if ('problem' in result) {
        fields.problem(name, result.problem, result.at);
        return undefined;
    }
    const issues = policyProblems(result.value, kind);
    for (const issue of issues)
        fields.problem(name, `${issue} (in ${result.path})`, { file: result.path });
    if (issues.length > 0)
        return undefined;
    const text = JSON.stringify(result.value);
    if (text.length > maxLength) {
        fields.problem(name, `is ${text.length} characters as compact JSON; RAM accepts at most ${maxLength}`, {
            file: result.path,
        });
        return undefined;
    }
    return { path: result.path, document: result.value, text, lines: result.lines };
}
/** Reads a JSON file that must lie inside the workspace (symlinks resolved before the check). */
function readWorkspaceJson(workspace, raw) {
    let root;
    try {
        root = (0,external_node_fs_namespaceObject.realpathSync)(workspace);
    }
    catch {
        return { problem: `the workspace ${workspace} does not exist` };
    }
    const full = (0,external_node_path_namespaceObject.resolve)(root, raw);
    let real;
    try {
        real = (0,external_node_fs_namespaceObject.realpathSync)(full);
    }
    catch {
        return { problem: `file "${raw}" does not exist in the workspace` };
    }
    const rel = (0,external_node_path_namespaceObject.relative)(root, real);
    if (rel === '' || rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel)) {
        return { problem: `"${raw}" is outside the workspace; give a path inside ${root}` };
    }
    const stat = (0,external_node_fs_namespaceObject.statSync)(real);
    if (stat.isDirectory())
        return { problem: `"${raw}" is a directory, not a JSON file` };
    // A FIFO or device would block or never end: only regular files are read.
    if (!stat.isFile())
        return { problem: `"${raw}" is not a regular file` };
    let text;
    try {
        text = readSmallFile(real);
    }
    catch (e) {
        const code = e.code;
        if (code === 'TOO_LARGE')
            return { problem: `"${raw}" is larger than ${MAX_FILE_BYTES} bytes` };
        return { problem: `"${raw}" cannot be read (${code ?? 'error'})` };
    }
    const parsed = parseJson(text.replace(/^\uFEFF/, ''));
    if (!parsed.ok) {
        const { line, column, message } = parsed.error;
        return {
            problem: `${rel}:${line}:${column}: invalid JSON: ${message}`,
            at: { file: rel, line, column },
        };
    }
    return { path: rel, value: parsed.value, lines: parsed.lines };
}
function readSmallFile(path) {
    const fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r');
    try {
        if ((0,external_node_fs_namespaceObject.fstatSync)(fd).size > MAX_FILE_BYTES)
            throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' });
        const buf = Buffer.alloc(MAX_FILE_BYTES + 1);
        const n = (0,external_node_fs_namespaceObject.readSync)(fd, buf, 0, buf.length, 0);
        if (n > MAX_FILE_BYTES)
            throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' });
        return buf.subarray(0, n).toString('utf8');
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./lib/src/inputs/validate.js




const MODES = ['apply', 'check', 'assume'];
const FINDING_LEVELS = ['error', 'warning', 'never'];
/**
 * The longest trust policy accepted here. RAM's own limit is not published (2,048 and 4,096
 * both appear); the larger is taken, and RAM has the last word.
 */
const MAX_TRUST_LENGTH = 4096;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const PROFILE = /^[A-Za-z0-9._-]{1,64}$/;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** GitHub's label names: at most 50 characters. A comma would split the issue list's label filter. */
const LABEL = /^[^,\p{Cc}]{1,50}$/u;
/** `<role-name>-<suffix>` with every character a policy name cannot hold turned into '-'. */
function derivedPolicyName(roleName, suffix) {
    return `${roleName}-${suffix}`.replace(/[^A-Za-z0-9-]/g, '-');
}
/** Validates every input, reporting all problems at once. */
function validateInputs(raw) {
    const f = new Fields(raw.values);
    const mode = f.choice('mode', MODES);
    const roleName = f.name('role-name', 'role');
    if (!f.raw('role-name'))
        f.problem('role-name', 'is required');
    // Not given: an existing role keeps its value (the guards compare against it), a new one gets 3600.
    const maxSessionDuration = f.raw('max-session-duration')
        ? f.integer('max-session-duration', 3600, 3600, 43200)
        : undefined;
    const durationSeconds = f.integer('duration-seconds', 3600, 900, 43200);
    if (mode !== 'assume' && maxSessionDuration !== undefined && durationSeconds > maxSessionDuration) {
        f.problem('duration-seconds', `is ${durationSeconds}, above the role's max-session-duration ${maxSessionDuration}`);
    }
    const policyFile = readPolicyFile(f, 'policy-file', raw.workspace, 'permission', MAX_POLICY_LENGTH);
    const policyName = f.name('policy-name', 'policy') || (roleName ? derivedPolicyName(roleName, 'policy') : '');
    if (f.raw('policy-name') && !f.raw('policy-file'))
        f.problem('policy-name', 'is set but policy-file is not');
    const trustPolicy = readPolicyFile(f, 'trust-policy-file', raw.workspace, 'trust', MAX_TRUST_LENGTH);
    const subAccountName = f.name('sub-account', 'user', (name) => name.startsWith('-') ? 'must not start with -' : undefined);
    const subAccountPolicies = f.policyRefs('sub-account-policies');
    if (subAccountPolicies.length > 0 && !f.raw('sub-account'))
        f.problem('sub-account-policies', 'is set but sub-account is not');
    const assumePolicyName = derivedPolicyName(roleName, 'assume');
    if (subAccountName && policyFile && policyName.toLowerCase() === assumePolicyName.toLowerCase()) {
        f.problem('policy-name', `is ${policyName}, the name of the sub-account's assume policy: the two documents would overwrite each other; choose another name`);
    }
    const signIn = signInSource(f, raw.env);
    const reconcilerRoleArn = f.raw('reconciler-role-arn') || undefined;
    if (reconcilerRoleArn && !ROLE_ARN.test(reconcilerRoleArn))
        f.problem('reconciler-role-arn', 'must look like acs:ram::<account-id>:role/<name>');
    const allowedAccountIds = f
        .raw('allowed-account-ids')
        .split(/[\s,]+/)
        .filter(Boolean);
    for (const id of allowedAccountIds)
        if (!/^\d{1,32}$/.test(id))
            f.problem('allowed-account-ids', `"${id}" is not an account id (digits only)`);
    const profile = f.raw('aliyun-profile') || undefined;
    if (profile && !PROFILE.test(profile))
        f.problem('aliyun-profile', 'must be a profile name of 1-64 characters of A-Z a-z 0-9 . _ -');
    const subAccountCredentials = subAccountKeys(f);
    if (subAccountCredentials && !f.raw('sub-account') && mode !== 'assume') {
        f.problem('sub-account-access-key-id', 'is set but sub-account is not');
    }
    const sessionName = f.name('role-session-name', 'session') || (f.raw('role-session-name') ? '' : defaultSessionName(raw.env));
    const externalId = f.raw('external-id') || undefined;
    if (externalId && !EXTERNAL_ID.test(externalId)) {
        f.problem('external-id', 'must be 2-1224 characters of letters, digits and _ + = , . @ : / -');
    }
    const sessionPolicy = readPolicyFile(f, 'session-policy-file', raw.workspace, 'session', MAX_SESSION_POLICY_LENGTH);
    const region = f.raw('region') || 'cn-hangzhou';
    if (!REGION.test(region))
        f.problem('region', `must look like cn-hangzhou, not "${region}"`);
    const endpoint = (name, fallback) => {
        const value = f.raw(name) || fallback;
        const problem = endpointProblem(value);
        if (problem)
            f.problem(name, problem);
        return value.replace(/\/$/, '');
    };
    const inputs = {
        mode,
        roleName,
        policy: policyFile ? { name: policyName, file: policyFile } : undefined,
        subAccount: subAccountName
            ? { name: subAccountName, assumePolicyName, policies: subAccountPolicies }
            : undefined,
        trustPolicy,
        allUsersPolicies: f.policyRefs('all-users-policies'),
        maxSessionDuration,
        exclusive: f.boolean('exclusive', false),
        adopt: f.boolean('adopt', false),
        ignorePolicies: f.policyRefs('ignore-policies'),
        failOnDrift: f.boolean('fail-on-drift', true),
        failOnFindings: f.choice('fail-on-findings', FINDING_LEVELS),
        ...signIn,
        reconcilerRoleArn,
        allowedAccountIds,
        profile,
        subAccountCredentials,
        session: { name: sessionName, durationSeconds, policy: sessionPolicy, externalId },
        region,
        ramEndpoint: endpoint('ram-endpoint', 'https://ram.aliyuncs.com'),
        stsEndpoint: endpoint('sts-endpoint', `https://sts.${region}.aliyuncs.com`),
        exportEnv: f.boolean('export-env', true),
        retryMaxAttempts: f.integer('retry-max-attempts', 6, 1, 20),
        timeoutSeconds: f.integer('timeout-seconds', 120, 5, 3600),
        review: reviewInputs(f),
    };
    return f.problems.length > 0 ? { ok: false, problems: f.problems } : { ok: true, inputs };
}
/**
 * What is wrong with an endpoint, if anything. Credentials travel to it, so it must be a plain
 * origin (no path, no user:password@, which would end up in logs), and plain http only to this
 * machine (the emulator), never across a network.
 */
function endpointProblem(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return 'must be an http(s) URL such as https://ram.aliyuncs.com';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return `must be an https:// URL, not ${url.protocol}//`;
    if (url.username || url.password)
        return 'must not hold credentials (user:password@): give keys as inputs';
    if (url.pathname !== '/' || url.search || url.hash || /[?#]$/.test(value))
        return `must have no path, query or fragment, only scheme://host[:port]`;
    if (url.protocol === 'http:' && !isLoopback(url.hostname))
        return `plain http:// is allowed only to this machine (127.0.0.1, ::1, localhost); use https://${url.host}`;
    return undefined;
}
function isLoopback(host) {
    return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
/** The GitHub token and what to post with it. The token is only carried: GitHub judges it. */
function reviewInputs(f) {
    const driftIssueLabel = f.raw('drift-issue-label') || 'ram-drift';
    if (!LABEL.test(driftIssueLabel))
        f.problem('drift-issue-label', 'must be a label name of 1-50 characters without commas or line breaks');
    return {
        githubToken: f.raw('github-token'),
        prComment: f.boolean('pr-comment', true),
        driftIssue: f.boolean('drift-issue', false),
        driftIssueLabel,
    };
}
/** `github-<run id>-<attempt>`: the run that minted the credentials, in RAM's audit trail. */
function defaultSessionName(env) {
    const run = env.GITHUB_RUN_ID;
    return run ? `github-${run}-${env.GITHUB_RUN_ATTEMPT || '1'}` : 'github-action';
}

;// CONCATENATED MODULE: ./lib/src/cli/args.js
/**
 * The CLI's command line: a command and flags that mirror the action's inputs. Anything it
 * does not know is an error, so a typo fails before any call instead of being ignored.
 */

/** Each command and the mode it runs. */
const COMMANDS = {
    plan: 'check',
    check: 'check',
    apply: 'apply',
    assume: 'assume',
};
/** Flags that are switches: given alone they mean true (`--flag=false` also works). */
const SWITCHES = new Set([
    'exclusive',
    'adopt',
    'role-chaining',
    'fail-on-drift',
    'export-env',
    'json',
    'env',
    'verbose',
    'help',
]);
/** Flags of the CLI itself, beside the action's inputs. */
const CLI_FLAGS = new Set(['json', 'env', 'verbose', 'help', 'workspace', 'oidc-token-file']);
/**
 * Inputs that make no sense as flags: the command is the mode, and the CLI posts nothing to
 * GitHub, so the comment and issue inputs belong to the GitHub step alone.
 */
const NOT_FLAGS = new Set(['mode']);
const ACTION_ONLY = new Set(['github-token', 'pr-comment', 'drift-issue', 'drift-issue-label']);
/** Parses argv (without node and the script); `error` says what is wrong, `help` asks for usage. */
function parseArgs(argv) {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help')
        return { usage: true };
    if (!command)
        return { error: 'a command is required' };
    if (!Object.hasOwn(COMMANDS, command))
        return { error: `unknown command "${command}"` };
    const flags = new Map();
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === '-h') {
            flags.set('help', 'true');
            continue;
        }
        if (!arg.startsWith('--') || arg === '--')
            return { error: `unexpected argument "${arg}"` };
        const eq = arg.indexOf('=');
        const name = arg.slice(2, eq > 0 ? eq : undefined);
        if (ACTION_ONLY.has(name))
            return { error: `--${name} is an input of the GitHub step only: the CLI posts nothing to GitHub` };
        const known = CLI_FLAGS.has(name) || (INPUT_NAMES.includes(name) && !NOT_FLAGS.has(name));
        if (!known)
            return { error: `unknown flag --${name}` };
        if (flags.has(name))
            return { error: `--${name} is given twice` };
        let value;
        if (eq > 0)
            value = arg.slice(eq + 1);
        else if (SWITCHES.has(name))
            value = 'true';
        else {
            const next = rest[i + 1];
            if (next === undefined || next.startsWith('--'))
                return { error: `--${name} needs a value` };
            value = next;
            i++;
        }
        if (SWITCHES.has(name) && !/^(true|false)$/i.test(value))
            return { error: `--${name} is true or false, not "${value}"` };
        flags.set(name, value);
    }
    const on = (name) => flags.get(name)?.toLowerCase() === 'true';
    const inputs = new Map();
    for (const [name, value] of flags)
        if (!CLI_FLAGS.has(name))
            inputs.set(name, value);
    inputs.set('mode', COMMANDS[command]);
    if (on('env') && on('json'))
        return { error: '--env and --json each own stdout: give one of them' };
    return {
        command: command,
        inputs,
        json: on('json'),
        env: on('env'),
        verbose: on('verbose'),
        help: on('help'),
        workspace: flags.get('workspace'),
        oidcTokenFile: flags.get('oidc-token-file'),
    };
}
/** The usage text: all commands, or one command's. */
function usage(command) {
    const head = {
        plan: 'plan     show what apply would change; writes nothing (exit 0)',
        check: 'check    drift check: exit 2 when RAM differs from the flags, 0 when not',
        apply: 'apply    reconcile RAM, then assume the role (exit 0, or 1 on error)',
        assume: 'assume   only assume the role; no RAM call',
    };
    const commands = command ? [head[command]] : Object.values(head);
    const inputs = INPUT_NAMES.filter((n) => !NOT_FLAGS.has(n) && !ACTION_ONLY.has(n))
        .map((n) => `--${n}${SWITCHES.has(n) ? '' : ' VALUE'}`)
        .join(' ');
    return `Usage: ram-identity ${command ?? '<plan|check|apply|assume>'} [flags]

  ${commands.join('\n  ')}

Flags mirror the action's inputs (see its README):
${wrap(inputs, 78, '  ')}
Keys come from --access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET.

  --workspace DIR         policy files must lie under DIR (default: the current directory)
  --oidc-token-file PATH  the OIDC token to exchange, outside GitHub (or ALIBABA_CLOUD_OIDC_TOKEN_FILE)
  --json                  print one JSON document on stdout (complete plan, outputs, errors)
  --env                   assume/apply: print 'export NAME=value' lines for eval (secrets included)
  --verbose               also log debug lines (retries) to stderr
  -h, --help              this text

stdout carries only the result; progress and errors go to stderr.
Exit codes: 0 success, 1 error (nothing called when the flags are wrong), 2 drift (check).
`;
}
function wrap(text, width, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line && line.length + word.length + 1 > width) {
            lines.push(indent + line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(indent + line);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/src/cli/render.js
/**
 * The CLI's rendering of a run: a human summary, one complete JSON document, or shell export
 * lines. Only the result goes to stdout; everything else goes to stderr.
 */


/** The exit code of a run: 1 for any failure, 2 for drift found by `check`, else 0. */
function exitCode(command, result) {
    if (result.failure || result.failedUsers.length > 0)
        return 1;
    return command === 'check' && drifted(result) ? 2 : 0;
}
/** Everything the run produced as one JSON value: the whole plan, never cut. */
function jsonDocument(command, result, code) {
    const session = result.session;
    return {
        command,
        exitCode: code,
        mode: result.mode,
        'account-id': result.accountId ?? null,
        'role-arn': result.roleArn ?? null,
        drift: drifted(result),
        changes: result.changes.length,
        plan: result.changes.map(planEntry),
        'failed-users': result.failedUsers,
        findings: result.findings,
        'unmanaged-policies': result.unmanaged,
        refusals: result.refusals,
        'assumed-role-arn': session?.arn ?? null,
        expiration: session?.expiration ?? null,
        'access-key-id': session?.credentials.accessKeyId ?? null,
        'access-key-secret': session?.credentials.accessKeySecret ?? null,
        'security-token': session?.credentials.securityToken ?? null,
        errors: errorsOf(result),
    };
}
/** The JSON document for inputs that did not validate. */
function problemsDocument(command, problems) {
    return { command, exitCode: 1, errors: problems.map((p) => `${p.input}: ${p.message}`) };
}
/** `export NAME='value'` lines for the session's variables, for `eval`. */
function exportLines(result, inputs) {
    if (!result.session)
        return '';
    return credentialVariables(result.session, inputs.region)
        .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
        .join('');
}
/** The human rendering for stdout: the plan and the outcome, never a secret. */
function humanSummary(parsed, result) {
    const lines = [];
    const n = result.changes.length;
    for (const f of result.findings)
        lines.push(`${f.severity}: ${f.rule}: ${f.message} (${f.subject}${f.file ? `, ${f.file}${f.line ? `:${f.line}` : ''}` : ''})`);
    for (const r of result.refusals)
        lines.push(`refused: ${r.message} [${r.inputs.join(', ')}]`);
    if (result.mode === 'check') {
        for (const change of result.changes) {
            lines.push(changeLine(change));
            for (const line of diffLines(change))
                lines.push(`    ${line}`);
        }
        for (const u of result.unmanaged)
            lines.push(`! unmanaged: ${describeUnmanaged(u)}`);
        if (!result.failure) {
            // `plan` describes what apply would do; `check` judges RAM against the flags.
            const extra = result.unmanaged.length > 0 ? `, ${result.unmanaged.length} unmanaged attachment(s)` : '';
            if (parsed.command === 'plan')
                lines.push(n === 0 ? `no changes${extra}` : `${n} change(s) planned${extra}`);
            else
                lines.push(drifted(result) ? `drift: ${n} change(s) needed${extra}` : 'no drift');
        }
    }
    else if (result.mode === 'apply' && !result.failure) {
        lines.push(n === 0 ? 'RAM already matched; no changes' : `${n} change(s) applied`);
    }
    for (const f of result.failedUsers)
        lines.push(`not granted: ${f.policy} to user ${f.user}: ${f.error}`);
    if (result.session) {
        lines.push(`credentials for ${result.session.arn} until ${result.session.expiration} (use --env or --json to print them)`);
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
function errorsOf(result) {
    const errors = result.failure ? [result.failure.message] : [];
    for (const f of result.failedUsers)
        errors.push(`could not grant ${f.policy} to user ${f.user}: ${f.error}`);
    return errors;
}
function shellQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./lib/src/cli/main.js
/**
 * `ram-identity plan | check | apply | assume`: the action's engine outside GitHub Actions.
 * Flags are the action's inputs; stdout carries only the result, so `eval "$(ram-identity
 * assume ... --env)"` and `--json` pipelines work; progress and errors go to stderr.
 */











const processTerminal = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
};
/** Runs the CLI and returns its exit code. Reads `env`; never changes it. */
async function main(argv, env = process.env, term = processTerminal) {
    const parsed = parseArgs(argv);
    if ('usage' in parsed) {
        term.stdout(usage());
        return 0;
    }
    if ('error' in parsed) {
        term.stderr(`error: ${parsed.error}\n\n${usage()}`);
        return 1;
    }
    if (parsed.help) {
        term.stdout(usage(parsed.command));
        return 0;
    }
    const raw = readInputs((name) => parsed.inputs.get(name) ?? '', env, parsed.workspace ?? process.cwd());
    const validated = validateInputs(raw);
    if (!validated.ok) {
        for (const p of validated.problems)
            term.stderr(`error: ${p.input}: ${p.message}\n`);
        if (parsed.json)
            term.stdout(`${JSON.stringify(problemsDocument(parsed.command, validated.problems), null, 2)}\n`);
        return 1;
    }
    const inputs = validated.inputs;
    const log = {
        info: (line) => term.stderr(`${line}\n`),
        group: (title, lines) => term.stderr(`${title}:\n${lines.map((l) => `${l}\n`).join('')}`),
        debug: (line) => parsed.verbose && term.stderr(`debug: ${line}\n`),
        warning: (line) => term.stderr(`warning: ${line}\n`),
        mask: () => { },
    };
    const deadline = runDeadline(inputs);
    const cloud = aliyunCloud(inputs, deadline, (action, error, attempt, wait) => log.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${wait} ms)`));
    const idToken = async (audience) => {
        const file = parsed.oidcTokenFile ?? env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
        if (file)
            return (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8').trim();
        if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) {
            throw new oidc/* NoIdTokenError */.U('no OIDC token: pass --oidc-token-file (or set ALIBABA_CLOUD_OIDC_TOKEN_FILE)');
        }
        const { githubIdToken } = await Promise.all(/* import() */[__nccwpck_require__.e(421), __nccwpck_require__.e(515)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6515));
        return githubIdToken(audience);
    };
    const result = await runEngine(inputs, { cloud, idToken, instanceRole: instanceRoleCredentials, log }, deadline);
    let code = exitCode(parsed.command, result);
    if (result.failure)
        term.stderr(`error: ${result.failure.message}\n`);
    if (result.session && inputs.profile) {
        // The one sink besides stdout: a profile the user asked for, under their own home.
        try {
            const written = writeProfile(env.HOME || (0,external_node_os_namespaceObject.homedir)(), inputs.profile, result.session, inputs.region);
            term.stderr(`wrote the aliyun CLI profile ${written.name} to ${written.path}\n`);
        }
        catch (err) {
            if (!(err instanceof ProfileError))
                throw err;
            term.stderr(`error: aliyun-profile: ${err.message}\n`);
            code = 1;
        }
    }
    if (parsed.json)
        term.stdout(`${JSON.stringify(jsonDocument(parsed.command, result, code), null, 2)}\n`);
    else if (parsed.env)
        term.stdout(exportLines(result, inputs));
    else
        term.stdout(humanSummary(parsed, result));
    return code;
}


/***/ }),

/***/ 52:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ isTransportFailure),
/* harmony export */   K2: () => (/* binding */ CloudError),
/* harmony export */   OU: () => (/* binding */ isNetworkCode),
/* harmony export */   c4: () => (/* binding */ isNotFound)
/* harmony export */ });
/**
 * A failed call to RAM or STS, in one safe shape: built only from the response's Code, Message
 * and RequestId (or the transport's error code), never from the request, so it can be printed
 * as is. The adapter (aliyun/) makes them; the engine and the hints read them.
 */
class CloudError extends Error {
    service;
    action;
    code;
    detail;
    requestId;
    status;
    name = 'CloudError';
    constructor(service, action, code, detail, requestId, 
    /** The HTTP status, when there was an answer. */
    status) {
        super(`${code}: ${detail}${requestId ? ` (RequestId ${requestId})` : ''}`);
        this.service = service;
        this.action = action;
        this.code = code;
        this.detail = detail;
        this.requestId = requestId;
        this.status = status;
    }
}
/** True when the error says the named entity does not exist (any EntityNotExist.* code). */
function isNotFound(e, what) {
    if (!(e instanceof CloudError))
        return false;
    return what ? e.code === `EntityNotExist.${what}` : e.code.startsWith('EntityNotExist');
}
/** Connection-level failures, from Node's sockets and DNS. */
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_SOCKET',
]);
/** True for a code that says the connection failed, as opposed to the service answering. */
function isNetworkCode(code) {
    return NETWORK_CODES.has(code);
}
/** True when no answer came back at all: the request may or may not have been carried out. */
function isTransportFailure(e) {
    return e.code === 'RequestTimeout' || isNetworkCode(e.code) || e.code.startsWith('UND_ERR');
}


/***/ }),

/***/ 7979:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   PM: () => (/* binding */ step),
/* harmony export */   g4: () => (/* binding */ checkAccount),
/* harmony export */   nL: () => (/* binding */ RunProblem),
/* harmony export */   pH: () => (/* binding */ StepFailure)
/* harmony export */ });
/* harmony import */ var _cloud_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(52);
/* harmony import */ var _hints_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4072);
/**
 * How the engine stops: a failed step becomes a `Failure` that names the step, the call and
 * the likely cause, and the run returns it in its result instead of throwing it.
 */


/** A failure worded for the person reading the log; the engine turns it into `RunResult.failure`. */
class StepFailure extends Error {
    failure;
    constructor(failure) {
        super(failure.message);
        this.failure = failure;
    }
}
/** Raised inside a step for a problem that is not a cloud error but stops the run all the same. */
class RunProblem extends Error {
}
/** Runs one step; a cloud error or a RunProblem becomes a StepFailure naming the step. */
async function step(name, work) {
    try {
        return await work();
    }
    catch (err) {
        if (err instanceof StepFailure)
            throw err;
        if (err instanceof _cloud_error_js__WEBPACK_IMPORTED_MODULE_0__/* .CloudError */ .K2) {
            const hint = (0,_hints_js__WEBPACK_IMPORTED_MODULE_1__/* .explain */ .WE)(err);
            throw new StepFailure({
                step: name,
                message: `${name} failed: ${err.service.toUpperCase()} ${err.action}: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
            });
        }
        if (err instanceof RunProblem)
            throw new StepFailure({ step: name, message: `${name} failed: ${err.message}` });
        throw err;
    }
}
/** Stops the run when the caller's account is not one `allowed-account-ids` names. */
function checkAccount(inputs, accountId) {
    if (inputs.allowedAccountIds.length === 0 || inputs.allowedAccountIds.includes(accountId))
        return;
    throw new StepFailure({
        step: 'Checking the account',
        message: `Checking the account failed: the signed-in identity is in account ${accountId}, which allowed-account-ids does not list (${inputs.allowedAccountIds.join(', ')}); nothing was changed or assumed`,
    });
}


/***/ }),

/***/ 4364:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ NoIdTokenError),
/* harmony export */   W: () => (/* binding */ signInWithOidc)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8500);
/* harmony import */ var _cloud_error_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(52);
/* harmony import */ var _hints_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4072);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(4887);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7979);
/**
 * Signing in without a long-lived key: the job's GitHub ID token is exchanged with STS
 * AssumeRoleWithOIDC for a session of `oidc-role-arn`, which then reconciles and assumes.
 */





/** The source has no token to give, and retrying cannot change that (no `id-token: write`). */
class NoIdTokenError extends Error {
}
/** Exchanges the job's ID token for the session credentials of `oidc-role-arn`. */
async function signInWithOidc(inputs, exchange, idToken, log) {
    const oidc = inputs.oidc;
    const token = await fetchToken(idToken, oidc.audience, log);
    log.mask(token);
    const claims = readClaims(token);
    log.info(`GitHub ID token: sub=${claims.sub ?? '?'} aud=${[claims.aud ?? '?'].flat().join(',')}`);
    try {
        const session = await exchange.assumeRoleWithOidc({
            providerArn: oidc.providerArn,
            roleArn: oidc.roleArn,
            token,
            sessionName: inputs.session.name,
            durationSeconds: 3600,
        });
        const { credentials } = session;
        (0,_model_js__WEBPACK_IMPORTED_MODULE_4__/* .maskCredentials */ .Bs)(log, credentials);
        log.info(`Signed in with OIDC as ${session.assumedRoleArn}.`);
        return credentials;
    }
    catch (err) {
        if (!(err instanceof _cloud_error_js__WEBPACK_IMPORTED_MODULE_1__/* .CloudError */ .K2))
            throw err;
        throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .RunProblem */ .nL(`AssumeRoleWithOIDC of ${oidc.roleArn} failed: ${err.message}. Likely cause: ${(0,_hints_js__WEBPACK_IMPORTED_MODULE_2__/* .oidcHint */ .nD)(err, claims, oidc)}`);
    }
}
/** The ID token, with a few retries: the token endpoint has transient failures of its own. */
async function fetchToken(idToken, audience, log) {
    for (let attempt = 1;; attempt++) {
        try {
            return await idToken(audience);
        }
        catch (err) {
            if (err instanceof NoIdTokenError)
                throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .RunProblem */ .nL(err.message);
            if (attempt >= 3) {
                throw new _failure_js__WEBPACK_IMPORTED_MODULE_3__/* .RunProblem */ .nL(`could not get a GitHub ID token after ${attempt} attempts: ${err.message}`);
            }
            log.debug(`getIDToken failed (attempt ${attempt}); retrying`);
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(500 * 2 ** attempt);
        }
    }
}
/** The token's claims, read without verifying (STS verifies); only for messages. */
function readClaims(token) {
    try {
        const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        const text = (v) => (typeof v === 'string' ? v : undefined);
        const aud = Array.isArray(claims.aud)
            ? claims.aud.filter((a) => typeof a === 'string')
            : text(claims.aud);
        return { sub: text(claims.sub), aud, iss: text(claims.iss) };
    }
    catch {
        return {};
    }
}


/***/ }),

/***/ 4072:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   WE: () => (/* binding */ explain),
/* harmony export */   ej: () => (/* binding */ assumeHint),
/* harmony export */   nD: () => (/* binding */ oidcHint)
/* harmony export */ });
/* harmony import */ var _cloud_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(52);
/**
 * The likely cause of a cloud error, in one sentence for the person reading the log. Every
 * hint the action gives lives here, so they stay consistent and are tested as one table.
 */

/** The most likely cause of any cloud error; '' when the code says it all. */
function explain(e) {
    const code = e.code;
    if (code === 'NoPermission' || code.startsWith('Forbidden')) {
        return `the identity lacks ${e.service}:${e.action}; the README lists the RAM permissions the reconciling identity needs`;
    }
    if (code.startsWith('InvalidAccessKeyId'))
        return 'the AccessKey id is unknown or disabled';
    if (code === 'SignatureDoesNotMatch')
        return 'the AccessKey secret does not belong to the AccessKey id';
    if (code.startsWith('InvalidSecurityToken') || code === 'MissingSecurityToken') {
        return 'the security token is missing, expired or belongs to another AccessKey';
    }
    if (code === 'InvalidTimeStamp.Expired')
        return "the runner's clock is more than 15 minutes off";
    if (code.includes('Throttling')) {
        return 'still throttled after all retries: raise timeout-seconds, or run fewer jobs at once';
    }
    if ((0,_cloud_error_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransportFailure */ .IL)(e)) {
        return `the ${e.service.toUpperCase()} endpoint could not be reached: check ${e.service}-endpoint, the network and any proxy`;
    }
    if (code === 'InvalidResponse' || /^HTTP5\d\d$/.test(code)) {
        return `the ${e.service.toUpperCase()} endpoint answered with something that is not the service (a proxy or gateway?)`;
    }
    if (code.startsWith('EntityNotExist.')) {
        return `RAM says the ${code.slice('EntityNotExist.'.length).toLowerCase().replace('.', ' ')} does not exist`;
    }
    if (code === 'LimitExceeded.Policy.Version')
        return 'the policy already has 5 versions';
    return '';
}
/** A sentence on what most likely went wrong when AssumeRole is refused. */
function assumeHint(error, caller, roleArn) {
    if (caller.identityType === 'Account') {
        return 'the caller is the account root, which STS never lets assume a role: use a RAM user (or sub-account keys)';
    }
    if (error.code === 'EntityNotExist.Role')
        return `the role ${roleArn} does not exist (yet): run with mode apply first`;
    if (error.code === 'NoPermission') {
        return (`${caller.arn} may not assume ${roleArn}: it needs sts:AssumeRole on the role ` +
            '(e.g. through the <role-name>-assume policy or AliyunSTSAssumeRoleAccess), and the role trust policy must name its account');
    }
    if (error.code.startsWith('InvalidAccessKeyId') || error.code === 'SignatureDoesNotMatch') {
        return 'the AccessKey pair used for AssumeRole is wrong or disabled';
    }
    return explain(error);
}
/** A sentence on why STS refused to exchange the job's ID token. */
function oidcHint(err, claims, oidc) {
    const aud = [claims.aud ?? '?'].flat().join(',');
    if (err.code.endsWith('AudienceNotMatch')) {
        return `the token's audience ${oidc.audience} is not a client id of ${oidc.providerArn}: set oidc-audience to one of them`;
    }
    if (err.code.endsWith('Expired'))
        return 'the ID token expired before STS saw it; re-run the job';
    if (err.code.endsWith('IssuerNotMatch')) {
        return `the OIDC provider's issuer URL is not ${claims.iss ?? 'the token issuer'} (https://token.actions.githubusercontent.com)`;
    }
    if (err.code === 'AuthenticationFail.NoPermission' || err.code === 'NoPermission') {
        return `the trust policy of ${oidc.roleArn} does not accept this token (sub=${claims.sub ?? '?'}, aud=${aud}), or ${oidc.providerArn} does not exist`;
    }
    if (err.code === 'EntityNotExist.Role')
        return `${oidc.roleArn} does not exist`;
    return explain(err) || 'see the code above';
}


/***/ }),

/***/ 4887:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ maskCredentials),
/* harmony export */   s4: () => (/* binding */ policyKey),
/* harmony export */   t7: () => (/* binding */ newRunResult)
/* harmony export */ });
/**
 * The domain: what RAM looks like, what the workflow wants, the changes between the two, and
 * what one run produced. Everything else imports from here; this module imports nothing, so the
 * planner, the renderers and the tests never depend on how the cloud is called.
 */
/** The key RAM itself uses for a policy: type plus case-insensitive name. */
function policyKey(p) {
    return `${p.type}:${p.name.toLowerCase()}`;
}
/** A run's result before it has learnt anything: what the engine starts from. */
function newRunResult(mode) {
    return { mode, changes: [], applied: false, failedUsers: [], findings: [], unmanaged: [], refusals: [] };
}
/** Masks every part of a key or session, the id included: it names whose access leaked. */
function maskCredentials(log, credentials) {
    for (const part of [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken]) {
        if (part)
            log.mask(part);
    }
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(8723);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
