/**
 * The hidden line that ties a comment or an issue to one role of one account, so the next run
 * finds it again instead of posting a duplicate. It also carries a digest of what the text said,
 * so a run can tell "the plan changed" from "the same plan again" without comparing Markdown.
 */

/** What a comment or issue is about: a role of an account. */
export interface Subject {
  accountId: string
  roleName: string
}

/** A pull-request comment holding the plan, or a drift issue. */
export type MarkerKind = 'plan' | 'drift'

/** A marker as read back from a body. */
export interface Marker extends Subject {
  kind: MarkerKind
  digest: string
}

const PREFIX = 'ram-identity-action'
// Anchored to a whole line: the body's own text escapes '<', so only the marker line can match.
const PATTERN = new RegExp(
  `^<!-- ${PREFIX}:(plan|drift) account=(\\d{1,32}) role=([a-z0-9.-]{1,64}) digest=([0-9a-f]{16}) -->$`,
  'm',
)

/**
 * The marker line. RAM compares role names case-insensitively (`Deployer` and `deployer` are
 * one role), so the name is written in lower case.
 */
export function markerLine(kind: MarkerKind, subject: Subject, digest: string): string {
  return `<!-- ${PREFIX}:${kind} account=${subject.accountId} role=${subject.roleName.toLowerCase()} digest=${digest} -->`
}

/** The first marker in `body`, if it has one. */
export function readMarker(body: string | null | undefined): Marker | undefined {
  const m = body ? PATTERN.exec(body) : null
  if (!m) return undefined
  return { kind: m[1] as MarkerKind, accountId: m[2]!, roleName: m[3]!, digest: m[4]! }
}

/** The marker of `body` when it is a `kind` about `subject` (role names compared case-insensitively). */
export function markerFor(
  body: string | null | undefined,
  kind: MarkerKind,
  subject: Subject,
): Marker | undefined {
  const marker = readMarker(body)
  const same =
    marker?.kind === kind &&
    marker.accountId === subject.accountId &&
    marker.roleName === subject.roleName.toLowerCase()
  return same ? marker : undefined
}
