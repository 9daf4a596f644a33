/**
 * Text a cell prints while it runs (`println`, `print`, `show`, `display`, `@show`), like a
 * Pluto or Jupyter cell's standard output: collected per cell run, in order, from loops and
 * functions alike, and shown above the cell's value. A cell that prints without end (a long
 * loop) keeps its first lines and says how many more there were, so the page stays usable.
 */
import { concrete, isValue } from '../ad/value.ts'
import { builtin } from './args.ts'
import { formatNumber, toText } from './format.ts'
import { dualText } from './julia/duals.ts'
import type { LangFunction, LangValue } from './values.ts'

/** Caps on what one cell run keeps: lines, and characters over all of them. */
export const PRINT_LIMITS = { lines: 200, chars: 20_000 }

class Printed {
  readonly lines: string[] = []
  /** The line being written (print without a newline); null when the last write ended one. */
  open: string | null = null
  chars = 0
  dropped = 0

  write(text: string): void {
    const parts = text.split('\n')
    for (let i = 0; i < parts.length; i++) {
      const ends = i < parts.length - 1
      if (!ends && parts[i] === '') break
      this.open = (this.open ?? '') + parts[i]
      if (ends) this.endLine()
    }
  }

  endLine(): void {
    const line = this.open ?? ''
    this.open = null
    if (this.lines.length >= PRINT_LIMITS.lines || this.chars >= PRINT_LIMITS.chars) {
      this.dropped++
      return
    }
    const room = PRINT_LIMITS.chars - this.chars
    const kept = line.length > room ? `${line.slice(0, room)}…` : line
    this.chars += kept.length
    this.lines.push(kept)
  }

  finish(): string[] {
    if (this.open !== null) this.endLine()
    if (this.dropped === 0) return this.lines
    return [...this.lines, `… ${this.dropped} more line${this.dropped === 1 ? '' : 's'} not shown`]
  }
}

let sink: Printed | null = null

/** Writes text to the running cell's output; nothing is kept when no cell is collecting. */
export function printText(text: string): void {
  sink?.write(text)
}

/** Runs fn and returns what it printed, one entry per line (what fn prints before it throws is lost). */
export function collectPrinted<T>(fn: () => T): { result: T; printed: string[] } {
  const outer = sink
  const printed = new Printed()
  sink = printed
  try {
    const result = fn()
    return { result, printed: printed.finish() }
  } finally {
    sink = outer
  }
}

/** A matrix on one line, as Julia's print and show write it: [1 2; 3 4]. */
function compactMatrix(v: LangValue): string | undefined {
  if (!isValue(v) || v.shape.length !== 2 || dualText(v) !== undefined) return undefined
  const t = concrete(v)
  const n = t.shape[1]!
  const rows = Array.from({ length: t.shape[0]! }, (_, i) =>
    Array.from(t.data.subarray(i * n, (i + 1) * n), formatNumber).join(' '),
  )
  return `[${rows.join('; ')}]`
}

/** Julia's `show`: strings keep their quotes, matrices fit on one line. */
const shownText = (v: LangValue): string => (v === undefined ? 'nothing' : (compactMatrix(v) ?? toText(v)))

/** A value as println writes it: text without its quotes, everything else as show writes it. */
export function printedText(v: LangValue): string {
  return typeof v === 'string' ? v : shownText(v)
}

/** Julia's `display` (and `@show`'s value): as the cell shows it, a matrix on several lines. */
const displayedText = (v: LangValue): string => (v === undefined ? 'nothing' : toText(v))

const printing = (name: string, render: (args: LangValue[]) => string, arity: [number, number]): LangFunction =>
  builtin(
    name,
    arity[1] === 1 ? ['x'] : ['xs...'],
    (args) => {
      printText(render(args))
      return undefined
    },
    { arity },
  )

/** The printing functions of a Julia cell; each returns nothing, as Julia's do. */
export const PRINTING_BUILTINS: LangFunction[] = [
  printing('println', (args) => `${args.map(printedText).join('')}\n`, [0, Infinity]),
  printing('print', (args) => args.map(printedText).join(''), [0, Infinity]),
  printing('show', (args) => shownText(args[0]), [1, 1]),
  printing('display', (args) => `${args.map(displayedText).join('\n')}\n`, [1, Infinity]),
]

/** Julia's string(xs...): the arguments' texts joined, as println writes them (and "$x" interpolates). */
export const STRING_BUILTIN: LangFunction = builtin('string', ['xs...'], (args) => args.map(printedText).join(''), {
  arity: [0, Infinity],
})

/**
 * `@show e`: prints `e = value` with e as typed, and gives the value (the front-end lowers the
 * macro to a call of this with the expression's text first).
 */
export const SHOW_MACRO: LangFunction = builtin('@show', ['text', 'value'], ([text, value]) => {
  printText(`${String(text)} = ${shownText(value)}\n`)
  return value
})
