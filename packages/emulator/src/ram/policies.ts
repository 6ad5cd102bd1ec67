/** RAM policy and policy-version actions. */

import { ramResource } from '../domain/arn.js'
import type { PolicyView } from '../domain/entities.js'
import { entityError } from '../domain/errors.js'
import type { Operation, OperationContext } from '../gateway/operation.js'
import * as P from '../gateway/params.js'
import { SYSTEM_POLICIES } from '../state/system-policies.js'
import { customPolicyView, systemPolicyView } from '../state/views.js'
import { checkDocument, MAX_POLICY_DOCUMENT } from './documents.js'
import { readableCustom, readPolicy } from './reads.js'
import { hasTags } from './roles.js'
import {
  account,
  accountId,
  customPolicyRes,
  opt,
  pageView,
  policyView,
  typedPolicyRes,
  versionView,
} from './views.js'

// ---- policies -------------------------------------------------------------------------------------

const ROTATE = ['None', 'DeleteOldestNonDefaultVersionWhenLimitExceeded'] as const
const policyKey = (p: PolicyView): string => p.policyName.toLowerCase()
/** System policies in list order, views built once. */
const SYSTEM_SORTED: readonly PolicyView[] = SYSTEM_POLICIES.map(systemPolicyView).sort((a, b) =>
  policyKey(a) < policyKey(b) ? -1 : policyKey(a) > policyKey(b) ? 1 : 0,
)

/** The policy named by PolicyType + PolicyName, as reads see it. */
export function typedPolicy(ctx: OperationContext): PolicyView {
  const type = P.policyType(ctx.params.PolicyType!)
  return readPolicy(ctx, type, P.policyName(ctx.params.PolicyName!))
}

export const policies: Operation[] = [
  {
    action: 'CreatePolicy',
    required: ['PolicyName', 'PolicyDocument'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const policyName = P.policyName(p.PolicyName!)
      const description = opt(p, 'Description', (v) => P.maxLength(v, 'Description', 1024)) ?? ''
      const document = p.PolicyDocument!
      const parsed = checkDocument(document, 'PolicyDocument', 'permission', MAX_POLICY_DOCUMENT)
      const policy = account(ctx).createPolicy(
        { policyName, description, document, parsed, tags: P.tags(p) },
        ctx.now,
      )
      ctx.consistency.created(policy)
      return { Policy: policyView(ctx, customPolicyView(policy), 'create') }
    },
  },
  {
    action: 'GetPolicy',
    required: ['PolicyName', 'PolicyType'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const policy = typedPolicy(ctx)
      const def = policy.versions.find((v) => v.versionId === policy.defaultVersion)!
      return {
        Policy: policyView(ctx, policy, 'get'),
        DefaultPolicyVersion: versionView(policy, def),
      }
    },
  },
  {
    action: 'GetPolicyVersion',
    required: ['PolicyName', 'PolicyType', 'VersionId'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const versionId = P.versionId(ctx.params.VersionId!)
      const policy = typedPolicy(ctx)
      const v = policy.versions.find((x) => x.versionId === versionId)
      if (!v) throw entityError('EntityNotExist.Policy.Version')
      return { PolicyVersion: versionView(policy, v) }
    },
  },
  {
    action: 'ListPolicyVersions',
    required: ['PolicyName', 'PolicyType'],
    resources: (ctx) => [typedPolicyRes(ctx)],
    handle(ctx) {
      const policy = typedPolicy(ctx)
      return { PolicyVersions: { PolicyVersion: policy.versions.map((v) => versionView(policy, v)) } }
    },
  },
  {
    action: 'CreatePolicyVersion',
    required: ['PolicyName', 'PolicyDocument'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const p = ctx.params
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(p.PolicyName!))
      const setAsDefault = P.bool(p.SetAsDefault, 'SetAsDefault', false)
      const rotate = P.oneOf(P.optional(p, 'RotateStrategy') ?? 'None', 'RotateStrategy', ROTATE)
      const document = p.PolicyDocument!
      const parsed = checkDocument(document, 'PolicyDocument', 'permission', MAX_POLICY_DOCUMENT)
      const previous = policy.defaultVersion
      const v = acct.createPolicyVersion(policy, document, parsed, setAsDefault, rotate !== 'None', ctx.now)
      ctx.consistency.created(v)
      if (setAsDefault) ctx.consistency.defaultChanged(policy, previous)
      return { PolicyVersion: versionView(acct.requirePolicy('Custom', policy.policyName), v) }
    },
  },
  {
    action: 'SetDefaultPolicyVersion',
    required: ['PolicyName', 'VersionId'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const versionId = P.versionId(ctx.params.VersionId!)
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(ctx.params.PolicyName!))
      acct.requireVersion(policy, versionId)
      const previous = policy.defaultVersion
      policy.defaultVersion = versionId
      if (previous !== versionId) ctx.consistency.defaultChanged(policy, previous)
      policy.updateDate = ctx.now
      return {}
    },
  },
  {
    action: 'DeletePolicyVersion',
    required: ['PolicyName', 'VersionId'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const versionId = P.versionId(ctx.params.VersionId!)
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(ctx.params.PolicyName!))
      acct.deletePolicyVersion(policy, versionId, ctx.now)
      return {}
    },
  },
  {
    action: 'DeletePolicy',
    required: ['PolicyName'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const cascading = P.bool(ctx.params.CascadingDelete, 'CascadingDelete', false)
      account(ctx).deletePolicy(P.policyName(ctx.params.PolicyName!), cascading)
      return {}
    },
  },
  {
    action: 'UpdatePolicyDescription',
    required: ['PolicyName'],
    resources: (ctx) => [customPolicyRes(ctx)],
    handle(ctx) {
      const acct = account(ctx)
      const policy = acct.requireCustomPolicy(P.policyName(ctx.params.PolicyName!))
      const d = ctx.params.NewDescription
      if (d !== undefined) policy.description = d === '' ? '' : P.maxLength(d, 'NewDescription', 1024)
      policy.updateDate = ctx.now
      return { Policy: policyView(ctx, customPolicyView(policy), 'update') }
    },
  },
  {
    action: 'ListPolicies',
    required: [],
    resources: (ctx) => [ramResource(accountId(ctx), 'policy', '*')],
    handle(ctx) {
      const acct = account(ctx)
      const typeText = P.optional(ctx.params, 'PolicyType')
      const type = typeText === undefined ? undefined : P.policyType(typeText)
      const filter = P.tags(ctx.params)
      const c = ctx.consistency
      const system = (after: string | undefined): Iterable<PolicyView> =>
        type === 'Custom' ? [] : P.where(SYSTEM_SORTED, (p) => after === undefined || policyKey(p) > after)
      function* custom(after: string | undefined): Generator<PolicyView> {
        if (type === 'System') return
        for (const p of acct.policies.after(after)) if (c.visible(p)) yield readableCustom(ctx, p)
      }
      const page = P.paginate(ctx.params, policyKey, (after) =>
        P.where(P.mergeSorted(system(after), custom(after), policyKey), (p) => hasTags(p.tags, filter)),
      )
      return pageView(page, 'Policies', 'Policy', (p) => policyView(ctx, p, 'list'))
    },
  },
]
