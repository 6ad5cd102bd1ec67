// `npm run bench`: one table, every row measured side by side in this run.
//   1. cold start of `node dist/index.cjs` (fail-fast path, and a full `assume` run against the
//      emulator at zero latency) against bare `node -e 0`, alternating, on Node 24 and Node 20;
//   2. a converged apply at 100 ms emulator latency: wall time and sequential round trips;
//   3. all-users-policies over 500 / 2,000 / 5,000 users at a 100 requests/s limit and 20 ms
//      latency: calls, wall time, the ideal (writes ÷ rate limit), their ratio, peak memory, and
//      peak memory again on a fresh account with V8's heap capped (the grant must still finish).
// Times are medians; the machine is noisy, so compare ratios within one run, not across runs.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { startEmulator } from '@ram-identity/emulator'
import { BUNDLE, NODE24, type RunOptions, runAction, workspace } from './local-runner.js'
import { sandboxAccount } from './sandbox.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 41)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (ms: number) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`

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

const rows: string[][] = []
const row = (...cells: string[]) => {
  rows.push(cells)
  process.stderr.write(`${cells.join(' | ')}\n`)
}

/**
 * The least any assume run costs: load node:http and node:crypto, compute one HMAC, and make
 * two unsigned POSTs to the emulator one after the other (it answers them with an error).
 */
const FLOOR = `const http = require('node:http'); require('node:crypto').createHmac('sha1', 'k').update('x').digest()
const post = () => new Promise((ok, no) =>
  http.request(process.argv[1], { method: 'POST' }, (r) => r.resume().on('end', ok)).on('error', no).end('Action=GetCallerIdentity'))
post().then(post)`

async function coldStart(): Promise<void> {
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
    const ws = workspace({
      'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
    })
    const created = await runAction(
      {
        'role-name': 'bench-role',
        'policy-file': 'p.json',
        'access-key-id': acct.key.accessKeyId,
        'access-key-secret': acct.key.accessKeySecret,
        'ram-endpoint': emu.ramEndpoint,
        'sts-endpoint': emu.stsEndpoint,
      },
      { cwd: ws },
    )
    if (created.code !== 0) throw new Error(`setup failed: ${created.stdout}`)
    for (const [label, node] of [
      ['Node 24', NODE24],
      ['Node 20', process.execPath],
    ] as const) {
      const version = await new Promise<string>((resolve) => {
        const c = spawn(node, ['--version'])
        let out = ''
        c.stdout.on('data', (d) => (out += d))
        c.on('close', () => resolve(out.trim()))
      })
      const [bare, fail, failRatio] = await paired(
        () => time(node, ['-e', '0'], {}),
        () => time(node, [BUNDLE], failFast),
      )
      row(
        `cold start, fail-fast path (${label} ${version})`,
        fmt(fail),
        `bare node ${fmt(bare)}`,
        `${failRatio.toFixed(2)}×`,
      )
      const [bare2, full, fullRatio] = await paired(
        () => time(node, ['-e', '0'], {}),
        () => time(node, [BUNDLE], { ...failFast, ...assume }),
      )
      row(
        `full assume run, 0 ms latency (${label})`,
        fmt(full),
        `bare node ${fmt(bare2)}`,
        `${fullRatio.toFixed(2)}×`,
      )
      const [bare3, floor, floorRatio] = await paired(
        () => time(node, ['-e', '0'], {}),
        () => time(node, ['-e', FLOOR, emu.stsEndpoint], {}),
      )
      row(
        `  floor: node:http + node:crypto + 2 POSTs (${label})`,
        fmt(floor),
        `bare node ${fmt(bare3)}`,
        `${floorRatio.toFixed(2)}×`,
      )
    }
  } finally {
    await emu.close()
  }
}

async function roundTrips(): Promise<void> {
  const emu = await startEmulator({ seed: 2 })
  try {
    const acct = await sandboxAccount(emu)
    const inputs = {
      'role-name': 'rt-role',
      'policy-file': 'p.json',
      'sub-account': 'rt-user',
      'access-key-id': acct.key.accessKeyId,
      'access-key-secret': acct.key.accessKeySecret,
      'ram-endpoint': emu.ramEndpoint,
      'sts-endpoint': emu.stsEndpoint,
    }
    const ws = workspace({
      'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
    })
    const options: RunOptions = { cwd: ws }
    if ((await runAction(inputs, options)).code !== 0) throw new Error('first apply failed')
    const walls: Record<number, number[]> = { 0: [], 100: [] }
    for (let i = 0; i < 7; i++) {
      for (const latency of [0, 100]) {
        emu.control.setFaults({ latencyMs: latency })
        emu.control.clearCalls()
        const started = Date.now()
        const r = await runAction(inputs, options)
        walls[latency]!.push(Date.now() - started)
        if (r.code !== 0 || r.outputs.changes !== '0') throw new Error('converged apply was not converged')
      }
    }
    const calls = emu.control.calls()
    const { max } = emu.control.concurrency()
    const extra = median(walls[100]!) - median(walls[0]!)
    row(
      'converged apply at 100 ms latency',
      fmt(median(walls[100]!)),
      `${calls.length} calls (${calls.filter((c) => c.service === 'ram').length} RAM), ${max} at once`,
      `${(extra / 100).toFixed(1)} sequential round trips incl. AssumeRole`,
    )
  } finally {
    await emu.close()
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

/** A fresh account of `users` sub-accounts, one in ten already granted, behind a 100 req/s limit. */
async function grantScenario(users: number) {
  const emu = await startEmulator({ seed: 3 })
  const acct = await sandboxAccount(emu)
  const policy = { type: 'System' as const, name: 'AliyunCSReadOnlyAccess' }
  // `users` in all: ci-admin, the reconciler, is one of them (RAM allows 5,000 per account).
  for (let i = 0; i < users - 1; i++) {
    const name = `dev-${String(i).padStart(5, '0')}`
    emu.control.createUser(acct.accountId, name)
    // One user in ten has the grant already; those must cost no calls.
    if (i % 10 === 0) emu.control.attachPolicy(acct.accountId, { type: 'user', name }, policy)
  }
  emu.control.setFaults({ qps: GRANT_QPS, latencyMs: 20 })
  emu.control.clearCalls()
  const inputs = {
    'role-name': 'grant-role',
    'all-users-policies': policy.name,
    'access-key-id': acct.key.accessKeyId,
    'access-key-secret': acct.key.accessKeySecret,
    'ram-endpoint': emu.ramEndpoint,
    'sts-endpoint': emu.stsEndpoint,
    'timeout-seconds': '600',
  }
  return { emu, inputs }
}

const GRANT_QPS = 100
/** V8 grows its heap while memory is free; capped, a run shows what it really needs to hold. */
const HEAP_CAP = '--max-old-space-size=16 --max-semi-space-size=1'

/** Runs the grant and returns its wall time and peak RSS. */
async function grant(inputs: Record<string, string>, options: RunOptions = {}) {
  let stop = () => 0
  const started = Date.now()
  const r = await runAction(inputs, { ...options, onSpawn: (pid) => (stop = watchMemory(pid)) })
  const wall = Date.now() - started
  const peak = stop()
  if (r.code !== 0) throw new Error(`all-users run failed: ${r.stdout.slice(-500)}`)
  return { wall, peak }
}

async function allUsers(users: number): Promise<void> {
  const { emu, inputs } = await grantScenario(users)
  try {
    // The drift check first: it must report every missing grant in a handful of calls.
    const check = await runAction({ ...inputs, mode: 'check', 'fail-on-drift': 'false' })
    const checkCalls = emu.control.calls()
    emu.control.clearCalls()
    const { wall, peak } = await grant(inputs)
    const calls = emu.control.calls().filter((c) => c.service === 'ram')
    const writes = calls.filter((c) => c.write && c.status === 200).length
    const throttled = calls.filter((c) => c.code?.includes('Throttling')).length
    const ideal = (writes / GRANT_QPS) * 1000
    // The same grant on a fresh account, V8's heap capped: it must still finish.
    const again = await grantScenario(users)
    const capped = await grant(again.inputs, { env: { NODE_OPTIONS: HEAP_CAP } }).finally(() =>
      again.emu.close(),
    )
    row(
      `all-users-policies, ${users.toLocaleString('en')} users (${writes} lacking)`,
      fmt(wall),
      `${calls.length} RAM calls (${throttled} throttled), ideal ${fmt(ideal)}, peak ${peak.toFixed(0)} MiB (${capped.peak.toFixed(0)} MiB with V8's heap capped)`,
      `${(wall / ideal).toFixed(2)}× ideal`,
    )
    row(
      `  check over the same account, before`,
      '',
      `${checkCalls.length} calls`,
      `${check.outputs.changes} missing grants`,
    )
  } finally {
    await emu.close()
  }
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${RUNS} runs per timing`,
)
await coldStart()
await roundTrips()
for (const users of (process.env.BENCH_USERS ?? '500,2000,5000').split(',').filter(Boolean))
  await allUsers(Number(users))
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`)
