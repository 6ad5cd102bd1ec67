// The CLI's command line, as a table: what parses, and what is refused before anything runs.
import { describe, expect, it } from '@jest/globals'
import { COMMANDS, parseArgs, usage } from '../../src/cli/args.js'

describe('parseArgs()', () => {
  it.each<[string, string[], Record<string, string>]>([
    [
      'flags with values',
      ['apply', '--role-name', 'r', '--policy-file', 'p.json'],
      { 'role-name': 'r', 'policy-file': 'p.json', mode: 'apply' },
    ],
    ['--flag=value', ['check', '--role-name=r'], { 'role-name': 'r', mode: 'check' }],
    [
      'a switch alone means true',
      ['apply', '--role-name', 'r', '--exclusive'],
      { 'role-name': 'r', exclusive: 'true', mode: 'apply' },
    ],
    [
      'a switch set to false',
      ['check', '--role-name', 'r', '--fail-on-drift=false'],
      { 'role-name': 'r', 'fail-on-drift': 'false', mode: 'check' },
    ],
    ['plan runs check mode', ['plan', '--role-name', 'r'], { 'role-name': 'r', mode: 'check' }],
    [
      'a value that starts with one dash',
      ['apply', '--role-name', '-r'],
      { 'role-name': '-r', mode: 'apply' },
    ],
  ])('%s', (_reason, argv, inputs) => {
    const parsed = parseArgs(argv)
    expect('inputs' in parsed && Object.fromEntries(parsed.inputs)).toEqual(inputs)
  })

  it.each<[string, string[], RegExp]>([
    ['no command', [], /a command is required/],
    ['an unknown command', ['destroy'], /unknown command "destroy"/],
    ['a misspelt flag', ['apply', '--polcy-file', 'p.json'], /unknown flag --polcy-file/],
    ['a flag without its value at the end', ['apply', '--role-name'], /--role-name needs a value/],
    ['a flag followed by another flag', ['apply', '--role-name', '--json'], /--role-name needs a value/],
    ['a flag given twice', ['apply', '--role-name', 'a', '--role-name', 'b'], /given twice/],
    ['a bare argument', ['apply', 'role'], /unexpected argument "role"/],
    ['mode as a flag (the command is the mode)', ['apply', '--mode', 'check'], /unknown flag --mode/],
    ['a switch with a non-boolean', ['apply', '--json=yes'], /--json is true or false/],
    ['--env together with --json', ['assume', '--env', '--json'], /each own stdout/],
    ['a GitHub token (the CLI posts nothing)', ['check', '--github-token', 't'], /GitHub step only/],
    ['pr-comment', ['check', '--pr-comment=true'], /--pr-comment is an input of the GitHub step only/],
    ['drift-issue', ['check', '--drift-issue'], /--drift-issue is an input of the GitHub step only/],
    ['drift-issue-label', ['check', '--drift-issue-label', 'x'], /GitHub step only/],
  ])('refuses %s', (_reason, argv, error) => {
    const parsed = parseArgs(argv)
    expect('error' in parsed && parsed.error).toMatch(error)
  })

  it('lists no GitHub-step-only input in the usage', () => {
    expect(usage()).not.toMatch(/--(github-token|pr-comment|drift-issue)/)
  })

  it.each(['--help', '-h', 'help'])('%s alone asks for the usage', (flag) => {
    expect(parseArgs([flag])).toEqual({ usage: true })
  })

  it.each(Object.keys(COMMANDS))("%s --help asks for that command's usage", (command) => {
    expect(parseArgs([command, '--help'])).toMatchObject({ command, help: true })
    expect(usage(command as keyof typeof COMMANDS)).toMatch(new RegExp(`^Usage: ram-identity ${command} `))
  })
})
