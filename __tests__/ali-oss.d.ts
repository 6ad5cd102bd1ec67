// Minimal local typing of ali-oss 6.23.0 (the package ships none), covering what the emulator and e2e
// suites use.
declare module 'ali-oss' {
  interface OSSOptions {
    accessKeyId: string
    accessKeySecret: string
    stsToken?: string
    endpoint?: string
    bucket?: string
    region?: string
    sldEnable?: boolean
    cname?: boolean
    refreshSTSTokenInterval?: number
    timeout?: number | string
    retryMax?: number
  }

  interface PutResult {
    name: string
    url: string
    res: { status: number; headers: Record<string, string>; requestUrls: string[] }
  }

  class OSS {
    constructor(options: OSSOptions)
    put(name: string, file: Buffer | string, options?: Record<string, unknown>): Promise<PutResult>
  }

  export default OSS
}
