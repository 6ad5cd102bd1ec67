/**
 * Response bodies: JSON (the default; `content-type: application/json;charset=utf-8`) or XML when
 * the caller sent `Format=XML`. Errors use the `{RequestId, HostId, Code, Message, Recommend}` envelope.
 */
import type { ApiError } from '../domain/errors.js'

export type Format = 'JSON' | 'XML'

export interface Rendered {
  contentType: string
  text: string
}

export interface ServiceIdentity {
  hostId: string
  product: string
}

const escapeXml = (s: string): string =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

function xmlValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return escapeXml(String(value))
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) =>
      Array.isArray(v)
        ? v.map((item) => `<${k}>${xmlValue(item)}</${k}>`).join('')
        : `<${k}>${xmlValue(v)}</${k}>`,
    )
    .join('')
}

function render(format: Format, root: string, body: Record<string, unknown>): Rendered {
  if (format === 'XML') {
    return {
      contentType: 'text/xml;charset=utf-8',
      text: `<?xml version="1.0" encoding="UTF-8"?><${root}>${xmlValue(body)}</${root}>`,
    }
  }
  return { contentType: 'application/json;charset=utf-8', text: JSON.stringify(body) }
}

export function renderSuccess(
  format: Format,
  action: string,
  requestId: string,
  body: Record<string, unknown>,
): Rendered {
  return render(format, `${action}Response`, { RequestId: requestId, ...body })
}

export function renderError(
  format: Format,
  service: ServiceIdentity,
  requestId: string,
  err: ApiError,
): Rendered {
  return render(format, 'Error', {
    RequestId: requestId,
    HostId: service.hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${service.product}&requestId=${requestId}`,
  })
}
