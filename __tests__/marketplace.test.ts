// What the GitHub Marketplace requires of action.yml, checked here because otherwise it only shows
// when a release is published to the Marketplace. (The branding icon and color are checked against
// the Marketplace's lists by scripts/lint-workflows.mjs.)
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>

describe('action.yml for the Marketplace', () => {
  it('has a description shorter than 125 characters, on one line', () => {
    const description = action.description as string
    expect(typeof description).toBe('string')
    expect(description).not.toMatch(/\n/)
    expect(description.trim().length).toBeGreaterThan(20)
    expect(description.trim().length).toBeLessThan(125)
  })

  it('has a name, an author and branding', () => {
    expect(action.name).toEqual(expect.stringMatching(/^\S.{4,}\S$/))
    expect(action.author).toEqual(expect.stringMatching(/\S/))
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })
})
