/**
 * Notes about how a result was computed that the learner should see beside it, such as "abs is
 * not differentiable at 0; the derivative used here is 0 (a subgradient)". Derivative rules
 * raise them where the choice is made; the notebook language collects those raised while a
 * statement runs and attaches them to the statement's value, and the display shows them.
 *
 * Raising a note costs one null check when nothing collects them.
 */

let sink: Set<string> | null = null
/** The keys noteOnce has seen in the collection now open. */
let keys = new Set<string>()

/** Records a note, if something is collecting them; repeated notes are kept once. */
export function note(message: string): void {
  sink?.add(message)
}

/**
 * Records a note once per key in the collection now open (and those around it): a cause met again
 * at other points, such as exp overflowing at every sample of a plot, is noted at its first.
 */
export function noteOnce(key: string, message: () => string): void {
  if (sink === null || keys.has(key)) return
  keys.add(key)
  sink.add(message())
}

/** True when notes are being collected, so a rule can skip the test for a note nobody would see. */
export function collectingNotes(): boolean {
  return sink !== null
}

/** Runs fn and returns the notes raised while it ran (nested collections also pass them outwards). */
export function collectNotes<T>(fn: () => T): { result: T; notes: string[] } {
  const outer = sink
  const outerKeys = keys
  const notes = new Set<string>()
  sink = notes
  keys = new Set()
  try {
    return { result: fn(), notes: [...notes] }
  } finally {
    sink = outer
    if (outer !== null) {
      for (const n of notes) outer.add(n)
      for (const k of keys) outerKeys.add(k)
    }
    keys = outerKeys
  }
}

const attached = new WeakMap<object, readonly string[]>()

/** Remembers notes for a value (a tensor, record or function), for its display. */
export function attachNotes(value: unknown, notes: readonly string[]): void {
  if (notes.length === 0 || typeof value !== 'object' || value === null) return
  const before = attached.get(value) ?? []
  attached.set(value, [...new Set([...before, ...notes])])
}

export function notesOf(value: unknown): readonly string[] {
  return typeof value === 'object' && value !== null ? (attached.get(value) ?? []) : []
}

const frames: string[] = []

/**
 * The learner's function now running, innermost (the interpreter enters and leaves them), so
 * that a note can say where its cause happened: "exp(1000) overflows ... in σ".
 */
export function enterFunction(name: string): void {
  frames.push(name)
}

export function leaveFunction(): void {
  frames.pop()
}

export function currentFunction(): string | undefined {
  return frames[frames.length - 1]
}
