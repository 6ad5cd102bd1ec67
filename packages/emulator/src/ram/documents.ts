/** Length and grammar checks of the documents RAM actions take (custom and trust policies). */
import { malformedPolicy, tooLong } from '../domain/errors.js'
import { type ParsedPolicy, PolicyError, type PolicyKind, parsePolicy } from '../policy/grammar.js'

/** The longest permission-policy document, in characters (README fidelity table). */
export const MAX_POLICY_DOCUMENT = 6144
/** Validate a document's length and grammar; returns the parsed form. */
export function checkDocument(text: string, param: string, kind: PolicyKind, max: number): ParsedPolicy {
  if (text.length > max) throw tooLong(param)
  try {
    return parsePolicy(text, kind)
  } catch (e) {
    if (e instanceof PolicyError) throw malformedPolicy(e.message)
    throw e
  }
}

/**
 * The longest trust document (AssumeRolePolicyDocument), in characters. No public source settles
 * it; the larger of the two readings is taken, so a document valid there is valid here (README
 * fidelity table).
 */
export const MAX_TRUST_DOCUMENT = 4096
