// The package's import graph, read from its sources, and a cycle finder over it (both kept apart
// from the test so the finder itself can be tested on graphs made up to fail).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** Module → the modules it imports (relative specifiers only, `.js` mapped back to `.ts`). */
export type Graph = Map<string, string[]>

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\sfrom\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'/g

/** Every `.ts` file under `dir`, as paths relative to it. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort()
}

/** The specifiers a module imports or re-exports, type-only ones included. */
export function specifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2])!)
}

export function importGraph(dir: string): Graph {
  const graph: Graph = new Map()
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8')
    const targets = specifiers(text)
      .filter((s) => s.startsWith('.'))
      .map((s) =>
        relative(dir, resolve(dirname(join(dir, file)), s.replace(/\.js$/, '.ts')))
          .split('\\')
          .join('/'),
      )
    graph.set(file, targets)
  }
  return graph
}

/** One cycle of the graph as a path that starts and ends at the same module, or undefined. */
export function findCycle(graph: Graph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node]
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(node, 'done')
    return undefined
  }
  for (const node of graph.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return undefined
}
