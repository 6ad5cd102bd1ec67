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

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

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

/***/ 8476:
/***/ ((__webpack_module__, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ parseArgs),
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6769);
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(68);
/**
 * The same engine outside GitHub Actions: `ram-identity plan | apply | check | assume`, with a
 * flag per action input. Only the edges differ from the action: inputs come from flags and the
 * environment, outputs go to the terminal (or one JSON document), and the exit code separates
 * success (0), error (1) and drift (2, check).
 */



const COMMANDS = { plan: 'check', check: 'check', apply: 'apply', assume: 'assume' };
const USAGE = `Usage: ram-identity <plan|apply|check|assume> [flags]

  plan     show what apply would change (exit 0)
  check    drift check: exit 2 when RAM differs from the flags, 0 when not
  apply    reconcile RAM, then assume the role
  assume   only assume the role

Flags mirror the action's inputs, e.g. --role-name NAME --policy-file PATH --sub-account NAME
--sub-account-policies LIST --all-users-policies LIST --max-session-duration N --exclusive
--duration-seconds N --role-session-name NAME --region ID --ram-endpoint URL --sts-endpoint URL
--oidc-provider-arn ARN --oidc-role-arn ARN --oidc-audience AUD --oidc-token-file PATH
Keys come from --access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET.
Policy files must lie under --workspace (default: the current directory).

  --json      print one JSON document (outputs, plan, errors) on stdout; logs go to stderr
  --env       with assume/apply: print 'export NAME=value' lines for eval (secrets included)
  --verbose   print debug lines (retries) to stderr
`;
/** Parses argv into the command and a map of input name -> value. */
function parseArgs(argv) {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h')
        return { error: USAGE };
    if (!(command in COMMANDS))
        return { error: `unknown command "${command}"\n\n${USAGE}` };
    const flags = new Map();
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (!arg.startsWith('--'))
            return { error: `unexpected argument "${arg}"` };
        const eq = arg.indexOf('=');
        const name = arg.slice(2, eq > 0 ? eq : undefined);
        const next = rest[i + 1];
        const value = eq > 0 ? arg.slice(eq + 1) : next !== undefined && !next.startsWith('--') ? rest[++i] : 'true';
        flags.set(name, value);
    }
    return { command: command, flags };
}
/** Runs the CLI and returns its exit code. */
async function main(argv, env = process.env) {
    const parsed = parseArgs(argv);
    if ('error' in parsed) {
        process.stderr.write(`${parsed.error}\n`);
        return 1;
    }
    const { command, flags } = parsed;
    const json = flags.get('json') === 'true';
    const printEnv = flags.get('env') === 'true';
    const verbose = flags.get('verbose') === 'true';
    const outputs = {};
    const exported = {};
    const errors = [];
    let failed = false;
    const log = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);
    const inputs = new Map(flags);
    inputs.set('mode', COMMANDS[command]);
    // The CLI decides the exit code for drift itself.
    if (COMMANDS[command] === 'check')
        inputs.set('fail-on-drift', 'false');
    if (flags.has('workspace'))
        env.GITHUB_WORKSPACE = flags.get('workspace');
    const io = {
        getInput: (name) => (inputs.get(name) ?? '').trim(),
        setOutput: (name, value) => {
            outputs[name] = value;
        },
        exportVariable: (name, value) => {
            exported[name] = value;
        },
        setSecret: () => { },
        info: log,
        debug: (message) => {
            if (verbose)
                process.stderr.write(`debug: ${message}\n`);
        },
        notice: (message) => log(`note: ${message}`),
        error: (message) => {
            errors.push(message);
            process.stderr.write(`error: ${message}\n`);
        },
        setFailed: (message) => {
            failed = true;
            errors.push(message);
            process.stderr.write(`error: ${message}\n`);
        },
        appendSummary: () => { },
        getIDToken: async (audience) => {
            const file = flags.get('oidc-token-file') ?? env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
            return file ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8').trim() : (0,_workflow_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .getIDToken */ .V9)(audience);
        },
    };
    await (0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)(io);
    const drift = outputs.drift === 'true';
    const code = failed ? 1 : command === 'check' && drift ? 2 : 0;
    if (json) {
        const document = {
            command,
            exitCode: code,
            ...outputs,
            plan: outputs.plan ? JSON.parse(outputs.plan) : [],
            'failed-users': outputs['failed-users'] ? JSON.parse(outputs['failed-users']) : [],
            errors,
        };
        process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    }
    else if (printEnv && outputs['access-key-id']) {
        for (const [name, value] of Object.entries(exported))
            process.stdout.write(`export ${name}=${shellQuote(value)}\n`);
    }
    else if (!failed) {
        if (command === 'check')
            log(drift ? `drift: ${outputs.changes} change(s) needed` : 'no drift');
        if (outputs['access-key-id']) {
            log(`credentials for ${outputs['assumed-role-arn']} until ${outputs.expiration} (use --env or --json to print them)`);
        }
    }
    return code;
}
function shellQuote(value) {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
process.exitCode = await main(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6769:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

;// CONCATENATED MODULE: ./lib/src/aliyun/errors.js
/**
 * Cloud errors in one safe shape: built from the response's Code, Message and RequestId (or
 * the socket error's code) only, never from a request, so it can be printed as is.
 */
/** A failed call to RAM or STS, printable as `Code: Message (RequestId ...)`. */
class CloudError extends Error {
    service;
    action;
    code;
    detail;
    requestId;
    status;
    name = 'CloudError';
    constructor(service, action, code, detail, requestId, status) {
        super(`${code}: ${detail}${requestId ? ` (RequestId ${requestId})` : ''}`);
        this.service = service;
        this.action = action;
        this.code = code;
        this.detail = detail;
        this.requestId = requestId;
        this.status = status;
    }
}
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
/** The answer of a call: its JSON on success, a CloudError built from Code/Message/RequestId otherwise. */
function fromReply(reply, service, action) {
    let json;
    try {
        json = JSON.parse(reply.body);
    }
    catch {
        // An HTML page from a proxy or load balancer, or a truncated body.
        throw new CloudError(service, action, 'InvalidResponse', `HTTP ${reply.status} with a body that is not JSON`, undefined, reply.status);
    }
    const requestId = typeof json.RequestId === 'string' ? json.RequestId : undefined;
    if (typeof json.Code === 'string' && !SUCCESS_CODES.has(json.Code)) {
        throw new CloudError(service, action, json.Code, safeMessage(json.Code, json.Message), requestId, reply.status);
    }
    // Unlike pop-core, the HTTP status counts too: an error status without a Code is still an error.
    if (reply.status >= 400) {
        throw new CloudError(service, action, `HTTP${reply.status}`, `HTTP ${reply.status} without an error code`, requestId, reply.status);
    }
    return json;
}
const SUCCESS_CODES = new Set(['200', 'OK', 'Success', 'success']);
/** Turns a failure below HTTP (a reset, a refused connection, a timeout) into a CloudError. */
function toCloudError(err, service, action) {
    if (err instanceof CloudError)
        return err;
    const code = err?.code;
    if (code === 'RequestTimeout')
        return new CloudError(service, action, 'RequestTimeout', 'no answer within the request timeout');
    if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) {
        return new CloudError(service, action, code, 'the connection failed');
    }
    return new CloudError(service, action, 'UnknownError', 'the request failed for an unknown reason');
}
/**
 * The service's Message, minus the part that can echo request parameters: on
 * SignatureDoesNotMatch RAM appends its string-to-sign, which contains the SecurityToken.
 */
function safeMessage(code, message) {
    const text = typeof message === 'string' ? message : '';
    const cut = text.indexOf('server string to sign is');
    const kept = cut >= 0 ? `${text.slice(0, cut).trim()} (is the AccessKey secret right?)` : text;
    return kept.slice(0, 500) || code;
}
/**
 * True for errors another attempt can cure: throttling, server-side faults, dropped
 * connections, timeouts and garbled bodies. Validation, signature and permission errors are
 * final, so a bad configuration fails in seconds.
 */
function isTransient(e) {
    return (e.code.includes('Throttling') ||
        e.code === 'ServiceUnavailable' ||
        e.code === 'InternalError' ||
        e.code === 'SignatureNonceUsed' ||
        e.code === 'RequestTimeout' ||
        e.code === 'InvalidResponse' ||
        NETWORK_CODES.has(e.code) ||
        (e.status !== undefined && e.status >= 500));
}
/** True when the service refused the request before doing anything (throttling). */
function wasRejected(e) {
    return e.code.includes('Throttling') || e.code === 'SignatureNonceUsed';
}
/** True when the error says the named entity does not exist (any EntityNotExist.* code). */
function isNotFound(e, what) {
    if (!(e instanceof CloudError))
        return false;
    return what ? e.code === `EntityNotExist.${what}` : e.code.startsWith('EntityNotExist');
}

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./lib/src/apply.js


/**
 * Performs the changes in order. The identity's own changes stop at the first error; the
 * all-users grants are independent of each other, run concurrently, and a failure is recorded
 * for its user while the rest go on.
 */
async function apply(changes, ram, options) {
    const sleep = options.sleep ?? promises_namespaceObject.setTimeout;
    const now = options.now ?? Date.now;
    let createdSomething = false;
    let conflicts = 0;
    // RAM is eventually consistent: an attach right after the create of its user, role or
    // policy can be told the entity does not exist. Only then is waiting worth it.
    const perform = async (change) => {
        const until = now() + options.propagationMs;
        for (let delay = 500;; delay = Math.min(delay * 2, 4000)) {
            try {
                const outcome = await write(change, ram);
                if (outcome === 'existed')
                    conflicts++;
                if (outcome)
                    createdSomething = true;
                return;
            }
            catch (err) {
                if (!(err instanceof CloudError) || !createdSomething || !isNotFound(err) || now() + delay > until)
                    throw err;
                options.onWait?.(change, err, delay);
                await sleep(delay);
            }
        }
    };
    const grants = changes.filter((c) => c.kind === 'attach-policy' && c.allUsers);
    const isGrant = new Set(grants);
    for (const change of changes) {
        if (isGrant.has(change))
            continue;
        options.onChange?.(change);
        await perform(change);
    }
    const failedUsers = [];
    await pool(grants, options.concurrency, async (change) => {
        if (change.kind !== 'attach-policy')
            return;
        options.onChange?.(change);
        try {
            await perform(change);
        }
        catch (err) {
            if (!(err instanceof CloudError))
                throw err;
            failedUsers.push({ user: change.principal.name, policy: change.policy.name, error: err.message });
        }
    });
    return { failedUsers, conflicts };
}
async function write(change, ram) {
    switch (change.kind) {
        case 'create-user':
            return ram.createUser({ name: change.user, comments: change.comments });
        case 'create-role':
            return ram.createRole({
                name: change.role,
                trustPolicy: change.trustPolicy,
                description: change.description,
                maxSessionDuration: change.maxSessionDuration,
            });
        case 'update-role':
            return void (await ram.updateRole(change.role, {
                trustPolicy: change.trustPolicy,
                maxSessionDuration: change.maxSessionDuration,
            }));
        case 'create-policy':
            return ram.createPolicy({
                name: change.policy,
                document: change.document,
                description: change.description,
            });
        case 'delete-policy-version':
            return void (await ram.deletePolicyVersion(change.policy, change.versionId));
        case 'create-policy-version':
            return void (await ram.createPolicyVersion(change.policy, change.document));
        case 'attach-policy':
            return void (await ram.attachPolicy(change.principal, change.policy));
        case 'detach-policy':
            return void (await ram.detachPolicy(change.principal, change.policy));
    }
}
async function pool(items, size, work) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

;// CONCATENATED MODULE: ./lib/src/assume.js


// RAM is eventually consistent: for some seconds after a role, its trust policy or a grant
// changes, STS can still answer as if the change had not happened.
const PROPAGATION_CODES = new Set(['NoPermission', 'EntityNotExist.Role', 'AuthenticationFail.NoPermission']);
/** Calls AssumeRole; if this run just changed RAM, waits out propagation within a bounded window. */
async function assumeRole(sts, request, propagation) {
    const sleep = propagation.sleep ?? promises_namespaceObject.setTimeout;
    const now = propagation.now ?? Date.now;
    const until = now() + propagation.windowMs;
    for (let delay = 1000;; delay = Math.min(delay * 2, 8000)) {
        try {
            return await sts.assumeRole(request);
        }
        catch (err) {
            const waitable = err instanceof CloudError && propagation.changed && PROPAGATION_CODES.has(err.code);
            if (!waitable || now() + delay > until)
                throw err;
            propagation.onWait?.(err, delay);
            await sleep(delay);
        }
    }
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
    return '';
}

;// CONCATENATED MODULE: ./lib/src/aliyun/limiter.js
class AdaptiveLimiter {
    options;
    window;
    inFlight = 0;
    waiting = [];
    completedSinceCut = Number.POSITIVE_INFINITY;
    /** The largest number of requests that were ever in flight at once. */
    peak = 0;
    constructor(options) {
        this.options = options;
        this.window = options.initial;
    }
    /** The current window, in requests. */
    get limit() {
        return Math.max(this.options.min, Math.floor(this.window));
    }
    /** Waits for a free slot. Every acquire must be followed by exactly one release. */
    async acquire() {
        if (this.inFlight < this.limit && this.waiting.length === 0)
            return this.take();
        // The releasing caller hands its slot over (see release), so nothing is counted here.
        await new Promise((resolve) => this.waiting.push(resolve));
    }
    release(outcome) {
        this.inFlight--;
        this.completedSinceCut++;
        if (outcome === 'ok') {
            this.window = Math.min(this.options.max, this.window + 1 / this.window);
        }
        else if (outcome === 'throttled' && this.completedSinceCut >= this.limit) {
            this.window = Math.max(this.options.min, this.window * 0.7);
            this.completedSinceCut = 0;
        }
        while (this.waiting.length > 0 && this.inFlight < this.limit) {
            this.take();
            this.waiting.shift()();
        }
    }
    take() {
        this.inFlight++;
        this.peak = Math.max(this.peak, this.inFlight);
    }
}

;// CONCATENATED MODULE: ./lib/src/policy-document.js
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
 * A canonical JSON form for comparison: keys sorted, single values turned into one-element
 * arrays where the grammar allows either, those arrays sorted and de-duplicated, and
 * statements sorted. Two documents that grant the same thing this way compare equal.
 */
function canonicalPolicy(doc) {
    if (!isObject(doc))
        return JSON.stringify(sortKeys(doc));
    const statements = Array.isArray(doc.Statement)
        ? doc.Statement
        : doc.Statement === undefined
            ? []
            : [doc.Statement];
    const canonical = {
        ...doc,
        Statement: statements.map(canonicalStatement).sort(),
    };
    return JSON.stringify(sortKeys(canonical));
}
function canonicalStatement(s) {
    if (!isObject(s))
        return JSON.stringify(sortKeys(s));
    const out = { ...s };
    delete out.Sid;
    for (const key of LIST_KEYS)
        if (key in out)
            out[key] = asSet(out[key]);
    if (isObject(out.Principal))
        out.Principal = mapValues(out.Principal, asSet);
    if (isObject(out.Condition)) {
        out.Condition = mapValues(out.Condition, (clause) => isObject(clause) ? mapValues(clause, asSet) : clause);
    }
    return JSON.stringify(sortKeys(out));
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
function asSet(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return [...new Set(value)].sort();
    return value;
}
function mapValues(obj, f) {
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (!isObject(value))
        return value;
    return Object.fromEntries(Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]));
}
function isStringOrStrings(v) {
    return ((typeof v === 'string' && v.length > 0) ||
        (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0)));
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

;// CONCATENATED MODULE: ./lib/src/aliyun/ram.js



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
            };
        },
        async getUser(name) {
            const res = await orUndefined(rpc.call('GetUser', { UserName: name }), 'User');
            return res ? { name: str(obj(res.User).UserName) } : undefined;
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
function ramWriter(rpc, sleep = promises_namespaceObject.setTimeout) {
    const reader = ramReader(rpc);
    // After a lost answer the new version may exist but not be visible yet (RAM is eventually
    // consistent): look a few times, over about eight seconds, before creating it again.
    const becomesDefault = async (name, document) => {
        for (const wait of [0, 500, 1000, 2000, 4000]) {
            await sleep(wait);
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
            });
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
                    if (!(err instanceof CloudError) || !isTransient(err) || attempt >= 3)
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
        if (isNotFound(err, entity))
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
        if (err instanceof CloudError && codes.includes(err.code))
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

;// CONCATENATED MODULE: ./lib/src/aliyun/http.js
/** A request that got no answer within its timeout. */
class RequestTimeoutError extends Error {
    code = 'RequestTimeout';
}
/**
 * POSTs a form body and reads the whole reply. `node:https` is loaded only for https
 * endpoints, and the timeout covers connecting and reading alike: a request never hangs.
 */
async function postForm(url, body, options) {
    const { request } = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4708, 19)) : await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 7067, 19));
    const requestOptions = {
        method: 'POST',
        agent: options.agent,
        headers: {
            ...options.headers,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(Buffer.byteLength(body)),
        },
    };
    return new Promise((resolve, reject) => {
        const req = request(url, requestOptions, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        const timer = setTimeout(() => req.destroy(new RequestTimeoutError(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
        req.on('close', () => clearTimeout(timer));
        req.on('error', reject);
        req.end(body);
    });
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

;// CONCATENATED MODULE: ./lib/src/aliyun/signature.js
/**
 * Alibaba Cloud RPC signature V1 (HMAC-SHA1), as RAM's "Signature mechanism" documents it and
 * as @alicloud/pop-core computes it: the official test vector and pop-core's own output are tests.
 */
// Loaded on first use, not at import: a run that stops at its inputs never signs, and loading
// node:crypto is 3 to 5 ms of such a run.
const signature_crypto = () => process.getBuiltinModule('node:crypto');
/** RFC 3986 percent-encoding: encodeURIComponent plus ! ' ( ) *. */
function percentEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** The sorted, encoded `name=value&...` string of all parameters but Signature. */
function canonicalQuery(params) {
    return Object.keys(params)
        .filter((name) => name !== 'Signature')
        .sort()
        .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
        .join('&');
}
/** The signature of `params` sent with `method`, keyed by the AccessKey secret. */
function signatureV1(method, params, secret) {
    const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
    return signature_crypto().createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}
/**
 * The complete, signed form body of one RPC call. Without a key the request goes unsigned
 * (AssumeRoleWithOIDC authenticates with its token instead).
 */
function signedBody(action, version, params, key, now = new Date(), nonce = signature_crypto().randomBytes(16).toString('hex')) {
    const all = {
        Action: action,
        Format: 'JSON',
        Version: version,
        Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ...params,
    };
    if (key?.accessKeyId) {
        Object.assign(all, {
            AccessKeyId: key.accessKeyId,
            SignatureMethod: 'HMAC-SHA1',
            SignatureVersion: '1.0',
            SignatureNonce: nonce,
            ...(key.securityToken ? { SecurityToken: key.securityToken } : {}),
        });
        all.Signature = signatureV1('POST', all, key.accessKeySecret);
    }
    const { Signature, ...rest } = all;
    return canonicalQuery(rest) + (Signature ? `&Signature=${percentEncode(Signature)}` : '');
}

;// CONCATENATED MODULE: ./lib/src/aliyun/rpc.js





const API_VERSIONS = { ram: '2015-05-01', sts: '2015-04-01' };
/** Creates a client that POSTs signed requests and retries transient failures with jittered backoff. */
function createRpc(options) {
    const { service, credentials, retry } = options;
    const sleep = options.sleep ?? promises_namespaceObject.setTimeout;
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    const url = new URL(`${options.endpoint}/`);
    // The headers Alibaba's SDKs send, so the service sees the same kind of client.
    const headers = {
        'user-agent': `AlibabaCloud (${process.platform}; ${process.arch}) Node.js/${process.version} ram-identity-action`,
        'x-acs-version': API_VERSIONS[service],
    };
    let agent;
    // Keep-alive: a run makes several calls to each endpoint. A proxy, if any, tunnels them all.
    const connection = async () => {
        const proxy = proxyFor(options.endpoint, options.env ?? process.env);
        if (proxy)
            return proxyAgent(proxy);
        // Loaded on first use: a run that fails on its inputs never pays for the HTTP stack.
        const { Agent } = url.protocol === 'https:' ? await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4708, 19)) : await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 7067, 19));
        return new Agent({ keepAlive: true });
    };
    async function attempt(action, params) {
        agent ??= connection();
        await options.limiter?.acquire();
        let outcome = 'failed';
        try {
            // Signed once a slot is free, so the Timestamp is fresh. No key: an unsigned call
            // (AssumeRoleWithOIDC), the token being the credential.
            const body = signedBody(action, API_VERSIONS[service], params, credentials.accessKeyId ? credentials : undefined);
            // POST, always: parameters (the SecurityToken among them) stay out of URLs and logs, and a
            // 6,144-character policy does not fit a GET.
            const reply = await postForm(url, body, {
                timeoutMs: retry.requestTimeoutMs,
                agent: await agent,
                headers: { ...headers, 'x-acs-action': action },
            });
            const response = fromReply(reply, service, action);
            outcome = 'ok';
            return response;
        }
        catch (err) {
            const e = toCloudError(err, service, action);
            if (wasRejected(e))
                outcome = 'throttled';
            throw e;
        }
        finally {
            options.limiter?.release(outcome);
        }
    }
    return {
        service,
        async call(action, params = {}, callOptions = {}) {
            const retryable = callOptions.retry === 'unexecuted' ? wasRejected : isTransient;
            // An unset parameter is left out, never sent as "undefined".
            const defined = Object.fromEntries(Object.entries(params)
                .filter(([, v]) => v !== undefined && v !== null)
                .map(([k, v]) => [k, String(v)]));
            for (let n = 1;; n++) {
                try {
                    return await attempt(action, defined);
                }
                catch (err) {
                    const e = err;
                    // Throttling says "slower", not "wrong": the shared window already slows down, so a
                    // throttled call gets three times the attempts before the deadline decides.
                    const attempts = wasRejected(e) ? retry.maxAttempts * 3 : retry.maxAttempts;
                    if (!retryable(e) || n >= attempts)
                        throw e;
                    // Full jitter spreads parallel matrix jobs apart instead of retrying in lockstep.
                    const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1));
                    const delay = Math.round(random() * cap);
                    if (now() + delay >= retry.deadline)
                        throw e;
                    options.onRetry?.(action, e, n, delay);
                    await sleep(delay);
                }
            }
        },
    };
}

;// CONCATENATED MODULE: ./lib/src/aliyun/sts.js
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
            return assumed(res);
        },
        async assumeRoleWithOidc(request) {
            const res = await rpc.call('AssumeRoleWithOIDC', {
                OIDCProviderArn: request.providerArn,
                RoleArn: request.roleArn,
                OIDCToken: request.token,
                RoleSessionName: request.sessionName,
                DurationSeconds: request.durationSeconds,
            });
            return assumed(res);
        },
    };
}
function assumed(res) {
    const c = (res.Credentials ?? {});
    const user = (res.AssumedRoleUser ?? {});
    return {
        credentials: {
            accessKeyId: String(c.AccessKeyId ?? ''),
            accessKeySecret: String(c.AccessKeySecret ?? ''),
            securityToken: String(c.SecurityToken ?? ''),
        },
        expiration: String(c.Expiration ?? ''),
        assumedRoleArn: String(user.Arn ?? ''),
        assumedRoleId: String(user.AssumedRoleId ?? ''),
    };
}

;// CONCATENATED MODULE: ./lib/src/cloud.js




/** Per-request timeout: the SDKs' usual 3 s is too short for CI runners, and none at all hangs. */
const REQUEST_TIMEOUT_MS = 15_000;
/** One deadline for the whole run's retrying, from timeout-seconds. */
function retryPolicy(inputs) {
    return {
        maxAttempts: inputs.retryMaxAttempts,
        deadline: Date.now() + inputs.timeoutSeconds * 1000,
        requestTimeoutMs: Math.min(REQUEST_TIMEOUT_MS, inputs.timeoutSeconds * 1000),
        baseDelayMs: 250,
        maxDelayMs: 8000,
    };
}
/** STS as `credentials`; with empty credentials, calls go unsigned (AssumeRoleWithOIDC). */
function stsAs(inputs, credentials, retry, onRetry) {
    return sts(createRpc({ service: 'sts', endpoint: inputs.stsEndpoint, credentials, retry, onRetry }));
}
/** Connects to RAM and STS as the reconciling identity (and the sub-account, if its keys are given). */
function connect(inputs, credentials, retry, onRetry) {
    // One window for all RAM calls of the run: the rate limit is the account's, not per call.
    const limiter = new AdaptiveLimiter({ initial: 8, min: 1, max: 32 });
    const ramRpc = createRpc({
        service: 'ram',
        endpoint: inputs.ramEndpoint,
        credentials,
        retry,
        limiter,
        onRetry,
    });
    const reconciler = stsAs(inputs, credentials, retry, onRetry);
    return {
        ram: ramReader(ramRpc),
        sts: reconciler,
        assumer: inputs.subAccountCredentials
            ? stsAs(inputs, inputs.subAccountCredentials, retry, onRetry)
            : reconciler,
        writer: inputs.mode === 'apply' ? ramWriter(ramRpc) : undefined,
    };
}

;// CONCATENATED MODULE: ./lib/src/credentials.js
/** Env names per credential: Alibaba's SDKs and CLI, the Terraform provider, and ossutil. */
const ENV_NAMES = {
    accessKeyId: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'OSS_ACCESS_KEY_ID'],
    accessKeySecret: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY', 'OSS_ACCESS_KEY_SECRET'],
    securityToken: ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN', 'OSS_SESSION_TOKEN'],
    region: ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'],
};
/**
 * Masks the three secret values, then (and only then) sets the outputs and, if asked, the env.
 * Each value is masked on its own: the runner's masker does not reliably find parts of
 * structured values.
 */
function exportCredentials(sink, assumed, region, exportEnv) {
    const { accessKeyId, accessKeySecret, securityToken } = assumed.credentials;
    for (const secret of [accessKeyId, accessKeySecret, securityToken])
        sink.setSecret(secret);
    sink.setOutput('access-key-id', accessKeyId);
    sink.setOutput('access-key-secret', accessKeySecret);
    sink.setOutput('security-token', securityToken);
    sink.setOutput('expiration', assumed.expiration);
    sink.setOutput('assumed-role-arn', assumed.assumedRoleArn);
    if (!exportEnv)
        return;
    const values = { accessKeyId, accessKeySecret, securityToken, region };
    for (const [key, names] of Object.entries(ENV_NAMES)) {
        for (const name of names)
            sink.exportVariable(name, values[key]);
    }
}

;// CONCATENATED MODULE: ./lib/src/desired.js

/** Marks what this action created, so a person browsing the console knows where it came from. */
const OWNER_MARK = 'Managed by the ram-identity GitHub Action';
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
        customPolicies.push({
            name: inputs.policy.name,
            document: inputs.policy.file.document,
            description: `${OWNER_MARK}: permissions of role ${inputs.roleName}`,
        });
        rolePolicies.push({ type: 'Custom', name: inputs.policy.name });
    }
    let user;
    if (inputs.subAccount) {
        const { name, assumePolicyName, policies } = inputs.subAccount;
        customPolicies.push({
            name: assumePolicyName,
            document: assumeRolePolicy(arn),
            description: `${OWNER_MARK}: lets ${name} assume role ${inputs.roleName}`,
        });
        user = {
            name,
            comments: `${OWNER_MARK}: may assume role ${inputs.roleName}`,
            policies: [{ type: 'Custom', name: assumePolicyName }, ...policies],
        };
    }
    return {
        role: {
            name: inputs.roleName,
            arn,
            trustPolicy: accountTrustPolicy(accountId),
            maxSessionDuration: inputs.maxSessionDuration,
            description: `${OWNER_MARK}; assumed by GitHub workflows`,
        },
        rolePolicies,
        customPolicies,
        user,
        allUsersPolicies: inputs.allUsersPolicies,
        exclusive: inputs.exclusive,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./lib/src/json-source.js
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
        const value = reader.value();
        reader.skipWhitespace();
        if (reader.pos < text.length)
            reader.fail('unexpected content after the JSON value');
        return { ok: true, value };
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
    depth = 0;
    constructor(text) {
        this.text = text;
    }
    fail(message, at = this.pos) {
        throw new ReaderError(message, at);
    }
    skipWhitespace() {
        while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]))
            this.pos++;
    }
    value() {
        const ch = this.text[this.pos];
        if (ch === undefined)
            this.fail('unexpected end of input: a value was expected');
        if (ch === '{')
            return this.nested(() => this.object());
        if (ch === '[')
            return this.nested(() => this.array());
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
    object() {
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
            result[key] = this.value();
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
    array() {
        const result = [];
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === ']') {
            this.pos++;
            return result;
        }
        for (;;) {
            this.skipWhitespace();
            result.push(this.value());
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

;// CONCATENATED MODULE: ./lib/src/inputs.js




const ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;
const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const POLICY_NAME = /^[A-Za-z0-9-]{1,128}$/;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/;
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9.-]{1,64}$/;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const MAX_FILE_BYTES = 64 * 1024;
/** `<role-name>-<suffix>` with every character a policy name cannot hold turned into '-'. */
function derivedPolicyName(roleName, suffix) {
    return `${roleName}-${suffix}`.replace(/[^A-Za-z0-9-]/g, '-');
}
/** Reads and validates every input, reporting all problems at once. */
function readInputs(source) {
    const problems = [];
    const problem = (input, message, at) => problems.push({ input, message, ...at });
    const get = (name) => source.get(name).trim();
    const mode = (get('mode') || 'apply');
    if (!['apply', 'check', 'assume'].includes(mode))
        problem('mode', `must be apply, check or assume, not "${mode}"`);
    const roleName = get('role-name');
    if (!roleName)
        problem('role-name', 'is required');
    else if (!ROLE_NAME.test(roleName))
        problem('role-name', 'must be 1-64 characters of A-Z a-z 0-9 . -');
    const integer = (name, fallback, min, max) => {
        const raw = get(name);
        if (!raw)
            return fallback;
        const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
        if (!Number.isSafeInteger(n) || n < min || n > max) {
            problem(name, `must be a whole number from ${min} to ${max}, not "${raw}"`);
            return fallback;
        }
        return n;
    };
    const boolean = (name, fallback) => {
        const raw = get(name).toLowerCase();
        if (!raw)
            return fallback;
        if (raw === 'true')
            return true;
        if (raw === 'false')
            return false;
        problem(name, `must be true or false, not "${get(name)}"`);
        return fallback;
    };
    const policyRefs = (name) => get(name)
        .split(/[\s,]+/)
        .filter(Boolean)
        .flatMap((item) => {
        const m = /^(?:(system|custom):)?(.*)$/i.exec(item);
        const type = m[1]?.toLowerCase() === 'custom' ? 'Custom' : 'System';
        if (!POLICY_NAME.test(m[2])) {
            problem(name, `"${item}" is not a policy name: [System:|Custom:]name, name 1-128 of A-Z a-z 0-9 -`);
            return [];
        }
        return [{ type, name: m[2] }];
    });
    const readPolicyFile = (name, kind, maxLength) => {
        const raw = get(name);
        if (!raw)
            return undefined;
        const result = readWorkspaceJson(source.workspace, raw);
        if ('problem' in result) {
            problem(name, result.problem, result.at);
            return undefined;
        }
        const issues = policyProblems(result.value, kind);
        for (const issue of issues)
            problem(name, `${issue} (in ${result.path})`, { file: result.path });
        if (issues.length > 0)
            return undefined;
        const text = JSON.stringify(result.value);
        if (text.length > maxLength) {
            problem(name, `is ${text.length} characters as compact JSON; RAM accepts at most ${maxLength}`, {
                file: result.path,
            });
            return undefined;
        }
        return { path: result.path, document: result.value, text };
    };
    const maxSessionDuration = integer('max-session-duration', 3600, 3600, 43200);
    const durationSeconds = integer('duration-seconds', 3600, 900, 43200);
    if (mode !== 'assume' && durationSeconds > maxSessionDuration) {
        problem('duration-seconds', `is ${durationSeconds}, above the role's max-session-duration ${maxSessionDuration}`);
    }
    const policyFile = readPolicyFile('policy-file', 'permission', MAX_POLICY_LENGTH);
    const policyName = get('policy-name') || (roleName ? derivedPolicyName(roleName, 'policy') : '');
    if (get('policy-name') && !POLICY_NAME.test(policyName)) {
        problem('policy-name', 'must be 1-128 characters of A-Z a-z 0-9 -');
    }
    if (get('policy-name') && !get('policy-file'))
        problem('policy-name', 'is set but policy-file is not');
    const subAccountName = get('sub-account');
    if (subAccountName && (!USER_NAME.test(subAccountName) || subAccountName.startsWith('-'))) {
        problem('sub-account', 'must be 1-64 characters of A-Z a-z 0-9 . _ - and not start with -');
    }
    const subAccountPolicies = policyRefs('sub-account-policies');
    if (subAccountPolicies.length > 0 && !subAccountName)
        problem('sub-account-policies', 'is set but sub-account is not');
    const oidc = readOidc(get, problem);
    // With OIDC, keys left in the environment by an earlier step are not silently picked up.
    const credentials = oidc
        ? undefined
        : keyPair(source, problem, {
            id: ['access-key-id', 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
            secret: ['access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
            token: ['security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
            required: true,
        });
    const subAccountCredentials = keyPair(source, problem, {
        id: ['sub-account-access-key-id'],
        secret: ['sub-account-access-key-secret'],
        required: false,
    });
    if (subAccountCredentials && !subAccountName && mode !== 'assume') {
        problem('sub-account-access-key-id', 'is set but sub-account is not');
    }
    const sessionName = get('role-session-name') || defaultSessionName(source.env);
    if (!SESSION_NAME.test(sessionName)) {
        problem('role-session-name', 'must be 2-64 characters of A-Z a-z 0-9 . @ - _');
    }
    const externalId = get('external-id') || undefined;
    if (externalId && !EXTERNAL_ID.test(externalId)) {
        problem('external-id', 'must be 2-1224 characters of letters, digits and _ + = , . @ : / -');
    }
    const sessionPolicy = readPolicyFile('session-policy-file', 'session', MAX_SESSION_POLICY_LENGTH);
    const region = get('region') || 'cn-hangzhou';
    if (!REGION.test(region))
        problem('region', `must look like cn-hangzhou, not "${region}"`);
    const endpoint = (name, fallback) => {
        const raw = get(name) || fallback;
        if (!/^https?:\/\/[^\s/?#]+\/?$/.test(raw))
            problem(name, `must be an http(s) URL with no path, not "${raw}"`);
        return raw.replace(/\/$/, '');
    };
    const ramEndpoint = endpoint('ram-endpoint', 'https://ram.aliyuncs.com');
    const stsEndpoint = endpoint('sts-endpoint', `https://sts.${region}.aliyuncs.com`);
    const inputs = {
        mode,
        roleName,
        policy: policyFile ? { name: policyName, file: policyFile } : undefined,
        subAccount: subAccountName
            ? {
                name: subAccountName,
                assumePolicyName: derivedPolicyName(roleName, 'assume'),
                policies: subAccountPolicies,
            }
            : undefined,
        allUsersPolicies: policyRefs('all-users-policies'),
        maxSessionDuration,
        exclusive: boolean('exclusive', false),
        failOnDrift: boolean('fail-on-drift', true),
        credentials,
        oidc,
        subAccountCredentials,
        session: { name: sessionName, durationSeconds, policy: sessionPolicy, externalId },
        region,
        ramEndpoint,
        stsEndpoint,
        exportEnv: boolean('export-env', true),
        retryMaxAttempts: integer('retry-max-attempts', 6, 1, 20),
        timeoutSeconds: integer('timeout-seconds', 120, 5, 3600),
    };
    return problems.length > 0 ? { ok: false, problems } : { ok: true, inputs };
}
function readOidc(get, problem) {
    const providerArn = get('oidc-provider-arn');
    const roleArn = get('oidc-role-arn');
    if (!providerArn && !roleArn)
        return undefined;
    if (!OIDC_PROVIDER_ARN.test(providerArn)) {
        problem('oidc-provider-arn', `must look like acs:ram::<account-id>:oidc-provider/<name>${providerArn ? '' : ' (oidc-role-arn is set)'}`);
    }
    if (!ROLE_ARN.test(roleArn)) {
        problem('oidc-role-arn', `must look like acs:ram::<account-id>:role/<name>${roleArn ? '' : ' (oidc-provider-arn is set)'}`);
    }
    for (const name of ['access-key-id', 'access-key-secret', 'security-token']) {
        if (get(name))
            problem(name, 'conflicts with oidc-provider-arn: sign in with OIDC or with keys, not both');
    }
    const audience = get('oidc-audience') || 'sts.aliyuncs.com';
    if (/\s/.test(audience))
        problem('oidc-audience', 'must not contain whitespace');
    return { providerArn, roleArn, audience };
}
/** `github-<run id>-<attempt>`, the run that minted the credentials, visible in RAM's audit trail. */
function defaultSessionName(env) {
    const run = env.GITHUB_RUN_ID;
    return run ? `github-${run}-${env.GITHUB_RUN_ATTEMPT || '1'}` : 'github-action';
}
function keyPair(source, problem, names) {
    const pick = ([input, env]) => source.get(input).trim() || (env ? (source.env[env] ?? '').trim() : '');
    const id = pick(names.id);
    const secret = pick(names.secret);
    const token = names.token ? pick(names.token) : '';
    const describe = (n) => (n[1] ? `${n[0]} (or env ${n[1]})` : n[0]);
    if (!id && !secret) {
        if (token)
            problem(names.token[0], 'is set without an AccessKey pair');
        else if (names.required)
            problem(names.id[0], `is required: set ${describe(names.id)} and ${describe(names.secret)}`);
        return undefined;
    }
    if (!id)
        problem(names.id[0], `is missing while ${names.secret[0]} is set: give both halves of the key pair`);
    if (!secret)
        problem(names.secret[0], `is missing while ${names.id[0]} is set: give both halves of the key pair`);
    if (!id || !secret)
        return undefined;
    return { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined };
}
/** Reads a JSON file that must lie inside the workspace (symlinks resolved before the check). */
function readWorkspaceJson(workspace, raw) {
    let root;
    try {
        root = (0,external_node_fs_.realpathSync)(workspace);
    }
    catch {
        return { problem: `the workspace ${workspace} does not exist` };
    }
    const full = (0,external_node_path_namespaceObject.resolve)(root, raw);
    let real;
    try {
        real = (0,external_node_fs_.realpathSync)(full);
    }
    catch {
        return { problem: `file "${raw}" does not exist in the workspace` };
    }
    const rel = (0,external_node_path_namespaceObject.relative)(root, real);
    if (rel === '' || rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel)) {
        return { problem: `"${raw}" is outside the workspace; give a path inside ${root}` };
    }
    const stat = (0,external_node_fs_.statSync)(real);
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
    return { path: rel, value: parsed.value };
}
function readSmallFile(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        if ((0,external_node_fs_.fstatSync)(fd).size > MAX_FILE_BYTES)
            throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' });
        const buf = Buffer.alloc(MAX_FILE_BYTES + 1);
        const n = (0,external_node_fs_.readSync)(fd, buf, 0, buf.length, 0);
        if (n > MAX_FILE_BYTES)
            throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' });
        return buf.subarray(0, n).toString('utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./lib/src/plan.js

/** RAM keeps at most this many versions of a custom policy. */
const MAX_POLICY_VERSIONS = 5;
/** The key RAM itself uses for a policy: type plus case-insensitive name. */
function policyKey(p) {
    return `${p.type}:${p.name.toLowerCase()}`;
}
/** The changes that turn `actual` into `desired`; empty when RAM already matches. */
function plan(desired, actual) {
    const changes = [];
    const { role, user } = desired;
    if (user && !actual.userExists)
        changes.push({ kind: 'create-user', user: user.name, comments: user.comments });
    const trustPolicy = JSON.stringify(role.trustPolicy);
    if (!actual.role) {
        changes.push({
            kind: 'create-role',
            role: role.name,
            trustPolicy,
            maxSessionDuration: role.maxSessionDuration,
            description: role.description,
        });
    }
    else {
        const trustDiffers = !samePolicy(actual.role.trustPolicy, role.trustPolicy);
        const durationDiffers = actual.role.maxSessionDuration !== role.maxSessionDuration;
        if (trustDiffers || durationDiffers) {
            changes.push({
                kind: 'update-role',
                role: actual.role.name,
                trustPolicy: trustDiffers ? trustPolicy : undefined,
                maxSessionDuration: durationDiffers ? role.maxSessionDuration : undefined,
                from: durationDiffers ? actual.role.maxSessionDuration : undefined,
            });
        }
    }
    for (const policy of desired.customPolicies) {
        const document = JSON.stringify(policy.document);
        const versions = actual.policyVersions.get(policy.name.toLowerCase());
        if (!versions) {
            changes.push({ kind: 'create-policy', policy: policy.name, document, description: policy.description });
            continue;
        }
        const current = versions.find((v) => v.isDefault);
        if (current && samePolicy(current.document, policy.document))
            continue;
        if (versions.length >= MAX_POLICY_VERSIONS) {
            const oldest = oldestNonDefault(versions);
            if (oldest)
                changes.push({ kind: 'delete-policy-version', policy: policy.name, versionId: oldest.versionId });
        }
        changes.push({ kind: 'create-policy-version', policy: policy.name, document });
    }
    const rolePrincipal = { type: 'role', name: role.name };
    changes.push(...attachments(rolePrincipal, desired.rolePolicies, actual.rolePolicies, desired.exclusive));
    if (user) {
        const keep = [...user.policies, ...desired.allUsersPolicies];
        const attach = attachments({ type: 'user', name: user.name }, user.policies, actual.userPolicies, false);
        const detach = desired.exclusive
            ? attachments({ type: 'user', name: user.name }, keep, actual.userPolicies, true).filter((c) => c.kind === 'detach-policy')
            : [];
        changes.push(...attach, ...detach);
    }
    const planned = new Set(changes.filter((c) => c.kind === 'attach-policy').map(attachmentKey));
    for (const policy of desired.allUsersPolicies) {
        const lacking = [...(actual.usersLacking.get(policyKey(policy)) ?? [])];
        // A sub-account this run creates lacks every policy, though no listing could show it yet.
        if (user && !actual.userExists)
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
function attachments(principal, wanted, attached, exclusive) {
    const have = new Set(attached.map(policyKey));
    const want = new Set(wanted.map(policyKey));
    const changes = [];
    for (const policy of dedupe(wanted)) {
        if (!have.has(policyKey(policy)))
            changes.push({ kind: 'attach-policy', principal, policy });
    }
    if (exclusive) {
        for (const policy of attached) {
            if (!want.has(policyKey(policy)))
                changes.push({ kind: 'detach-policy', principal, policy });
        }
    }
    return changes;
}
function attachmentKey(c) {
    return c.kind === 'attach-policy'
        ? `${c.principal.type}/${c.principal.name.toLowerCase()}/${policyKey(c.policy)}`
        : '';
}
function dedupe(policies) {
    const seen = new Set();
    return policies.filter((p) => !seen.has(policyKey(p)) && seen.add(policyKey(p)));
}
/** The version RAM's own rotation would drop: the oldest that is not the default. */
function oldestNonDefault(versions) {
    const versionNumber = (v) => Number(v.versionId.replace(/^v/i, '')) || 0;
    return versions
        .filter((v) => !v.isDefault)
        .sort((a, b) => a.createDate.localeCompare(b.createDate) || versionNumber(a) - versionNumber(b))[0];
}

;// CONCATENATED MODULE: ./lib/src/observe.js

/** The entities the inputs name. */
function targetsOf(inputs) {
    const customPolicies = [inputs.policy?.name, inputs.subAccount?.assumePolicyName].filter((n) => !!n);
    return {
        role: inputs.roleName,
        customPolicies,
        user: inputs.subAccount?.name,
        allUsersPolicies: inputs.allUsersPolicies,
    };
}
/** Raised when an all-users policy does not exist, so granting it could only fail for everyone. */
class MissingPolicyError extends Error {
}
/**
 * Reads what RAM has for the targets. Every read is independent, so they all run at once:
 * a converged account costs one round trip of reads, not a chain of them.
 */
async function observe(ram, targets) {
    const [role, rolePolicies, versions, user, userPolicies, usersLacking] = await Promise.all([
        ram.getRole(targets.role),
        ram.listAttachedPolicies({ type: 'role', name: targets.role }),
        Promise.all(targets.customPolicies.map((name) => ram.listPolicyVersions(name))),
        targets.user ? ram.getUser(targets.user) : undefined,
        targets.user ? ram.listAttachedPolicies({ type: 'user', name: targets.user }) : [],
        targets.allUsersPolicies.length > 0 ? usersLackingPolicies(ram, targets.allUsersPolicies) : new Map(),
    ]);
    return {
        role,
        rolePolicies,
        policyVersions: new Map(targets.customPolicies.map((name, i) => [name.toLowerCase(), versions[i]])),
        userExists: user !== undefined,
        userPolicies,
        usersLacking,
    };
}
/**
 * For each policy, the users that do not have it. One ListEntitiesForPolicy per policy says
 * who has it, so the cost does not grow with the users already granted; the user listing is
 * streamed a page at a time and only the names of those lacking a policy are kept.
 */
async function usersLackingPolicies(ram, policies) {
    const holders = Promise.all(policies.map(async (policy) => {
        const users = await ram.listUsersWithPolicy(policy);
        if (!users)
            throw new MissingPolicyError(`all-users-policies: ${policy.type} policy ${policy.name} does not exist`);
        return new Set(users.map((u) => u.toLowerCase()));
    }));
    holders.catch(() => { }); // surfaced by the await below; avoid an unhandled rejection meanwhile
    const lacking = policies.map(() => []);
    for await (const page of ram.listUsers()) {
        const has = await holders;
        for (const user of page) {
            policies.forEach((_, i) => {
                if (!has[i].has(user.name.toLowerCase()))
                    lacking[i].push(user.name);
            });
        }
    }
    return new Map(policies.map((policy, i) => [policyKey(policy), lacking[i]]));
}

// EXTERNAL MODULE: ./lib/src/workflow-commands.js + 1 modules
var workflow_commands = __nccwpck_require__(68);
;// CONCATENATED MODULE: ./lib/src/oidc.js



/** Why signing in with OIDC failed, worded for the workflow's author. */
class OidcError extends Error {
}
/**
 * Signs in without a long-lived key: the job's GitHub ID token is exchanged with STS
 * AssumeRoleWithOIDC for a session of `oidc-role-arn`, which then reconciles and assumes.
 */
async function signInWithOidc(io, inputs, anonymousSts, sleep = promises_namespaceObject.setTimeout) {
    const oidc = inputs.oidc;
    const token = await idToken(io, oidc.audience, sleep);
    io.setSecret(token);
    const claims = readClaims(token);
    io.info(`GitHub ID token: sub=${claims.sub ?? '?'} aud=${[claims.aud ?? '?'].flat().join(',')}`);
    try {
        const session = await anonymousSts.assumeRoleWithOidc({
            providerArn: oidc.providerArn,
            roleArn: oidc.roleArn,
            token,
            sessionName: inputs.session.name,
            durationSeconds: 3600,
        });
        for (const secret of [session.credentials.accessKeySecret, session.credentials.securityToken])
            io.setSecret(secret);
        io.info(`Signed in with OIDC as ${session.assumedRoleArn}.`);
        return session.credentials;
    }
    catch (err) {
        if (!(err instanceof CloudError))
            throw err;
        throw new OidcError(`AssumeRoleWithOIDC of ${oidc.roleArn} failed: ${err.message}. Likely cause: ${oidcHint(err, claims, oidc)}`);
    }
}
/** The ID token, with a few retries: the token endpoint has transient failures of its own. */
async function idToken(io, audience, sleep) {
    for (let attempt = 1;; attempt++) {
        try {
            return await io.getIDToken(audience);
        }
        catch (err) {
            if (err instanceof workflow_commands/* OidcUnavailableError */.A3)
                throw new OidcError(err.message);
            if (attempt >= 3) {
                throw new OidcError(`could not get a GitHub ID token after ${attempt} attempts: ${err.message}`);
            }
            io.debug(`getIDToken failed (attempt ${attempt}); retrying`);
            await sleep(500 * 2 ** attempt);
        }
    }
}
/** The token's claims, read without verifying (STS verifies); only for messages. */
function readClaims(token) {
    try {
        return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
}
function oidcHint(err, claims, oidc) {
    if (err.code.endsWith('AudienceNotMatch')) {
        return `the token's audience ${oidc.audience} is not a client id of ${oidc.providerArn}: set oidc-audience to one of them`;
    }
    if (err.code.endsWith('Expired'))
        return 'the ID token expired before STS saw it; re-run the job';
    if (err.code.endsWith('IssuerNotMatch')) {
        return `the OIDC provider's issuer URL is not ${claims.iss ?? 'the token issuer'} (https://token.actions.githubusercontent.com)`;
    }
    if (err.code === 'AuthenticationFail.NoPermission' || err.code === 'NoPermission') {
        return `the trust policy of ${oidc.roleArn} does not accept this token (sub=${claims.sub ?? '?'}, aud=${[claims.aud ?? '?'].flat().join(',')}), or ${oidc.providerArn} does not exist`;
    }
    if (err.code === 'EntityNotExist.Role')
        return `${oidc.roleArn} does not exist`;
    return 'see the code above';
}

;// CONCATENATED MODULE: ./lib/src/report.js
const ref = (p) => `${p.type}:${p.name}`;
/** The machine-readable form of a change. */
function planEntry(change) {
    switch (change.kind) {
        case 'create-user':
            return { action: 'create', kind: 'user', name: change.user, detail: 'RAM user (sub-account)' };
        case 'create-role':
            return {
                action: 'create',
                kind: 'role',
                name: change.role,
                detail: `trusts the account; max session ${change.maxSessionDuration} s`,
            };
        case 'update-role': {
            const parts = [];
            if (change.trustPolicy)
                parts.push('trust policy');
            if (change.maxSessionDuration)
                parts.push(`max session ${change.from} -> ${change.maxSessionDuration} s`);
            return { action: 'update', kind: 'role', name: change.role, detail: parts.join('; ') };
        }
        case 'create-policy':
            return { action: 'create', kind: 'policy', name: change.policy, detail: 'custom policy' };
        case 'create-policy-version':
            return { action: 'update', kind: 'policy', name: change.policy, detail: 'new default version' };
        case 'delete-policy-version':
            return {
                action: 'delete',
                kind: 'policy-version',
                name: `${change.policy}/${change.versionId}`,
                detail: 'oldest non-default version, to stay within 5 versions',
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
            };
    }
}
/** One log line per change, Terraform-style: `+` creates, `~` changes, `-` removes. */
function changeLine(change) {
    switch (change.kind) {
        case 'create-user':
            return `+ create user ${change.user}`;
        case 'create-role':
            return `+ create role ${change.role}`;
        case 'update-role':
            return `~ update role ${change.role} (${planEntry(change).detail})`;
        case 'create-policy':
            return `+ create policy ${change.policy}`;
        case 'create-policy-version':
            return `~ new version of policy ${change.policy}`;
        case 'delete-policy-version':
            return `- delete version ${change.versionId} of policy ${change.policy}`;
        case 'attach-policy':
            return `+ attach ${ref(change.policy)} to ${change.principal.type} ${change.principal.name}`;
        case 'detach-policy':
            return `- detach ${ref(change.policy)} from ${change.principal.type} ${change.principal.name}`;
    }
}
/**
 * Bytes the `plan` output may take. GitHub caps a job's outputs at 1 MB, counted as UTF-16, so
 * 256 KiB of ASCII leaves room for the rest; granting three policies to 5,000 users would
 * otherwise make a 2 MB plan.
 */
const PLAN_OUTPUT_BUDGET = 256 * 1024;
/** Bytes the job summary may take: GitHub drops a step summary over 1 MiB whole. */
const SUMMARY_BUDGET = 512 * 1024;
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
/** The job summary as Markdown, within `budget` bytes: long tables end with a count of the rest. */
function summaryMarkdown(facts, budget = SUMMARY_BUDGET) {
    const lines = [];
    // Room for what follows a table: the assumed identity and a line saying what was left out.
    let left = budget - 2048;
    const table = (header, rows, what) => {
        lines.push(...header);
        let shown = 0;
        for (const row of rows) {
            left -= Buffer.byteLength(row) + 1;
            if (left < 0)
                break;
            lines.push(row);
            shown++;
        }
        lines.push('');
        if (shown < rows.length)
            lines.push(`_${rows.length - shown} more ${what} not shown: the step log lists every one._`, '');
    };
    const title = facts.mode === 'check'
        ? facts.changes.length > 0
            ? `RAM drift: ${facts.changes.length} change(s) needed`
            : 'RAM drift check: no drift'
        : facts.mode === 'assume'
            ? 'Assumed RAM role'
            : facts.changes.length > 0
                ? `RAM reconciled: ${facts.changes.length} change(s) ${facts.applied ? 'applied' : 'planned'}`
                : 'RAM reconciled: already up to date';
    lines.push(`### ${title}`, '');
    if (facts.roleArn)
        lines.push(`Role: \`${facts.roleArn}\``, '');
    if (facts.changes.length > 0) {
        const rows = facts.changes.map((change) => {
            const e = planEntry(change);
            return `| ${changeLine(change)[0]} | ${e.action} | ${e.kind} | ${cell(e.name)} | ${cell(e.detail)} |`;
        });
        table(['| | action | kind | name | detail |', '|---|---|---|---|---|'], rows, 'change(s)');
    }
    if (facts.failedUsers.length > 0) {
        lines.push(`**${facts.failedUsers.length} user(s) could not be granted:**`, '');
        const rows = facts.failedUsers.map((f) => `| ${cell(f.user)} | ${cell(f.policy)} | ${cell(f.error)} |`);
        table(['| user | policy | error |', '|---|---|---|'], rows, 'user(s)');
    }
    if (facts.assumed) {
        lines.push('| assumed identity | expires (UTC) | called as |', '|---|---|---|');
        lines.push(`| \`${facts.assumed.arn}\` | ${facts.assumed.expiration} | ${facts.assumed.via} |`, '');
    }
    return `${lines.join('\n')}\n`;
}
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** The most likely cause of a cloud error, in a sentence; '' when the code says it all. */
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
        return 'still throttled after all retries: raise retry-max-attempts or timeout-seconds, or run fewer jobs at once';
    }
    if (code === 'RequestTimeout' || code.startsWith('E')) {
        return `the ${e.service.toUpperCase()} endpoint could not be reached: check ${e.service}-endpoint, the network and any proxy`;
    }
    if (code === 'LimitExceeded.Policy.Version')
        return 'the policy already has 5 versions';
    return '';
}

;// CONCATENATED MODULE: ./lib/src/main.js












/** How long writes and AssumeRole may wait for RAM to propagate what this run changed. */
const PROPAGATION_WINDOW_MS = 60_000;
/** How many all-users grants are queued at once; the RAM client's adaptive window paces them. */
const GRANT_CONCURRENCY = 64;
/** A failure in one named step of the run, worded for the person reading the log. */
class StepError extends Error {
}
/** The action: validate, sign in, observe, plan, apply, assume, export, report. */
async function run(io = workflow_commands/* githubIo */.o) {
    try {
        const parsed = readInputs({ get: io.getInput, env: process.env, workspace: workspace() });
        if (!parsed.ok)
            return failOnInputs(io, parsed.problems);
        const inputs = parsed.inputs;
        maskInputSecrets(io, inputs);
        const retry = retryPolicy(inputs);
        const onRetry = (action, error, attempt, delay) => io.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${delay} ms)`);
        const credentials = inputs.credentials ??
            (await step('Signing in with GitHub OIDC', () => signInWithOidc(io, inputs, stsAs(inputs, { accessKeyId: '', accessKeySecret: '' }, retry, onRetry))));
        const cloud = connect(inputs, credentials, retry, onRetry);
        if (inputs.mode === 'assume')
            return await assumeOnly(io, inputs, cloud);
        await reconcile(io, inputs, cloud);
    }
    catch (err) {
        io.setFailed(err instanceof StepError ? err.message : 'unexpected failure: the action has a bug');
        if (!(err instanceof StepError) && err instanceof Error)
            io.debug(err.stack ?? err.name);
    }
}
async function reconcile(io, inputs, cloud) {
    const [caller, actual] = await step('Reading RAM', () => Promise.all([cloud.sts.getCallerIdentity(), observe(cloud.ram, targetsOf(inputs))]));
    const desired = desiredState(inputs, caller.accountId);
    const changes = plan(desired, actual);
    io.setOutput('account-id', caller.accountId);
    io.setOutput('role-arn', actual.role?.arn || desired.role.arn);
    setPlanOutputs(io, changes);
    io.info(changes.length === 0
        ? `RAM already matches the inputs (role ${inputs.roleName}).`
        : `${changes.length} change(s) ${inputs.mode === 'check' ? 'needed' : 'to apply'}:`);
    if (inputs.mode === 'check') {
        io.setOutput('failed-users', '[]');
        for (const change of changes)
            io.info(changeLine(change));
        writeSummary(io, { mode: 'check', roleArn: desired.role.arn, changes, applied: false, failedUsers: [] });
        if (changes.length === 0)
            return;
        if (inputs.failOnDrift)
            io.setFailed(`drift detected: ${changes.length} change(s) needed`);
        else
            io.notice(`drift detected: ${changes.length} change(s) needed`);
        return;
    }
    const writer = cloud.writer;
    if (!writer)
        throw new Error('apply mode without a RAM writer');
    const applyOptions = {
        concurrency: GRANT_CONCURRENCY,
        propagationMs: PROPAGATION_WINDOW_MS,
        onChange: (change) => io.info(changeLine(change)),
        onWait: (change, error) => io.info(`  (${error.code} while RAM propagates a new entity; retrying: ${changeLine(change)})`),
    };
    const result = await step('Changing RAM', () => apply(changes, writer, applyOptions));
    if (result.conflicts > 0) {
        // Another run created some of the same entities meanwhile: look again and finish the job.
        io.info(`${result.conflicts} entity(ies) already existed (a concurrent run?); re-reading RAM.`);
        const again = await step('Re-reading RAM', () => observe(cloud.ram, targetsOf(inputs)));
        const rest = plan(desired, again).filter((c) => !(c.kind === 'attach-policy' && c.allUsers));
        await step('Changing RAM', () => apply(rest, writer, applyOptions));
    }
    const { failedUsers } = result;
    io.setOutput('failed-users', JSON.stringify(failedUsers.map((f) => f.user)));
    const assumed = await assumeAndExport(io, inputs, cloud, desired.role.arn, caller, changes.length > 0);
    writeSummary(io, { mode: 'apply', roleArn: desired.role.arn, changes, applied: true, failedUsers, assumed });
    if (failedUsers.length > 0)
        failGrants(io, failedUsers);
}
async function assumeOnly(io, inputs, cloud) {
    // The role's account is the assuming identity's own account.
    const caller = await step('Identifying the caller', () => cloud.assumer.getCallerIdentity());
    const arn = roleArn(caller.accountId, inputs.roleName);
    io.setOutput('account-id', caller.accountId);
    io.setOutput('role-arn', arn);
    setPlanOutputs(io, []);
    io.setOutput('failed-users', '[]');
    const assumed = await assumeAndExport(io, inputs, cloud, arn, caller, false);
    writeSummary(io, { mode: 'assume', roleArn: arn, changes: [], applied: false, failedUsers: [], assumed });
}
async function assumeAndExport(io, inputs, cloud, arn, reconciler, changed) {
    const viaSubAccount = inputs.subAccountCredentials !== undefined;
    const caller = viaSubAccount
        ? { arn: `sub-account ${inputs.subAccount?.name ?? '(keys given)'}`, identityType: 'RAMUser' }
        : reconciler;
    let assumed;
    try {
        assumed = await assumeRole(cloud.assumer, {
            roleArn: arn,
            sessionName: inputs.session.name,
            durationSeconds: inputs.session.durationSeconds,
            policy: inputs.session.policy?.text,
            externalId: inputs.session.externalId,
        }, {
            changed,
            windowMs: PROPAGATION_WINDOW_MS,
            onWait: (error, delay) => io.info(`AssumeRole refused (${error.code}) while RAM propagates the changes; retrying in ${delay} ms`),
        });
    }
    catch (err) {
        if (!(err instanceof CloudError))
            throw err;
        const hint = assumeHint(err, caller, arn) || explain(err);
        throw new StepError(`AssumeRole of ${arn} as ${caller.arn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`);
    }
    exportCredentials(io, assumed, inputs.region, inputs.exportEnv);
    io.info(`Assumed ${assumed.assumedRoleArn} until ${assumed.expiration}.`);
    return { arn: assumed.assumedRoleArn, expiration: assumed.expiration, via: caller.arn };
}
/** Runs one step; a cloud error becomes a message naming the step, the call and the likely cause. */
async function step(name, work) {
    try {
        return await work();
    }
    catch (err) {
        if (err instanceof StepError)
            throw err;
        if (err instanceof CloudError) {
            const hint = explain(err);
            throw new StepError(`${name} failed: ${err.service.toUpperCase()} ${err.action}: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`);
        }
        if (err instanceof MissingPolicyError || err instanceof OidcError)
            throw new StepError(`${name} failed: ${err.message}`);
        throw err;
    }
}
function maskInputSecrets(io, inputs) {
    const values = [
        inputs.credentials?.accessKeySecret,
        inputs.credentials?.securityToken,
        inputs.subAccountCredentials?.accessKeySecret,
    ];
    for (const value of values)
        if (value)
            io.setSecret(value);
}
function setPlanOutputs(io, changes) {
    io.setOutput('drift', changes.length > 0 ? 'true' : 'false');
    io.setOutput('changes', String(changes.length));
    io.setOutput('plan', planOutput(changes));
}
function writeSummary(io, facts) {
    io.appendSummary(summaryMarkdown(facts));
}
function failOnInputs(io, problems) {
    for (const p of problems) {
        io.error(`${p.input}: ${p.message}`, {
            title: `Invalid input ${p.input}`,
            file: p.file,
            startLine: p.line,
            startColumn: p.column,
        });
    }
    io.setFailed(`${problems.length} invalid input(s); nothing was called or changed`);
}
function failGrants(io, failed) {
    for (const f of failed)
        io.error(`could not grant ${f.policy} to user ${f.user}: ${f.error}`);
    io.setFailed(`${failed.length} user(s) could not be granted all-users-policies: ${failed.map((f) => f.user).join(', ')}`);
}
function workspace() {
    return process.env.GITHUB_WORKSPACE || process.cwd();
}


/***/ }),

/***/ 68:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  A3: () => (/* binding */ OidcUnavailableError),
  V9: () => (/* binding */ getIDToken),
  o: () => (/* binding */ githubIo)
});

// UNUSED EXPORTS: appendSummary, debug, error, exportVariable, getInput, info, notice, setFailed, setOutput, setSecret

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./lib/src/workflow-commands.js
/**
 * The GitHub Actions runner protocol this action speaks: INPUT_* variables, the GITHUB_OUTPUT /
 * GITHUB_ENV / GITHUB_STEP_SUMMARY files, and `::command::` lines on stdout.
 *
 * This is the same protocol @actions/core implements, written out because importing
 * @actions/core costs 52 ms of a 77 ms start on Node 24 (it loads @actions/http-client and undici
 * for getIDToken at import time), twice the whole start-up budget of this action. The output is
 * byte-compatible with @actions/core's (a test compares them); @actions/core is still the one
 * used where its weight buys something.
 */


/** The input as @actions/core's getInput returns it: trimmed, '' when not set. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}
/** Sets a step output (GITHUB_OUTPUT, multiline-safe). */
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT) {
        fileCommand('GITHUB_OUTPUT', keyValue(name, value));
        return;
    }
    writeStdout(external_node_os_namespaceObject.EOL);
    command('set-output', { name }, value);
}
/** Exports a variable to later steps (GITHUB_ENV) and to this process. */
function exportVariable(name, value) {
    process.env[name] = value;
    if (process.env.GITHUB_ENV)
        fileCommand('GITHUB_ENV', keyValue(name, value));
    else
        command('set-env', { name }, value);
}
/** Registers a value the runner must mask in every log line from now on. */
function setSecret(value) {
    command('add-mask', {}, value);
}
function info(message) {
    writeStdout(message + external_node_os_namespaceObject.EOL);
}
function debug(message) {
    command('debug', {}, message);
}
function notice(message, properties = {}) {
    command('notice', annotation(properties), message);
}
function error(message, properties = {}) {
    command('error', annotation(properties), message);
}
/** Marks the step failed (exit code 1) with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Appends Markdown to the job summary, when the runner provides one. */
function appendSummary(markdown) {
    if (process.env.GITHUB_STEP_SUMMARY)
        (0,external_node_fs_.appendFileSync)(process.env.GITHUB_STEP_SUMMARY, markdown, 'utf8');
}
function fileCommand(variable, message) {
    const path = process.env[variable];
    if (!(0,external_node_fs_.existsSync)(path))
        throw new Error(`Missing file at path: ${path}`);
    (0,external_node_fs_.appendFileSync)(path, message + external_node_os_namespaceObject.EOL, 'utf8');
}
function keyValue(name, value) {
    // node:crypto only now: a run that fails on its inputs sets no output and never loads it.
    const delimiter = `ghadelimiter_${process.getBuiltinModule('node:crypto').randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error('value contains the delimiter');
    return `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}`;
}
function annotation(p) {
    return { title: p.title, file: p.file, line: p.startLine, col: p.startColumn };
}
function command(name, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
        .map(([k, v]) => `${k}=${escapeData(String(v)).replace(/:/g, '%3A').replace(/,/g, '%2C')}`);
    writeStdout(`::${name}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
/** Once set, every line goes through this stream (see writeStdout). */
let stdoutStream;
/**
 * Writes to file descriptor 1 directly. Building process.stdout for the runner's pipe costs 3 to
 * 4 ms (it loads net and makes a socket), a tenth of this action's run, to write a few lines.
 * Building it also makes the pipe non-blocking: if anything has, and the pipe is full, the rest
 * goes through process.stdout, which queues it, and every later line follows, so none overtakes.
 */
function writeStdout(text) {
    if (stdoutStream) {
        stdoutStream.write(text);
        return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
        while (written < bytes.length)
            written += (0,external_node_fs_.writeSync)(1, bytes, written);
    }
    catch (err) {
        if (err.code !== 'EAGAIN')
            throw err;
        stdoutStream = process.stdout;
        stdoutStream.write(bytes.subarray(written));
    }
}
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** The job's ID token from the runner's token endpoint; @actions/core is loaded only here. */
async function getIDToken(audience) {
    if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new OidcUnavailableError('no GitHub ID token is available: give the job `permissions: id-token: write` (fork pull requests never get one)');
    }
    const core = await __nccwpck_require__.e(/* import() */ 421).then(__nccwpck_require__.bind(__nccwpck_require__, 6421));
    // @actions/core writes its debug lines through process.stdout: from here on, so does this module,
    // so that no line overtakes another.
    stdoutStream = process.stdout;
    return core.getIDToken(audience);
}
/** The runner gave this job no ID token: retrying cannot help. */
class OidcUnavailableError extends Error {
}
/** The runner protocol as an ActionIo. */
const githubIo = {
    getInput,
    setOutput,
    exportVariable,
    setSecret,
    info,
    debug,
    notice,
    error,
    setFailed,
    appendSummary,
    getIDToken,
};


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
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
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
/******/ var __webpack_exports__ = __nccwpck_require__(8476);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__main = __webpack_exports__.i;
/******/ var __webpack_exports__parseArgs = __webpack_exports__.Z;
/******/ export { __webpack_exports__main as main, __webpack_exports__parseArgs as parseArgs };
/******/ 
