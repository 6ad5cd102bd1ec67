// Shared helpers for the emulator suites: official clients pointed at the emulator, unchanged.

import { $OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import Ram from '@alicloud/ram20150501'
import Sts from '@alicloud/sts20150401'
import { expect } from '@jest/globals'
import { signV1, stringToSignV1 } from '../src/gateway/signature.js'
import type { AccessKey, Emulator } from '../src/index.js'

export interface Creds extends AccessKey {
  securityToken?: string
}

export const RAM_VERSION = '2015-05-01'
export const STS_VERSION = '2015-04-01'

type Params = Record<string, string | number | boolean>

/** pop-core RPCClient, always POST (how the action calls RAM/STS). */
export interface Pop {
  call<T = Record<string, unknown>>(action: string, params?: Params): Promise<T>
}

export function pop(endpoint: string, apiVersion: string, creds: Creds): Pop {
  const client = new RPCClient({
    endpoint,
    apiVersion,
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
  })
  return {
    // json-bigint gives null-prototype objects; round-trip so toEqual works on them.
    call: async <T>(action: string, params: Params = {}) =>
      JSON.parse(
        JSON.stringify(await client.request<T>(action, params, { method: 'POST', timeout: 10_000 })),
      ) as T,
  }
}

export const popRam = (emu: Emulator, creds: Creds): Pop => pop(emu.ramEndpoint, RAM_VERSION, creds)
export const popSts = (emu: Emulator, creds: Creds): Pop => pop(emu.stsEndpoint, STS_VERSION, creds)

/** Config for the tea SDKs: endpoint is host:port, protocol http. */
function teaConfig(endpoint: string, creds: Creds): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    endpoint: new URL(endpoint).host,
    protocol: 'http',
  })
}

export const teaRam = (emu: Emulator, creds: Creds): InstanceType<typeof Ram.default> =>
  new Ram.default(teaConfig(emu.ramEndpoint, creds))
export const teaSts = (emu: Emulator, creds: Creds): InstanceType<typeof Sts.default> =>
  new Sts.default(teaConfig(emu.stsEndpoint, creds))
export { Ram, Sts }

interface ClientError {
  code?: string
  statusCode?: number
  data?: Record<string, unknown>
  entry?: { response?: { statusCode?: number } }
}

/** Await a rejection from either client and check Code and HTTP status. */
export async function expectError(p: Promise<unknown>, code: string, status?: number): Promise<ClientError> {
  let err: ClientError | undefined
  try {
    await p
  } catch (e) {
    err = e as ClientError
  }
  expect(err).toBeDefined()
  expect(err!.code).toBe(code)
  if (status !== undefined) expect(err!.entry?.response?.statusCode ?? err!.statusCode).toBe(status)
  return err!
}

export const trust = (...principals: string[]): string =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: principals } }],
  })

export const allow = (action: string | string[], resource: string | string[] = '*'): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] })

export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
export const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/

export const isoNow = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z')

export interface RawResponse {
  status: number
  contentType: string | null
  text: string
  json: Record<string, unknown>
}

/** A V1 request built and signed by hand, so a test controls every parameter (nonce, timestamp, Format…). */
export async function rawV1(
  endpoint: string,
  version: string,
  creds: Creds,
  params: Record<string, string>,
  method: 'GET' | 'POST' = 'POST',
): Promise<RawResponse> {
  const all: Record<string, string> = {
    Format: 'JSON',
    Version: version,
    AccessKeyId: creds.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: `nonce-${Math.random()}`,
    Timestamp: isoNow(),
    ...(creds.securityToken ? { SecurityToken: creds.securityToken } : {}),
    ...params,
  }
  all.Signature = signV1(stringToSignV1(method, all), creds.accessKeySecret)
  const form = new URLSearchParams(all).toString()
  const res =
    method === 'GET'
      ? await fetch(`${endpoint}/?${form}`)
      : await fetch(`${endpoint}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        })
  const text = await res.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {}
  return { status: res.status, contentType: res.headers.get('content-type'), text, json }
}

/** Headers the HTTP control surface requires: the control token, and JSON for writes. */
export const controlHeaders = (emu: Emulator): Record<string, string> => ({
  authorization: `Bearer ${emu.controlToken}`,
  'content-type': 'application/json',
})
