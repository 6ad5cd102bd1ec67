/** A policy of either type as the read APIs see it. */
import type { CustomPolicy, PolicyView } from '../domain/entities.js'
import type { SystemPolicy } from './system-policies.js'

export function systemPolicyView(p: SystemPolicy): PolicyView {
  return {
    policyType: 'System',
    policyName: p.policyName,
    description: p.description,
    defaultVersion: p.defaultVersion,
    versions: [{ versionId: p.defaultVersion, document: p.document, createDate: p.createDate }],
    createDate: p.createDate,
    updateDate: p.updateDate,
    tags: [],
  }
}

export function customPolicyView(p: CustomPolicy): PolicyView {
  return {
    policyType: 'Custom',
    policyName: p.policyName,
    description: p.description,
    defaultVersion: p.defaultVersion,
    versions: p.versions,
    createDate: p.createDate,
    updateDate: p.updateDate,
    tags: p.tags,
  }
}
