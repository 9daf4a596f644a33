/**
 * Comparisons and the piecewise choice ifelse. Comparisons give 0/1 tensors and have zero
 * derivative; ifelse(c, a, b) routes each element's derivative to the branch that was taken,
 * which is how derivatives of piecewise functions (max, relu, clamp) come out right away from
 * the switch point. At the switch point itself (a comparison that ties on a value being
 * differentiated) the comparison raises a note, since only the branch taken was differentiated.
 */
import { bind } from '../ad/bind.ts'
import { nonFinitePolicy } from '../ad/domain.ts'
import { collectingNotes, note } from '../ad/notes.ts'
import type { Primitive } from '../ad/primitive.ts'
import { markBranchCotangent } from '../ad/untaken.ts'
import type { Value } from '../ad/value.ts'
import { Box, concrete } from '../ad/value.ts'
import { ShapeError } from '../errors.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc, describeShape, sameShape, scalar, sizeOf, zeros } from '../tensor/tensor.ts'
import { broadcastShape } from './elementwise.ts'
import { broadcastTo, sum } from './structure.ts'

type Num = Value | number
const lift = (x: Num): Value => (typeof x === 'number' ? scalar(x) : x)

function comparison(name: string, symbol: string, f: (x: number, y: number) => boolean) {
  const prim: Primitive<Shape> = {
    name,
    impl: ([a, b], shape) => {
      const out = alloc(sizeOf(shape))
      const x = a!.data
      const y = b!.data
      for (let i = 0; i < out.length; i++)
        out[i] = f(x.length === 1 ? x[0]! : x[i]!, y.length === 1 ? y[0]! : y[i]!) ? 1 : 0
      return new Tensor(shape, out)
    },
  }
  const quiet = (a: Num, b: Num): Value => {
    const x = lift(a)
    const y = lift(b)
    return bind(prim, [x, y], broadcastShape(symbol, x.shape, y.shape))
  }
  const noted = (a: Num, b: Num): Value => {
    const out = quiet(a, b)
    noteTie(symbol, lift(a), lift(b))
    return out
  }
  return { noted, quiet }
}

/**
 * A comparison between equal values, one of them being differentiated, is where a branch chosen
 * by it switches: ifelse(x == 0, 0, x) at 0, x > 0 ? x : -x at 0. Differentiation follows the
 * branch taken only, so the learner is told the true derivative may differ there.
 */
function noteTie(symbol: string, a: Value, b: Value): void {
  const v = tiedValue(a, b)
  if (v === undefined) return
  note(
    `the comparison ${symbol} met two equal values (${v}) where a derivative is being taken: a branch chosen by it switches here, and only the branch taken was differentiated, so the true derivative may be one-sided, undefined or different from the one shown`,
  )
}

/**
 * The first value at which a and b are equal, when notes are being collected and one of them is
 * being differentiated (a box); undefined otherwise. Scalars broadcast.
 */
export function tiedValue(a: Value, b: Value): number | undefined {
  if (!collectingNotes() || !(a instanceof Box || b instanceof Box)) return undefined
  const x = concrete(a).data
  const y = concrete(b).data
  const n = Math.max(x.length, y.length)
  // Modulo: under vmap one side may be a stack of examples and the other one example.
  for (let i = 0; i < n; i++) {
    const v = x[i % x.length]!
    if (v === y[i % y.length]) return v
  }
  return undefined
}

export const lt = comparison('lt', '<', (x, y) => x < y).noted
export const le = comparison('le', '<=', (x, y) => x <= y).noted
const greater = comparison('gt', '>', (x, y) => x > y)
export const gt = greater.noted
export const ge = comparison('ge', '>=', (x, y) => x >= y).noted
export const eq = comparison('eq', '==', (x, y) => x === y).noted
export const ne = comparison('ne', '!=', (x, y) => x !== y).noted
/** a > b without the tie note, for operations that explain their own kink (max and min). */
export const gtQuietly = greater.quiet

const ifelseP: Primitive<Shape> = {
  name: 'ifelse',
  impl: ([c, a, b], shape) => {
    const out = alloc(sizeOf(shape))
    const at = (t: Tensor, i: number) => (t.data.length === 1 && shape.length > 0 ? t.data[0]! : t.data[i]!)
    // A NaN condition is neither true nor false: the result is NaN there, not the first branch.
    for (let i = 0; i < out.length; i++) {
      const ci = at(c!, i)
      out[i] = ci !== 0 ? (ci === ci ? at(a!, i) : NaN) : at(b!, i)
    }
    return new Tensor(shape, out)
  },
  jvp: ([c], [, ta, tb], _out, shape) => {
    if (ta === null && tb === null) return null
    if (collectingNotes()) noteDiscarded(c!, ta, tb)
    return ifelse(c!, ta ?? zeros(shape), tb ?? zeros(shape))
  },
  vjp: [
    (_g, [c]) => zeros(c!.shape),
    // Each branch gets 0 where the other was chosen; marked, so that a NaN this 0 makes with an
    // infinite slope in the branch not taken (0·∞) can be named in a note (ad/untaken.ts).
    (g, [c, a], _out, shape) => markBranchCotangent(fit(ifelse(c!, g, zeros(shape)), a!.shape), 'first'),
    (g, [c, , b], _out, shape) => markBranchCotangent(fit(ifelse(c!, zeros(shape), g), b!.shape), 'second'),
  ],
}

/**
 * Forward mode through ifelse keeps the tangent of the branch taken and drops the other, as
 * ForwardDiff's and jax.jvp's select do: an infinite or NaN derivative in the branch not taken
 * (sqrt at 0) vanishes here, where reverse mode would give NaN (0 × ∞, ad/untaken.ts). Noted,
 * since the two modes then disagree.
 */
function noteDiscarded(c: Value, ta: Value | null, tb: Value | null): void {
  const cond = concrete(c).data
  const at = (d: Float64Array, i: number) => (d.length === 1 ? d[0]! : d[i]!)
  for (const [t, branch, taken] of [
    [ta, 'first', true],
    [tb, 'second', false],
  ] as const) {
    if (t === null) continue
    const d = concrete(t).data
    for (let i = 0; i < d.length; i++) {
      if (Number.isFinite(d[i]!) || (at(cond, i) !== 0) === taken) continue
      const python = nonFinitePolicy() === 'ieee'
      const select = python ? 'where' : 'ifelse'
      const peers = python ? 'jax.jvp and torch.func.jvp' : 'ForwardDiff'
      const reverse = python ? 'jax.grad and torch.autograd' : 'Zygote'
      note(
        `forward mode: the ${branch} branch of ${select}, not taken here, has a derivative that is ${Number.isNaN(d[i]!) ? 'NaN' : 'infinite'} at this point, and ${select} discarded it, keeping the taken branch's, as ${peers} ${python ? 'do' : 'does'}: forward mode takes no NaN from it. Reverse mode (${reverse}) gives NaN here instead (its 0 cotangent times that derivative). Making the untaken branch's input safe (the "double where") makes both modes agree`,
      )
      return
    }
  }
}

/** A cotangent summed back to a scalar branch, or left as it is. */
function fit(g: Value, shape: Shape): Value {
  return shape.length === 0 && g.shape.length !== 0 ? sum(g) : g
}

/** Elementwise: where c is nonzero take a, where it is 0 take b, where it is NaN give NaN. Scalars broadcast. */
export function ifelse(c: Num, a: Num, b: Num): Value {
  const cc = lift(c)
  const x = lift(a)
  const y = lift(b)
  const shape = broadcastShape('ifelse', broadcastShape('ifelse', cc.shape, x.shape), y.shape)
  if (!sameShape(cc.shape, shape) && cc.shape.length !== 0) {
    throw new ShapeError(
      `ifelse: the condition is a ${describeShape(cc.shape)} but the branches give a ${describeShape(shape)}`,
    )
  }
  // Broadcast scalar branches up front so the rules see matching shapes.
  const full = (v: Value) => (v.shape.length === 0 && shape.length !== 0 ? broadcastTo(v, shape) : v)
  return bind(ifelseP, [cc, full(x), full(y)], shape)
}
