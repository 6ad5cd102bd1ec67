// Shared types of the control/ suites.
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
export type Json = Record<string, any>
