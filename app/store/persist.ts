/**
 * Saved work in localStorage: one record per notebook, with a schema version, validated on load.
 * A record that is corrupt or from an unknown version is moved aside (never deleted, never a
 * blank page) and the app says so.
 */
// zod/mini: the same validation as zod with a fraction of the bundle.
import * as z from 'zod/mini'
import type { EditableCell } from './cells.ts'

/**
 * Bumped only when a saved record stops meaning what it meant. Exercise cells were added without
 * a bump: every version-1 record saved before them is still valid, so old saves load as they are.
 */
export const SCHEMA_VERSION = 1
const PREFIX = 'adnb:'

const text = (max: number) => z.string().check(z.maxLength(max))
const fence = z.string().check(z.regex(/^(`{3,}|~{3,})$/))

const cellSchema = z.union([
  z.object({ id: text(64), kind: z.literal('prose'), source: text(200_000) }),
  z.object({
    id: text(64),
    kind: z.literal('code'),
    source: text(200_000),
    flags: z.array(text(64)).check(z.maxLength(16)),
    fence,
    info: text(256),
    close: z.optional(z.nullable(text(256))),
  }),
  z.object({
    id: text(64),
    kind: z.literal('exercise'),
    source: text(200_000),
    fence,
    info: text(256),
    close: z.optional(z.nullable(text(256))),
  }),
])

const savedSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  /** A hash of the lesson text these edits started from, to notice when the lesson changed. */
  base: text(64),
  cells: z.array(cellSchema).check(z.maxLength(2000)),
  sliders: z.record(text(64), z.array(z.number()).check(z.maxLength(64))),
  savedAt: z.number(),
})

export type Saved = z.infer<typeof savedSchema>

export type LoadResult =
  { kind: 'none' } | { kind: 'ok'; saved: Saved } | { kind: 'set-aside'; why: string; key: string }

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null // storage disabled (private mode, sandboxed iframe)
  }
}

const keyOf = (doc: string) => `${PREFIX}doc:${doc}`

export function load(doc: string): LoadResult {
  const s = storage()
  const raw = s?.getItem(keyOf(doc))
  if (raw == null) return { kind: 'none' }
  let why: string
  try {
    const data: unknown = JSON.parse(raw)
    const version = (data as { version?: unknown } | null)?.version
    if (version !== SCHEMA_VERSION) {
      why = `it was saved by a different version of the app (format ${JSON.stringify(version)})`
    } else {
      const parsed = savedSchema.safeParse(data)
      if (parsed.success) return { kind: 'ok', saved: parsed.data as Saved }
      why = `it does not have the expected shape (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`
    }
  } catch {
    why = 'it is not valid JSON'
  }
  // Keep the data where the learner (or a developer) can still find it.
  const aside = `${PREFIX}set-aside:${doc}:${Date.now()}`
  try {
    s!.setItem(aside, raw)
    s!.removeItem(keyOf(doc))
  } catch {
    /* storage full: leave it in place; loading will report it again */
  }
  return { kind: 'set-aside', why, key: aside }
}

export function save(
  doc: string,
  base: string,
  cells: readonly EditableCell[],
  sliders: Record<string, number[]>,
): boolean {
  const s = storage()
  if (!s) return false
  const record: Saved = {
    version: SCHEMA_VERSION,
    base,
    cells: [...cells] as Saved['cells'],
    sliders,
    savedAt: Date.now(),
  }
  try {
    s.setItem(keyOf(doc), JSON.stringify(record))
    return true
  } catch {
    return false
  }
}

export function forget(doc: string): void {
  storage()?.removeItem(keyOf(doc))
}

/** A short stable hash of a text (FNV-1a), to tell whether a lesson changed since it was saved. */
export function hashText(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16)
}
