/**
 * A vector the learner types into a panel (a cotangent ȳ, a direction v), one text per component.
 * It follows the cell: when the cell gives a new vector (a slider moved, the source changed), the
 * typed texts start again from it; until then, what the learner typed stays.
 */
import { useState } from 'react'

export interface VectorInput {
  texts: string[]
  /** The numbers, or null while an entry is not a number. */
  v: number[] | null
  /** Indices of entries that are not numbers. */
  bad: number[]
  set(i: number, text: string): void
  /** Back to the given vector (a button's "all ones", say). */
  reset(to: readonly number[]): void
}

export function useVectorInput(fromCell: readonly number[]): VectorInput {
  const key = fromCell.join(',')
  const [typed, setTyped] = useState<{ key: string; texts: string[] }>(() => ({ key, texts: fromCell.map(String) }))
  // The cell's vector changed (or its length): start from it, dropping what was typed for the old one.
  const texts = typed.key === key ? typed.texts : fromCell.map(String)
  const numbers = texts.map((t) => (t.trim() === '' ? NaN : Number(t)))
  const bad = numbers.flatMap((x, i) => (Number.isFinite(x) ? [] : [i]))
  return {
    texts,
    v: bad.length === 0 ? numbers : null,
    bad,
    set: (i, text) => setTyped({ key, texts: texts.map((t, k) => (k === i ? text : t)) }),
    reset: (to) => setTyped({ key, texts: to.map(String) }),
  }
}
