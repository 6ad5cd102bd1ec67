/**
 * The engine's progress in the step log, through @actions/core. Text that came from a server
 * or a token (an ARN, an OIDC `sub`) is kept to one line, so it can never start a line of its
 * own and be read by the runner as a workflow command.
 */
import * as core from '@actions/core'
import type { RunLog } from '../model.js'

/** `text` with line breaks and other control characters replaced by spaces. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
}

/** The step log as a RunLog. */
export const githubLog: RunLog = {
  info: (line) => core.info(oneLine(line)),
  group: (title, lines) => {
    core.startGroup(oneLine(title))
    for (const line of lines) core.info(oneLine(line))
    core.endGroup()
  },
  debug: (line) => core.debug(oneLine(line)),
  warning: (line) => core.warning(oneLine(line)),
  mask: (secret) => core.setSecret(secret),
}
