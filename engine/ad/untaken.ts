/**
 * The untaken-branch trap, kept faithful but never silent. ifelse(c, a, b) evaluates both
 * branches, and its pullback sends each branch a cotangent of 0 where the other one was chosen.
 * If the branch not taken has an infinite slope there (sqrt at 0, x.^0.5 at 0), the chain
 * rule multiplies that 0 by ∞, and 0·∞ = NaN reaches the gradient: ifelse(v > 0, sqrt(v), 0.0)
 * at v = 0 has gradient NaN, as with JAX's jnp.where and PyTorch's torch.where (and Zygote).
 *
 * The engine stops at a fresh infinity (bind.ts's domain check), so a pullback that meets one
 * while its cotangent is 0 is run again here with plain IEEE arithmetic; the result is kept only
 * if every NaN or infinity in it sits where the cotangent is 0. A nonzero cotangent times ∞ is
 * the genuine error ("sqrt is not differentiable at 0") and is raised as before. A note names
 * the branch not taken and the fix: make that branch's input safe too (the "double where").
 */
import { DomainError } from '../errors.ts'
import type { Tensor } from '../tensor/tensor.ts'
import { collectingNotes, note } from './notes.ts'
import type { Primitive } from './primitive.ts'
import { pullbackRule } from './primitive.ts'
import type { TapeNode, Value } from './value.ts'
import { Box, concrete } from './value.ts'

let ieee = 0

/** True while a rule is being re-run with IEEE arithmetic: bind's domain check stands aside. */
export function domainChecksOff(): boolean {
  return ieee > 0
}

/** Cotangents ifelse's pullback made, and which branch each went to (for the note's words). */
const branchCotangents = new WeakMap<object, 'first' | 'second'>()

/**
 * Called by ifelse's pullback: this cotangent goes to its first or second branch. The values
 * under its boxes are marked too: a nested transform's rule sees only those.
 */
export function markBranchCotangent(g: Value, branch: 'first' | 'second'): Value {
  for (let v: Value = g; ; v = v.primal) {
    branchCotangents.set(v, branch)
    if (!(v instanceof Box)) return g
  }
}

/**
 * Under a language that keeps IEEE's NaN (Julia, Python: domain.ts), nothing fails at 0·∞, so
 * the trap is seen where it happens: a product whose factor is a cotangent ifelse sent to a
 * branch it did not take, 0 there, times that branch's infinite or NaN slope. Notes it.
 */
export function untakenProduct(name: string, args: readonly Tensor[], out: Tensor, language: 'julia' | 'ieee'): void {
  if ((name !== 'mul' && name !== 'scaled-mul') || args.length !== 2 || !collectingNotes()) return
  const o = out.data
  for (let i = 0; i < 2; i++) {
    const branch = branchCotangents.get(args[i]!)
    if (branch === undefined) continue
    const g = args[i]!.data
    const s = args[1 - i]!.data
    for (let k = 0; k < o.length; k++) {
      const gk = g.length === 1 ? g[0]! : g[k]!
      const sk = s.length === 1 ? s[0]! : s[k]!
      if (Number.isNaN(o[k]!) && gk === 0 && !Number.isFinite(sk)) {
        const slope = Number.isNaN(sk) ? 'NaN (its input is outside its domain there)' : 'infinite'
        const where = `the derivative of the branch not taken is ${slope} at this point`
        note(untakenNote(where, branch, language, Number.isNaN(sk) ? '0 × NaN' : '0 × ∞'))
        return
      }
    }
  }
}

/**
 * The pullback of node's argument j failed with err while its cotangent g has zeros. Returns the
 * contribution computed with IEEE arithmetic when its non-finite entries all come from 0·∞ (and
 * notes it), or undefined when the failure is the rule's own (the caller rethrows err).
 */
export function zeroTimesInfinity(err: unknown, node: TapeNode, j: number, g: Value): Value | undefined {
  if (!(err instanceof DomainError)) return undefined
  const prim = node.prim!
  const ct = concrete(g).data
  if (!ct.includes(0)) return undefined
  let out: Value
  ieee++
  try {
    out = pullbackRule(prim, j)(g, node.args, node.primal, node.params)
  } catch {
    return undefined
  } finally {
    ieee--
  }
  const o = concrete(out).data
  // Elementwise rules place entry k of the contribution at entry k of the cotangent; for any
  // other rule only a cotangent of 0 everywhere makes every non-finite entry a 0·∞.
  const aligned = o.length === ct.length
  for (let k = 0; k < o.length; k++) {
    if (Number.isFinite(o[k]!)) continue
    if (aligned ? ct[k] !== 0 : ct.some((c) => c !== 0)) return undefined
  }
  if (o.every(Number.isFinite)) return out
  note(untakenNote(slopeAt(prim, node.args), branchCotangents.get(g)))
  return out
}

function slopeAt(prim: Primitive<never> | Primitive, args: readonly Value[]): string {
  const point = args.map(concrete)
  const at = point.every((t) => t.shape.length === 0) ? ` at ${point.map((t) => String(t.data[0])).join(' and ')}` : ''
  return `the derivative of ${prim.name}${at} is infinite or undefined`
}

function untakenNote(
  where: string,
  branch?: 'first' | 'second',
  language: 'julia' | 'ieee' = 'julia',
  product = '0 × ∞',
): string {
  const example =
    language === 'julia'
      ? 'ifelse(c, sqrt(ifelse(c, x, 1.0)), 0.0) instead of ifelse(c, sqrt(x), 0.0)'
      : 'jnp.where(c, jnp.sqrt(jnp.where(c, x, 1.0)), 0.0) instead of jnp.where(c, jnp.sqrt(x), 0.0)'
  const select = language === 'julia' ? 'ifelse' : 'where'
  const same =
    language === 'julia' ? "JAX's jnp.where and PyTorch's torch.where" : 'jnp.where, torch.where and tf.where all'
  const fix = `the "double where": make the untaken branch's input safe as well, so that it is evaluated where its derivative is finite, e.g. ${example}.`
  const cause =
    branch === undefined
      ? `the gradient has NaN where a cotangent of 0 met a slope that is not finite: ${where}, and 0 × ∞ = NaN (JAX and PyTorch give the same NaN). If that 0 comes from a branch ifelse did not take, the fix is `
      : `the gradient has NaN from the ${branch} branch of ${select}, not taken here (its condition was ${branch === 'first' ? 'false' : 'true'}): ${where}, and ${select}'s pullback sends the branch not taken a cotangent of 0, so the chain rule computes ${product} = NaN (${same} give the same NaN). The fix is `
  return cause + fix
}
