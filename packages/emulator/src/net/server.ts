/** Starting and stopping the package's HTTP listeners, which all do it the same way. */
import type { Server } from 'node:http'

/** Listens on `host:port` (0 for any free port); resolves with the port it got. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const addr = server.address()
      resolvePort(typeof addr === 'object' && addr ? addr.port : port)
    })
  })
}

/** Closes the server at once, keep-alive connections included, so a test's teardown never waits. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections()
    server.close(() => done())
  })
}

/** `http://host` (an IPv6 address in brackets), with `:port` when given. */
export function httpBase(host: string, port?: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}${port === undefined ? '' : `:${port}`}`
}
