/** Argument readers of the HTTP control routes: JSON in, typed values out. */

import { ApiError } from '../domain/errors.js'
import type { PolicyRef } from './types.js'

export type Args = Record<string, unknown>

export const str = (args: Args, name: string): string => {
  const v = args[name]
  if (typeof v !== 'string' || v === '')
    throw new ApiError('InvalidArgument', `"${name}" must be a non-empty string.`)
  return v
}
export const optStr = (args: Args, name: string): string | undefined =>
  args[name] === undefined ? undefined : str(args, name)
export const optObj = <T>(args: Args, name: string): T | undefined => {
  const v = args[name]
  if (v !== undefined && (typeof v !== 'object' || v === null)) {
    throw new ApiError('InvalidArgument', `"${name}" must be an object or array.`)
  }
  return v as T | undefined
}
export const stringRecord = (args: Args, name: string): Record<string, string> | undefined => {
  const v = args[name]
  if (v === undefined) return undefined
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    Object.values(v).some((x) => typeof x !== 'string')
  ) {
    throw new ApiError('InvalidArgument', `"${name}" must be an object of strings.`)
  }
  return v as Record<string, string>
}
export const principalArg = (args: Args): { type: 'user' | 'role'; name: string } => {
  const p = optObj<Args>(args, 'principal') ?? {}
  const type = p.type
  if (type !== 'user' && type !== 'role')
    throw new ApiError('InvalidArgument', '"principal.type" must be "user" or "role".')
  return { type, name: str(p, 'name') }
}
export const policyArg = (args: Args): PolicyRef => {
  const p = optObj<Args>(args, 'policy') ?? {}
  if (p.type !== 'System' && p.type !== 'Custom') {
    throw new ApiError('InvalidArgument', '"policy.type" must be "System" or "Custom".')
  }
  return { type: p.type, name: str(p, 'name') }
}
