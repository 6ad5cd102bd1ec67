// Reads npm's output on stdin and prints its warnings, minus those the project has decided
// (CONTRIBUTING.md, "A quiet install"). An EBADENGINE warning spans several lines; the block
// is dropped whole when its package line names a decided package.
import { readFileSync } from 'node:fs'

/** Packages whose declared Node engine is known to be above the development Node, and why that is fine. */
const DECIDED_ENGINES = [/^content-type@3\./]

const warnings = readFileSync(0, 'utf8')
  .split('\n')
  .filter((line) => /^npm warn/i.test(line))
const out = []
for (let i = 0; i < warnings.length; i++) {
  if (/^npm warn EBADENGINE Unsupported engine \{$/i.test(warnings[i])) {
    const block = [warnings[i]]
    while (i + 1 < warnings.length && /^npm warn EBADENGINE /i.test(warnings[i + 1])) {
      block.push(warnings[++i])
      if (/^npm warn EBADENGINE \}$/i.test(warnings[i])) break
    }
    const pkg = /package: '([^']+)'/.exec(block.join('\n'))?.[1] ?? ''
    if (!DECIDED_ENGINES.some((re) => re.test(pkg))) out.push(...block)
    continue
  }
  out.push(warnings[i])
}
if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`)
