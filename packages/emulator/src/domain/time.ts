/** The API's timestamp format: UTC ISO 8601 without milliseconds, `yyyy-MM-ddTHH:mm:ssZ`. */
export type Clock = () => Date

const ISO_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/

export function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`
}

/** Parse exactly `yyyy-MM-ddTHH:mm:ssZ`; anything else (milliseconds, offsets, junk) is undefined. */
export function parseIsoSeconds(s: string): Date | undefined {
  const m = ISO_SECONDS.exec(s)
  if (!m) return undefined
  const d = new Date(s)
  if (Number.isNaN(d.getTime()) || isoSeconds(d) !== s) return undefined
  return d
}
