/**
 * Text output shared by the bench's sections: aligned tables, and the sections for the Hessian
 * nestings (hessians.ts) and for sum(fn, x) through a learner's function (userFunctions.ts).
 */
import type { HessianCase } from './hessians.ts'
import { HESSIAN_TOLERANCE, VARIANTS, perGradient } from './hessians.ts'
import { formatMs, formatRatio } from './timing.ts'
import type { SumFnResult } from './userFunctions.ts'
import {
  PER_ELEMENT_DEFINITION,
  PER_ELEMENT_GRADIENT,
  SUM_FN_DEFINITION,
  SUM_FN_GRADIENT,
  SUM_FN_VALUE,
} from './userFunctions.ts'

export function table(header: readonly string[], rows: readonly (readonly string[] | null)[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r ? r[c]!.length : 0))))
  const line = (cells: readonly string[]) =>
    cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ')
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return [line(header), rule, ...rows.map((r) => (r ? line(r) : rule))].join('\n')
}

export function sci(x: number): string {
  return Number.isFinite(x) ? x.toExponential(1) : String(x)
}

/** 12345 as "12.3k", 1234567 as "1.23M": counts in narrow columns. */
function count(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toPrecision(3)}M`
  if (x >= 1e4) return `${(x / 1e3).toPrecision(3)}k`
  return String(x)
}

export function hessianReport(cases: readonly HessianCase[]): string[] {
  const out: string[] = []
  out.push(
    '■ Hessians: the four nestings, unbatched (chunk 1: one basis vector per pass) and batched (the engine’s ' +
      'default chunk of basis vectors per pass, jacobians.ts autoChunk)',
    '  time per call; ops = concrete primitive evaluations and tape = most elements held on tapes at once, ' +
      'both from one recorded call (record()); /n∇ = time / (n · gradient time at that n).',
  )
  const problems = [...new Set(cases.map((c) => c.problem))]
  for (const p of problems) {
    const cs = cases.filter((c) => c.problem === p)
    const header = ['', ...cs.flatMap((c) => [`n=${c.n} time`, 'ops', 'tape', '/n∇'])]
    const rows: (string[] | null)[] = [['gradient', ...cs.flatMap((c) => [formatMs(c.gradient.ms), '', '', ''])], null]
    for (const r0 of cs[0]!.rows) {
      rows.push([
        `${r0.method} (${r0.variant})`,
        ...cs.flatMap((c) => {
          const r = c.rows.find((x) => x.method === r0.method && x.variant === r0.variant)!
          return [
            r.timing === null ? '—' : formatMs(r.timing.ms) + (r.timing.calls < 3 ? '¹' : ''),
            count(r.ops),
            count(r.tapePeak),
            formatRatio(perGradient(c, r) ?? NaN),
          ]
        }),
      ])
    }
    out.push('', `  ${p}`, table(header, rows))
    const worst = Math.max(...cs.flatMap((c) => c.rows.map((r) => r.relDiff)))
    out.push(
      `  agreement with the hand-written Hessian, all ${VARIANTS.length * 4} per n: max|H - H_hand| / max|H_hand| = ${sci(worst)}` +
        (worst <= HESSIAN_TOLERANCE ? '' : ` ✗ (tolerance ${HESSIAN_TOLERANCE})`),
    )
  }
  return out
}

export function sumFnReport(results: readonly SumFnResult[]): string[] {
  const cell = (t: SumFnResult['gradient']) => ('error' in t ? 'refused' : formatMs(t.ms) + (t.calls < 3 ? '¹' : ''))
  const ms = (t: SumFnResult['gradient']) => ('error' in t ? NaN : t.ms)
  const rows: string[][] = [
    [`gradient: ${SUM_FN_GRADIENT}`, ...results.map((r) => cell(r.gradient))],
    [`value: ${SUM_FN_VALUE}`, ...results.map((r) => cell(r.value))],
    ['gradient / value', ...results.map((r) => formatRatio(ms(r.gradient) / ms(r.value)))],
    [
      'time / time at the previous n',
      ...results.map((r, i) => (i === 0 ? '' : formatRatio(ms(r.gradient) / ms(results[i - 1]!.gradient)))),
    ],
    [`per element: ${PER_ELEMENT_GRADIENT}`, ...results.map((r) => cell(r.perElement))],
    [
      'per element: time / time at the previous n',
      ...results.map((r, i) => (i === 0 ? '' : formatRatio(ms(r.perElement) / ms(results[i - 1]!.perElement)))),
    ],
    ['max|g - g_exact| / max|g_exact|', ...results.map((r) => sci(r.relDiff))],
  ]
  const out = [
    `■ A learner's function: a Julia cell \`${SUM_FN_DEFINITION}\` (one whole-array run) and \`${PER_ELEMENT_DEFINITION}\` (one call per element), then their gradients run with runCell`,
    '  each cell run once (checked against 2x), then the median of 3 runs timed one by one',
    table(['', ...results.map((r) => `n = ${r.n}`)], rows),
  ]
  for (const r of results) {
    if ('error' in r.gradient) out.push(`  n = ${r.n}: the gradient was refused: ${r.gradient.error}`)
    if ('error' in r.value) out.push(`  n = ${r.n}: the value was refused: ${r.value.error}`)
    if ('error' in r.perElement) out.push(`  n = ${r.n}: the per-element gradient was refused: ${r.perElement.error}`)
  }
  return out
}
