/** The request target as a URL, or undefined when it is not an origin-form path (`//x`, `*`, junk). */
export function parseTarget(raw: string | undefined): URL | undefined {
  const target = raw ?? '/'
  // `//host/…` would parse as a network-path reference and `*`/absolute forms are not for us.
  if (!target.startsWith('/') || target.startsWith('//')) return undefined
  try {
    return new URL(`http://emulator${target}`)
  } catch {
    return undefined
  }
}
