/**
 * Records keyed by cell id or slider name, without a prototype: an id such as "constructor" or
 * "__proto__" (hand-edited storage) is then plain data, never Object's own property.
 */
export function byId<T>(...parts: Iterable<readonly [string, T]>[]): Record<string, T> {
  const out = Object.create(null) as Record<string, T>
  for (const part of parts) for (const [key, value] of part) out[key] = value
  return out
}

/** A copy of record with key set to value. */
export const withEntry = <T>(record: Record<string, T>, key: string, value: T): Record<string, T> =>
  byId(Object.entries(record), [[key, value]])
