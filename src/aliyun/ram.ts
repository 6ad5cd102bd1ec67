/** RAM over an RPC client: the read-only half, and the writing half that extends it. */
import { setTimeout as delay } from 'node:timers/promises'
import { CloudError, isNotFound } from '../cloud-error.js'
import type { CreateOutcome, RamReader, RamWriter } from '../model.js'
import { samePolicy } from '../policy/document.js'
import { isTransient } from './errors.js'
import type { Response, Rpc } from './rpc.js'

/** RAM's largest page size for ListUsers. */
const MAX_PAGE_SIZE = 1000

/** The read-only half of RAM over an RPC client. */
export function ramReader(rpc: Rpc): RamReader {
  return {
    async getRole(name) {
      const res = await orUndefined(rpc.call('GetRole', { RoleName: name }), 'Role')
      if (!res) return undefined
      const role = obj(res.Role)
      return {
        name: str(role.RoleName),
        arn: str(role.Arn),
        trustPolicy: str(role.AssumeRolePolicyDocument),
        maxSessionDuration: Number(role.MaxSessionDuration ?? 3600),
        description: str(role.Description),
        createDate: str(role.CreateDate),
        updateDate: str(role.UpdateDate),
      }
    },
    async getUser(name) {
      const res = await orUndefined(rpc.call('GetUser', { UserName: name }), 'User')
      if (!res) return undefined
      const user = obj(res.User)
      return { name: str(user.UserName), comments: str(user.Comments), createDate: str(user.CreateDate) }
    },
    async getPolicy(policy) {
      const res = await orUndefined(
        rpc.call('GetPolicy', { PolicyName: policy.name, PolicyType: policy.type }),
        'Policy',
      )
      if (!res) return undefined
      const info = obj(res.Policy)
      return {
        name: str(info.PolicyName),
        type: policyType(info.PolicyType ?? policy.type),
        description: str(info.Description),
      }
    },
    async listPolicyVersions(name) {
      const res = await orUndefined(
        rpc.call('ListPolicyVersions', { PolicyName: name, PolicyType: 'Custom' }),
        'Policy',
      )
      if (!res) return undefined
      return list(res.PolicyVersions, 'PolicyVersion').map((v) => ({
        versionId: str(v.VersionId),
        isDefault: v.IsDefaultVersion === true || v.IsDefaultVersion === 'true',
        document: str(v.PolicyDocument),
        createDate: str(v.CreateDate),
      }))
    },
    async listAttachedPolicies(principal) {
      const res =
        principal.type === 'role'
          ? await orUndefined(rpc.call('ListPoliciesForRole', { RoleName: principal.name }), 'Role')
          : await orUndefined(rpc.call('ListPoliciesForUser', { UserName: principal.name }), 'User')
      if (!res) return []
      return list(res.Policies, 'Policy').map((p) => ({
        type: policyType(p.PolicyType),
        name: str(p.PolicyName),
        attachDate: str(p.AttachDate),
      }))
    },
    async *listUsers() {
      let marker: string | undefined
      for (;;) {
        const res = await rpc.call('ListUsers', { MaxItems: MAX_PAGE_SIZE, Marker: marker })
        yield list(res.Users, 'User').map((u) => ({ name: str(u.UserName) }))
        const next = typeof res.Marker === 'string' ? res.Marker : undefined
        // Like terraform, also stop on an empty or repeated marker rather than loop forever.
        if (!(res.IsTruncated === true || res.IsTruncated === 'true') || !next || next === marker) return
        marker = next
      }
    },
    async listUsersWithPolicy(policy) {
      const res = await orUndefined(
        rpc.call('ListEntitiesForPolicy', { PolicyName: policy.name, PolicyType: policy.type }),
        'Policy',
      )
      return res ? list(res.Users, 'User').map((u) => str(u.UserName)) : undefined
    },
  }
}

/** The writing half of RAM over an RPC client. */
export function ramWriter(rpc: Rpc): RamWriter {
  const reader = ramReader(rpc)
  // After a lost answer the new version may exist but not be visible yet (RAM is eventually
  // consistent): look a few times, over about eight seconds, before creating it again.
  const becomesDefault = async (name: string, document: string): Promise<boolean> => {
    for (const wait of [0, 500, 1000, 2000, 4000]) {
      await delay(wait)
      const versions = await reader.listPolicyVersions(name)
      if (versions?.some((v) => v.isDefault && samePolicy(v.document, document))) return true
    }
    return false
  }
  return {
    async createRole(role) {
      return created(
        rpc.call('CreateRole', {
          RoleName: role.name,
          AssumeRolePolicyDocument: role.trustPolicy,
          Description: role.description,
          MaxSessionDuration: role.maxSessionDuration,
        }),
        'EntityAlreadyExists.Role',
      )
    },
    async updateRole(name, patch) {
      await rpc.call('UpdateRole', {
        RoleName: name,
        NewAssumeRolePolicyDocument: patch.trustPolicy,
        NewMaxSessionDuration: patch.maxSessionDuration,
        NewDescription: patch.description,
      })
    },
    async updateUserComments(name, comments) {
      await rpc.call('UpdateUser', { UserName: name, NewComments: comments })
    },
    async updatePolicyDescription(name, description) {
      await rpc.call('UpdatePolicyDescription', { PolicyName: name, NewDescription: description })
    },
    async createUser(user) {
      return created(
        rpc.call('CreateUser', { UserName: user.name, Comments: user.comments }),
        'EntityAlreadyExists.User',
      )
    },
    async createPolicy(policy) {
      return created(
        rpc.call('CreatePolicy', {
          PolicyName: policy.name,
          PolicyDocument: policy.document,
          Description: policy.description,
        }),
        'EntityAlreadyExists.Policy',
      )
    },
    async createPolicyVersion(name, document) {
      // The one write that is not idempotent: a blind retry after a lost answer would add a
      // second version. So only retry what was provably not carried out, and otherwise look first.
      for (let attempt = 1; ; attempt++) {
        try {
          await rpc.call(
            'CreatePolicyVersion',
            {
              PolicyName: name,
              PolicyDocument: document,
              SetAsDefault: true,
              // If a concurrent run filled the fifth slot since we looked, let RAM drop the oldest
              // non-default version instead of failing; it never drops the default.
              RotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
            },
            { retry: 'unexecuted' },
          )
          return
        } catch (err) {
          if (!(err instanceof CloudError) || !isTransient(err) || attempt >= 3) throw err
          if (await becomesDefault(name, document)) return
        }
      }
    },
    async deletePolicyVersion(name, versionId) {
      // Gone already, or made default by a concurrent run: either way RotateStrategy on the
      // next CreatePolicyVersion keeps the count at five without touching the default.
      await tolerate(
        rpc.call('DeletePolicyVersion', { PolicyName: name, VersionId: versionId }),
        'EntityNotExist.Policy.Version',
        'DeleteConflict.Policy.Version.Default',
      )
    },
    async attachPolicy(principal, policy) {
      const params = { PolicyType: policy.type, PolicyName: policy.name }
      if (principal.type === 'role') {
        await tolerate(
          rpc.call('AttachPolicyToRole', { ...params, RoleName: principal.name }),
          'EntityAlreadyExists.Role.Policy',
        )
      } else {
        await tolerate(
          rpc.call('AttachPolicyToUser', { ...params, UserName: principal.name }),
          'EntityAlreadyExists.User.Policy',
        )
      }
    },
    async detachPolicy(principal, policy) {
      const params = { PolicyType: policy.type, PolicyName: policy.name }
      if (principal.type === 'role') {
        await tolerate(
          rpc.call('DetachPolicyFromRole', { ...params, RoleName: principal.name }),
          'EntityNotExist.Role.Policy',
        )
      } else {
        await tolerate(
          rpc.call('DetachPolicyFromUser', { ...params, UserName: principal.name }),
          'EntityNotExist.User.Policy',
        )
      }
    },
  }
}

async function orUndefined(call: Promise<Response>, entity: string): Promise<Response | undefined> {
  try {
    return await call
  } catch (err) {
    if (isNotFound(err, entity)) return undefined
    throw err
  }
}

/** Awaits a write, treating the given codes (an outcome already reached) as success. */
async function tolerate(call: Promise<Response>, ...codes: string[]): Promise<boolean> {
  try {
    await call
    return true
  } catch (err) {
    if (err instanceof CloudError && codes.includes(err.code)) return false
    throw err
  }
}

async function created(call: Promise<Response>, alreadyExists: string): Promise<CreateOutcome> {
  return (await tolerate(call, alreadyExists)) ? 'created' : 'existed'
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)
}

// RAM wraps lists twice ({"Users":{"User":[...]}}); tolerate a missing wrapper or a lone object.
function list(wrapper: unknown, key: string): Record<string, unknown>[] {
  const inner = obj(wrapper)[key]
  if (Array.isArray(inner)) return inner.map(obj)
  return inner === undefined ? [] : [obj(inner)]
}

function policyType(v: unknown): 'System' | 'Custom' {
  return String(v).toLowerCase() === 'custom' ? 'Custom' : 'System'
}
