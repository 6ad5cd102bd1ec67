export interface SystemPolicy {
  policyName: string
  description: string
  document: string
  defaultVersion: string
  createDate: Date
  updateDate: Date
}

type Stmt = { Action: string | string[]; Resource: string | string[]; Effect: 'Allow' | 'Deny' }

const doc = (...statements: Stmt[]): string =>
  JSON.stringify({ Version: '1', Statement: statements }, null, 4)
const allow = (Action: string | string[], Resource: string | string[] = '*'): Stmt => ({
  Action,
  Resource,
  Effect: 'Allow',
})

const READ_ONLY_VERBS = ['Get*', 'List*', 'Describe*', 'Query*', 'BatchGet*', 'Check*']
const readOnly = (svc: string, verbs = READ_ONLY_VERBS): Stmt => allow(verbs.map((v) => `${svc}:${v}`))

const TABLE: Array<[string, string, string]> = [
  ['AdministratorAccess', 'Provides full access to Alibaba Cloud services and resources.', doc(allow('*'))],
  [
    'ReadOnlyAccess',
    'Provides read-only access to Alibaba Cloud services and resources.',
    doc(allow(READ_ONLY_VERBS.map((v) => `*:${v}`))),
  ],
  [
    'AliyunSTSAssumeRoleAccess',
    'Provides access to assume RAM roles through Security Token Service (STS).',
    doc(allow('sts:AssumeRole')),
  ],
  ['AliyunRAMFullAccess', 'Provides full access to Resource Access Management (RAM).', doc(allow('ram:*'))],
  [
    'AliyunRAMReadOnlyAccess',
    'Provides read-only access to Resource Access Management (RAM).',
    doc(allow(['ram:Get*', 'ram:List*'])),
  ],
  ['AliyunOSSFullAccess', 'Provides full access to Object Storage Service (OSS).', doc(allow('oss:*'))],
  [
    'AliyunOSSReadOnlyAccess',
    'Provides read-only access to Object Storage Service (OSS).',
    doc(allow(['oss:Get*', 'oss:List*'])),
  ],
  [
    'AliyunCSFullAccess',
    'Provides full access to Container Service for Kubernetes (ACK).',
    doc(allow('cs:*')),
  ],
  [
    'AliyunCSReadOnlyAccess',
    'Provides read-only access to Container Service for Kubernetes (ACK).',
    doc(readOnly('cs')),
  ],
  [
    'AliyunECSFullAccess',
    'Provides full access to Elastic Compute Service (ECS).',
    doc(allow('ecs:*'), allow(['vpc:DescribeVpcs', 'vpc:DescribeVSwitches'])),
  ],
  [
    'AliyunECSReadOnlyAccess',
    'Provides read-only access to Elastic Compute Service (ECS).',
    doc(readOnly('ecs')),
  ],
  ['AliyunVPCFullAccess', 'Provides full access to Virtual Private Cloud (VPC).', doc(allow('vpc:*'))],
  [
    'AliyunVPCReadOnlyAccess',
    'Provides read-only access to Virtual Private Cloud (VPC).',
    doc(readOnly('vpc')),
  ],
  ['AliyunRDSFullAccess', 'Provides full access to ApsaraDB RDS.', doc(allow('rds:*'))],
  ['AliyunRDSReadOnlyAccess', 'Provides read-only access to ApsaraDB RDS.', doc(readOnly('rds'))],
  ['AliyunSLBFullAccess', 'Provides full access to Server Load Balancer (SLB).', doc(allow('slb:*'))],
  [
    'AliyunSLBReadOnlyAccess',
    'Provides read-only access to Server Load Balancer (SLB).',
    doc(readOnly('slb')),
  ],
  ['AliyunLogFullAccess', 'Provides full access to Simple Log Service (SLS).', doc(allow('log:*'))],
  ['AliyunLogReadOnlyAccess', 'Provides read-only access to Simple Log Service (SLS).', doc(readOnly('log'))],
  ['AliyunKMSFullAccess', 'Provides full access to Key Management Service (KMS).', doc(allow('kms:*'))],
  [
    'AliyunKMSReadOnlyAccess',
    'Provides read-only access to Key Management Service (KMS).',
    doc(readOnly('kms')),
  ],
  ['AliyunFCFullAccess', 'Provides full access to Function Compute (FC).', doc(allow('fc:*'))],
  [
    'AliyunContainerRegistryFullAccess',
    'Provides full access to Container Registry (ACR).',
    doc(allow('cr:*')),
  ],
  [
    'AliyunContainerRegistryReadOnlyAccess',
    'Provides read-only access to Container Registry (ACR).',
    doc(readOnly('cr')),
  ],
  ['AliyunCloudMonitorFullAccess', 'Provides full access to CloudMonitor.', doc(allow('cms:*'))],
  ['AliyunDNSFullAccess', 'Provides full access to Alibaba Cloud DNS.', doc(allow('alidns:*'))],
  ['AliyunCDNFullAccess', 'Provides full access to Alibaba Cloud CDN.', doc(allow('cdn:*'))],
  ['AliyunActionTrailFullAccess', 'Provides full access to ActionTrail.', doc(allow('actiontrail:*'))],
  [
    'AliyunResourceManagerFullAccess',
    'Provides full access to Resource Management.',
    doc(allow('resourcemanager:*')),
  ],
  ['AliyunECIFullAccess', 'Provides full access to Elastic Container Instance (ECI).', doc(allow('eci:*'))],
]

const SEEDED_AT = new Date('2015-04-28T08:00:00Z')
const UPDATED_AT = new Date('2019-10-17T02:00:00Z')

export const SYSTEM_POLICIES: readonly SystemPolicy[] = TABLE.map(([policyName, description, document]) => ({
  policyName,
  description,
  document,
  defaultVersion: 'v1',
  createDate: SEEDED_AT,
  updateDate: UPDATED_AT,
}))

const BY_NAME = new Map(SYSTEM_POLICIES.map((p) => [p.policyName.toLowerCase(), p]))

/** Case-insensitive lookup; the stored spelling is on the returned object. */
export function findSystemPolicy(name: string): SystemPolicy | undefined {
  return BY_NAME.get(name.toLowerCase())
}
