// The marker that finds a comment or issue again, as a table: what counts as the same role of
// the same account, and what must not.
import { describe, expect, it } from '@jest/globals'
import { markerFor, markerLine, readMarker } from '../../../src/github/review/marker.js'

const subject = { accountId: '1234567890', roleName: 'OSS-Uploader' }
const digest = '0123456789abcdef'
const line = markerLine('plan', subject, digest)

describe('markerLine()', () => {
  it('is one hidden HTML comment naming the account and the role in lower case', () => {
    expect(line).toBe(
      '<!-- ram-identity-action:plan account=1234567890 role=oss-uploader digest=0123456789abcdef -->',
    )
    expect(readMarker(`${line}\n### plan`)).toEqual({
      kind: 'plan',
      accountId: '1234567890',
      roleName: 'oss-uploader',
      digest,
    })
  })
})

describe('markerFor()', () => {
  it.each<[string, string | null | undefined, boolean]>([
    ['the same role and account', `${line}\nbody`, true],
    [
      'the role spelt in another case, another digest (RAM names compare case-insensitively)',
      markerLine('plan', { ...subject, roleName: 'oss-UPLOADER' }, 'fedcba9876543210'),
      true,
    ],
    ['the marker below other text', `intro\n\n${line}`, true],
    ['another role', markerLine('plan', { ...subject, roleName: 'oss-reader' }, digest), false],
    [
      'a role whose name starts the same',
      markerLine('plan', { ...subject, roleName: 'oss-uploader2' }, digest),
      false,
    ],
    ['another account', markerLine('plan', { ...subject, accountId: '1234567891' }, digest), false],
    ['the drift issue of the same role', markerLine('drift', subject, digest), false],
    ['a marker inside a line of text (as quoted by someone)', `see ${line}`, false],
    ['a marker escaped the way bodies escape text', line.replace('<', '&lt;'), false],
    ['a body without a marker', '### RAM plan', false],
    ['an empty body', '', false],
    ['no body at all', null, false],
  ])('%s: %s', (_reason, body, same) => {
    expect(markerFor(body, 'plan', subject) !== undefined).toBe(same)
  })
})
