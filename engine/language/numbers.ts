/**
 * Numbers as text, in one place: for the terminal and JSON (formatNumber, 12 digits), for the page
 * (displayNumber, 6 digits; exactNumber, every digit), for sentences in summaries and panels
 * (short: a few digits, 0 for float noise), and the small words around them (times, counts,
 * subscripts, Python literals). The engine and the app both use these, so a number reads the same
 * in a cell's output, a panel and its screen-reader summary. Imports nothing: the page loads it
 * without the engine.
 */

/** Up to 12 significant digits: enough to read, without float noise such as 0.30000000000000004. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x)
  return significant(x, 12)
}

/** Up to 6 significant digits, as the page shows numbers: 86, 0.333333, 1.23457e-7, Inf, NaN. */
export function displayNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf'
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a >= 1e-4 && a < 1e6) return significant(x, 6)
  const [mantissa, exponent] = x.toExponential(5).split('e')
  return `${Number(mantissa)}e${Number(exponent)}`
}

/** Every digit: the shortest decimal that reads back as exactly this double (the notebook's syntax). */
export function exactNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf'
  return Object.is(x, -0) ? '-0' : String(x)
}

/** `digits` significant digits, trailing zeros dropped: 0.333, 1.5e-7, Infinity. */
export function significant(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)))
}

/**
 * A few significant digits for a sentence, and 0 for float noise: anything within 1e-12 of 0, or
 * of the size of the numbers around it (scale, when above 1). sin(π) = 1.2e-16 reads 0.
 */
export function short(x: number, digits = 3, scale = 1): string {
  if (!Number.isFinite(x)) return String(x)
  if (Math.abs(x) <= 1e-12 * Math.max(1, Math.abs(scale))) return '0'
  return significant(x, digits)
}

/** A time in readable units: 0.0123 ms, 1.5 ms, 120 ms. */
export function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${short(ms, 2)} ms`
}

/** A float literal as Python and Julia write it: 2.0, not 2 (which would be an integer there). */
export function floatLiteral(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x)
}

/** "1 pass", "3 passes", "2 nodes". */
export function plural(k: number, word: string): string {
  return `${k} ${word}${k === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉'

/** 12 as ₁₂, for names such as x₁₂ and e₃. */
export function subscript(k: number): string {
  return String(k).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]!)
}

/** A tensor in the notebook's syntax: 2, [1, 2], [1, 2; 3, 4]; nested brackets above rank 2. */
export function tensorText(
  t: { shape: readonly number[]; data: ArrayLike<number> },
  num: (x: number) => string = displayNumber,
): string {
  const { shape, data } = t
  if (shape.length === 0) return num(data[0]!)
  if (shape.length === 1) return vectorText(Array.from(data), num)
  if (shape.length === 2) {
    const [m, n] = shape as [number, number]
    return matrixText(
      Array.from({ length: m }, (_, i) => Array.from(data).slice(i * n, (i + 1) * n)),
      num,
    )
  }
  const nested = (dims: readonly number[], offset: number): string => {
    if (dims.length === 0) return num(data[offset]!)
    const [d, ...rest] = dims as [number, ...number[]]
    const stride = rest.reduce((p, k) => p * k, 1)
    return `[${Array.from({ length: d }, (_, i) => nested(rest, offset + i * stride)).join(', ')}]`
  }
  return nested(shape, 0)
}

/** [1, 2, 3] */
export function vectorText(xs: readonly number[], num: (x: number) => string = displayNumber): string {
  return `[${xs.map(num).join(', ')}]`
}

/** [1, 2; 3, 4], row by row. */
export function matrixText(rows: readonly (readonly number[])[], num: (x: number) => string = displayNumber): string {
  return `[${rows.map((r) => r.map(num).join(', ')).join('; ')}]`
}
