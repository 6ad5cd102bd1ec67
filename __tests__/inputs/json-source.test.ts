import { describe, expect, it } from '@jest/globals'
import { parseJson } from '../../src/inputs/json-source.js'

describe('parseJson()', () => {
  it.each<[string, string, unknown]>([
    ['an object with nesting', '{"a":[1,2,{"b":null}],"c":true}', { a: [1, 2, { b: null }], c: true }],
    ['escapes and unicode', '"a\\n\\u00e9\\"/"', 'a\né"/'],
    ['numbers', '[-1.5e3, 0, 12]', [-1500, 0, 12]],
    ['surrounding whitespace', ' \n {} \n', {}],
  ])('accepts %s', (_reason, text, value) => {
    expect(parseJson(text)).toMatchObject({ ok: true, value })
  })

  it('records the line each value starts on, by path, for annotations', () => {
    const text =
      '{\n  "Version": "1",\n  "Statement": [\n    {"Effect": "Allow"},\n\n    {\n      "Effect": "Deny"\n    }\n  ]\n}'
    const result = parseJson(text)
    expect(result.ok && Object.fromEntries(result.lines)).toEqual({
      Version: 2,
      Statement: 3,
      'Statement[0]': 4,
      'Statement[0].Effect': 4,
      'Statement[1]': 6,
      'Statement[1].Effect': 7,
    })
  })

  it('keeps a "__proto__" key a key, never the prototype', () => {
    const result = parseJson('{"__proto__": {"polluted": true}}')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const value = result.value as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__'])
    expect((value as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it.each<[string, string, number, number, RegExp]>([
    ['a missing comma, on line 3', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /',' or '}'/],
    ['a trailing comma', '{"a": [1, 2, ]}', 1, 14, /trailing comma/],
    ['a duplicate key', '{"Version":"1",\n "Version":"1"}', 2, 2, /duplicate key "Version"/],
    ['an unterminated string', '{"a": "b', 1, 7, /unterminated string/],
    ['end of input', '{"a":', 1, 6, /end of input/],
    ['a bare word', '{"a": yes}', 1, 7, /unexpected character/],
    ['content after the value', '{} {}', 1, 4, /after the JSON value/],
    ['a single-quoted key', "{'a': 1}", 1, 2, /double quotes/],
    ['a raw newline inside a string', '"a\nb"', 1, 3, /control character/],
    ['an empty document', '', 1, 1, /end of input/],
  ])('rejects %s with its line and column', (_reason, text, line, column, message) => {
    const result = parseJson(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toMatchObject({ line, column })
    expect(result.error.message).toMatch(message)
  })

  it('rejects nesting deeper than 64 levels', () => {
    expect(parseJson('['.repeat(65) + ']'.repeat(65)).ok).toBe(false)
    expect(parseJson('['.repeat(64) + ']'.repeat(64)).ok).toBe(true)
  })
})
