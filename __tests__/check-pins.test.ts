// scripts/check-pins.mjs (run by `npm run lint`): every third-party `uses:` is pinned to a full
// commit SHA with its release in a comment. Table-driven, with as many failing cases as passing
// ones, so that a check that lets everything through fails here.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  checkConsistency,
  checkText,
  defaultFiles,
  markdownCode,
  pinProblem,
  usesLines,
} from '../scripts/check-pins.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1'
const OTHER_SHA = '820762786026740c76f36085b0efc47a31fe5020'

describe('pinProblem', () => {
  it.each([
    ['a third-party action by SHA with its release', `actions/checkout@${SHA}`, 'v7.0.1'],
    ['an action in a subdirectory of a repository', `owner/repo/path/to/action@${SHA}`, 'v1.0.0'],
    ['a reusable workflow of another repository', `owner/repo/.github/workflows/build.yml@${SHA}`, 'v2.3.4'],
    ['the repository itself as a local action', './', undefined],
    ['a local action', './.github/actions/setup', undefined],
    ['a local reusable workflow', './.github/workflows/reusable-ram-upload.yml', undefined],
    ['a Docker image', 'docker://alpine:3.20', undefined],
    ['this action by major tag, as the examples show it', 'your-org/ram-identity-action@v1', undefined],
    ['this action under another owner', 'acme/ram-identity-action@v12', undefined],
    ['this action by SHA', `your-org/ram-identity-action@${SHA}`, 'v1.0.0'],
  ])('accepts %s', (_, ref, comment) => {
    expect(pinProblem(ref, comment)).toBeNull()
  })

  it.each([
    ['a major tag', 'actions/checkout@v5', undefined, /pinned to "v5", which can move/],
    ['a full version tag', 'actions/checkout@v5.0.0', '', /pinned to "v5.0.0", which can move/],
    ['a branch', 'actions/checkout@main', undefined, /pinned to "main", which can move/],
    ['a short SHA', 'actions/checkout@3d3c42e', 'v7.0.1', /full 40-character commit SHA/],
    ['an upper-case SHA', `actions/checkout@${SHA.toUpperCase()}`, 'v7.0.1', /which can move/],
    ['a 41-character hex ref', `actions/checkout@${SHA}0`, 'v7.0.1', /which can move/],
    ['a SHA without a comment', `actions/checkout@${SHA}`, undefined, /no "# vX.Y.Z" comment/],
    ['a SHA with a major-only comment', `actions/checkout@${SHA}`, 'v7', /comment "# v7"/],
    ['a SHA with a comment without v', `actions/checkout@${SHA}`, '7.0.1', /comment "# 7.0.1"/],
    ['a SHA with prose after the version', `actions/checkout@${SHA}`, 'v7.0.1 latest', /write the release/],
    ['no ref at all', 'actions/checkout', undefined, /names no version/],
    ['no owner', `checkout@${SHA}`, 'v7.0.1', /not owner\/repo/],
    ['this action by a full version tag', 'your-org/ram-identity-action@v1.2.3', undefined, /can move/],
    ['this action by branch', 'your-org/ram-identity-action@main', undefined, /can move/],
    ['an action merely named like this one', 'your-org/ram-identity-action-fork@v1', undefined, /can move/],
    [
      'this action as a subdirectory of another repository',
      'x/y/ram-identity-action@v1',
      undefined,
      /can move/,
    ],
  ])('rejects %s', (_, ref, comment, message) => {
    expect(pinProblem(ref, comment || undefined)).toMatch(message)
  })
})

describe('usesLines', () => {
  it.each([
    ['a step', `      - uses: actions/checkout@${SHA} # v7.0.1`, `actions/checkout@${SHA}`, 'v7.0.1'],
    ['a key under a named step', `        uses: a/b@${SHA}   #   v1.2.3  `, `a/b@${SHA}`, 'v1.2.3'],
    ['a double-quoted ref', `  - uses: "a/b@${SHA}" # v1.2.3`, `a/b@${SHA}`, 'v1.2.3'],
    ['a single-quoted ref', "  - uses: 'a/b@v1'", 'a/b@v1', undefined],
    [
      'a job calling a reusable workflow',
      '    uses: ./.github/workflows/r.yml',
      './.github/workflows/r.yml',
      undefined,
    ],
    [
      'a # without space before it, which YAML keeps in the value',
      'uses: a/b@v1#v1.0.0',
      'a/b@v1#v1.0.0',
      undefined,
    ],
  ])('reads %s', (_, line, ref, comment) => {
    expect(usesLines(line)).toEqual([{ line: 1, ref, comment }])
  })

  it.each([
    ['a commented-out step', '#   - uses: actions/checkout@v5'],
    ['an indented comment', '      # uses: actions/checkout@v5'],
    ['a key that only ends in uses', '        reuses: a/b@v1'],
    ['a run line that mentions uses:', '        run: echo "uses: a/b@v1"'],
  ])('skips %s', (_, line) => {
    expect(usesLines(line)).toEqual([])
  })

  it('numbers lines from 1, CRLF or LF', () => {
    expect(usesLines('a: 1\r\n- uses: a/b@v1\r\n').map((u) => u.line)).toEqual([2])
  })
})

describe('markdownCode', () => {
  it('keeps only the lines inside fenced blocks, at their line numbers', () => {
    const md = [
      'Use `uses: a/b@v1` in prose:', // 1: prose, ignored
      'uses: prose/outside@v1', // 2
      '```yaml', // 3
      '- uses: a/b@v1', // 4
      '```', // 5
      '~~~~yml', // 6
      '```', // 7: not the closing fence
      '  uses: c/d@v2', // 8
      '~~~~', // 9
    ].join('\n')
    expect(usesLines(markdownCode(md))).toEqual([
      { line: 4, ref: 'a/b@v1', comment: undefined },
      { line: 8, ref: 'c/d@v2', comment: undefined },
    ])
  })
})

describe('checkText', () => {
  const check = (text: string, markdown = false) =>
    checkText('f.yml', text, { parse, markdown }).findings.map((f) => `${f.line}: ${f.message}`)

  it.each([
    [
      'a pinned workflow',
      `jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${SHA} # v7.0.1\n      - uses: ./\n`,
    ],
    [
      'a composite action',
      `runs:\n  using: composite\n  steps:\n    - uses: your-org/ram-identity-action@v1\n    - uses: docker://alpine:3.20\n`,
    ],
    ['a reusable workflow call', `jobs:\n  a:\n    uses: o/r/.github/workflows/w.yml@${SHA} # v1.0.0\n`],
  ])('passes %s', (_, text) => {
    expect(check(text)).toEqual([])
  })

  it.each([
    ['an unpinned step', 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v5\n', /^4: .*can move/],
    [
      'a step in flow style, which the line scan cannot see',
      'jobs:\n  a:\n    steps: [{ uses: actions/checkout@v5 }]\n',
      /^0: "actions\/checkout@v5" is not written as "uses: <ref>" on a line of its own/,
    ],
    [
      'a flow mapping in a list',
      `runs:\n  steps:\n    - { name: x, uses: "a/b@${SHA}" }\n`,
      /^0: .*not written as "uses: <ref>"/,
    ],
    ['a file that is not YAML', 'jobs: [\n', /^0: is not valid YAML/],
    [
      'an unpinned reusable workflow',
      'jobs:\n  a:\n    uses: o/r/.github/workflows/w.yml@main\n',
      /^3: .*can move/,
    ],
  ])('flags %s', (_, text, message) => {
    const findings = check(text)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatch(message)
  })

  it('checks the code blocks of Markdown, and only those', () => {
    const md = 'Pin `uses: a/b@v1`, e.g.\n\n```yaml\nsteps:\n  - uses: actions/checkout@v5\n```\n'
    expect(check(md, true)).toEqual([expect.stringMatching(/^5: "actions\/checkout@v5" .*can move/)])
    expect(check(md.replace('actions/checkout@v5', `actions/checkout@${SHA} # v7.0.1`), true)).toEqual([])
  })
})

describe('checkConsistency', () => {
  const use = (file: string, ref: string, comment?: string) => ({ file, line: 1, ref, comment })

  it('passes one action at one release everywhere', () => {
    expect(
      checkConsistency([
        use('a.yml', `actions/checkout@${SHA}`, 'v7.0.1'),
        use('b.yml', `actions/checkout@${SHA}`, 'v7.0.1'),
        use('b.yml', `actions/setup-node@${OTHER_SHA}`, 'v7.0.0'),
        use('b.yml', 'actions/checkout@v5'), // not a pin; pinProblem reports it
      ]),
    ).toEqual([])
  })

  it.each([
    ['two SHAs for one action', `actions/checkout@${OTHER_SHA}`, 'v7.0.1'],
    ['two releases named for one SHA', `actions/checkout@${SHA}`, 'v7.0.0'],
    ['the same action spelled in another case', `Actions/Checkout@${OTHER_SHA}`, 'v7.0.0'],
  ])('flags %s', (_, ref, comment) => {
    const findings = checkConsistency([
      use('a.yml', `actions/checkout@${SHA}`, 'v7.0.1'),
      use('b.yml', ref, comment),
    ])
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'b.yml',
        message: expect.stringMatching(/differs from .* at a\.yml:1/),
      }),
    ])
  })
})

describe('this repository', () => {
  const files = defaultFiles(root)
  const rel = (f: string) => relative(root, f).replaceAll('\\', '/')

  it('checks the workflows, the examples and their docs', () => {
    expect(files.map(rel)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        'examples/composite/action.yml',
        'examples/workflows/nightly-drift-check.yml',
        'examples/README.md',
        'action.yml',
      ]),
    )
  })

  it('pins every third-party action, the same release everywhere', () => {
    const results = files.map((f) =>
      checkText(rel(f), readFileSync(f, 'utf8'), { parse, markdown: f.endsWith('.md') }),
    )
    const uses = results.flatMap((r) => r.uses)
    expect(results.flatMap((r) => r.findings)).toEqual([])
    expect(checkConsistency(uses)).toEqual([])
    // Third-party pins exist, so the check above checked something.
    expect(uses.filter((u) => /@[0-9a-f]{40}$/.test(u.ref)).length).toBeGreaterThan(5)
  })
})

describe('the command', () => {
  const run = promisify(execFile)
  const dir = mkdtempSync(join(tmpdir(), 'check-pins-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const cli = async (name: string, text: string) => {
    const file = join(dir, name)
    writeFileSync(file, text)
    try {
      const { stdout } = await run(process.execPath, [join(root, 'scripts/check-pins.mjs'), file])
      return { code: 0, stdout }
    } catch (error) {
      const e = error as { code: number; stdout: string }
      return { code: e.code, stdout: e.stdout }
    }
  }

  it.each([
    [
      'a pinned file',
      'ok.yml',
      `steps:\n  - uses: a/b@${SHA} # v1.0.0\n`,
      0,
      /1 uses: in 1 file\(s\), all pinned/,
    ],
    ['an unpinned file', 'bad.yml', 'runs:\n  steps:\n    - uses: a/b@v1\n', 1, /bad\.yml:3: "a\/b@v1"/],
    ['a file with no uses: at all', 'none.yml', 'name: x\n', 1, /no uses: found at all/],
    ['an unpinned Markdown example', 'doc.md', '```yaml\n- uses: a/b@v1\n```\n', 1, /doc\.md:2: /],
  ])('exits as it should on %s', async (_, name, text, code, output) => {
    const result = await cli(name, text)
    expect(result.code).toBe(code)
    expect(result.stdout).toMatch(output)
  })
})
