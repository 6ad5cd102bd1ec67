// The chaos suite: seeded fault schedules over the whole flow (fresh apply, converged apply,
// policy change, check), each against its own emulator. After every step RAM must be right:
// the entities exist once, the policy's default version holds the desired document, at most five
// versions, no two versions alike, the attachments in place, and the exit code as expected.
//
//   npm run chaos -- [--schedules 60] [--from 1] [--parallel 3]
//
// The Jest suite runs a seeded subset of the same schedules (__tests__/e2e/chaos.test.ts).
import { pathToFileURL } from 'node:url'
import { type Emulator, type FaultConfig, startEmulator } from '@ram-identity/emulator'
import { samePolicy } from '../src/policy/document.js'
import { type RunResult, runAction, secretForms, workspace } from './local-runner.js'
import { prng } from './prng.js'
import { sandboxAccount } from './sandbox.js'

/** The faults of schedule `seed`: every kind appears, at rates a real bad day could show. */
export function schedule(seed: number): FaultConfig {
  const r = prng(seed)
  const pick = (p: number, value: () => number) => (r() < p ? value() : 0)
  const rates = {
    throttleRate: pick(0.7, () => 0.05 + r() * 0.25),
    serverErrorRate: pick(0.6, () => 0.02 + r() * 0.15),
    resetRate: pick(0.5, () => 0.02 + r() * 0.08),
    resetAfterRate: pick(0.5, () => 0.02 + r() * 0.08),
  }
  // At most 35 % of requests fail: worse than any real day, yet each call's 10 attempts all
  // failing stays below 1 in 30,000, so a failed schedule means a bug, not bad luck.
  const total = Object.values(rates).reduce((a, b) => a + b, 0)
  const scale = total > 0.35 ? 0.35 / total : 1
  return {
    seed,
    throttleRate: rates.throttleRate * scale,
    serverErrorRate: rates.serverErrorRate * scale,
    resetRate: rates.resetRate * scale,
    resetAfterRate: rates.resetAfterRate * scale,
    latencyMs: r() < 0.5 ? { min: 0, max: Math.round(r() * 30) } : 0,
    qps: r() < 0.3 ? 20 + Math.round(r() * 30) : undefined,
    visibilityDelayMs: pick(0.5, () => Math.round(200 + r() * 1300)),
    grantDelayMs: pick(0.5, () => Math.round(200 + r() * 1300)),
    hostileSecrets: r() < 0.5,
  }
}

/** What one schedule did, for the suite's figures. */
export interface ScheduleReport {
  seed: number
  faults: Record<string, number>
  retries: number
  worstRunMs: number
  runs: number
  secretFormsScanned: number
  problems: string[]
}

const UPLOAD = ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListMultipartUploads', 'oss:ListParts']
const policyFile = (actions: string[]) =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: 'acs:oss:*:*:b/*' }],
  })

/** Runs the flow under schedule `seed` and returns what went wrong (nothing, if all is well). */
export async function runSchedule(seed: number): Promise<ScheduleReport> {
  const emu = await startEmulator({ seed })
  const report: ScheduleReport = {
    seed,
    faults: {},
    retries: 0,
    worstRunMs: 0,
    runs: 0,
    secretFormsScanned: 0,
    problems: [],
  }
  try {
    const faults = schedule(seed)
    // The account is arranged before the faults start; only its secrets take the schedule's shape.
    emu.control.setFaults({ hostileSecrets: faults.hostileSecrets })
    const acct = await sandboxAccount(emu)
    emu.control.setFaults(faults)
    const secrets = new Set([acct.root.accessKeySecret, acct.key.accessKeySecret])
    const inputs = {
      'role-name': 'chaos-role',
      'policy-file': 'p.json',
      'sub-account': 'chaos-user',
      'access-key-id': acct.key.accessKeyId,
      'access-key-secret': acct.key.accessKeySecret,
      'ram-endpoint': emu.ramEndpoint,
      'sts-endpoint': emu.stsEndpoint,
      'retry-max-attempts': '10',
    }
    const results: RunResult[] = []
    const step = async (name: string, extra: Record<string, string>, actions: string[], exit: number) => {
      const started = Date.now()
      const r = await runAction(
        { ...inputs, ...extra },
        { cwd: workspace({ 'p.json': policyFile(actions) }), debug: true },
      )
      report.worstRunMs = Math.max(report.worstRunMs, Date.now() - started)
      report.runs++
      report.retries += r.stdout.split('\n').filter((l) => l.startsWith('::debug::retrying')).length
      results.push(r)
      for (const k of ['access-key-id', 'access-key-secret', 'security-token'])
        if (r.outputs[k]) secrets.add(r.outputs[k])
      if (r.code !== exit) {
        const why =
          r.stdout.split('\n').find((l) => l.startsWith('::error')) ?? `stderr: ${r.stderr.slice(0, 300)}`
        report.problems.push(`${name}: exit ${r.code}, expected ${exit}: ${why}`)
      }
      checkState(emu, acct.accountId, actions, name, report.problems)
    }
    await step('fresh apply', {}, UPLOAD, 0)
    await step('converged apply', {}, UPLOAD, 0)
    await step('policy change', {}, [...UPLOAD, 'oss:GetObject'], 0)
    // A nightly check runs long after the last change: let new entities become visible first.
    await new Promise((r) => setTimeout(r, (faults.visibilityDelayMs ?? 0) + 50))
    await step('check', { mode: 'check' }, [...UPLOAD, 'oss:GetObject'], 0)
    for (const r of results) {
      const log = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      for (const secret of secrets) {
        for (const form of secretForms(secret)) {
          report.secretFormsScanned++
          for (const [where, text] of Object.entries({
            log,
            stderr: r.stderr,
            summary: r.summary,
            ...r.otherFiles,
          })) {
            if (text.includes(form)) report.problems.push(`a secret leaked into ${where}`)
          }
        }
      }
    }
    report.faults = emu.control.faultStats()
  } catch (err) {
    report.problems.push(`harness: ${(err as Error).message}`)
  } finally {
    await emu.close()
  }
  return report
}

function checkState(
  emu: Emulator,
  accountId: string,
  actions: string[],
  step: string,
  problems: string[],
): void {
  const state = emu.control.state(accountId)
  const fail = (what: string) => {
    problems.push(`${step}: ${what}`)
  }
  const roles = state.roles.filter((r) => r.name.toLowerCase() === 'chaos-role')
  const users = state.users.filter((u) => u.name.toLowerCase() === 'chaos-user')
  if (roles.length !== 1) {
    fail(`${roles.length} roles`)
    return
  }
  if (users.length !== 1) {
    fail(`${users.length} users`)
    return
  }
  const trust = {
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } },
    ],
  }
  if (!samePolicy(roles[0]!.trustPolicy, trust)) fail('trust policy differs')
  const policy = state.policies.find((p) => p.name === 'chaos-role-policy')
  if (!policy) {
    fail('no role policy')
    return
  }
  if (policy.versions.length > 5) fail(`${policy.versions.length} versions`)
  const def = policy.versions.find((v) => v.versionId === policy.defaultVersion)
  if (!def) fail('the default version is gone')
  else if (!samePolicy(def.document, policyFile(actions)))
    fail('the default version is not the desired document')
  const docs = policy.versions.map((v) => JSON.stringify(JSON.parse(v.document)))
  if (new Set(docs).size !== docs.length) fail('two versions hold the same document')
  const attached = (list: { name: string }[], name: string) =>
    list.filter((p) => p.name.toLowerCase() === name).length
  if (attached(roles[0]!.policies, 'chaos-role-policy') !== 1) fail('role policy not attached once')
  if (attached(users[0]!.policies, 'chaos-role-assume') !== 1) fail('assume policy not attached once')
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  const count = arg('schedules', 60)
  const from = arg('from', 1)
  const parallel = arg('parallel', 3)
  const seeds = Array.from({ length: count }, (_, i) => from + i)
  const reports: ScheduleReport[] = []
  const started = Date.now()
  let next = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < seeds.length) {
        const report = await runSchedule(seeds[next++]!)
        reports.push(report)
        const { latency: _delayed = 0, ...kinds } = report.faults
        const injected = Object.values(kinds).reduce((a, b) => a + b, 0)
        console.log(
          `schedule ${String(report.seed).padStart(3)}: ${report.problems.length ? 'FAIL' : 'ok  '} ` +
            `${injected} faults, ${report.retries} retries, worst run ${report.worstRunMs} ms` +
            (report.problems.length ? `\n    ${report.problems.join('\n    ')}` : ''),
        )
      }
    }),
  )
  const sum = (f: (r: ScheduleReport) => number) => reports.reduce((a, r) => a + f(r), 0)
  const kinds: Record<string, number> = {}
  for (const r of reports) for (const [k, v] of Object.entries(r.faults)) kinds[k] = (kinds[k] ?? 0) + v
  const failed = reports.filter((r) => r.problems.length > 0)
  console.log(
    `\n${reports.length} schedules, ${sum((r) => r.runs)} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  const { latency = 0, ...injected } = kinds
  const faults = Object.values(injected).reduce((a, b) => a + b, 0)
  console.log(`faults injected: ${faults} ${JSON.stringify(injected)}, plus ${latency} requests delayed`)
  console.log(
    `retries made: ${sum((r) => r.retries)}; worst run: ${Math.max(...reports.map((r) => r.worstRunMs))} ms`,
  )
  console.log(`secret forms scanned: ${sum((r) => r.secretFormsScanned)}`)
  console.log(`${reports.length - failed.length} passed, ${failed.length} failed`)
  process.exitCode = failed.length > 0 ? 1 : 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
