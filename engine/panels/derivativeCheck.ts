/**
 * Checking any derivative against finite differences: check_gradient(f, x), test_rrule(f, x...)
 * and test_frule(f, x...) (ChainRulesTestUtils' names) compare the engine's AD of f with the
 * 5-point central differences of finiteDifferences.ts, entry by entry of the Jacobian.
 *
 * The AD side is what a transform really does with f: reverse mode pulls back each basis
 * cotangent (a row of J) through one pullback, forward mode pushes each basis tangent (a column);
 * a learner's rrule or frule for f is used there, as in the real packages. The finite
 * differences call f with no transform, so they run f's own body. Random cotangents or tangents
 * from a seeded generator are checked too: a pullback that is not linear in ȳ can pass every
 * basis vector and still be wrong. Several arguments are packed into one point in the cell
 * language's order (IndexConvention), and the Jacobian is split into one block per argument.
 */
import { pushforward } from '../ad/forward.ts'
import { concrete, isValue } from '../ad/value.ts'
import type { Value } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { Tensor, basis, describeShape, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { LangError } from '../language/errors.ts'
import type { LangFunction } from '../language/values.ts'
import { describe } from '../language/values.ts'
import type { IndexConvention } from './derivativeCheckIndex.ts'
import { entryName, multiIndex } from './derivativeCheckIndex.ts'
import { short } from '../language/numbers.ts'
import type { FdColumn, PlainFn } from './finiteDifferences.ts'
import { directionalDerivative, fdJacobian } from './finiteDifferences.ts'
import type { PanelBase } from './spec.ts'
import { seededRandom, seededTensor } from './seeded.ts'
import { verdictOf } from './derivativeCheckText.ts'

export type CheckKind = 'check_gradient' | 'test_rrule' | 'test_frule'

export interface CheckOptions {
  /** Relative and absolute tolerance: an entry passes when |AD − FD| ≤ atol + rtol·max(|AD|, |FD|). */
  rtol: number
  atol: number
  /** The seed of the random cotangents or tangents. */
  seed: number
}

/** ChainRulesTestUtils' spirit: tight enough to catch a wrong rule, loose enough for FD's own error. */
export const DEFAULT_CHECK: CheckOptions = { rtol: 1e-6, atol: 1e-9, seed: 1 }

/** Random directions checked besides the basis. */
export const RANDOM_DIRECTIONS = 3

/** Sizes the check computes and the panel shows (4 evaluations of f per input for the FD side). */
export const CHECK_MAX_INPUTS = 1000
export const CHECK_MAX_OUTPUTS = 1000
export const CHECK_MAX_ENTRIES = 40_000

/** One argument's block of the Jacobian, length(y) × length(arg), row-major here. */
export interface JacobianBlock {
  arg: string
  shape: number[]
  rows: number
  cols: number
  ad: number[]
  fd: number[]
  /** |AD − FD| / (atol + rtol·max(|AD|, |FD|)): above 1 is wrong; NaN where FD could not check. */
  ratio: number[]
  /** Columns finite differences could not check, and why in words. */
  unchecked: { col: number; reason: string }[]
}

/** A random cotangent pulled back (or tangent pushed forward), AD against finite differences. */
export interface DirectionCheck {
  kind: 'cotangent' | 'tangent'
  direction: number[]
  ad: number[]
  fd: number[]
  /** The largest |AD − FD| / tolerance over its entries; NaN when FD could not check it. */
  ratio: number
}

export interface DerivativeCheckSpec extends PanelBase {
  kind: 'derivativeCheck'
  check: CheckKind
  mode: 'reverse' | 'forward'
  fn: string
  /** The shape of f(x). */
  yShape: number[]
  indexing: IndexConvention
  options: CheckOptions
  blocks: JacobianBlock[]
  directions: DirectionCheck[]
  /** The value the pass computed (a rule's y) against f(x), when they differ. */
  primal?: { ad: number[]; f: number[] }
  status: 'consistent' | 'wrong' | 'unchecked'
  /** One line in plain words, tolerances stated. */
  verdict: string
  /**
   * The largest |AD − FD| / max(1, |AD|, |FD|) over the checked entries: the absolute error for
   * entries below 1, the relative error above (exp(50x) has derivatives near 1e23).
   */
  maxError: number
  wrongCount: number
}

/** What is checked: f, its arguments (concrete), their names, and the cell's conventions. */
export interface CheckRequest {
  check: CheckKind
  f: LangFunction
  fnName: string
  args: Tensor[]
  names: string[]
  indexing: IndexConvention
  options: CheckOptions
}

/** The arguments packed into one vector in the cell's order, and back. */
function packing(args: Tensor[], c: IndexConvention) {
  const flat = (v: Value, n: number) => (c.order === 'column' ? ops.reshapeColumns(v, [n]) : ops.reshape(v, [n]))
  const shaped = (v: Value, shape: readonly number[]) =>
    c.order === 'column' ? ops.reshapeColumns(v, shape) : ops.reshape(v, shape)
  const sizes = args.map((a) => sizeOf(a.shape))
  const starts = sizes.map((_, k) => sizes.slice(0, k).reduce((s, n) => s + n, 0))
  const total = sizes.reduce((s, n) => s + n, 0)
  const point = new Float64Array(total)
  args.forEach((a, k) => point.set(concrete(flat(a, sizes[k]!)).data, starts[k]!))
  const unpack = (z: Value): Value[] =>
    args.map((a, k) => {
      if (args.length === 1) return shaped(z, a.shape)
      const idx = Array.from({ length: sizes[k]! }, (_, j) => starts[k]! + j)
      return shaped(ops.getindex(z, [idx]), a.shape)
    })
  return { point, sizes, starts, total, unpack, flat }
}

/** f at the unpacked arguments; only a number or an array can be checked. */
function outputOf(req: CheckRequest, args: Value[]): Value {
  const y = req.f.call(args)
  if (!isValue(y))
    throw new LangError(
      `${req.check}: ${req.fnName} must return a number or an array to be checked, but returned ${describe(y)}`,
    )
  return y
}

function tooBig(what: string, n: number, max: number, who: string): void {
  if (n > max)
    throw new LangError(
      `${who} checks up to ${max} ${what}, but this has ${n}: check a smaller example, or a few directions with jvp and vjp`,
      'limit',
    )
}

/** |a − b| over the tolerance at a and b: above 1 fails. Non-finite AD against finite FD fails. */
export function toleranceRatio(ad: number, fd: number, o: CheckOptions): number {
  if (!Number.isFinite(fd)) return NaN
  if (!Number.isFinite(ad)) return Infinity
  return Math.abs(ad - fd) / (o.atol + o.rtol * Math.max(Math.abs(ad), Math.abs(fd)))
}

/** Why FD could not check a column, in words. */
function reasonOf(col: FdColumn, req: CheckRequest, where: string, yShape: readonly number[]): string | undefined {
  if (col.nonFinite) {
    const { k, message } = col.nonFinite
    const at = `${where} ${k < 0 ? '−' : '+'} ${Math.abs(k) === 1 ? '' : '2'}h (h = ${col.step.toPrecision(2)})`
    const what = message === undefined ? `is not finite at ${at}` : `is not defined at ${at} (${message})`
    return `${req.fnName} ${what}, so finite differences cannot measure this derivative`
  }
  if (col.kink) {
    const { left, right, output, jump } = col.kink
    const y = yShape.length === 0 ? req.fnName : `${entryName(`${req.fnName}(…)`, yShape, output, req.indexing)}`
    // A kink that survived every cut of the step is at x itself (to within the smallest step).
    const near = `at ${where} (to within ${(2 * col.step).toPrecision(1)})`
    if (jump) return `${y} jumps ${near}: it is not continuous there, so it has no derivative to check`
    return `${y} is not differentiable ${near}: its slope is ${short(left, 4)} on the left and ${short(right, 4)} on the right, so there is no one derivative to check`
  }
  return undefined
}

/** The value a rule's pass computed, when it is not f(x) (an rrule or frule may return any y). */
function primalMismatch(value: Float64Array, y0: Float64Array, o: CheckOptions): DerivativeCheckSpec['primal'] {
  return value.every((v, i) => toleranceRatio(v, y0[i]!, o) <= 1)
    ? undefined
    : { ad: Array.from(value), f: Array.from(y0) }
}

/** Runs the check and builds the panel's data. */
export function derivativeCheck(req: CheckRequest): DerivativeCheckSpec {
  const { check, options: o, indexing: c } = req
  const p = packing(req.args, c)
  const n = p.total
  if (n === 0)
    throw new LangError(
      `${check}: ${req.names.join(', ')} ${req.names.length > 1 ? 'are' : 'is'} empty: there is no derivative to check`,
    )
  tooBig('inputs', n, CHECK_MAX_INPUTS, check)
  const y0v = outputOf(req, req.args)
  const yShape = [...y0v.shape]
  const m = sizeOf(yShape)
  tooBig('outputs', m, CHECK_MAX_OUTPUTS, check)
  tooBig('Jacobian entries', m * n, CHECK_MAX_ENTRIES, check)
  if (check === 'check_gradient' && yShape.length !== 0)
    throw new LangError(
      `check_gradient is for functions that return one number, but ${req.fnName} returns a ${describeShape(yShape)}: use test_rrule(${req.fnName}, x) to check its whole Jacobian`,
    )
  const y0 = concrete(p.flat(y0v, m)).data
  if (!y0.every(Number.isFinite))
    throw new LangError(
      `${check}: ${req.fnName} is not finite at this point (it gives ${Array.from(y0).find((v) => !Number.isFinite(v))}), so there is no derivative to check there`,
    )

  const F: Fn = (z) => p.flat(outputOf(req, p.unpack(z)), m)
  const plain: PlainFn = (z) => concrete(F(new Tensor([n], z))).data
  const point = new Tensor([n], p.point)

  // The AD Jacobian, m × n row-major, by the mode the check is about.
  const J = new Float64Array(m * n)
  const mode = check === 'test_frule' ? 'forward' : 'reverse'
  let back: ((v: Value) => Value) | undefined
  let primal: DerivativeCheckSpec['primal']
  if (check === 'check_gradient') {
    J.set(concrete(T.gradient((z) => outputOf(req, p.unpack(z)), point, check)).data)
  } else if (mode === 'reverse') {
    const pb = T.pullback(F, point)
    back = pb.back
    for (let i = 0; i < m; i++) J.set(concrete(back(basis([m], i))).data, i * n)
    primal = primalMismatch(concrete(pb.value).data, y0, o)
  } else {
    for (let j = 0; j < n; j++) {
      const { out, tangent } = pushforward(F, point, basis([n], j), check)
      const col = concrete(tangent).data
      for (let i = 0; i < m; i++) J[i * n + j] = col[i]!
      if (j === 0) primal = primalMismatch(concrete(out).data, y0, o)
    }
  }

  // Finite differences, column by column.
  const cols = fdJacobian(plain, p.point, y0)
  const fd = new Float64Array(m * n)
  cols.forEach((col, j) => col.derivative.forEach((v, i) => (fd[i * n + j] = v)))

  const blocks: JacobianBlock[] = req.args.map((a, k) => {
    const start = p.starts[k]!
    const w = p.sizes[k]!
    const take = (M: Float64Array) =>
      Array.from({ length: m * w }, (_, e) => M[Math.floor(e / w) * n + start + (e % w)]!)
    const ad = take(J)
    const fdBlock = take(fd)
    const unchecked: JacobianBlock['unchecked'] = []
    for (let j = 0; j < w; j++) {
      const where = a.shape.length === 0 ? req.names[k]! : `${req.names[k]}[${multiIndex(a.shape, j, c).join(',')}]`
      const reason = reasonOf(cols[start + j]!, req, where, yShape)
      if (reason) unchecked.push({ col: j, reason })
    }
    const skip = new Set(unchecked.map((u) => u.col))
    const ratio = ad.map((v, e) => (skip.has(e % w) ? NaN : toleranceRatio(v, fdBlock[e]!, o)))
    return { arg: req.names[k]!, shape: [...a.shape], rows: m, cols: w, ad, fd: fdBlock, ratio, unchecked }
  })

  const directions = randomDirections(check, { F, plain, point, back, m, n, y0, J: fd, cols, o })
  const verdict = verdictOf({ ...req, yShape, blocks, directions, primal })
  return {
    kind: 'derivativeCheck',
    title: `${check}(${req.fnName}, ${req.names.join(', ')})`,
    summary: verdict.summary,
    check,
    mode,
    fn: req.fnName,
    yShape,
    indexing: c,
    options: o,
    blocks,
    directions,
    ...(primal ? { primal } : {}),
    status: verdict.status,
    verdict: verdict.text,
    maxError: verdict.maxError,
    wrongCount: verdict.wrongCount,
  }
}

interface DirectionContext {
  F: Fn
  plain: PlainFn
  point: Tensor
  back: ((v: Value) => Value) | undefined
  m: number
  n: number
  y0: Float64Array
  /** The FD Jacobian, m × n row-major. */
  J: Float64Array
  cols: FdColumn[]
  o: CheckOptions
}

/**
 * Random cotangents pulled back (reverse mode) against ȳᵀ·J_FD, or random tangents pushed forward
 * (forward mode) against the directional finite difference: a rule can be right on every basis
 * vector and wrong elsewhere (ȳ.^2 agrees with ȳ on each eᵢ).
 */
function randomDirections(check: CheckKind, d: DirectionContext): DirectionCheck[] {
  if (check === 'check_gradient') return []
  const rand = seededRandom(d.o.seed)
  const out: DirectionCheck[] = []
  for (let r = 0; r < RANDOM_DIRECTIONS; r++) {
    if (check === 'test_rrule' && d.back) {
      const v = seededTensor([d.m], rand).data
      const ad = concrete(d.back(new Tensor([d.m], v))).data
      const fd = Array.from({ length: d.n }, (_, j) => {
        let s = 0
        for (let i = 0; i < d.m; i++) s += v[i]! * d.J[i * d.n + j]!
        return d.cols[j]!.kink ? NaN : s
      })
      out.push(direction('cotangent', v, ad, fd, d.o))
    } else {
      const v = seededTensor([d.n], rand).data
      const ad = concrete(T.jvp(d.F, d.point, new Tensor([d.n], v))).data
      const col = directionalDerivative(d.plain, d.point.data, v, d.y0)
      const fd = Array.from(col.derivative, (x) => (col.kink ? NaN : x))
      out.push(direction('tangent', v, ad, fd, d.o))
    }
  }
  return out
}

function direction(
  kind: DirectionCheck['kind'],
  v: Float64Array,
  ad: Float64Array,
  fd: number[],
  o: CheckOptions,
): DirectionCheck {
  const ratios = fd.map((x, i) => toleranceRatio(ad[i]!, x, o))
  const ratio = ratios.some(Number.isNaN) ? NaN : Math.max(0, ...ratios)
  return { kind, direction: Array.from(v), ad: Array.from(ad), fd, ratio }
}
