// `npm start`: the whole flow on this machine, no cloud account needed. It starts the RAM/STS
// emulator, then runs dist/index.cjs exactly as a GitHub runner would, three times: a first
// apply, a second apply (zero changes), and a drift check after something drifted. It prints
// what a workflow's author would see, with secrets masked the way the runner masks them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator } from '@ram-identity/emulator'
import { ROOT, type RunResult, runAction, workspace } from './local-runner.js'
import { sandboxAccount } from './sandbox.js'

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)

/** The log as the runner's UI shows it: commands consumed, annotations rendered, secrets masked. */
function show(result: RunResult): void {
  const masks = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length))
  const mask = (text: string) => masks.reduce((t, m) => (m ? t.split(m).join('***') : t), text)
  for (const line of result.stdout.split('\n')) {
    if (!line || line.startsWith('::add-mask::') || line.startsWith('::debug::')) continue
    const annotation = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line)
    console.log(
      `  | ${mask(annotation ? `${annotation[1]![0]!.toUpperCase()}${annotation[1]!.slice(1)}: ${annotation[2]}` : line)}`,
    )
  }
  console.log(`  exit code ${result.code}`)
  console.log(bold('  step outputs:'))
  for (const [name, value] of Object.entries(result.outputs)) console.log(`    ${name} = ${mask(value)}`)
  console.log(bold('  job summary:'))
  for (const line of result.summary.trim().split('\n')) console.log(`    ${mask(line)}`)
  console.log()
}

const emu = await startEmulator()
try {
  const acct = await sandboxAccount(emu)
  const ws = workspace({
    '.github/ram/oss-upload.json': readFileSync(join(ROOT, 'examples', 'oss-upload-policy.json'), 'utf8'),
  })
  const inputs = {
    'role-name': 'oss-uploader',
    'policy-file': '.github/ram/oss-upload.json',
    'sub-account': 'oss-upload-bot',
    'access-key-id': acct.key.accessKeyId,
    'access-key-secret': acct.key.accessKeySecret,
    'ram-endpoint': emu.ramEndpoint,
    'sts-endpoint': emu.stsEndpoint,
  }
  console.log(`RAM/STS emulator on ${emu.ramEndpoint} and ${emu.stsEndpoint}, account ${acct.accountId}`)
  console.log('The reconciling identity is RAM user ci-admin with examples/reconciler-policy.json.\n')

  const writes = () => emu.control.calls().filter((c) => c.write).length
  let before = writes()
  console.log(bold('1. First run (mode: apply) on an empty account'))
  const first = await runAction(inputs, { cwd: ws })
  show(first)
  console.log(`  → ${writes() - before} RAM write(s)\n`)

  before = writes()
  console.log(bold('2. Second run: RAM already matches'))
  const second = await runAction(inputs, { cwd: ws })
  show(second)
  console.log(`  → ${writes() - before} RAM write(s)\n`)

  console.log(bold('3. Someone detaches the policy from the role in the console; the nightly check runs'))
  await acct.rootRam.call('DetachPolicyFromRole', {
    PolicyType: 'Custom',
    PolicyName: 'oss-uploader-policy',
    RoleName: 'oss-uploader',
  })
  before = writes()
  const check = await runAction({ ...inputs, mode: 'check' }, { cwd: ws })
  show(check)
  console.log(`  → ${writes() - before} RAM write(s); the step fails because fail-on-drift is true\n`)

  const ok = first.code === 0 && second.code === 0 && second.outputs.changes === '0' && check.code === 1
  console.log(ok ? 'Demo finished: apply, converge and drift check behaved as expected.' : 'Demo FAILED.')
  process.exitCode = ok ? 0 : 1
} finally {
  await emu.close()
}
