/**
 * One number input per component of a vector the learner types (a cotangent v, a direction v),
 * labelled v₁, v₂, ...; entries that are not numbers are marked invalid.
 */
import { subscript } from '../../engine/language/numbers.ts'

export function VectorInputs({
  texts,
  bad,
  onChange,
  name = 'v',
}: {
  texts: readonly string[]
  /** Indices of entries that are not numbers. */
  bad: readonly number[]
  onChange(i: number, text: string): void
  name?: string
}) {
  return (
    <>
      {texts.map((t, i) => (
        <label key={i}>
          {name}
          {subscript(i + 1)}
          <input
            type="number"
            step="any"
            value={t}
            aria-invalid={bad.includes(i) || undefined}
            onChange={(e) => onChange(i, e.target.value)}
          />
        </label>
      ))}
    </>
  )
}
