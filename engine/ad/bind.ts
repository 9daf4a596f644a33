/**
 * bind: the one place a primitive is applied. It finds the innermost transformation among the
 * arguments (the box with the highest level) and lets that level handle the operation:
 *  - no boxes: evaluate concretely, and report non-finite results from finite inputs;
 *  - a Dual on top: evaluate on the primals, then push the tangents forward (jvp rule);
 *  - a TapeNode on top: evaluate on the primals and append a node to that level's tape;
 *  - a Batched box on top: apply the primitive to the whole batch by its batch rule.
 * Evaluating "on the primals" calls bind again, so outer levels see the operation next.
 */
import { withContext } from '../errors.ts'
import { ELEMENT_COST, OP_COST, chargeTape, chargeWork } from '../limits.ts'
import type { Tensor } from '../tensor/tensor.ts'
import { zeros } from '../tensor/tensor.ts'
import { deferTangent } from './forward.ts'
import type { Primitive } from './primitive.ts'
import { Batched, batchApply } from './batching.ts'
import { checkResult } from './domain.ts'
import { recorder } from './trace.ts'
import type { Value } from './value.ts'
import { Box, Dual, TapeNode, concrete } from './value.ts'

export function bind<P>(prim: Primitive<P>, args: readonly Value[], params: P): Value {
  let top: Box | null = null
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a instanceof Box && (top === null || a.level > top.level)) top = a
  }
  if (top === null) return evaluate(prim, args as readonly Tensor[], params)
  if (top instanceof Batched) return batchApply(prim, args, params, top.level)
  return top instanceof Dual ? pushforward(prim, args, params, top.level) : tape(prim, args, params, top as TapeNode)
}

function evaluate<P>(prim: Primitive<P>, args: readonly Tensor[], params: P): Tensor {
  const out = prim.impl(args, params)
  chargeWork(out.data.length * ELEMENT_COST + OP_COST, prim.name)
  if (prim.keepsFinite !== true) checkResult(prim, args, params, out)
  const rec = recorder()
  if (rec !== null) {
    rec.countPrimitive(prim.name, args, params, out)
    const inputs = args.map((a) => rec.id(a))
    rec.push({
      kind: 'op',
      step: 0,
      node: rec.name(out),
      prim: prim.name,
      inputs,
      level: 0,
      mode: 'primal',
      primal: out,
    })
  }
  return out
}

/** Set by tape() for the one bind it makes: a dual result's tangent may wait until it is read. */
let deferNext = false

function pushforward<P>(prim: Primitive<P>, args: readonly Value[], params: P, level: number): Value {
  const deferred = deferNext
  deferNext = false
  const n = args.length
  const primals: Value[] = new Array(n)
  const tangents: (Value | null)[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const a = args[i]!
    const ours = a instanceof Dual && a.level === level
    primals[i] = ours ? a.primal : a
    tangents[i] = ours && !deferred ? a.tangent : null
  }
  const out = bind(prim, primals, params)
  if (!prim.jvp) return out
  if (deferred) {
    const jvp = prim.jvp
    const inputs = args.filter((a): a is Dual => a instanceof Dual && a.level === level)
    const tangent = () => {
      const ts = args.map((a) => (a instanceof Dual && a.level === level ? a.tangent : null))
      try {
        return jvp(primals, ts, out, params) ?? zeros(out.shape)
      } catch (err) {
        throw withContext(err, derivativeContext(prim, primals))
      }
    }
    return new Dual(out, deferTangent(inputs, tangent), level)
  }
  let tangent: Value | null
  try {
    tangent = prim.jvp(primals, tangents, out, params)
  } catch (err) {
    throw withContext(err, derivativeContext(prim, primals))
  }
  if (tangent === null) return out
  const dual = new Dual(out, tangent, level)
  const rec = recorder()
  if (rec !== null) {
    const inputs = args.map((a) => rec.id(a, level))
    rec.push({
      kind: 'op',
      step: 0,
      node: rec.name(dual),
      prim: prim.name,
      inputs,
      level,
      mode: 'forward',
      primal: concrete(out),
      tangent: concrete(tangent),
    })
  }
  return dual
}

function tape<P>(prim: Primitive<P>, args: readonly Value[], params: P, top: TapeNode): Value {
  const level = top.level
  const n = args.length
  const primals: Value[] = new Array(n)
  const parents: (TapeNode | null)[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const a = args[i]!
    const ours = a instanceof TapeNode && a.level === level
    primals[i] = ours ? a.primal : a
    parents[i] = ours ? a : null
  }
  // A tape node's value may be a dual number (forward-over-reverse): its tangent is computed when
  // first read, so a tangent the reverse sweep never reads is never computed (not while a
  // recorder is on, so that traces keep their order).
  deferNext = recorder() === null
  const out = bind(prim, primals, params)
  deferNext = false
  if (!prim.vjp) return out
  const t = top.tape
  const node = new TapeNode(out, level, t, t.length, prim as Primitive, primals, parents, params)
  t.push(node)
  chargeTape(concrete(out).data.length * 8, prim.name) // bytes (length: byteLength is a slower getter)
  const rec = recorder()
  if (rec !== null) {
    const inputs = args.map((a) => rec.id(a, level))
    rec.push({
      kind: 'op',
      step: 0,
      node: rec.name(node),
      prim: prim.name,
      inputs,
      level,
      mode: 'reverse',
      primal: concrete(out),
      // Under forward-over-reverse the tape's values are dual numbers: keep their ε-parts too.
      ...(out instanceof Dual ? { tangent: concrete(out.tangent) } : {}),
    })
  }
  return node
}

/**
 * "while differentiating log at 1e-320": the primitive, the point when its arguments are numbers
 * (a message about an overflow then names the input the learner gave), and why the rule fails
 * there when the primitive knows.
 */
export function derivativeContext(prim: Primitive<never> | Primitive, args: readonly Value[]): string {
  const point = args.map(concrete)
  const at = point.every((t) => t.shape.length === 0) ? ` at ${point.map((t) => String(t.data[0])).join(' and ')}` : ''
  const why = typeof prim.singular === 'function' ? prim.singular(point) : prim.singular
  return `while differentiating ${prim.name}${at}${why ? `: ${why}` : ''}`
}
