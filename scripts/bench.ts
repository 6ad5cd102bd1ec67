// `npm run bench`: one table, every row measured in this run, on Node 24 (the runtime of
// `runs.using: node24`) with Node 20 beside it where it can differ.
//   1. start-up: `node dist/index.cjs` (fail-fast path, and a full `assume` run against the
//      emulator at zero latency) and the floor of any assume run, each against bare
//      `node -e 0`, alternating;
//   2. round trips at 200 ms emulator latency of a first apply (seed flow), a converged apply
//      and an assume run, counted from the emulator's call log (scripts/round-trips.ts),
//      against the floor;
//   3. all-users-policies over 500 / 2,000 / 5,000 users at a 100 requests/s limit and 20 ms
//      latency: wall time against the ideal (writes ÷ limit), the share of calls throttled, and
//      peak memory, also with V8's heap capped (the grant must still finish); the 500-user run
//      is the median of three;
//   4. the same grant when the limit halves mid-run (another job starts sharing the quota),
//      and at a limit of 2 requests/s (every user must be granted).
// Times are medians; the machine is noisy, so compare ratios within one run, not across runs.
// BENCH_BUNDLE=<path> measures another build of dist/index.cjs (a previous one, to compare);
// BENCH_USERS=500,2000 picks the grant sizes (empty: none); BENCH_RUNS the start-up pairs.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { BUNDLE, NODE24, type RunOptions, runAction, workspace } from './local-runner.js'
import { roundTrips } from './round-trips.js'
import { type SandboxAccount, sandboxAccount } from './sandbox.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 41)
const BUNDLE_RUN = process.env.BENCH_BUNDLE ?? BUNDLE
const NODES = [
  ['Node 24', NODE24],
  ['Node 20', process.execPath],
] as const
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (t: number) => (t < 1000 ? `${t.toFixed(t < 100 ? 1 : 0)} ms` : `${(t / 1000).toFixed(2)} s`)
const pct = (x: number) => `${(100 * x).toFixed(1)} %`

/** One row of the table: the scenario, each runtime's result, the target and whether it was met. */
interface Row {
  what: string
  node24: string
  node20: string
  target: string
  verdict: string
}
const rows: Row[] = []
function row(r: Row): void {
  rows.push(r)
  process.stderr.write(`${Object.values(r).join(' | ')}\n`)
}
/** "met", or what the measure was when it missed its bound. */
function verdict(value: number, bound: number, show: (x: number) => string): string {
  return value <= bound ? 'met' : `missed: ${show(value)}`
}
/** "met" when every verdict is, else the misses. */
const all = (...verdicts: string[]) => verdicts.filter((v) => v !== 'met').join('; ') || 'met'

function time(node: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    // stdout and stderr are pipes, as on the runner: creating process.stdout for a pipe costs more
    // than for /dev/null.
    const child = spawn(node, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.resume()
    child.stderr.resume()
    child.on('error', reject)
    child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6))
  })
}

/**
 * Alternates A and B so drift on the machine hits both alike. Returns both medians and the
 * median of the per-pair ratios B/A: a pair shares the machine's state of the moment, so its
 * ratio is steadier than the ratio of two medians.
 */
async function paired(a: () => Promise<number>, b: () => Promise<number>): Promise<[number, number, number]> {
  for (let i = 0; i < 3; i++) await Promise.all([a(), b()].map((p) => p.catch(() => 0)))
  const as: number[] = []
  const bs: number[] = []
  for (let i = 0; i < RUNS; i++) {
    as.push(await a())
    bs.push(await b())
  }
  return [median(as), median(bs), median(bs.map((t, i) => t / as[i]!))]
}

/**
 * The least any assume run costs: load node:http and node:crypto, compute one HMAC, and make
 * two unsigned POSTs to the emulator one after the other (it answers them with an error).
 */
const FLOOR = `const http = require('node:http'); require('node:crypto').createHmac('sha1', 'k').update('x').digest()
const post = () => new Promise((ok, no) =>
  http.request(process.argv[1], { method: 'POST' }, (r) => r.resume().on('end', ok)).on('error', no).end('Action=GetCallerIdentity'))
post().then(post)`

const POLICY = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}'

/** The inputs of a run as `acct`'s reconciling user against `emu`. */
function as(acct: SandboxAccount, emu: Emulator, inputs: Record<string, string>): Record<string, string> {
  return {
    'access-key-id': acct.key.accessKeyId,
    'access-key-secret': acct.key.accessKeySecret,
    'ram-endpoint': emu.ramEndpoint,
    'sts-endpoint': emu.stsEndpoint,
    ...inputs,
  }
}

async function startUp(): Promise<void> {
  const emu = await startEmulator({ seed: 1 })
  try {
    const acct = await sandboxAccount(emu)
    const failFast = { GITHUB_OUTPUT: '/dev/null', GITHUB_ENV: '/dev/null' }
    const assume = {
      INPUT_MODE: 'assume',
      'INPUT_ROLE-NAME': 'bench-role',
      'INPUT_ACCESS-KEY-ID': acct.key.accessKeyId,
      'INPUT_ACCESS-KEY-SECRET': acct.key.accessKeySecret,
      'INPUT_RAM-ENDPOINT': emu.ramEndpoint,
      'INPUT_STS-ENDPOINT': emu.stsEndpoint,
      'INPUT_DURATION-SECONDS': '3600',
      INPUT_REGION: 'cn-hangzhou',
    }
    // The role must exist for `assume` to succeed.
    const created = await runAction(as(acct, emu, { 'role-name': 'bench-role', 'policy-file': 'p.json' }), {
      cwd: workspace({ 'p.json': POLICY }),
      bundle: BUNDLE_RUN,
    })
    if (created.code !== 0) throw new Error(`setup failed: ${created.stdout}`)
    const results: Record<string, string[]> = { fail: [], full: [], floor: [] }
    // The Node 24 ratios, for the verdicts: that is the runtime users get.
    const ratios: Record<string, number> = {}
    const versions: string[] = []
    for (const [, node] of NODES) {
      versions.push(
        await new Promise<string>((resolve) => {
          const c = spawn(node, ['--version'])
          let out = ''
          c.stdout.on('data', (d) => (out += d))
          c.on('close', () => resolve(out.trim()))
        }),
      )
      const bare = () => time(node, ['-e', '0'], {})
      for (const [key, run] of [
        ['fail', () => time(node, [BUNDLE_RUN], failFast)],
        ['full', () => time(node, [BUNDLE_RUN], { ...failFast, ...assume })],
        ['floor', () => time(node, ['-e', FLOOR, emu.stsEndpoint], {})],
      ] as const) {
        const [b, t, ratio] = await paired(bare, run)
        results[key]!.push(`${ratio.toFixed(2)}× bare node (${ms(t)} vs ${ms(b)})`)
        ratios[key] ??= ratio
      }
    }
    const [v24, v20] = versions
    row({
      what: `cold start, fail-fast path (${v24} / ${v20})`,
      node24: results.fail![0]!,
      node20: results.fail![1]!,
      target: '≤ 2.5× bare node on Node 24',
      verdict: verdict(ratios.fail!, 2.5, (x) => `${x.toFixed(2)}×`),
    })
    row({
      what: 'full assume run, 0 ms latency',
      node24: results.full![0]!,
      node20: results.full![1]!,
      target: '≤ 3× bare node on Node 24',
      verdict: verdict(ratios.full!, 3, (x) => `${x.toFixed(2)}×`),
    })
    row({
      what: '  floor: node:http + node:crypto + 2 POSTs',
      node24: results.floor![0]!,
      node20: results.floor![1]!,
      target: '',
      verdict: '',
    })
  } finally {
    await emu.close()
  }
}

const LATENCY_MS = 200

/** Round trips and wall time of one run, from the emulator's call log of that run alone. */
async function tripsOf(emu: Emulator, inputs: Record<string, string>, options: RunOptions) {
  emu.control.clearCalls()
  const started = Date.now()
  const r = await runAction(inputs, { ...options, bundle: BUNDLE_RUN })
  const wall = Date.now() - started
  if (r.code !== 0) throw new Error(`run failed: ${r.stdout.slice(-500)}`)
  const rounds = roundTrips(emu.control.calls(), LATENCY_MS)
  const ram = rounds.filter((round) => round.some((c) => c.startsWith('ram:'))).length
  return { rounds: rounds.length, ram, wall }
}

async function rounds(): Promise<void> {
  const emu = await startEmulator({ seed: 2 })
  const scenarios = [
    ['first apply of the seed flow', 4],
    ['converged apply', 2],
    ['assume', 2],
  ] as const
  const seen = new Map<string, { rounds: number[]; ram: number[]; wall: number[] }>()
  try {
    for (const [label, node] of NODES) {
      for (let i = 0; i < 3; i++) {
        // A fresh account each time, so every first apply starts from nothing.
        const acct = await sandboxAccount(emu)
        const ws = workspace({ 'p.json': POLICY })
        const inputs = as(acct, emu, {
          'role-name': 'rt-role',
          'policy-file': 'p.json',
          'sub-account': 'rt-user',
        })
        emu.control.setFaults({ latencyMs: LATENCY_MS })
        const runs = [
          await tripsOf(emu, inputs, { cwd: ws, node }),
          await tripsOf(emu, inputs, { cwd: ws, node }),
          await tripsOf(emu, { ...inputs, mode: 'assume' }, { cwd: ws, node }),
        ]
        emu.control.clearFaults()
        runs.forEach((r, k) => {
          const key = `${label}/${scenarios[k]![0]}`
          const s = seen.get(key) ?? { rounds: [], ram: [], wall: [] }
          s.rounds.push(r.rounds)
          s.ram.push(r.ram)
          s.wall.push(r.wall)
          seen.set(key, s)
        })
      }
    }
  } finally {
    await emu.close()
  }
  for (const [scenario, floor] of scenarios) {
    const cell = (label: string) => {
      const s = seen.get(`${label}/${scenario}`)!
      const [n, ram] = [median(s.rounds), median(s.ram)]
      return `${n} round trips (${ram} with RAM calls, ${n - ram} STS only), ${ms(median(s.wall))}`
    }
    row({
      what: `${scenario}, ${LATENCY_MS} ms latency`,
      node24: cell('Node 24'),
      node20: cell('Node 20'),
      target: `floor ${floor}`,
      verdict: verdict(median(seen.get(`Node 24/${scenario}`)!.rounds), floor, (x) => `${x} round trips`),
    })
  }
}

/** Peak RSS of a child, read from /proc while it runs (VmHWM only grows). */
function watchMemory(pid: number): () => number {
  let peak = 0
  const timer = setInterval(async () => {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8')
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
      peak = Math.max(peak, kb)
    } catch {}
  }, 25)
  return () => {
    clearInterval(timer)
    return peak / 1024
  }
}

const POLICY_REF = { type: 'System' as const, name: 'AliyunCSReadOnlyAccess' }
/** V8 grows its heap while memory is free; capped, a run shows what it really needs to hold. */
const HEAP_CAP = '--max-old-space-size=16 --max-semi-space-size=1'

/** A fresh account of `users` sub-accounts, one in ten already granted, behind a `qps` limit. */
async function grantAccount(users: number, qps: number) {
  const emu = await startEmulator({ seed: 3 })
  const acct = await sandboxAccount(emu)
  // `users` in all: ci-admin, the reconciler, is one of them (RAM allows 5,000 per account).
  for (let i = 0; i < users - 1; i++) {
    const name = `dev-${String(i).padStart(5, '0')}`
    emu.control.createUser(acct.accountId, name)
    // One user in ten has the grant already; those must cost no calls.
    if (i % 10 === 0) emu.control.attachPolicy(acct.accountId, { type: 'user', name }, POLICY_REF)
  }
  emu.control.setFaults({ qps, latencyMs: 20 })
  emu.control.clearCalls()
  const inputs = as(acct, emu, {
    'role-name': 'grant-role',
    'all-users-policies': POLICY_REF.name,
    'timeout-seconds': '600',
  })
  return { emu, inputs, accountId: acct.accountId }
}

/** What one grant run did. */
interface Grant {
  wall: number
  peak: number
  calls: number
  writes: number
  throttled: number
  /** Writes ÷ limit; with a halving, the time until it plus the writes after it ÷ the new limit. */
  ideal: number
  /** Users that still lack the policy afterwards. */
  ungranted: number
  checkCalls: number
  missing: string
}

/** Grants `users` at `qps` on a fresh account; optionally halves the limit `halveAtMs` after spawn. */
async function grant(
  users: number,
  qps: number,
  options: RunOptions & { halveAtMs?: number } = {},
): Promise<Grant> {
  const { emu, inputs, accountId } = await grantAccount(users, qps)
  try {
    // The drift check first: it must report every missing grant in a handful of calls.
    const check = await runAction(
      { ...inputs, mode: 'check', 'fail-on-drift': 'false' },
      { bundle: BUNDLE_RUN },
    )
    const checkCalls = emu.control.calls().length
    emu.control.setFaults({ qps, latencyMs: 20 })
    emu.control.clearCalls()
    let stop = () => 0
    let halved: { at: number; writes: number } | undefined
    const started = Date.now()
    const timer =
      options.halveAtMs === undefined
        ? undefined
        : setTimeout(() => {
            const writes = emu.control.calls().filter((c) => c.write && c.status === 200).length
            halved = { at: Date.now() - started, writes }
            // Another job starts sharing the quota: from now on this run gets half of it.
            emu.control.setFaults({ qps: qps / 2, latencyMs: 20 })
          }, options.halveAtMs)
    const r = await runAction(inputs, {
      ...options,
      bundle: BUNDLE_RUN,
      onSpawn: (pid) => (stop = watchMemory(pid)),
    })
    const wall = Date.now() - started
    clearTimeout(timer)
    const peak = stop()
    const calls = emu.control.calls().filter((c) => c.service === 'ram')
    const writes = calls.filter((c) => c.write && c.status === 200).length
    const ideal = halved ? halved.at + ((writes - halved.writes) / (qps / 2)) * 1000 : (writes / qps) * 1000
    if (r.code !== 0) process.stderr.write(`grant run failed: ${r.stdout.slice(-300)}\n`)
    const lacking = emu.control
      .state(accountId)
      .users.filter((u) => !u.policies.some((p) => p.name === POLICY_REF.name))
    return {
      wall,
      peak,
      calls: calls.length,
      writes,
      throttled: calls.filter((c) => c.code?.includes('Throttling')).length,
      ideal,
      ungranted: lacking.length,
      checkCalls,
      missing: check.outputs.changes ?? '?',
    }
  } finally {
    await emu.close()
  }
}

const share = (g: Grant) => g.throttled / g.calls
const speed = (g: Grant) => `${(g.wall / g.ideal).toFixed(2)}× ideal ${ms(g.ideal)} (${ms(g.wall)})`

/** The run of median wall time among `n` of the same grant. */
async function medianGrant(n: number, users: number, options: RunOptions): Promise<Grant> {
  const runs: Grant[] = []
  for (let i = 0; i < n; i++) runs.push(await grant(users, 100, options))
  return runs.sort((a, b) => a.wall - b.wall)[Math.floor(n / 2)]!
}

async function allUsers(users: number): Promise<void> {
  // A stall of a shared machine shows in a 5-second run, not in a 45-second one: repeat the
  // short ones and keep the median.
  const repeat = users <= 500 ? 3 : 1
  const [n24, capped24, n20, capped20] = [
    await medianGrant(repeat, users, { node: NODE24 }),
    await grant(users, 100, { node: NODE24, env: { NODE_OPTIONS: HEAP_CAP } }),
    await medianGrant(repeat, users, { node: process.execPath }),
    await grant(users, 100, { node: process.execPath, env: { NODE_OPTIONS: HEAP_CAP } }),
  ]
  const cell = (g: Grant, capped: Grant) =>
    `${speed(g)}; ${pct(share(g))} of ${g.calls} calls throttled; peak ${g.peak.toFixed(0)} MiB, ${capped.peak.toFixed(0)} MiB heap capped`
  const worst = Math.max(n24.wall / n24.ideal, capped24.wall / capped24.ideal)
  const targeted = users >= 2000
  row({
    what: `all-users-policies, ${users.toLocaleString('en')} users (${n24.writes} writes), 100 req/s, 20 ms`,
    node24: cell(n24, capped24),
    node20: cell(n20, capped20),
    target: targeted ? '≤ 1.05× ideal, ≤ 5 % throttled' : '',
    verdict: targeted
      ? all(
          verdict(worst, 1.05, (x) => `${x.toFixed(2)}× ideal`),
          verdict(share(n24), 0.05, (x) => `${pct(x)} throttled`),
        )
      : '',
  })
  row({
    what: '  check over the same account, before',
    node24: `${n24.checkCalls} calls, ${n24.missing} missing grants`,
    node20: '',
    target: '',
    verdict: '',
  })
}

async function halved(): Promise<void> {
  const g = await grant(2000, 100, { node: NODE24, halveAtMs: 5000 })
  row({
    what: 'the same, 2,000 users, limit halved to 50 req/s 5 s in',
    node24: `${speed(g)} against the new limit; ${pct(share(g))} of ${g.calls} calls throttled`,
    node20: '',
    target: '≤ 1.1× the new ideal, ≤ 10 % throttled',
    verdict: all(
      verdict(g.wall / g.ideal, 1.1, (x) => `${x.toFixed(2)}× ideal`),
      verdict(share(g), 0.1, (x) => `${pct(x)} throttled`),
    ),
  })
}

async function slowLimit(): Promise<void> {
  const g = await grant(151, 2, { node: NODE24 })
  row({
    what: 'the same, 151 users at 2 req/s, 600 s deadline',
    node24: `${g.ungranted} users left ungranted; ${speed(g)}; ${pct(share(g))} of ${g.calls} calls throttled`,
    node20: '',
    target: 'every user granted',
    verdict: g.ungranted === 0 ? 'met' : `missed: ${g.ungranted} not granted`,
  })
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${RUNS} pairs per start-up timing; bundle ${BUNDLE_RUN}`,
)
await startUp()
await rounds()
const sizes = (process.env.BENCH_USERS ?? '500,2000,5000').split(',').filter(Boolean).map(Number)
for (const users of sizes) await allUsers(users)
if (sizes.length > 0) {
  await halved()
  await slowLimit()
}
const header: Row = {
  what: 'what',
  node24: 'Node 24',
  node20: 'Node 20',
  target: 'target',
  verdict: 'verdict',
}
const table = [header, ...rows].map((r) => Object.values(r) as string[])
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)))
table.splice(
  1,
  0,
  widths.map((w) => '-'.repeat(w)),
)
for (const r of table) console.log(`| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`)
