/**
 * Exercise progress, per lesson, kept in localStorage apart from the notebooks' saved edits (a
 * reset to the original lesson keeps what the learner solved). Validated on load like saved
 * notebooks: anything unreadable is moved aside under its own key (never lost, never a broken
 * page), progress starts afresh, and the page says so.
 */
import * as z from 'zod/mini'
import { create } from 'zustand'

const KEY = 'adnb:progress'
const VERSION = 1

export type ExerciseState = 'attempted' | 'solved' | 'revealed'

export interface ExerciseProgress {
  state: ExerciseState
  /** Wrong answers so far; picks the next general hint. */
  wrong: number
  /** The learner's last answer, so a reload shows what they typed (a choice: its number). */
  last: string
  /** General hints shown so far (by Hint or by wrong answers); picks the next one. */
  hints?: number
}

const exerciseSchema = z.object({
  state: z.enum(['attempted', 'solved', 'revealed']),
  wrong: z.number().check(z.minimum(0)),
  last: z.string().check(z.maxLength(10_000)),
  // Optional: progress saved before hints were counted still loads.
  hints: z.optional(z.number().check(z.minimum(0))),
})
const schema = z.object({
  version: z.literal(VERSION),
  lessons: z.record(z.string().check(z.maxLength(100)), z.record(z.string().check(z.maxLength(100)), exerciseSchema)),
})

type Lessons = Record<string, Record<string, ExerciseProgress>>

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/** Why saved progress could not be read and where it was put, if that happened on load. */
export interface SetAside {
  why: string
  key: string
  /** The copy could not be written (storage full): the record stays under its key, unsaved over. */
  blocked?: boolean
}

/** True while unreadable progress stays under KEY: writing would overwrite it. */
let blocked = false

function read(): { lessons: Lessons; setAside: SetAside | null } {
  const s = storage()
  let raw: string | null | undefined
  try {
    raw = s?.getItem(KEY)
  } catch {
    return { lessons: {}, setAside: null }
  }
  if (raw == null) return { lessons: {}, setAside: null }
  let why: string
  try {
    const parsed = schema.safeParse(JSON.parse(raw))
    if (parsed.success) return { lessons: parsed.data.lessons as Lessons, setAside: null }
    why = `it does not have the expected shape (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`
  } catch {
    why = 'it is not valid JSON'
  }
  // The next answer would overwrite it: keep a copy where the learner (or a developer) finds it.
  const key = `adnb:set-aside:progress:${Date.now()}`
  try {
    s!.setItem(key, raw)
    // Reported as kept only once it reads back whole.
    if (s!.getItem(key) === raw) {
      s!.removeItem(KEY)
      return { lessons: {}, setAside: { why, key } }
    }
  } catch {
    /* storage full: below */
  }
  blocked = true
  return { lessons: {}, setAside: { why, key: KEY, blocked } }
}

function write(lessons: Lessons): void {
  if (blocked) return
  try {
    storage()?.setItem(KEY, JSON.stringify({ version: VERSION, lessons }))
  } catch {
    /* storage full or disabled: progress lives for this page only */
  }
}

interface ProgressState {
  lessons: Lessons
  /** Set when saved progress was unreadable on load; the page tells the learner once. */
  setAside: SetAside | null
  /**
   * Records an answer or a reveal. A solved exercise stays solved, and a revealed one stays
   * revealed: typing the answer after seeing it solves nothing.
   */
  record(slug: string, exercise: string, update: Partial<ExerciseProgress>): void
  /** Forgets one lesson's progress. */
  clear(slug: string): void
}

export const useProgress = create<ProgressState>((set, get) => ({
  ...read(),
  record(slug, exercise, update) {
    // Own properties only: an exercise called "constructor" is not Object's.
    const lesson = Object.hasOwn(get().lessons, slug) ? get().lessons[slug]! : {}
    const before = Object.hasOwn(lesson, exercise)
      ? lesson[exercise]!
      : { state: 'attempted' as const, wrong: 0, last: '' }
    const state = before.state === 'attempted' ? (update.state ?? before.state) : before.state
    const lessons = { ...get().lessons, [slug]: { ...lesson, [exercise]: { ...before, ...update, state } } }
    set({ lessons })
    write(lessons)
  },
  clear(slug) {
    const lessons = { ...get().lessons }
    delete lessons[slug]
    set({ lessons })
    write(lessons)
  },
}))

/** How many of a lesson's exercises are solved (a revealed answer does not count). */
export function solvedCount(lessons: Lessons, slug: string, exerciseIds: readonly string[]): number {
  const lesson = Object.hasOwn(lessons, slug) ? lessons[slug]! : {}
  return exerciseIds.filter((id) => Object.hasOwn(lesson, id) && lesson[id]!.state === 'solved').length
}

// Another tab solving an exercise shows here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) useProgress.setState({ lessons: read().lessons })
  })
}
