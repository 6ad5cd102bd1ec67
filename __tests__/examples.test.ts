// The copy-paste examples in examples/ must match this action's real interface (action.yml), and
// must show safe habits: credentials stay in the environment, values reach scripts through env:.
// Offline: YAML only. scripts/lint-workflows.mjs runs actionlint and action-validator on top.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

type Yaml = Record<string, unknown>
interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Example {
  path: string
  kind: 'workflow' | 'action'
  doc: Yaml
  steps: Step[]
}

const root = fileURLToPath(new URL('..', import.meta.url))
const rel = (path: string) => relative(root, path)

function load(path: string): Yaml {
  try {
    return parse(readFileSync(path, 'utf8')) as Yaml
  } catch (error) {
    throw new Error(`${rel(path)} is not valid YAML: ${(error as Error).message}`)
  }
}

function stepsOf(doc: Yaml, kind: Example['kind']): Step[] {
  if (kind === 'action') return ((doc.runs as Yaml)?.steps as Step[]) ?? []
  return Object.values((doc.jobs as Record<string, Yaml>) ?? {}).flatMap((job) => (job.steps as Step[]) ?? [])
}

function examplesIn(dir: string, kind: Example['kind']): Example[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const path = join(dir, name)
      const doc = load(path)
      return { path, kind, doc, steps: stepsOf(doc, kind) }
    })
}

/** Every string in the document (keys and values; comments are not part of it). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k)
      strings(v, out)
    }
  }
  return out
}

/** `steps.<id>.outputs.<name>` and `steps.<id>.outputs['<name>']` references. */
function outputRefs(doc: Yaml): { id: string; name: string }[] {
  const refs: { id: string; name: string }[] = []
  const pattern = /steps\.([A-Za-z_][\w-]*)\.outputs(?:\.([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g
  for (const text of strings(doc)) {
    for (const m of text.matchAll(pattern)) refs.push({ id: m[1], name: m[2] ?? m[3] })
  }
  return refs
}

const isThisAction = (uses: string | undefined) =>
  uses !== undefined && (/^your-org\/ram-identity-action@[\w.-]+$/.test(uses) || /^\.\/?$/.test(uses))

const action = load(join(root, 'action.yml'))
const inputs = action.inputs as Record<string, { required?: boolean; description?: string }>
const outputs = action.outputs as Record<string, { description?: string }>
const credentialOutputs = Object.keys(outputs).filter((name) =>
  /masked/i.test(outputs[name].description ?? ''),
)
// What export-env writes for the secret parts (README "Environment variables"); the region is not secret.
const credentialEnv =
  /\b(ALIBABA_CLOUD_(ACCESS_KEY_ID|ACCESS_KEY_SECRET|SECURITY_TOKEN)|ALICLOUD_(ACCESS_KEY|SECRET_KEY|SECURITY_TOKEN)|OSS_(ACCESS_KEY_ID|ACCESS_KEY_SECRET|SESSION_TOKEN))\b/

const examples = [
  ...examplesIn(join(root, 'examples/workflows'), 'workflow'),
  ...examplesIn(join(root, 'examples/composite'), 'action').filter((e) => /action\.ya?ml$/.test(e.path)),
]
// This repository's own workflows use the action as `uses: ./`; hold them to the same interface.
const all = [...examples, ...examplesIn(join(root, '.github/workflows'), 'workflow')]

function ramSteps(example: Example): Step[] {
  return example.steps.filter((step) => isThisAction(step.uses))
}

/** The bodies that end up as code: `run:` and actions/github-script's `script:`. */
function scriptBodies(example: Example): { where: string; body: string }[] {
  const bodies: { where: string; body: string }[] = []
  example.steps.forEach((step, i) => {
    const where = `${rel(example.path)} step "${step.id ?? step.name ?? i + 1}"`
    if (typeof step.run === 'string') bodies.push({ where, body: step.run })
    if (step.uses?.startsWith('actions/github-script@') && typeof step.with?.script === 'string') {
      bodies.push({ where, body: step.with.script })
    }
  })
  return bodies
}

describe('action.yml', () => {
  it('declares the inputs and outputs the examples rely on', () => {
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['role-name', 'policy-file', 'mode']))
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['role-arn', 'drift', 'changes', 'plan']))
    expect(credentialOutputs.sort()).toEqual(['access-key-id', 'access-key-secret', 'security-token'])
  })
})

describe('examples', () => {
  it('are all present and use this action', () => {
    expect(examples.map((e) => rel(e.path)).sort()).toEqual(
      expect.arrayContaining([
        'examples/composite/action.yml',
        'examples/workflows/call-reusable.yml',
        'examples/workflows/nightly-drift-check.yml',
        'examples/workflows/oss-upload.yml',
        'examples/workflows/plan-on-pull-request.yml',
        'examples/workflows/reusable-ram-upload.yml',
      ]),
    )
    // call-reusable.yml only calls the reusable workflow; every other example runs the action.
    const without = examples.filter((e) => ramSteps(e).length === 0).map((e) => rel(e.path))
    expect(without).toEqual(['examples/workflows/call-reusable.yml'])
  })

  it('pass only inputs that action.yml declares, and every required one', () => {
    const problems: string[] = []
    for (const example of all) {
      for (const step of ramSteps(example)) {
        const given = Object.keys(step.with ?? {})
        for (const key of given) {
          if (!(key in inputs)) problems.push(`${rel(example.path)}: unknown input "${key}"`)
        }
        for (const [key, spec] of Object.entries(inputs)) {
          if (spec.required && !given.includes(key)) {
            problems.push(`${rel(example.path)}: missing required input "${key}"`)
          }
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('read only outputs that action.yml declares', () => {
    const problems: string[] = []
    let checked = 0
    for (const example of all) {
      const ids = new Set(ramSteps(example).map((s) => s.id))
      for (const ref of outputRefs(example.doc)) {
        if (!ids.has(ref.id)) continue
        checked += 1
        if (!(ref.name in outputs))
          problems.push(`${rel(example.path)}: unknown output steps.${ref.id}.outputs.${ref.name}`)
      }
    }
    expect(problems).toEqual([])
    expect(checked).toBeGreaterThan(10)
  })

  it('give the action step the id ram', () => {
    const ids = examples.flatMap((e) => ramSteps(e).map((s) => `${rel(e.path)}: ${s.id}`))
    expect(ids.filter((id) => !id.endsWith(': ram'))).toEqual([])
  })

  it('never read the credential outputs (they stay in the exported environment)', () => {
    const problems: string[] = []
    for (const example of examples) {
      for (const ref of outputRefs(example.doc)) {
        if (credentialOutputs.includes(ref.name)) {
          problems.push(`${rel(example.path)}: steps.${ref.id}.outputs.${ref.name}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('never print a credential variable or dump the environment in a script', () => {
    const problems: string[] = []
    for (const example of examples) {
      for (const { where, body } of scriptBodies(example)) {
        if (credentialEnv.test(body)) problems.push(`${where}: names a credential variable`)
        if (/^\s*(printenv|env|set\s+-x)\s*$|\bJSON\.stringify\(\s*process\.env\s*\)/m.test(body)) {
          problems.push(`${where}: dumps the environment`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it(`pass values to scripts through env:, never \${{ }} in a run or script body`, () => {
    const problems: string[] = []
    for (const example of examples) {
      for (const { where, body } of scriptBodies(example)) {
        if (body.includes('${{')) problems.push(where)
      }
    }
    expect(problems).toEqual([])
  })

  it('pin every action to a version', () => {
    const problems: string[] = []
    for (const example of examples) {
      for (const step of example.steps) {
        if (step.uses && !step.uses.startsWith('./') && !/@(v\d+(\.\d+)*|[0-9a-f]{40})$/.test(step.uses)) {
          problems.push(`${rel(example.path)}: ${step.uses}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

describe('nightly-drift-check.yml', () => {
  const example = examples.find((e) => e.path.endsWith('nightly-drift-check.yml'))!

  it('runs read-only on a schedule and by hand, and may write issues', () => {
    expect(Object.keys(example.doc.on as Yaml).sort()).toEqual(['schedule', 'workflow_dispatch'])
    expect(example.doc.permissions).toEqual({ contents: 'read', issues: 'write' })
    const [ram] = ramSteps(example)
    expect(ram.with).toMatchObject({ mode: 'check', 'fail-on-drift': false })
  })

  it('keeps the drift issue through the action itself, with no script of its own', () => {
    const [ram] = ramSteps(example)
    expect(ram.with).toMatchObject({ 'drift-issue': true, 'drift-issue-label': 'ram-drift' })
    expect(example.steps.filter((s) => s.uses?.startsWith('actions/github-script@'))).toEqual([])
  })
})

describe('plan-on-pull-request.yml', () => {
  const example = examples.find((e) => e.path.endsWith('plan-on-pull-request.yml'))!
  const jobs = example.doc.jobs as Record<string, Yaml & { steps: Step[] }>

  it('checks on pull requests and applies on push to main', () => {
    expect(Object.keys(example.doc.on as Yaml).sort()).toEqual(['pull_request', 'push'])
    expect(((example.doc.on as Yaml).push as Yaml).branches).toEqual(['main'])
    const [plan] = jobs.plan!.steps.filter((s) => isThisAction(s.uses))
    const [apply] = jobs.apply!.steps.filter((s) => isThisAction(s.uses))
    expect(plan!.with).toMatchObject({ mode: 'check', 'pr-comment': true, 'fail-on-drift': false })
    expect(apply!.with?.mode ?? 'apply').toBe('apply')
  })

  it('lets only the plan job write to pull requests, and skips forks (no secrets, read-only token)', () => {
    expect(example.doc.permissions).toEqual({ contents: 'read' })
    expect(jobs.plan!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
    expect(jobs.apply!.permissions).toBeUndefined()
    expect(String(jobs.plan!.if)).toContain(
      'github.event.pull_request.head.repo.full_name == github.repository',
    )
  })
})

describe('reusable-ram-upload.yml and its caller', () => {
  const reusable = examples.find((e) => e.path.endsWith('reusable-ram-upload.yml'))!
  const caller = examples.find((e) => e.path.endsWith('call-reusable.yml'))!
  const call = (reusable.doc.on as Yaml).workflow_call as Record<string, Record<string, Yaml>>

  it('declares typed inputs, required secrets and non-secret outputs', () => {
    expect(call.inputs['role-name']).toMatchObject({ type: 'string', required: true })
    expect(call.inputs['policy-file']).toMatchObject({ type: 'string', required: true })
    expect(call.inputs['sub-account']).toMatchObject({ type: 'string' })
    expect(call.inputs.region).toMatchObject({ type: 'string', default: 'cn-hangzhou' })
    expect(call.inputs.mode).toMatchObject({ type: 'string', default: 'apply' })
    expect(call.secrets['reconciler-access-key-id']).toMatchObject({ required: true })
    expect(call.secrets['reconciler-access-key-secret']).toMatchObject({ required: true })
    expect(Object.keys(call.outputs).sort()).toEqual(['changes', 'drift', 'role-arn'])
  })

  it('maps each workflow output to a job output that exists', () => {
    const jobs = reusable.doc.jobs as Record<string, { outputs?: Record<string, string> }>
    for (const [name, spec] of Object.entries(call.outputs)) {
      const m = /^\$\{\{\s*jobs\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(String(spec.value))
      expect(m).not.toBeNull()
      expect(jobs[m![1]]?.outputs?.[m![2]]).toBe(`\${{ steps.ram.outputs.${name} }}`)
    }
  })

  it('is called with its own inputs, secrets and outputs only', () => {
    const jobs = caller.doc.jobs as Record<string, Yaml>
    const [name, job] = Object.entries(jobs).find(([, j]) =>
      String(j.uses).endsWith('reusable-ram-upload.yml'),
    )!
    const given = Object.keys((job.with as Yaml) ?? {})
    const secrets = Object.keys((job.secrets as Yaml) ?? {})
    expect(given.filter((k) => !(k in call.inputs))).toEqual([])
    for (const [k, spec] of Object.entries(call.inputs)) if (spec.required) expect(given).toContain(k)
    expect(secrets.sort()).toEqual(Object.keys(call.secrets).sort())
    const used = strings(caller.doc).flatMap((t) =>
      [...t.matchAll(new RegExp(`needs\\.${name}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => m[1]),
    )
    expect(used.length).toBeGreaterThan(0)
    expect(used.filter((o) => !(o in call.outputs))).toEqual([])
  })
})

describe('composite action', () => {
  const composite = examples.find((e) => e.path.endsWith('composite/action.yml'))!

  it('wraps this action and maps its outputs from the inner step', () => {
    expect((composite.doc.runs as Yaml).using).toBe('composite')
    expect(Object.keys(composite.doc.inputs as Yaml)).toEqual(
      expect.arrayContaining([
        'role-name',
        'policy-file',
        'bucket',
        'source-dir',
        'access-key-id',
        'access-key-secret',
      ]),
    )
    const outs = composite.doc.outputs as Record<string, { value: string }>
    for (const [name, spec] of Object.entries(outs))
      expect(spec.value).toBe(`\${{ steps.ram.outputs.${name} }}`)
    for (const step of composite.steps) if (step.run) expect(step).toHaveProperty('shell', 'bash')
  })
})
