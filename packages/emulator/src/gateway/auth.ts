/**
 * Authentication: who is calling. Resolves the access key (permanent or STS), checks the security
 * token, verifies the V1 or V3 signature, the ±15 minute timestamp window and nonce reuse.
 *
 * Order of checks (the real gateway's order is not documented): key lookup → key status / token →
 * signature parameters → signature → timestamp → nonce. A nonce is only remembered once the
 * signature has verified, so forged requests cannot burn nonces.
 */
import { assumedRoleArn, rootArn, userArn } from '../domain/arn.js'
import type { Role, StsSession, User } from '../domain/entities.js'
import { gateway, missingParam } from '../domain/errors.js'
import { parseIsoSeconds } from '../domain/time.js'
import type { Account } from '../state/account.js'
import type { Store } from '../state/store.js'
import {
  canonicalRequestV3,
  parseV3Authorization,
  safeEqual,
  sha256Hex,
  signV1,
  signV3,
  stringToSignV1,
  stringToSignV3,
  V3_ALGORITHM,
} from './signature.js'

export type Identity =
  | { kind: 'root'; account: Account }
  | { kind: 'user'; account: Account; user: User }
  | { kind: 'session'; account: Account; session: StsSession; role: Role }

export function identityArn(id: Identity): string {
  switch (id.kind) {
    case 'root':
      return rootArn(id.account.accountId)
    case 'user':
      return userArn(id.account.accountId, id.user.userName)
    default:
      return assumedRoleArn(id.account.accountId, id.session.arnRoleName, id.session.sessionName)
  }
}

export type SignatureScheme = 'V1' | 'V3' | 'Anonymous'

/** What authentication needs to know about an HTTP request. */
export interface SignedRequest {
  method: string
  path: string
  headers: Record<string, string | undefined>
  /** URL query parameters only (V3 signs these; the body is covered by its hash). */
  query: Record<string, string>
  /** Query and form-body parameters merged (V1 signs the union). */
  params: Record<string, string>
  rawBody: Buffer
}

export function detectScheme(req: SignedRequest): SignatureScheme {
  if (req.headers.authorization?.startsWith('ACS3-')) return 'V3'
  if (req.params.AccessKeyId !== undefined || req.params.Signature !== undefined) return 'V1'
  return 'Anonymous'
}

const WINDOW_MS = 15 * 60 * 1000

export class Authenticator {
  /** nonce → time it was first seen (ms). Global across keys: the stricter reading. */
  private readonly nonces = new Map<string, number>()

  constructor(private readonly store: Store) {}

  reset(): void {
    this.nonces.clear()
  }

  /** Authenticate a signed request; throws ApiError. */
  authenticate(req: SignedRequest, scheme: 'V1' | 'V3', now: Date): Identity {
    return scheme === 'V1' ? this.v1(req, now) : this.v3(req, now)
  }

  private v1(req: SignedRequest, now: Date): Identity {
    const p = req.params
    const accessKeyId = p.AccessKeyId
    if (!accessKeyId) throw missingParam('AccessKeyId')
    const identity = this.resolveKey(accessKeyId, p.SecurityToken, now)
    if (!p.SignatureMethod) throw missingParam('SignatureMethod')
    if (p.SignatureMethod !== 'HMAC-SHA1') throw gateway.signatureMethod()
    if (p.SignatureVersion !== undefined && p.SignatureVersion !== '1.0') throw gateway.signatureVersion()
    if (!p.Signature) throw missingParam('Signature')
    const toSign = stringToSignV1(req.method, p)
    if (!safeEqual(signV1(toSign, identity.secret), p.Signature)) throw gateway.signatureMismatch(toSign)
    if (!p.Timestamp) throw missingParam('Timestamp')
    this.checkTimestamp(p.Timestamp, now)
    if (!p.SignatureNonce) throw missingParam('SignatureNonce')
    this.useNonce(p.SignatureNonce, now)
    return identity.identity
  }

  private v3(req: SignedRequest, now: Date): Identity {
    const h = req.headers
    const auth = parseV3Authorization(h.authorization ?? '')
    if (!auth) throw gateway.incompleteSignature('The Authorization header is malformed.')
    if (auth.algorithm !== V3_ALGORITHM) throw gateway.signatureMethod()
    const headerKey = h['x-acs-accesskey-id']
    if (headerKey !== undefined && headerKey !== auth.credential) {
      throw gateway.incompleteSignature('x-acs-accesskey-id does not match the Credential.')
    }
    const identity = this.resolveKey(auth.credential, h['x-acs-security-token'], now)
    for (const needed of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      if (h[needed] === undefined) throw gateway.incompleteSignature(`The header ${needed} is required.`)
    }
    const signed = auth.signedHeaders
    for (const name of Object.keys(h)) {
      if ((name === 'host' || name.startsWith('x-acs-')) && !signed.includes(name)) {
        throw gateway.incompleteSignature(`The header ${name} must be signed.`)
      }
    }
    for (const name of signed) {
      if (name !== name.toLowerCase() || h[name] === undefined) {
        throw gateway.incompleteSignature(`The signed header ${name} is not in the request.`)
      }
    }
    const canonical = canonicalRequestV3({
      method: req.method,
      path: req.path,
      query: req.query,
      headers: h,
      signedHeaders: signed,
      payloadHash: sha256Hex(req.rawBody),
    })
    const toSign = stringToSignV3(canonical)
    const ok =
      h['x-acs-content-sha256'] === sha256Hex(req.rawBody) &&
      safeEqual(signV3(toSign, identity.secret), auth.signature)
    if (!ok) throw gateway.signatureMismatch(toSign)
    this.checkTimestamp(h['x-acs-date']!, now)
    this.useNonce(h['x-acs-signature-nonce']!, now)
    return identity.identity
  }

  /**
   * Look an access key up and check its status and security token (no signature involved); throws
   * the gateway's ApiError. Also used by the control surface's credentialInfo/isAllowed.
   */
  resolveKey(
    accessKeyId: string,
    token: string | undefined,
    now: Date,
  ): { identity: Identity; secret: string } {
    if (accessKeyId.startsWith('STS.')) {
      const session = this.store.sessions.get(accessKeyId)
      const account = session && this.store.accounts.get(session.accountId)
      const role = session && account?.roleById(session.roleId)
      if (!session || !account || !role) throw gateway.keyNotFound()
      if (!token) throw missingParam('SecurityToken')
      if (token !== session.securityToken) throw gateway.tokenMismatch()
      if (now.getTime() >= session.expiration.getTime()) throw gateway.tokenExpired()
      return { identity: { kind: 'session', account, session, role }, secret: session.accessKeySecret }
    }
    const key = this.store.keys.get(accessKeyId)
    const account = key && this.store.accounts.get(key.accountId)
    if (!key || !account) throw gateway.keyNotFound()
    if (key.status !== 'Active') throw gateway.keyInactive()
    // A token sent with a permanent key is rejected rather than ignored (stricter reading).
    if (token) throw gateway.tokenMismatch()
    const identity: Identity = key.user
      ? { kind: 'user', account, user: key.user }
      : { kind: 'root', account }
    return { identity, secret: key.accessKeySecret }
  }

  private checkTimestamp(value: string, now: Date): void {
    const t = parseIsoSeconds(value)
    if (!t) throw gateway.timestampFormat()
    if (Math.abs(t.getTime() - now.getTime()) > WINDOW_MS) throw gateway.timestampExpired()
  }

  private useNonce(nonce: string, now: Date): void {
    const t = now.getTime()
    // Forget nonces older than the timestamp window allows, oldest first (Map order is insertion
    // order), stopping at the first recent one: amortized O(1) per request.
    for (const [n, seen] of this.nonces) {
      if (Math.abs(t - seen) <= 2 * WINDOW_MS) break
      this.nonces.delete(n)
    }
    if (this.nonces.has(nonce)) throw gateway.nonceUsed()
    this.nonces.set(nonce, t)
  }
}
