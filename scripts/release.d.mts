// Types of scripts/release.mjs for the tests (plain JS, so the release workflow runs it without a build).
export declare function parseTag(tag: string): {
  version: string
  major: number
  minor: number
  patch: number
  prerelease: string | undefined
}
export declare function changelogSection(text: string, version: string): { date: string; body: string }
export declare function releaseNotes(files: {
  tag: string
  changelog: string
  packageJson: string
  packageLock?: string
}): string
export declare function majorTagFor(tag: string, tags: string[]): string | null
