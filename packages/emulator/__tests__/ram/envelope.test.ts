// RAM through pop-core (signature V1, POST form body): the gateway, the envelope and the call log.
import { describe, expect, it } from '@jest/globals'
import { expectError, pop, popRam, RAM_VERSION, REQUEST_ID, rawV1 } from '../harness.js'
import { accountId, call, emu, root, setup } from './fixture.js'

setup()

describe('gateway and envelope', () => {
  it('answers errors with the documented envelope, status and content type', async () => {
    const res = await fetch(`${emu.ramEndpoint}/`, { method: 'POST' })
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8')
    const err = await expectError(call('GetRole', { RoleName: 'nope' }), 'EntityNotExist.Role', 404)
    expect(Object.keys(err.data!).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId'])
    expect(err.data).toMatchObject({ HostId: 'ram.aliyuncs.com', Message: 'The role does not exist.' })
    expect(err.data!.RequestId).toMatch(REQUEST_ID)
    expect(err.data!.Recommend).toBe(
      `https://api.aliyun.com/troubleshoot?q=EntityNotExist.Role&product=Ram&requestId=${err.data!.RequestId}`,
    )
  })

  it('puts a RequestId on every success and no Code', async () => {
    const r = await call('GetAccountAlias')
    expect(r.RequestId).toMatch(REQUEST_ID)
    expect(r.Code).toBeUndefined()
    expect(r.AccountAlias).toBe(accountId)
  })

  it('rejects a wrong Version and an unknown Action', async () => {
    await expectError(pop(emu.ramEndpoint, '2015-04-01', root).call('GetAccountAlias'), 'InvalidVersion', 400)
    await expectError(call('DescribeEverything'), 'InvalidAction.NotFound', 404)
    // Each listener serves only its own product.
    await expectError(
      pop(emu.stsEndpoint, '2015-05-01', root).call('GetUser', { UserName: 'x' }),
      'InvalidVersion',
    )
  })

  it('reports missing required parameters as Missing<Param>', async () => {
    const err = await expectError(
      call('CreateRole', { RoleName: 'r' }),
      'MissingAssumeRolePolicyDocument',
      400,
    )
    expect(err.data!.Message).toBe('AssumeRolePolicyDocument is mandatory for this action.')
    await expectError(call('GetUser'), 'MissingUserName', 400)
  })

  it('answers XML when Format=XML', async () => {
    emu.control.createUser(accountId, 'x1')
    const ok = await rawV1(emu.ramEndpoint, RAM_VERSION, root, { Action: 'ListUsers', Format: 'XML' })
    expect(ok.contentType).toBe('text/xml;charset=utf-8')
    expect(ok.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><ListUsersResponse><RequestId>[0-9A-F-]{36}<\/RequestId><IsTruncated>false<\/IsTruncated><Users><User><UserId>\d+<\/UserId><UserName>x1<\/UserName>/,
    )
    const err = await rawV1(emu.ramEndpoint, RAM_VERSION, root, {
      Action: 'GetUser',
      UserName: 'none',
      Format: 'xml',
    })
    expect(err.status).toBe(404)
    expect(err.text).toContain('<Error><RequestId>')
    expect(err.text).toContain('<Code>EntityNotExist.User</Code>')
    const bad = await rawV1(emu.ramEndpoint, RAM_VERSION, root, { Action: 'ListUsers', Format: 'YAML' })
    expect(bad.json.Code).toBe('InvalidParameter.Format')
  })
})

describe('call log', () => {
  it('records every request, with write flags, caller, status, code and redacted secrets', async () => {
    emu.control.clearCalls()
    await call('CreateUser', { UserName: 'logged' })
    await expectError(call('GetUser', { UserName: 'ghost' }), 'EntityNotExist.User')
    await expectError(
      popRam(emu, { ...root, accessKeySecret: 'bad' }).call('ListUsers'),
      'SignatureDoesNotMatch',
    )
    const calls = emu.control.calls()
    expect(calls.map((c) => [c.action, c.write, c.status, c.code])).toEqual([
      ['CreateUser', true, 200, undefined],
      ['GetUser', false, 404, 'EntityNotExist.User'],
      ['ListUsers', false, 400, 'SignatureDoesNotMatch'],
    ])
    expect(calls[0]).toMatchObject({
      service: 'ram',
      accountId,
      caller: `acs:ram::${accountId}:root`,
      params: { UserName: 'logged', Signature: '***', AccessKeyId: root.accessKeyId },
    })
    expect(calls[0]!.time).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(calls[1]!.seq).toBe(calls[0]!.seq + 1)
    expect(calls[2]!.caller).toBeUndefined()
  })
})
