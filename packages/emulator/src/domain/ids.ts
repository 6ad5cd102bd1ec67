/**
 * Identifier and secret generation. With a seed every id, key, token and RequestId is drawn from a
 * small deterministic PRNG (sfc32 seeded through splitmix32), so two runs that make the same calls
 * in the same order see the same values. Without a seed, node:crypto supplies the bytes.
 */
import { randomBytes } from 'node:crypto'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

type ByteSource = (n: number) => Buffer

/** sfc32 seeded through splitmix32: a fast deterministic source of 32-bit unsigned integers. */
export function sfc32(seed: number): () => number {
  // splitmix32 expands the seed into the four sfc32 state words.
  let s = seed >>> 0
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = split()
  let b = split()
  let c = split()
  let d = split()
  return (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
}

function seededSource(seed: number): ByteSource {
  const next = sfc32(seed)
  return (n) => {
    const out = Buffer.alloc(n)
    for (let i = 0; i < n; i += 4) {
      const v = next()
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff
    }
    return out
  }
}

export class IdGenerator {
  private source: ByteSource
  /**
   * Fault injection (faults.ts `hostileSecrets`): secrets and security tokens issued while set
   * start with '-' and contain '+', '/' and '=' (same lengths), to shake out quoting bugs.
   */
  hostileSecrets = false

  constructor(private readonly seed?: number) {
    this.source = seed === undefined ? randomBytes : seededSource(seed)
  }

  /** Restart the sequence (a seeded generator then repeats itself from the beginning). */
  reset(): void {
    this.source = this.seed === undefined ? randomBytes : seededSource(this.seed)
  }

  bytes(n: number): Buffer {
    return this.source(n)
  }

  /** Uniform integer in [0, max), by rejection sampling on 32-bit draws. */
  int(max: number): number {
    const limit = Math.floor(0x100000000 / max) * max
    for (;;) {
      const v = this.source(4).readUInt32LE(0)
      if (v < limit) return v % max
    }
  }

  private fromAlphabet(alphabet: string, n: number): string {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)]
    return out
  }

  /** n decimal digits, the first one non-zero. */
  digits(n: number): string {
    return String(1 + this.int(9)) + this.fromAlphabet('0123456789', n - 1)
  }

  alnum(n: number): string {
    return this.fromAlphabet(ALNUM, n)
  }

  /** Uppercase-hex UUID (version 4 layout), the shape of RAM/STS RequestIds. */
  uuid(): string {
    const b = this.bytes(16)
    b[6] = (b[6]! & 0x0f) | 0x40
    b[8] = (b[8]! & 0x3f) | 0x80
    const h = b.toString('hex').toUpperCase()
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }

  accountId(): string {
    return this.digits(16)
  }

  /** UserId / RoleId: numeric strings of 18 digits (real ones are 16-19). */
  principalId(): string {
    return this.digits(18)
  }

  /** Permanent keys look like real ones: `LTAI` + 20 alphanumerics, secret of 30. */
  accessKey(): { accessKeyId: string; accessKeySecret: string } {
    return { accessKeyId: `LTAI${this.alnum(20)}`, accessKeySecret: this.secret(30) }
  }

  /** STS credentials: `STS.` + 28 alphanumerics, a 44-character secret, and a long `CAIS…` token. */
  stsCredentials(): { accessKeyId: string; accessKeySecret: string; securityToken: string } {
    // 240 random bytes, a fixed 3-byte group that encodes to "+///", then 100 more random bytes:
    // 343 bytes in all, so the base64 always contains "+", "/" and ends with "==" like real tokens.
    const body = Buffer.concat([this.bytes(240), Buffer.from([0xfb, 0xff, 0xbf]), this.bytes(100)])
    return {
      accessKeyId: `STS.${this.alnum(28)}`,
      accessKeySecret: this.secret(44),
      securityToken: `${this.hostileSecrets ? '-' : ''}CAIS${body.toString('base64')}`,
    }
  }

  /** n alphanumerics, or with hostileSecrets `-…+…/…=` of the same length. */
  private secret(n: number): string {
    if (!this.hostileSecrets) return this.alnum(n)
    const third = Math.floor((n - 4) / 3)
    return `-${this.alnum(third)}+${this.alnum(third)}/${this.alnum(n - 4 - 2 * third)}=`
  }
}
