/**
 * LinearAlgebra's `I`, the identity of whatever size it meets: `A + I`, `A - 2I`, `A + λ*I`,
 * `I*x`, and `I(n)` for the n×n matrix. A scaling λ·I is a function value (so that `I(3)` is a
 * call) that carries λ; the Julia operators ask this file first whenever an operand is one.
 * λ is an engine value, so `A + λ*I` is differentiable in A and in λ.
 */
import type { Value } from '../../ad/value.ts'
import { concrete } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { describeShape, identity, scalar } from '../../tensor/tensor.ts'
import { count } from '../builtinArgs.ts'
import { LangError } from '../errors.ts'
import { formatNumber } from '../numbers.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, tensorOperand } from '../values.ts'

export interface UniformScaling extends LangFunction {
  /** λ in λ·I. */
  readonly scale: Value
}

export function isUniformScaling(v: unknown): v is UniformScaling {
  return isFunction(v) && (v as Partial<UniformScaling>).scale !== undefined
}

/** λ·I. */
export function uniformScaling(scale: Value): UniformScaling {
  const λ = concrete(scale).item()
  return {
    kind: 'function',
    name: 'I',
    params: ['n'],
    source: λ === 1 ? 'I' : `${formatNumber(λ)}*I`,
    scale,
    call(args) {
      if (args.length !== 1) throw new LangError(`I(n) takes the size n, but was given ${args.length} arguments`)
      const n = count(args[0], 'I(n)', 'the size n')
      return ops.mul(scale, identity(n))
    },
  }
}

export const I = uniformScaling(scalar(1))

/** λ·I as the n×n matrix for a square matrix A it is combined with. */
function asMatrix(s: UniformScaling, a: Value, op: string): Value {
  if (a.shape.length !== 2 || a.shape[0] !== a.shape[1])
    throw new LangError(
      `${op} of I and a ${describeShape(a.shape)}: I is the identity of a square matrix's size, so it adds to square matrices only`,
    )
  return ops.mul(s.scale, identity(a.shape[0]!))
}

/**
 * left op right when either is λ·I, else undefined (the operator's usual meaning applies).
 * Broadcasting over I is refused, as Julia does: I has no size to broadcast to.
 */
export function uniformBinary(op: string, broadcast: boolean, left: LangValue, right: LangValue): LangValue {
  const l = isUniformScaling(left) ? left : null
  const r = isUniformScaling(right) ? right : null
  if (l === null && r === null) return undefined
  if (broadcast)
    throw new LangError(`.${op} with I is not defined: I has no size; write I(n) for the n×n identity matrix`)
  const other = (v: LangValue) => tensorOperand(v, `the operator ${op} with I`)
  switch (op) {
    case '*':
      if (l && r) return uniformScaling(ops.mul(l.scale, r.scale))
      return l ? scaled(l, other(right)) : scaled(r!, other(left))
    case '/':
      if (l && !r) {
        const d = other(right)
        if (d.shape.length === 0) return uniformScaling(ops.div(l.scale, d))
      }
      break
    case '+':
    case '-': {
      const f = op === '+' ? ops.add : ops.sub
      if (l && r) return uniformScaling(f(l.scale, r.scale))
      const a = other(l ? right : left)
      if (a.shape.length === 0)
        throw new LangError(
          `${op} of a number and I is not defined: I is a matrix of any size; add it to a square matrix, as in A ${op} I`,
        )
      return l ? f(asMatrix(l, a, op), a) : f(a, asMatrix(r!, a, op))
    }
  }
  throw new LangError(`the operator ${op} of ${describe(left)} and ${describe(right)} is not defined for I`)
}

/** λ·I times a number is a scaling again; times an array it scales the array. */
function scaled(s: UniformScaling, x: Value): LangValue {
  return x.shape.length === 0 ? uniformScaling(ops.mul(s.scale, x)) : ops.mul(s.scale, x)
}

/** -I, +I and I' (I is its own transpose), or undefined for other operands. */
export function uniformUnary(op: string, operand: LangValue): LangValue {
  if (!isUniformScaling(operand)) return undefined
  if (op === '-') return uniformScaling(ops.neg(operand.scale))
  if (op === '+' || op === "'") return operand
  throw new LangError(`the operator ${op} is not defined for I`)
}
