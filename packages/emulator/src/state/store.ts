/** The emulator's in-memory state: accounts, and the global index of access keys and STS sessions. */
import { DEFAULT_FIDELITY, type Fidelity, type KeyRecord, type StsSession } from '../domain/entities.js'
import { ApiError } from '../domain/errors.js'
import type { IdGenerator } from '../domain/ids.js'
import { Account } from './account.js'

export class Store {
  readonly accounts = new Map<string, Account>()
  readonly keys = new Map<string, KeyRecord>()
  readonly sessions = new Map<string, StsSession>()

  constructor(
    readonly ids: IdGenerator,
    /** Choices where no public source decides (README fidelity table). */
    readonly fidelity: Fidelity = DEFAULT_FIDELITY,
  ) {}

  reset(): void {
    this.accounts.clear()
    this.keys.clear()
    this.sessions.clear()
  }

  createAccount(opts: { accountId?: string; alias?: string }, now: Date): Account {
    let id = opts.accountId
    if (id !== undefined && !/^\d{1,32}$/.test(id))
      throw new ApiError('InvalidParameter.AccountId', `Account ids are numeric strings: ${id}`)
    if (id !== undefined && this.accounts.has(id)) {
      throw new ApiError('EntityAlreadyExists.Account', `Account ${id} already exists.`)
    }
    while (id === undefined || this.accounts.has(id)) id = this.ids.accountId()
    const account = new Account(this, id, opts.alias ?? id, now)
    this.accounts.set(id, account)
    return account
  }

  requireAccount(id: string): Account {
    const a = this.accounts.get(id)
    if (!a) throw new ApiError('EntityNotExist.Account', `Account ${id} does not exist.`)
    return a
  }
}
