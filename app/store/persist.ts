/**
 * Saved work in localStorage: one record per document, with a schema version, validated by ONE
 * schema on save and on load, so nothing is ever written that a reload would refuse. A record
 * that is corrupt or from an unknown version is copied aside (read back to check the copy, then
 * removed; never deleted, never a blank page) and the app says so; when the copy cannot be
 * written the record stays where it is and the document is not saved over it.
 *
 * Why localStorage and not IndexedDB: saving must finish synchronously when the page is hidden
 * (IndexedDB's transactions may not complete during pagehide), the `storage` event tells other
 * tabs about a save for free, and a document opens without waiting. The budget (about 5 MB per
 * site) is measured: see usage() and library.ts, which warns before it is full.
 */
// zod/mini: the same validation as zod with a fraction of the bundle.
import * as z from 'zod/mini'
import { SLIDER_MAX_COMPONENTS } from '../../engine/language/sliders.ts'
import type { EditableCell } from './cells.ts'
import { newId } from './cells.ts'
import { MAX_LINK_CHARS } from './share.ts'

/**
 * Bumped only when a saved record stops meaning what it meant. Exercise cells, titles,
 * origins and codeEdited were added without a bump: every version-1 record saved before them is still valid.
 */
export const SCHEMA_VERSION = 1
export const PREFIX = 'adnb:'
/** The most cells a saved notebook may have; adding or importing more is refused. */
export const MAX_CELLS = 2000
/** The most characters of one cell. */
export const MAX_CELL_CHARS = 200_000
/** Longest slider name kept with its position (a variable name). */
export const MAX_SLIDER_NAME = 64

const text = (max: number) => z.string().check(z.maxLength(max))
const fence = z.string().check(z.regex(/^(`{3,}|~{3,})$/))
const source = text(MAX_CELL_CHARS)

const cellSchema = z.union([
  z.object({ id: text(64), kind: z.literal('prose'), source }),
  z.object({
    id: text(64),
    kind: z.literal('code'),
    source,
    flags: z.array(text(64)).check(z.maxLength(16)),
    fence,
    info: text(256),
    close: z.optional(z.nullable(text(256))),
  }),
  z.object({
    id: text(64),
    kind: z.literal('exercise'),
    source,
    fence,
    info: text(256),
    close: z.optional(z.nullable(text(256))),
  }),
])

const sliderValue = z.array(z.number()).check(z.maxLength(SLIDER_MAX_COMPONENTS))

/** Where a learner's own notebook came from; a share link's text is kept to reset to. */
const originSchema = z.object({
  kind: z.enum(['shared', 'imported', 'copy', 'recovered']),
  link: z.optional(text(MAX_LINK_CHARS)),
})

const savedSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  /** A hash of the text these edits started from, to notice when a lesson changed. */
  base: text(64),
  cells: z.array(cellSchema).check(z.maxLength(MAX_CELLS)),
  sliders: z.record(text(MAX_SLIDER_NAME), sliderValue),
  savedAt: z.number(),
  title: z.optional(text(200)),
  origin: z.optional(originSchema),
  /**
   * A lesson's edits: false when only sliders moved (the cells are the lesson's own), so an
   * updated lesson opens in its new version with the slider positions. Absent (saved before
   * this field) counts as edited.
   */
  codeEdited: z.optional(z.boolean()),
})

export type Saved = Omit<z.infer<typeof savedSchema>, 'cells'> & { cells: EditableCell[] }
export type Origin = z.infer<typeof originSchema>
/** What a document saves: everything but the version and the time. */
export type Content = Omit<Saved, 'version' | 'savedAt'>

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'ok'; saved: Saved }
  | { kind: 'set-aside'; why: string; key: string }
  /** Unreadable, and copying it aside failed: it stays under its own key, not to be saved over. */
  | { kind: 'blocked'; why: string; key: string }

export function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null // storage disabled (private mode, sandboxed iframe)
  }
}

export const keyOf = (doc: string): string => `${PREFIX}doc:${doc}`

/** What this page last read or wrote per document, to tell a save made by another tab. */
const lastSeen = new Map<string, string | null>()

/** True when storage holds something for doc that this page did not read or write. */
export function changedElsewhere(doc: string): boolean {
  if (!lastSeen.has(doc)) return false
  return (storage()?.getItem(keyOf(doc)) ?? null) !== lastSeen.get(doc)
}

/** A cell id is a short word; one that names an Object property would shadow it in a lookup. */
const goodId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id) && !(id in Object.prototype)
// A variable's name (letters of any script: α is one), which must not name an Object property.
const goodSliderName = (name: string) =>
  name.length > 0 && name.length <= MAX_SLIDER_NAME && !/\s/.test(name) && !(name in Object.prototype)

/** Gives hand-edited, reserved or repeated cell ids fresh ones; everything else is kept. */
export function withValidIds(cells: readonly EditableCell[]): EditableCell[] {
  const seen = new Set<string>()
  return cells.map((c) => {
    const ok = goodId(c.id) && !seen.has(c.id)
    seen.add(c.id)
    return ok ? c : { ...c, id: newId() }
  })
}

/** Slider positions the schema keeps, in an object with no prototype (names are data). */
function validSliders(sliders: Record<string, unknown>): Record<string, number[]> {
  const out = Object.create(null) as Record<string, number[]>
  for (const [name, value] of Object.entries(sliders))
    if (goodSliderName(name) && sliderValue.safeParse(value).success) out[name] = value as number[]
  return out
}

const describe = (error: z.core.$ZodError) =>
  `${error.issues[0]?.path.join('.') || 'root'}: ${error.issues[0]?.message}`

/** Reads a document, or says why it cannot be read and where it was put. */
export function load(doc: string): LoadResult {
  const s = storage()
  const raw = s?.getItem(keyOf(doc))
  if (raw == null) {
    lastSeen.set(doc, null)
    return { kind: 'none' }
  }
  let why: string
  try {
    const data: unknown = JSON.parse(raw)
    const version = (data as { version?: unknown } | null)?.version
    if (version !== SCHEMA_VERSION) {
      why = `it was saved by a different version of the app (format ${JSON.stringify(version)})`
    } else {
      const parsed = savedSchema.safeParse(data)
      if (parsed.success) {
        lastSeen.set(doc, raw)
        const saved = parsed.data as Saved
        return {
          kind: 'ok',
          saved: { ...saved, cells: withValidIds(saved.cells), sliders: validSliders(saved.sliders) },
        }
      }
      why = `it does not have the expected shape (${describe(parsed.error)})`
    }
  } catch {
    why = 'it is not valid JSON'
  }
  const aside = setAside(doc, raw)
  // Saving over the record is safe only once its copy is known to be there.
  if (aside) {
    lastSeen.set(doc, null)
    return { kind: 'set-aside', why, key: aside }
  }
  lastSeen.set(doc, raw)
  return { kind: 'blocked', why, key: keyOf(doc) }
}

/** Copies an unreadable record aside, reads the copy back, then removes the original. */
function setAside(doc: string, raw: string): string | null {
  const s = storage()
  const aside = `${PREFIX}set-aside:${doc}:${Date.now()}`
  try {
    s!.setItem(aside, raw)
    if (s!.getItem(aside) !== raw) return null
    s!.removeItem(keyOf(doc))
    return aside
  } catch {
    return null
  }
}

export type SaveResult = { ok: true } | { ok: false; why: string }

/**
 * Saves a document if the load schema accepts it. Slider positions it would refuse (a name too
 * long, too many components) are left out: the cell's own value applies after a reload. Cells
 * it would refuse are never dropped: the save is refused with the reason instead.
 */
export function save(doc: string, content: Content): SaveResult {
  const s = storage()
  if (!s) return { ok: false, why: 'this browser does not allow saving (storage is disabled)' }
  const record = { ...content, sliders: validSliders(content.sliders), version: SCHEMA_VERSION, savedAt: Date.now() }
  const parsed = savedSchema.safeParse(record)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.path[0] === 'cells' && issue.path.length === 1)
      return { ok: false, why: `the notebook has more than ${MAX_CELLS} cells` }
    if (issue?.path[0] === 'cells' && issue.path[2] === 'source')
      return { ok: false, why: `cell ${Number(issue.path[1]) + 1} is longer than ${MAX_CELL_CHARS} characters` }
    return { ok: false, why: `it does not have the expected shape (${describe(parsed.error)})` }
  }
  const raw = JSON.stringify(record)
  try {
    s.setItem(keyOf(doc), raw)
    lastSeen.set(doc, raw)
    return { ok: true }
  } catch {
    return { ok: false, why: 'browser storage is full' }
  }
}

export function forget(doc: string): void {
  storage()?.removeItem(keyOf(doc))
  lastSeen.set(doc, null)
}

/** Characters this app keeps in storage, against the budget browsers give a site (~5 MB). */
export function usage(): { used: number; budget: number } {
  const s = storage()
  let used = 0
  for (let i = 0; s && i < s.length; i++) {
    const key = s.key(i)
    if (key?.startsWith(PREFIX)) used += key.length + (s.getItem(key)?.length ?? 0)
  }
  return { used, budget: 5 * 1024 * 1024 }
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
