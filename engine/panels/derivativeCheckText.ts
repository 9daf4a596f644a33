/**
 * The derivative check's verdict in plain words, tolerances stated: "consistent with finite
 * differences to 3e-10 (rtol 1e-6, atol 1e-9)", or the worst wrong entry named as the cell would
 * index it, "entry (2,3) of ∂f/∂x is off: AD gives 4, finite differences 2.0000000001", or why
 * finite differences could not check (a kink, a value that is not finite).
 */
import { displayNumber, formatNumber } from '../language/numbers.ts'
import type { CheckKind, CheckOptions, DirectionCheck, JacobianBlock } from './derivativeCheck.ts'
import type { IndexConvention } from './derivativeCheckIndex.ts'
import { entryLabel } from './derivativeCheckIndex.ts'

export interface VerdictInput {
  check: CheckKind
  fnName: string
  names: string[]
  indexing: IndexConvention
  options: CheckOptions
  yShape: number[]
  blocks: JacobianBlock[]
  directions: DirectionCheck[]
  primal?: { ad: number[]; f: number[] }
}

export interface Verdict {
  status: 'consistent' | 'wrong' | 'unchecked'
  text: string
  summary: string
  maxError: number
  wrongCount: number
}

/** A small number as 3e-10; `digits` significant digits. */
export const sci = (x: number, digits = 1): string =>
  x === 0 ? '0' : Number.isFinite(x) ? Number(x.toPrecision(digits)).toExponential() : String(x)

/** "(rtol 1e-6, atol 1e-9)". */
export const tolerances = (o: CheckOptions): string => `(rtol ${sci(o.rtol, 2)}, atol ${sci(o.atol, 2)})`

/** A direction or its image in a sentence: 6 digits, the first five entries of a long one. */
const list = (xs: readonly number[]) =>
  xs.length > 6 ? `[${xs.slice(0, 5).map(displayNumber).join(', ')}, …]` : `[${xs.map(displayNumber).join(', ')}]`

const count = (k: number) => (k === 1 ? '1 entry' : `${k} entries`)

/** What each mode compares, for the summary. */
function compared(v: VerdictInput): string {
  const entries = v.blocks.reduce((s, b) => s + b.rows * b.cols, 0)
  const what =
    v.check === 'check_gradient'
      ? `the gradient (${count(entries)}) by reverse mode`
      : `${count(entries)} of the Jacobian by ${v.check === 'test_rrule' ? 'reverse' : 'forward'} mode`
  const dirs = v.directions.length
  const extra =
    dirs === 0
      ? ''
      : ` and ${dirs} random ${v.check === 'test_rrule' ? 'cotangents' : 'tangents'} (seed ${v.options.seed})`
  return `${what}${extra}, against central finite differences`
}

export function verdictOf(v: VerdictInput): Verdict {
  const o = v.options
  let maxError = 0
  let wrongCount = 0
  let checked = 0
  let worst: { ratio: number; label: string; ad: number; fd: number } | undefined
  for (const b of v.blocks) {
    const names = { fn: v.fnName, arg: b.arg, yShape: v.yShape, xShape: b.shape }
    b.ratio.forEach((r, e) => {
      if (Number.isNaN(r)) return
      checked++
      const err = Math.abs(b.ad[e]! - b.fd[e]!) / Math.max(1, Math.abs(b.ad[e]!), Math.abs(b.fd[e]!))
      if (Number.isFinite(err)) maxError = Math.max(maxError, err)
      if (r <= 1) return
      wrongCount++
      if (worst === undefined || r > worst.ratio) {
        const [i, j] = [Math.floor(e / b.cols), e % b.cols]
        worst = { ratio: r, label: entryLabel(names, i, j, v.indexing), ad: b.ad[e]!, fd: b.fd[e]! }
      }
    })
  }
  const tol = tolerances(o)
  const to = maxError === 0 ? `, which agree exactly ${tol}` : ` to ${sci(maxError)} ${tol}`
  const unchecked = v.blocks.flatMap((b) => b.unchecked.map((u) => u.reason))
  const failedDirection = v.directions.find((d) => d.ratio > 1)
  const parts: string[] = []
  if (v.primal) {
    const k = v.primal.ad.findIndex((a, i) => a !== v.primal!.f[i])
    parts.push(
      `the value the ${v.check === 'test_frule' ? 'forward' : 'reverse'} pass computes is not ${v.fnName}(${v.names.join(', ')}): ${v.yShape.length === 0 ? '' : `entry ${k + v.indexing.base} is `}${formatNumber(v.primal.ad[k]!)}, but ${v.fnName} gives ${formatNumber(v.primal.f[k]!)}`,
    )
  }
  if (worst) {
    const more =
      wrongCount > 1 ? `; ${wrongCount - 1} more ${wrongCount === 2 ? 'entry is' : 'entries are'} off too` : ''
    parts.push(
      `${worst.label} is off: AD gives ${formatNumber(worst.ad)}, finite differences ${formatNumber(worst.fd)}${more}`,
    )
  } else if (failedDirection) {
    const reverse = failedDirection.kind === 'cotangent'
    parts.push(
      reverse
        ? `the pullback of a random cotangent ȳ = ${list(failedDirection.direction)} is off: AD gives ${list(failedDirection.ad)}, finite differences (ȳᵀJ) ${list(failedDirection.fd)}; every basis vector agrees, so the pullback is not linear in ȳ`
        : `the pushforward of a random tangent ẋ = ${list(failedDirection.direction)} is off: AD gives ${list(failedDirection.ad)}, finite differences ${list(failedDirection.fd)}; every basis vector agrees, so the pushforward is not linear in ẋ`,
    )
  }
  let status: Verdict['status']
  let text: string
  if (parts.length > 0) {
    status = 'wrong'
    text = `${capitalize(parts.join('; and '))} ${tol}`
  } else if (unchecked.length > 0) {
    status = 'unchecked'
    const more = unchecked.length > 1 ? ` (and ${unchecked.length - 1} more like it)` : ''
    text =
      checked === 0
        ? `Finite differences cannot check this: ${unchecked[0]}${more}`
        : `Consistent with finite differences${to} where they can check; but ${unchecked[0]}${more}`
  } else {
    status = 'consistent'
    text = `Consistent with finite differences${to}`
  }
  return {
    status,
    text,
    summary: `${v.check}(${v.fnName}, ${v.names.join(', ')}) compares ${compared(v)}. ${text}.`,
    maxError,
    wrongCount,
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
