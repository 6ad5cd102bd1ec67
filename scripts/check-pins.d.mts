// Types of scripts/check-pins.mjs for the tests (plain JS, so `npm run lint` runs it without a build).
export declare const SELF: string
export interface Use {
  file: string
  line: number
  ref: string
  comment?: string
}
export interface Finding {
  file: string
  line: number
  message: string
}
export declare function usesLines(text: string): { line: number; ref: string; comment: string | undefined }[]
export declare function pinProblem(ref: string, comment: string | undefined): string | null
export declare function markdownCode(text: string): string
export declare function parsedUses(doc: unknown): string[]
export declare function checkText(
  file: string,
  text: string,
  options?: { markdown?: boolean; parse?: (text: string) => unknown },
): { uses: Use[]; findings: Finding[] }
export declare function checkConsistency(uses: Use[]): Finding[]
export declare function defaultFiles(root: string): string[]
