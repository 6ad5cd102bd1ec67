/**
 * A small OSS stand-in that consults the emulator: an HTTP server accepting PutObject as ali-oss
 * 6.23.0 sends it (signature V1, `Authorization: OSS <AccessKeyId>:<signature>`), checking the key,
 * the security token and the caller's RAM policies through `emulator.control` (credentialInfo,
 * isAllowed) and keeping the objects in memory. See README "OSS stand-in".
 *
 * Check order: method (PUT) → no sub-resource query → bucket/object derivable → Authorization
 * header → date (present, within ±15 min) → key and token (credentialInfo) → signature (against
 * each bucket/object reading of the request, see `targets`) → Content-MD5 → `oss:PutObject` on
 * `acs:oss:<region>:<caller's account>:<bucket>/<object>` (isAllowed) → store.
 */

import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { EmulatorControl } from '../control/types.js'
import { requireLoopback } from '../net/loopback.js'
import { closeServer, httpBase, listen } from '../net/server.js'
import { parseTarget } from '../net/target.js'
import {
  denied,
  header,
  OssError,
  readBody,
  regionOf,
  signatureMatches,
  stringToSign,
  targets,
  WINDOW_MS,
  xmlEscape,
} from './request.js'

/** One request the OSS stand-in received, as it judged it. */
export interface OssRequestRecord {
  time: string
  method: string
  /** The Host header as sent (ali-oss sends `<bucket>.oss-<region>.aliyuncs.com` for an IP endpoint). */
  host: string
  /** The raw request path. */
  path: string
  bucket?: string
  /** The object key (decoded). */
  key?: string
  accessKeyId?: string
  /** ARN of the caller, once its key was recognized. */
  caller?: string
  status: number
  code?: string
  requestId: string
}

/** How the OSS stand-in listens, and its clock. */
export interface OssStandInOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string
  /** Port; default 0 (any free port). */
  port?: number
  /** Clock for the ±15 minute request-time window; default real time. */
  now?: () => Date
}

/** A running OSS stand-in: its endpoint, what it stored and what it was asked. */
export interface OssStandIn {
  /** `http://<host>:<port>`: pass it to ali-oss as `endpoint` (use an IP, not `localhost`). */
  endpoint: string
  /** Stored objects by `<bucket>/<object key>`. */
  objects: Map<string, Buffer>
  /** One record per request, rejected ones included. */
  requests: OssRequestRecord[]
  close(): Promise<void>
}
/** What the stand-in asks about keys and permissions: an Emulator, or anything with its control. */
export interface OssJudge {
  control: Pick<EmulatorControl, 'credentialInfo' | 'isAllowed'>
}

/** Start the OSS stand-in (PutObject only); every key, token and permission is the emulator's to judge. */
export async function startOssStandIn(emulator: OssJudge, opts: OssStandInOptions = {}): Promise<OssStandIn> {
  const bind = opts.host ?? '127.0.0.1'
  requireLoopback(bind, 'The OSS stand-in')
  const clock = opts.now ?? (() => new Date())
  const control = emulator.control
  const objects = new Map<string, Buffer>()
  const requests: OssRequestRecord[] = []

  const putObject = (req: IncomingMessage, body: Buffer, record: OssRequestRecord): void => {
    if (req.method !== 'PUT') {
      throw new OssError(405, 'MethodNotAllowed', 'The stand-in supports PutObject (PUT) only.')
    }
    const url = parseTarget(req.url)
    if (!url) throw new OssError(400, 'InvalidURI', 'Could not parse the specified URI.')
    if (url.search !== '') {
      throw new OssError(501, 'NotImplemented', 'Sub-resources and query parameters are not supported.')
    }
    let path: string
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      throw new OssError(400, 'InvalidURI', 'Could not parse the specified URI.')
    }
    const candidates = targets(record.host, path)
    if (candidates.length === 0) {
      throw new OssError(400, 'InvalidArgument', 'The request names no bucket and object (PutObject only).')
    }
    ;({ bucket: record.bucket, key: record.key } = candidates[0]!)

    const authorization = header(req, 'authorization')
    if (!authorization) throw denied('Anonymous access is forbidden for this operation.')
    const auth = /^OSS ([^:\s]+):(\S+)$/.exec(authorization)
    if (!auth) {
      throw new OssError(
        400,
        'InvalidArgument',
        'Authorization header is invalid (only OSS V1 is supported).',
      )
    }
    const [, accessKeyId, signature] = auth as unknown as [string, string, string]
    record.accessKeyId = accessKeyId

    const date = header(req, 'x-oss-date') ?? header(req, 'date')
    const t = date === undefined ? Number.NaN : Date.parse(date)
    if (Number.isNaN(t)) throw denied('The request has no valid Date or x-oss-date header.')
    if (Math.abs(t - clock().getTime()) > WINDOW_MS) {
      throw new OssError(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      )
    }

    const token = header(req, 'x-oss-security-token')
    const info = control.credentialInfo(accessKeyId, token)
    if (!info.valid) {
      switch (info.reason) {
        case 'InvalidSecurityToken.Expired':
          throw new OssError(403, 'SecurityTokenExpired', 'The security token you provided has expired.')
        case 'InvalidSecurityToken.MismatchWithAccessKey':
          throw new OssError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.')
        case 'InvalidAccessKeyId.Inactive':
          throw new OssError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided is disabled.')
        default:
          // Not found, or an STS key without its token.
          throw new OssError(
            403,
            'InvalidAccessKeyId',
            'The OSS Access Key Id you provided does not exist in our records.',
          )
      }
    }
    record.caller = info.caller

    const signed = candidates.find((c) =>
      signatureMatches(info.secret!, stringToSign(req, `/${c.bucket}/${c.key}`), signature),
    )
    if (!signed) {
      const toSign = stringToSign(req, `/${candidates[0]!.bucket}/${candidates[0]!.key}`)
      throw new OssError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        { StringToSign: toSign, SignatureProvided: signature, OSSAccessKeyId: accessKeyId },
      )
    }
    record.bucket = signed.bucket
    record.key = signed.key

    const md5 = header(req, 'content-md5')
    if (md5 !== undefined && md5 !== createHash('md5').update(body).digest('base64')) {
      throw new OssError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.')
    }

    const resource = `acs:oss:${regionOf(record.host)}:${info.accountId}:${signed.bucket}/${signed.key}`
    const allowed = control.isAllowed(accessKeyId, token, 'oss:PutObject', resource, {
      'acs:SourceIp': (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      // The stand-in speaks plain HTTP.
      'acs:SecureTransport': 'false',
    })
    if (!allowed) throw denied("Access denied by authorizer's policy.")
    objects.set(`${signed.bucket}/${signed.key}`, body)
  }

  const server = createServer((req, res: ServerResponse) => {
    const requestId = randomBytes(12).toString('hex').toUpperCase()
    const record: OssRequestRecord = {
      time: new Date().toISOString(),
      method: req.method ?? '',
      host: header(req, 'host') ?? '',
      path: (req.url ?? '/').split('?')[0]!,
      status: 200,
      requestId,
    }
    const answer = (status: number, headers: Record<string, string>, text = ''): void => {
      res.writeHead(status, {
        server: 'AliyunOSS',
        'x-oss-request-id': requestId,
        'content-length': String(Buffer.byteLength(text)),
        ...headers,
      })
      res.end(req.method === 'HEAD' ? undefined : text)
      record.status = status
      requests.push(record)
    }
    readBody(req)
      .then((body) => {
        putObject(req, body, record)
        const etag = `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`
        answer(200, { etag })
      })
      .catch((e: unknown) => {
        const err =
          e instanceof OssError ? e : new OssError(500, 'InternalError', 'We encountered an internal error.')
        if (!(e instanceof OssError)) console.error('[oss stand-in] internal error:', e)
        record.code = err.code
        const fields: Record<string, string> = {
          Code: err.code,
          Message: err.message,
          RequestId: requestId,
          HostId: record.host,
          ...err.extra,
        }
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${Object.entries(fields)
          .map(([k, v]) => `  <${k}>${xmlEscape(v)}</${k}>`)
          .join('\n')}\n</Error>\n`
        if (!res.headersSent) answer(err.status, { 'content-type': 'application/xml' }, xml)
      })
  })

  const port = await listen(server, bind, opts.port ?? 0)
  return {
    endpoint: httpBase(bind, port),
    objects,
    requests,
    close: () => closeServer(server),
  }
}
