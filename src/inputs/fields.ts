/**
 * Typed fields read from raw input strings. Each parser records what is wrong with its input
 * and returns a usable fallback, so validation reports every problem of a run at once.
 */
import type { InputProblem, PolicyRef } from '../model.js'
import type { InputName } from './read.js'

/** RAM's name rules, as its API documents them. */
export const NAME_RULES = {
  role: { pattern: /^[A-Za-z0-9.-]{1,64}$/, text: '1-64 characters of A-Z a-z 0-9 . -' },
  user: { pattern: /^[A-Za-z0-9._-]{1,64}$/, text: '1-64 characters of A-Z a-z 0-9 . _ -' },
  policy: { pattern: /^[A-Za-z0-9-]{1,128}$/, text: '1-128 characters of A-Z a-z 0-9 -' },
  session: { pattern: /^[A-Za-z0-9.@_-]{2,64}$/, text: '2-64 characters of A-Z a-z 0-9 . @ - _' },
} as const

/** Collects the problems of one validation pass, and parses fields into typed values. */
export class Fields {
  readonly problems: InputProblem[] = []

  constructor(private readonly values: Record<InputName, string>) {}

  /** The raw (trimmed) value; '' when not given. */
  raw(name: InputName): string {
    return this.values[name]
  }

  /** Records a problem with an input. */
  problem(input: string, message: string, at: Partial<InputProblem> = {}): void {
    this.problems.push({ input, message, ...at })
  }

  /** A whole number within [min, max]; `fallback` when not given or invalid. */
  integer(name: InputName, fallback: number, min: number, max: number): number {
    const raw = this.raw(name)
    if (!raw) return fallback
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.problem(name, `must be a whole number from ${min} to ${max}, not "${raw}"`)
      return fallback
    }
    return n
  }

  /** `true` or `false`, in any case; `fallback` when not given. */
  boolean(name: InputName, fallback: boolean): boolean {
    const raw = this.raw(name).toLowerCase()
    if (!raw) return fallback
    if (raw === 'true') return true
    if (raw === 'false') return false
    this.problem(name, `must be true or false, not "${this.raw(name)}"`)
    return fallback
  }

  /** One of `allowed`; the first one when not given. */
  choice<T extends string>(name: InputName, allowed: readonly T[]): T {
    const raw = this.raw(name) || allowed[0]!
    if ((allowed as readonly string[]).includes(raw)) return raw as T
    this.problem(name, `must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not "${raw}"`)
    return allowed[0]!
  }

  /** A name that must follow one of RAM's rules; '' when not given (or invalid). */
  name(
    name: InputName,
    rule: keyof typeof NAME_RULES,
    extra?: (value: string) => string | undefined,
  ): string {
    const raw = this.raw(name)
    if (!raw) return ''
    const problem = NAME_RULES[rule].pattern.test(raw) ? extra?.(raw) : `must be ${NAME_RULES[rule].text}`
    if (problem) this.problem(name, problem)
    return problem ? '' : raw
  }

  /** Policies separated by commas or newlines, each `[System:|Custom:]name` (default System). */
  policyRefs(name: InputName): PolicyRef[] {
    return this.raw(name)
      .split(/[\s,]+/)
      .filter(Boolean)
      .flatMap((item) => {
        const m = /^(?:(system|custom):)?(.*)$/i.exec(item)!
        const type = m[1]?.toLowerCase() === 'custom' ? 'Custom' : 'System'
        if (!NAME_RULES.policy.pattern.test(m[2]!)) {
          this.problem(
            name,
            `"${item}" is not a policy name: [System:|Custom:]name, name ${NAME_RULES.policy.text}`,
          )
          return []
        }
        return [{ type, name: m[2]! } as PolicyRef]
      })
  }
}
