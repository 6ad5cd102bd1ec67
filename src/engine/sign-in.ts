/**
 * Signing in: the reconciling identity from keys, GitHub OIDC or the ECS instance role, then,
 * with `reconciler-role-arn`, the role it assumes first to work in that role's account. Every
 * secret is masked the moment it arrives.
 */
import { CloudError } from '../cloud-error.js'
import { assumeHint } from '../hints.js'
import { type CloudFactory, type Credentials, type Inputs, maskCredentials, type RunLog } from '../model.js'
import { RunProblem, step } from './failure.js'
import { type IdTokenSource, signInWithOidc } from './oidc.js'

/** Where the ECS instance role's credentials come from: the metadata service, or a test's. */
export type InstanceRoleSource = (ecs: NonNullable<Inputs['ecs']>) => Promise<Required<Credentials>>

/** What signing in needs besides the inputs. */
export interface SignInDeps {
  cloud: CloudFactory
  idToken: IdTokenSource
  instanceRole: InstanceRoleSource
  log: RunLog
}

/** The credentials the run reconciles (or assumes) with. */
export async function signIn(inputs: Inputs, deps: SignInDeps): Promise<Credentials> {
  const identity = await firstIdentity(inputs, deps)
  if (!inputs.reconcilerRoleArn) return identity
  const roleArn = inputs.reconcilerRoleArn
  return step('Assuming reconciler-role-arn', async () => {
    const assumer = deps.cloud.forAssume(identity).assumer
    try {
      const session = await assumer.assumeRole({
        roleArn,
        sessionName: inputs.session.name,
        durationSeconds: 3600,
      })
      const { credentials } = session
      maskCredentials(deps.log, credentials)
      deps.log.info(`Reconciling as ${session.assumedRoleArn} (reconciler-role-arn).`)
      return credentials
    } catch (err) {
      if (!(err instanceof CloudError)) throw err
      const hint = assumeHint(err, { arn: 'the signed-in identity', identityType: '' }, roleArn)
      throw new RunProblem(
        `AssumeRole of ${roleArn} failed: ${err.message}${hint ? `. Likely cause: ${hint}` : ''}`,
      )
    }
  })
}

async function firstIdentity(inputs: Inputs, deps: SignInDeps): Promise<Credentials> {
  if (inputs.credentials) {
    if (inputs.credentialsSource === 'chained')
      deps.log.info('Signing in with the role credentials an earlier run exported (role-chaining).')
    return inputs.credentials
  }
  if (inputs.oidc) {
    return step('Signing in with GitHub OIDC', () =>
      signInWithOidc(inputs, deps.cloud.oidc(), deps.idToken, deps.log),
    )
  }
  if (inputs.ecs) {
    const ecs = inputs.ecs
    return step('Signing in with the ECS instance role', async () => {
      let credentials: Required<Credentials>
      try {
        credentials = await deps.instanceRole(ecs)
      } catch (err) {
        throw new RunProblem((err as Error).message)
      }
      maskCredentials(deps.log, credentials)
      deps.log.info(`Signed in with the ECS instance role${ecs.role === 'auto' ? '' : ` ${ecs.role}`}.`)
      return credentials
    })
  }
  throw new Error('validated inputs name no way to sign in')
}
