/**
 * The everyday builtins (issue 12, point 6): means, traces and diagonals, norms, reductions,
 * softmax and friends, array builders, and I. Each checks its arguments and says what was wrong, then
 * calls the engine's operation of the same meaning (engine/ops/reductions.ts, arrays.ts,
 * derived.ts), so every one of them can be differentiated, to any order.
 */
import type { Value } from '../ad/value.ts'
import { isValue } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { describeShape } from '../tensor/tensor.ts'
import { builtin } from './args.ts'
import { count, dimension, number, shapeArgs, t } from './builtinArgs.ts'
import { LangError } from './errors.ts'
import { I } from './julia/uniformScaling.ts'
import type { LangFunction, LangValue } from './values.ts'
import { isTuple, tuple } from './values.ts'

const table: LangFunction[] = []
const add = (f: LangFunction) => table.push(f)

/** A builtin of one tensor argument. */
const unary = (name: string, f: (x: Value) => Value, elementwise = false) =>
  add(builtin(name, ['x'], ([x]) => f(t(x, name)), elementwise ? { elementwise: true } : {}))

add(
  builtin(
    'mean',
    // One parameter, so that gradient(mean, x) takes it as a function of one argument.
    ['x'],
    ([a, d]) => {
      const x = t(a, 'mean')
      return d === undefined ? ops.mean(x) : ops.mean(x, dimension(d, x, 'mean'))
    },
    { forms: { counts: [1, 2], usage: 'a tensor x and optionally a dimension, as in mean(x) or mean(A, 1)' } },
  ),
)
unary('tr', ops.trace)
unary('diag', ops.diag)
unary('diagm', ops.diagm)
unary('logdet', ops.logdet)
// Julia's logabsdet: (log|det(A)|, sign of det(A)), for a determinant of either sign.
add(
  builtin('logabsdet', ['A'], ([a]) => {
    const { value, sign } = ops.logabsdet(t(a, 'logabsdet'))
    return tuple([value, sign])
  }),
)
// Julia's vec is column-major (the columns one after another); the engine stores rows, so vec
// flattens the transpose. It is not reshape(A, [m*n]), which reads the rows.
unary('vec', ops.vec)
// Of a tuple, its first or last item, as in Julia: first(Zygote.gradient(f, x)) is the gradient.
const end = (name: string, f: (x: Value) => Value, pick: (n: number) => number) =>
  add(builtin(name, ['x'], ([x]) => (isTuple(x) && x.items.length > 0 ? x.items[pick(x.items.length)] : f(t(x, name)))))
end('first', ops.first, () => 0)
end('last', ops.last, (n) => n - 1)
unary('maximum', (x) => ops.maximum(x))
unary('minimum', (x) => ops.minimum(x))
unary('cumsum', ops.cumsum)
unary('softmax', ops.softmax)
unary('logsumexp', ops.logsumexp)
for (const name of ['sigmoid', 'σ']) unary(name, ops.sigmoid, true)
unary('relu', ops.relu, true)
unary('log1p', ops.log1p, true)
// The other elementary functions (engine/ops/elementary.ts), by the names Julia and mathjs share.
for (const [name, f] of [
  ['asin', ops.asin],
  ['acos', ops.acos],
  ['sinh', ops.sinh],
  ['cosh', ops.cosh],
  ['asinh', ops.asinh],
  ['acosh', ops.acosh],
  ['atanh', ops.atanh],
  ['cbrt', ops.cbrt],
  ['log2', ops.log2],
  ['log10', ops.log10],
  ['exp2', ops.exp2],
  ['exp10', ops.exp10],
  ['sinpi', ops.sinpi],
  ['cospi', ops.cospi],
  ['sec', (x: Value) => ops.div(1, ops.cos(x))],
  ['csc', (x: Value) => ops.div(1, ops.sin(x))],
  ['cot', (x: Value) => ops.div(1, ops.tan(x))],
  ['deg2rad', (x: Value) => ops.mul(Math.PI / 180, x)],
  ['rad2deg', (x: Value) => ops.mul(180 / Math.PI, x)],
] as const)
  unary(name, f, true)
// The rest of DiffRules.jl's Base list, as compositions (their derivatives follow by the chain
// rule and agree with DiffRules' closed forms away from the poles): reciprocal hyperbolic functions,
// inverse reciprocal functions, and the trigonometric functions in degrees (sind(x) = sinpi(x/180),
// so sind(180) is exactly 0, as Julia's).
const recip = (f: (x: Value) => Value) => (x: Value) => ops.div(1, f(x))
const ofRecip = (f: (x: Value) => Value) => (x: Value) => f(ops.div(1, x))
const degrees = (f: (x: Value) => Value) => (x: Value) => ops.mul(180 / Math.PI, f(x))
const sind = (x: Value) => ops.sinpi(ops.div(x, 180))
const cosd = (x: Value) => ops.cospi(ops.div(x, 180))
const tand = (x: Value) => ops.div(sind(x), cosd(x))
for (const [name, f] of [
  ['sech', recip(ops.cosh)],
  ['csch', recip(ops.sinh)],
  ['coth', recip(ops.tanh)],
  ['asec', ofRecip(ops.acos)],
  ['acsc', ofRecip(ops.asin)],
  ['acot', ofRecip(ops.atan)],
  ['asech', ofRecip(ops.acosh)],
  ['acsch', ofRecip(ops.asinh)],
  ['acoth', ofRecip(ops.atanh)],
  ['sind', sind],
  ['cosd', cosd],
  ['tand', tand],
  ['secd', recip(cosd)],
  ['cscd', recip(sind)],
  ['cotd', (x: Value) => ops.div(cosd(x), sind(x))],
  ['asind', degrees(ops.asin)],
  ['acosd', degrees(ops.acos)],
  ['atand', degrees(ops.atan)],
  ['asecd', degrees(ofRecip(ops.acos))],
  ['acscd', degrees(ofRecip(ops.asin))],
  ['acotd', degrees(ofRecip(ops.atan))],
  ['mod2pi', (x: Value) => ops.mod(x, 2 * Math.PI)],
  ['sinc', sinc],
] as const)
  unary(name, f, true)
/**
 * sinc(x) = sin(πx)/(πx), 1 at 0. Near 0 it is its Taylor series Σ (-1)ᵏ(πx)²ᵏ/(2k+1)! (nine
 * terms: exact to rounding for |x| < 0.1), so every derivative at 0 is right (sinc''(0) = -π²/3;
 * a select between 1 and the quotient would give 0), and the quotient's input is kept away from 0
 * (the double where), so its NaN never reaches a derivative.
 */
function sinc(x: Value): Value {
  const near = ops.lt(ops.abs(x), 0.1)
  const u = ops.abs2(ops.mul(Math.PI, x))
  let series: Value = ops.div(1, SINC_FACTORIALS[8]!)
  for (let k = 7; k >= 0; k--) series = ops.add((-1) ** k / SINC_FACTORIALS[k]!, ops.mul(u, series))
  const safe = ops.ifelse(near, 1, x)
  return ops.ifelse(near, series, ops.div(ops.sinpi(safe), ops.mul(Math.PI, safe)))
}
/** (2k+1)! for k = 0..8. */
const SINC_FACTORIALS = Array.from({ length: 9 }, (_, k) => {
  let f = 1
  for (let i = 2; i <= 2 * k + 1; i++) f *= i
  return f
})

// atan(x), or atan(y, x): the angle of the point (x, y), as Julia writes it (atan2 in mathjs).
add(
  builtin(
    'atan',
    ['y', 'x'],
    ([y, x]) => (x === undefined ? ops.atan(t(y, 'atan')) : ops.atan2(t(y, 'atan'), t(x, 'atan'))),
    {
      arity: [1, 2],
      elementwise: true,
    },
  ),
)
add(builtin('atan2', ['y', 'x'], ([y, x]) => ops.atan2(t(y, 'atan2'), t(x, 'atan2')), { elementwise: true }))
unary('expm1', ops.expm1, true)
add(builtin('kron', ['A', 'B'], ([a, b]) => ops.kron(t(a, 'kron'), t(b, 'kron'))))
add(
  builtin(
    'fill',
    ['v', 'dims', '...'],
    ([v, ...dims]) => {
      const x = t(v, 'fill')
      if (x.shape.length !== 0)
        throw new LangError(`fill: the value to fill with must be a number, but got a ${describeShape(x.shape)}`)
      return ops.fill(x, shapeArgs(dims, 'fill'))
    },
    { arity: [2, Infinity] },
  ),
)

/** Every argument as a tensor, for the joins. */
const tensors = (args: LangValue[], who: string): Value[] => args.map((a) => t(a, who))

add(builtin('hcat', ['a', '...'], (args) => ops.hcat(tensors(args, 'hcat')), { arity: [1, Infinity] }))
add(builtin('vcat', ['a', '...'], (args) => ops.vcat(tensors(args, 'vcat')), { arity: [1, Infinity] }))
// Julia writes cat(A, B; dims = d); the notebook has no keyword arguments, so d comes last.
add(
  builtin(
    'cat',
    ['a', '...', 'dims'],
    (args) => {
      const last = args[args.length - 1]
      if (!isValue(last) || last.shape.length !== 0)
        throw new LangError('cat needs the dimension to join along as its last argument, as in cat(A, B, 1)')
      const dim = count(last, 'cat', 'the dimension (the last argument)')
      if (dim < 1) throw new LangError('cat: the dimension (the last argument) must be 1 or more, not 0')
      return ops.cat(tensors(args.slice(0, -1), 'cat'), dim)
    },
    { arity: [2, Infinity] },
  ),
)
// randn(seed, n) or randn(seed, m, n): seeded, so a notebook shows the same numbers on every run.
add(
  builtin(
    'randn',
    ['seed', 'dims', '...'],
    ([s, ...dims]) => {
      const seed = number(s!, 'randn', 'the seed (the first argument)')
      if (!Number.isInteger(seed))
        throw new LangError(`randn: the seed (the first argument) must be a whole number, such as 42, not ${seed}`)
      return ops.randn(seed, shapeArgs(dims, 'randn'))
    },
    { arity: [2, Infinity] },
  ),
)

// LinearAlgebra's I: the identity of whatever square matrix it meets (A + I, A - 2*I, I(3)).
add(I)

/** In the order BUILTIN_NAMES lists them (app/components/notebookLanguage.ts). */
export const EVERYDAY: readonly LangFunction[] = table.map((f) => ({ ...f, shadowable: true }))
