/** Every RAM (2015-05-01) action the emulator answers, by name. */
import { operationTable } from '../gateway/operation.js'
import { accessKeys } from './access-keys.js'
import { attachments } from './attachments.js'
import { policies } from './policies.js'
import { roles } from './roles.js'
import { users } from './users.js'

export const RAM_OPERATIONS = operationTable([...users, ...roles, ...policies, ...attachments, ...accessKeys])
