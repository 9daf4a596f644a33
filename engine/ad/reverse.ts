/**
 * Reverse mode: a primal sweep records a tape of the operations at a fresh level; each call of
 * back(ct) then walks the tape backwards once, pulling the output cotangent back to the input
 * (a vector-Jacobian product ctᵀJ). The tape is kept, so back can be called once per basis
 * vector to assemble a Jacobian row by row.
 *
 * The backward sweep is made of ordinary engine operations, so an enclosing transformation
 * (forward-over-reverse, reverse-over-reverse) differentiates through it.
 */
import { ShapeError, withContext } from '../errors.ts'
import { recordingTape } from '../limits.ts'
import { describeShape, sameShape, zeros } from '../tensor/tensor.ts'
import { derivativeContext } from './bind.ts'
import { pullbackRule } from './primitive.ts'
import type { TraceStep } from './trace.ts'
import { notePass, recorder } from './trace.ts'
import type { Tape, Value } from './value.ts'
import { Dual, TapeNode, concrete, newLevel, runningAt } from './value.ts'

/**
 * Sums two cotangents reaching one node. It must be the traced add primitive, so that an
 * enclosing transformation differentiates the sum too; ops/elementwise.ts installs it, since
 * ad sits below ops and cannot import it.
 */
let sumCotangents: ((a: Value, b: Value) => Value) | undefined

export function setCotangentSum(add: (a: Value, b: Value) => Value): void {
  sumCotangents = add
}

export interface Pullback {
  /** f(x) */
  value: Value
  /** ct -> ctᵀJ: the cotangent of the input given a cotangent of the output (same shape as f(x)). */
  back: (ct: Value) => Value
}

export function pullback(f: (x: Value) => Value, x: Value, who = 'pullback'): Pullback {
  const level = newLevel()
  const tape: Tape = []
  notePass('primal', level)
  const input = new TapeNode(x, level, tape, 0, null, [], [], undefined)
  tape.push(input)
  const y = recordingTape(() => runningAt(level, () => f(input)))
  const ours = y instanceof TapeNode && y.level === level
  const value = ours ? y.primal : y
  const back = (ct: Value): Value => {
    if (!sameShape(ct.shape, value.shape)) {
      throw new ShapeError(
        `${who}: the cotangent must have the output's shape: the output is a ${describeShape(value.shape)}, the cotangent a ${describeShape(ct.shape)}`,
      )
    }
    notePass('reverse', level, ct)
    return ours ? backward(y, ct, x) : zeros(x.shape)
  }
  return { value, back }
}

function backward(out: TapeNode, ct: Value, x: Value): Value {
  const tape = out.tape
  const cts: (Value | undefined)[] = new Array(out.index + 1)
  cts[out.index] = ct
  const rec = recorder()
  for (let i = out.index; i >= 1; i--) {
    const g = cts[i]
    if (g === undefined) continue
    const node = tape[i]!
    if (rec !== null) rec.push(cotangentStep(rec.id(node, node.level), node.level, g))
    const prim = node.prim!
    node.parents.forEach((p, j) => {
      if (p === null) return
      let contribution: Value
      try {
        contribution = pullbackRule(prim, j)(g, node.args, node.primal, node.params)
      } catch (err) {
        throw withContext(err, derivativeContext(prim, node.args))
      }
      const prev = cts[p.index]
      cts[p.index] = prev === undefined ? contribution : sumCotangents!(prev, contribution)
    })
  }
  const gx = cts[0] ?? zeros(x.shape)
  if (rec !== null) rec.push(cotangentStep(rec.id(tape[0]!, out.level), out.level, gx))
  return gx
}

/** A cotangent for the trace; a dual cotangent (forward-over-reverse) keeps its ε-part. */
function cotangentStep(node: number, level: number, g: Value): TraceStep {
  const tangent = g instanceof Dual ? { tangent: concrete(g.tangent) } : {}
  return { kind: 'cotangent', step: 0, node, level, cotangent: concrete(g), ...tangent }
}
