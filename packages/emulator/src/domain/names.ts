/** Case-insensitive, sorted name index (entity names in RAM are unique case-insensitively). */
/** Lower-case index of `sorted` at or after which `key` belongs (binary search). */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Map keyed case-insensitively; values keep their own spelling. The lower-cased keys are also
 * kept sorted (binary search + splice on insert/delete), so the list calls page through it in
 * O(log n + page) instead of sorting every entity on every request.
 */
export class NameMap<T> {
  private readonly map = new Map<string, T>()
  private readonly keys: string[] = []

  get(name: string): T | undefined {
    return this.map.get(name.toLowerCase())
  }

  set(name: string, value: T): void {
    const k = name.toLowerCase()
    if (!this.map.has(k)) this.keys.splice(lowerBound(this.keys, k), 0, k)
    this.map.set(k, value)
  }

  delete(name: string): void {
    const k = name.toLowerCase()
    if (!this.map.delete(k)) return
    this.keys.splice(lowerBound(this.keys, k), 1)
  }

  get size(): number {
    return this.map.size
  }

  values(): T[] {
    return [...this.map.values()]
  }

  /** Values sorted by lower-cased name (the order list calls and markers rely on). */
  sorted(): T[] {
    return this.keys.map((k) => this.map.get(k)!)
  }

  /** Values in name order whose lower-cased name sorts strictly after `after` (all when undefined). */
  *after(after?: string): Generator<T> {
    let i = after === undefined ? 0 : lowerBound(this.keys, after)
    if (after !== undefined && this.keys[i] === after) i++
    for (; i < this.keys.length; i++) yield this.map.get(this.keys[i]!)!
  }
}
