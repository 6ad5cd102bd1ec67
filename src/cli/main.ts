/**
 * `ram-identity plan | check | apply | assume`: the action's engine outside GitHub Actions.
 * Flags are the action's inputs; stdout carries only the result, so `eval "$(ram-identity
 * assume ... --env)"` and `--json` pipelines work; progress and errors go to stderr.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { aliyunCloud } from '../aliyun/connect.js'
import { instanceRoleCredentials } from '../aliyun/ecs-metadata.js'
import { ProfileError, writeProfile } from '../credentials/profile.js'
import { NoIdTokenError } from '../engine/oidc.js'
import { runDeadline, runEngine } from '../engine/run.js'
import { readInputs } from '../inputs/read.js'
import { validateInputs } from '../inputs/validate.js'
import type { RunLog } from '../model.js'
import { parseArgs, usage } from './args.js'
import { exitCode, exportLines, humanSummary, jsonDocument, problemsDocument } from './render.js'

/** Where the CLI writes; the process's streams, or a test's. */
export interface Terminal {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const processTerminal: Terminal = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

/** Runs the CLI and returns its exit code. Reads `env`; never changes it. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  term: Terminal = processTerminal,
): Promise<number> {
  const parsed = parseArgs(argv)
  if ('usage' in parsed) {
    term.stdout(usage())
    return 0
  }
  if ('error' in parsed) {
    term.stderr(`error: ${parsed.error}\n\n${usage()}`)
    return 1
  }
  if (parsed.help) {
    term.stdout(usage(parsed.command))
    return 0
  }
  const raw = readInputs((name) => parsed.inputs.get(name) ?? '', env, parsed.workspace ?? process.cwd())
  const validated = validateInputs(raw)
  if (!validated.ok) {
    for (const p of validated.problems) term.stderr(`error: ${p.input}: ${p.message}\n`)
    if (parsed.json)
      term.stdout(`${JSON.stringify(problemsDocument(parsed.command, validated.problems), null, 2)}\n`)
    return 1
  }
  const inputs = validated.inputs
  const log: RunLog = {
    info: (line) => term.stderr(`${line}\n`),
    group: (title, lines) => term.stderr(`${title}:\n${lines.map((l) => `${l}\n`).join('')}`),
    debug: (line) => parsed.verbose && term.stderr(`debug: ${line}\n`),
    warning: (line) => term.stderr(`warning: ${line}\n`),
    mask: () => {},
  }
  const deadline = runDeadline(inputs)
  const cloud = aliyunCloud(inputs, deadline, (action, error, attempt, wait) =>
    log.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${wait} ms)`),
  )
  const idToken = async (audience: string) => {
    const file = parsed.oidcTokenFile ?? env.ALIBABA_CLOUD_OIDC_TOKEN_FILE
    if (file) return readFileSync(file, 'utf8').trim()
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL) {
      throw new NoIdTokenError('no OIDC token: pass --oidc-token-file (or set ALIBABA_CLOUD_OIDC_TOKEN_FILE)')
    }
    const { githubIdToken } = await import('../github/id-token.js')
    return githubIdToken(audience)
  }
  const result = await runEngine(
    inputs,
    { cloud, idToken, instanceRole: instanceRoleCredentials, log },
    deadline,
  )
  let code = exitCode(parsed.command, result)
  if (result.failure) term.stderr(`error: ${result.failure.message}\n`)
  if (result.session && inputs.profile) {
    // The one sink besides stdout: a profile the user asked for, under their own home.
    try {
      const written = writeProfile(env.HOME || homedir(), inputs.profile, result.session, inputs.region)
      term.stderr(`wrote the aliyun CLI profile ${written.name} to ${written.path}\n`)
    } catch (err) {
      if (!(err instanceof ProfileError)) throw err
      term.stderr(`error: aliyun-profile: ${err.message}\n`)
      code = 1
    }
  }
  if (parsed.json) term.stdout(`${JSON.stringify(jsonDocument(parsed.command, result, code), null, 2)}\n`)
  else if (parsed.env) term.stdout(exportLines(result, inputs))
  else term.stdout(humanSummary(parsed, result))
  return code
}
