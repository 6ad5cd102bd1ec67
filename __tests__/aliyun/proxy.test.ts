import { describe, expect, it } from '@jest/globals'
import { proxyFor } from '../../src/aliyun/proxy.js'

describe('proxyFor()', () => {
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ['no proxy configured', 'https://ram.aliyuncs.com', {}, undefined],
    ['HTTPS_PROXY for https', 'https://ram.aliyuncs.com', { HTTPS_PROXY: 'http://p:3128' }, 'http://p:3128'],
    ['lower-case https_proxy', 'https://ram.aliyuncs.com', { https_proxy: 'http://p:1' }, 'http://p:1'],
    ['HTTP_PROXY only for http', 'https://ram.aliyuncs.com', { HTTP_PROXY: 'http://p:1' }, undefined],
    ['HTTP_PROXY for http', 'http://127.0.0.1:8101', { HTTP_PROXY: 'http://p:1' }, 'http://p:1'],
    [
      'NO_PROXY exact host',
      'https://ram.aliyuncs.com',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'ram.aliyuncs.com' },
      undefined,
    ],
    [
      'NO_PROXY domain suffix',
      'https://sts.cn-hangzhou.aliyuncs.com',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.aliyuncs.com' },
      undefined,
    ],
    [
      'NO_PROXY bare domain covers subdomains',
      'https://ram.aliyuncs.com',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'aliyuncs.com' },
      undefined,
    ],
    ['NO_PROXY *', 'https://ram.aliyuncs.com', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, undefined],
    [
      'NO_PROXY list with spaces',
      'http://127.0.0.1:9',
      { HTTP_PROXY: 'http://p:1', NO_PROXY: 'localhost, 127.0.0.1' },
      undefined,
    ],
    [
      'NO_PROXY with the wrong port',
      'http://127.0.0.1:9',
      { HTTP_PROXY: 'http://p:1', NO_PROXY: '127.0.0.1:8' },
      'http://p:1',
    ],
    [
      'NO_PROXY with the right port',
      'http://127.0.0.1:9',
      { HTTP_PROXY: 'http://p:1', NO_PROXY: '127.0.0.1:9' },
      undefined,
    ],
    [
      'NO_PROXY does not match a longer name',
      'https://notaliyuncs.com',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'aliyuncs.com' },
      'http://p:1',
    ],
  ])('%s', (_reason, url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected)
  })
})
