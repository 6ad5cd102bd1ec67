/**
 * A strict JSON reader that says where a document is broken.
 *
 * JSON.parse reports positions differently on every Node version (and not at all for some
 * errors), and silently keeps the last of two duplicate keys. A policy file is short, so a
 * small recursive-descent reader gives exact line/column annotations and rejects duplicates.
 */

/** A parse failure with the 1-based line and column it was found at. */
export interface JsonError {
  message: string
  line: number
  column: number
}

/**
 * The parsed value, and the line each value starts on by its path (`Statement[0]`,
 * `Statement[0].Action`), so findings can point at the statement they are about.
 */
export type JsonParseResult =
  | { ok: true; value: unknown; lines: Map<string, number> }
  | { ok: false; error: JsonError }

/** Parses `text` as strict JSON (RFC 8259, no duplicate keys, no trailing commas). */
export function parseJson(text: string): JsonParseResult {
  const reader = new Reader(text)
  try {
    reader.skipWhitespace()
    const value = reader.value('')
    reader.skipWhitespace()
    if (reader.pos < text.length) reader.fail('unexpected content after the JSON value')
    return { ok: true, value, lines: reader.lines }
  } catch (e) {
    if (e instanceof ReaderError) return { ok: false, error: locate(text, e.pos, e.message) }
    throw e
  }
}

class ReaderError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message)
  }
}

function locate(text: string, pos: number, message: string): JsonError {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\n') {
      line++
      lineStart = i + 1
    }
  }
  return { message, line, column: pos - lineStart + 1 }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}
const MAX_DEPTH = 64

class Reader {
  pos = 0
  readonly lines = new Map<string, number>()
  private depth = 0
  private line = 1
  private lineCountedTo = 0
  constructor(private readonly text: string) {}

  /** The 1-based line of the current position (counted incrementally: positions only grow). */
  private currentLine(): number {
    for (; this.lineCountedTo < this.pos; this.lineCountedTo++)
      if (this.text[this.lineCountedTo] === '\n') this.line++
    return this.line
  }

  fail(message: string, at = this.pos): never {
    throw new ReaderError(message, at)
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++
  }

  value(path: string): unknown {
    const ch = this.text[this.pos]
    if (ch === undefined) this.fail('unexpected end of input: a value was expected')
    if (path) this.lines.set(path, this.currentLine())
    if (ch === '{') return this.nested(() => this.object(path))
    if (ch === '[') return this.nested(() => this.array(path))
    if (ch === '"') return this.string()
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number()
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length
        return value
      }
    }
    return this.fail(`unexpected character ${JSON.stringify(ch)}: a value was expected`)
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`)
    const value = read()
    this.depth--
    return value
  }

  private object(path: string): Record<string, unknown> {
    const result: Record<string, unknown> = {}
    this.pos++
    this.skipWhitespace()
    if (this.text[this.pos] === '}') {
      this.pos++
      return result
    }
    for (;;) {
      this.skipWhitespace()
      if (this.text[this.pos] !== '"') this.fail('a property name in double quotes was expected')
      const keyAt = this.pos
      const key = this.string()
      if (Object.hasOwn(result, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt)
      this.skipWhitespace()
      if (this.text[this.pos] !== ':') this.fail("':' was expected after a property name")
      this.pos++
      this.skipWhitespace()
      // defineProperty: a "__proto__" key stays a key instead of replacing the prototype.
      Object.defineProperty(result, key, {
        value: this.value(path ? `${path}.${key}` : key),
        enumerable: true,
        writable: true,
        configurable: true,
      })
      this.skipWhitespace()
      const next = this.text[this.pos]
      this.pos++
      if (next === '}') return result
      if (next !== ',') this.fail("',' or '}' was expected", this.pos - 1)
      this.skipWhitespace()
      if (this.text[this.pos] === '}') this.fail('trailing comma before }', this.pos)
    }
  }

  private array(path: string): unknown[] {
    const result: unknown[] = []
    this.pos++
    this.skipWhitespace()
    if (this.text[this.pos] === ']') {
      this.pos++
      return result
    }
    for (;;) {
      this.skipWhitespace()
      result.push(this.value(`${path}[${result.length}]`))
      this.skipWhitespace()
      const next = this.text[this.pos]
      this.pos++
      if (next === ']') return result
      if (next !== ',') this.fail("',' or ']' was expected", this.pos - 1)
      this.skipWhitespace()
      if (this.text[this.pos] === ']') this.fail('trailing comma before ]', this.pos)
    }
  }

  private string(): string {
    const start = this.pos
    this.pos++
    let out = ''
    for (;;) {
      const ch = this.text[this.pos]
      if (ch === undefined) this.fail('unterminated string', start)
      if (ch === '"') {
        this.pos++
        return out
      }
      if (ch < ' ') this.fail('control character in a string: escape it')
      if (ch === '\\') {
        const esc = this.text[this.pos + 1]
        if (esc === 'u') {
          const hex = this.text.slice(this.pos + 2, this.pos + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape')
          out += String.fromCharCode(Number.parseInt(hex, 16))
          this.pos += 6
          continue
        }
        const decoded = esc === undefined ? undefined : ESCAPES[esc]
        if (decoded === undefined) this.fail('bad escape sequence')
        out += decoded
        this.pos += 2
        continue
      }
      out += ch
      this.pos++
    }
  }

  private number(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64))
    if (!match) this.fail('malformed number')
    this.pos += match[0].length
    return Number(match[0])
  }
}
