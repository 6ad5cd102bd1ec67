// Every RAM and STS call of the bundle goes through HTTPS_PROXY / HTTP_PROXY, proven by a local
// CONNECT proxy that counts the tunnels it opened; NO_PROXY bypasses it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type Emulator, startEmulator } from '@ram-identity/emulator'
import { runAction, workspace } from '../../scripts/local-runner.js'
import { type SandboxAccount, sandboxAccount } from '../../scripts/sandbox.js'
import { startProxy, type TestProxy } from '../fixtures/proxy.js'

let emu: Emulator
let acct: SandboxAccount
let proxy: TestProxy
const tunnels = () =>
  proxy.seen.filter((s) => s.startsWith('CONNECT ')).map((s) => s.slice('CONNECT '.length))

beforeAll(async () => {
  emu = await startEmulator({ seed: 21, profile: 'realistic' })
  acct = await sandboxAccount(emu)
  proxy = await startProxy()
})
afterAll(async () => {
  proxy.close()
  await emu.close()
})

const inputs = () => ({
  'role-name': 'proxied',
  'policy-file': 'p.json',
  'access-key-id': acct.key.accessKeyId,
  'access-key-secret': acct.key.accessKeySecret,
  'ram-endpoint': emu.ramEndpoint,
  'sts-endpoint': emu.stsEndpoint,
})
const ws = () =>
  workspace({
    'p.json': '{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:PutObject","Resource":"*"}]}',
  })

describe('proxies', () => {
  it('tunnels every RAM and STS call through the proxy', async () => {
    proxy.seen.length = 0
    const before = emu.control.calls().length
    const r = await runAction(inputs(), { cwd: ws(), env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } })
    expect(r.code).toBe(0)
    const hosts = new Set(tunnels())
    expect(hosts).toEqual(new Set([new URL(emu.ramEndpoint).host, new URL(emu.stsEndpoint).host]))
    // Keep-alive tunnels carry several calls each, but no call went around the proxy.
    expect(tunnels().length).toBeGreaterThan(1)
    expect(emu.control.calls().length - before).toBeGreaterThan(tunnels().length - 1)
  })

  it('goes direct for hosts in NO_PROXY', async () => {
    proxy.seen.length = 0
    const r = await runAction(inputs(), {
      cwd: ws(),
      env: { http_proxy: proxy.url, https_proxy: proxy.url, no_proxy: 'localhost,127.0.0.1' },
    })
    expect(r.code).toBe(0)
    expect(tunnels()).toEqual([])
  })

  it('fails with a clear error when the proxy is unreachable', async () => {
    const r = await runAction(
      { ...inputs(), 'retry-max-attempts': '2', 'timeout-seconds': '5' },
      { cwd: ws(), env: { HTTP_PROXY: 'http://127.0.0.1:1' } },
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::error::Reading RAM failed: .*ECONNREFUSED.*check (ram|sts)-endpoint, the network and any proxy/,
    )
  })
})
