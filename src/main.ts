/**
 * The GitHub step: read and validate the inputs, run the engine, render its result. Every
 * runner interaction goes through @actions/core.
 */
import * as core from '@actions/core'
import { aliyunCloud } from './aliyun/connect.js'
import { runEngine } from './engine/run.js'
import { githubIdToken } from './github/id-token.js'
import { githubLog } from './github/log.js'
import { renderInputProblems, renderResult } from './github/render.js'
import { readInputs } from './inputs/read.js'
import { validateInputs } from './inputs/validate.js'
import type { Inputs } from './model.js'

/** The action's main step. */
export async function run(): Promise<void> {
  try {
    const raw = readInputs(
      (name) => core.getInput(name),
      process.env,
      process.env.GITHUB_WORKSPACE || process.cwd(),
    )
    const validated = validateInputs(raw)
    if (!validated.ok) return renderInputProblems(validated.problems)
    const inputs = validated.inputs
    maskInputSecrets(inputs)
    const cloud = aliyunCloud(inputs, (action, error, attempt, wait) =>
      core.debug(`retrying ${action} after ${error.code} (attempt ${attempt}, waiting ${wait} ms)`),
    )
    const result = await runEngine(inputs, { cloud, idToken: githubIdToken, log: githubLog })
    await renderResult(result, inputs)
  } catch (err) {
    // Only a bug gets here: expected failures come back in the result. Never print the error
    // itself, which could hold anything; its stack goes to the debug log.
    core.setFailed('unexpected failure: the action has a bug')
    if (err instanceof Error) core.debug(err.stack ?? err.name)
  }
}

/** The input secrets, masked before anything else can print them. */
function maskInputSecrets(inputs: Inputs): void {
  const values = [
    inputs.credentials?.accessKeySecret,
    inputs.credentials?.securityToken,
    inputs.subAccountCredentials?.accessKeySecret,
    inputs.review.githubToken,
  ]
  for (const value of values) if (value) core.setSecret(value)
}
