/**
 * What the operators mean on values: arithmetic (`*` a matrix product unless one side is a
 * number; `.*` elementwise), powers of numbers and of square matrices, comparisons, and the
 * elementwise `and`/`or`/`not` of the `ad` syntax. The interpreter evaluates the operands; this
 * file only combines them.
 */
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { Tensor, describeShape, identity, scalar } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'
import { isUniformScaling, uniformBinary, uniformUnary } from './julia/uniformScaling.ts'
import type { LangValue } from './values.ts'
import { callFunction, isFunction, tensorOperand } from './values.ts'

/** The operator as written: '.*' for a broadcast '*'. */
export function spelled(op: string, broadcast: boolean): string {
  return broadcast ? `.${op}` : op
}

/**
 * left op right. The right operand is a thunk so that the left one is checked first, as the
 * language always did (`"a" and f(x)` complains about "a" before running f).
 */
export function binary(
  op: string,
  broadcast: boolean,
  implicit: boolean,
  left: LangValue,
  rightValue: () => LangValue,
): LangValue {
  const written = spelled(op, broadcast)
  if (!broadcast && (op === 'and' || op === 'or')) {
    const a = truth(left, op)
    const b = truth(rightValue(), op)
    return op === 'and' ? ops.mul(ops.ne(a, 0), ops.ne(b, 0)) : ops.ne(ops.add(ops.ne(a, 0), ops.ne(b, 0)), 0)
  }
  const right = rightValue()
  // f(x)(2) parses as an implicit product; with a function on the left it is a call.
  if (implicit && op === '*' && isFunction(left) && !isUniformScaling(left)) return callFunction(left, [right])
  const scaling = uniformBinary(op, broadcast, left, right) // A + I, 2*I, I*x
  if (scaling !== undefined) return scaling
  const t = (v: LangValue) => tensorOperand(v, `the operator ${written}`)
  switch (written) {
    case '+':
      return ops.add(t(left), t(right))
    case '-':
      return ops.sub(t(left), t(right))
    case '.*':
      return ops.mul(t(left), t(right))
    case './':
      return ops.div(t(left), t(right))
    case '.^':
      return ops.pow(t(left), t(right))
    case '*': {
      const a = t(left)
      const b = t(right)
      return a.shape.length === 0 || b.shape.length === 0 ? ops.mul(a, b) : ops.matmul(a, b)
    }
    case '/': {
      const b = t(right)
      if (b.shape.length !== 0) {
        throw new LangError(
          `division by a ${describeShape(b.shape)} is not defined: use ./ to divide elementwise, or multiply by inv(B)`,
        )
      }
      return ops.div(t(left), b)
    }
    case '^':
      return power(t(left), t(right))
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
      return compare(op, left, right)
  }
  throw new LangError(`the operator ${written} is not part of the notebook language`)
}

export function unary(op: string, operand: LangValue): LangValue {
  const scaling = uniformUnary(op, operand) // -I, I'
  if (scaling !== undefined) return scaling
  const t = () => tensorOperand(operand, `the operator ${op}`)
  switch (op) {
    case '-':
      return ops.neg(t())
    case '+':
      return t()
    case "'":
      return ops.transpose(t())
    case 'not':
      return ops.eq(truth(operand, op), 0)
  }
  throw new LangError(`the operator ${op} is not part of the notebook language`)
}

/** a < b <= c: 1 where every comparison holds. */
export function compareChain(ops_: string[], operands: LangValue[]): Value {
  let result: Value = scalar(1)
  ops_.forEach((c, i) => (result = ops.mul(result, compare(c, operands[i], operands[i + 1]))))
  return result
}

function truth(v: LangValue, op: string): Value {
  return tensorOperand(v, `the operator ${op}`)
}

export function compare(op: string, a: LangValue, b: LangValue): Value {
  if (typeof a === 'string' && typeof b === 'string' && (op === '==' || op === '!=')) {
    return scalar((a === b) === (op === '==') ? 1 : 0)
  }
  const x = tensorOperand(a, `the comparison ${op}`)
  const y = tensorOperand(b, `the comparison ${op}`)
  const f = { '<': ops.lt, '<=': ops.le, '>': ops.gt, '>=': ops.ge, '==': ops.eq, '!=': ops.ne }[op]
  if (!f) throw new LangError(`unknown comparison ${op}`)
  return f(x, y)
}

/** x^y: a power of a number, or an integer power of a square matrix (repeated products). */
export function power(x: Value, y: Value): Value {
  if (x.shape.length === 0) return ops.pow(x, y)
  const k = y.shape.length === 0 ? concrete(y).item() : NaN
  const square = x.shape.length === 2 && x.shape[0] === x.shape[1]
  if (!(y instanceof Tensor))
    throw new LangError('the exponent of a matrix power cannot depend on the variable being differentiated')
  if (square && Number.isInteger(k) && k < 0) {
    throw new LangError(`a negative power of a matrix is a power of its inverse: write inv(A) ^ ${-k}`)
  }
  if (!square || !Number.isInteger(k) || k < 0) {
    throw new LangError(
      `^ raises a number, or a square matrix to a whole power; for a ${describeShape(x.shape)} use .^ to raise each element`,
    )
  }
  // By repeated squaring: A^1000000 takes 40 products, not a million.
  let result: Value = identity(x.shape[0]!)
  let base: Value = x
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = ops.matmul(result, base)
    if (e > 1) base = ops.matmul(base, base)
  }
  return result
}
