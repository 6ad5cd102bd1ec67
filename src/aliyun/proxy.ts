import type { Agent } from 'node:http'

/**
 * The proxy a request to `url` should go through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * (either case, as curl reads them); undefined for a direct connection.
 */
export function proxyFor(url: string, env: Record<string, string | undefined>): string | undefined {
  const target = new URL(url)
  const pick = (name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined
  const proxy = target.protocol === 'https:' ? pick('https_proxy') : pick('http_proxy')
  if (!proxy) return undefined
  return bypassed(target, pick('no_proxy') ?? '') ? undefined : proxy
}

/** NO_PROXY entries: `*`, a host, `.domain` or `domain` (its subdomains too), optionally `:port`. */
function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true
      const m = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase())!
      const name = m[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '')
      if (m[2] && m[2] !== port) return false
      return host === name || host.endsWith(`.${name}`)
    })
}

/** An agent that tunnels through `proxy` with CONNECT (for http and https targets alike). */
export async function proxyAgent(proxy: string): Promise<Agent> {
  // Loaded only when a proxy is configured: most runs never pay for it.
  const { HttpsProxyAgent } = await import('https-proxy-agent')
  return new HttpsProxyAgent(proxy, { keepAlive: true })
}
