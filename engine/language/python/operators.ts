/**
 * What the operators mean in a Python cell, as NumPy and JAX give them: `+ - * / **` work element
 * by element with NumPy's broadcasting (shapes lined up from the right), `@` is the matrix
 * product (two vectors give their dot product), `//` floors the quotient and `%` takes the
 * divisor's sign (Python's own rules); a comparison of two numbers is True or False and of
 * arrays an array of them; `not` and a chain `a < b < c` need single truth values, as NumPy's
 * "truth value of an array is ambiguous" says.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { describeShape } from '../../tensor/tensor.ts'
import { refuseBatched } from '../batched.ts'
import { LangError } from '../errors.ts'
import type { Scope } from '../scope.ts'
import type { Target } from '../syntax/tree.ts'
import type { LangRecord, LangValue } from '../values.ts'
import { describe, isRecord, isTuple, tensorOperand, tuple } from '../values.ts'

type Elementwise = (a: Value, b: Value) => Value

const ELEMENTWISE: Record<string, Elementwise> = {
  '+': ops.add,
  '-': ops.sub,
  '*': ops.mul,
  '/': ops.div,
  '**': ops.pow,
  '//': (a, b) => ops.floor(ops.div(a, b)),
  '%': ops.mod,
}

const COMPARE: Record<string, Elementwise> = {
  '<': ops.lt,
  '<=': ops.le,
  '>': ops.gt,
  '>=': ops.ge,
  '==': ops.eq,
  '!=': ops.ne,
}

const isNumber = (v: Value) => v.shape.length === 0

export function pythonBinary(op: string, left: LangValue, right: LangValue): LangValue {
  if (op === '+' && isTuple(left) && isTuple(right)) return tuple([...left.items, ...right.items])
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right
  if (op in COMPARE) return pythonCompare(op, left, right)
  const t = (v: LangValue) => tensorOperand(v, `the operator ${op}`)
  const f = ELEMENTWISE[op]
  if (f !== undefined) return ops.broadcasting(f, op, 'right')(t(left), t(right))
  if (op === '@') return matmul(t(left), t(right))
  if (op === '&' || op === '|') {
    const [a, b] = ops.stretched(op, [t(left), t(right)], 'right')
    const both = ops.mul(ops.ne(a!, 0), ops.ne(b!, 0))
    return op === '&' ? both : ops.ne(ops.add(ops.ne(a!, 0), ops.ne(b!, 0)), 0)
  }
  throw new LangError(`the operator ${op} is not part of the notebook's Python`)
}

/** NumPy's matmul: vectors are promoted to a row (on the left) or a column (on the right), then dropped. */
function matmul(a: Value, b: Value): Value {
  if (isNumber(a) || isNumber(b))
    throw new LangError(`@ multiplies arrays, not a number: got ${describe(a)} @ ${describe(b)}; for a number write *`)
  if (a.shape.length > 2 || b.shape.length > 2)
    throw new LangError(
      `@ of arrays with more than two dimensions is not supported: got a ${describeShape(a.shape)} and a ${describeShape(b.shape)}`,
    )
  const inner = (s: readonly number[], first: boolean) => (s.length === 1 ? s[0]! : first ? s[1]! : s[0]!)
  if (inner(a.shape, true) !== inner(b.shape, false))
    throw new LangError(
      `@: the inner dimensions differ: a ${describeShape(a.shape)} @ a ${describeShape(b.shape)} needs ${inner(a.shape, true)} = ${inner(b.shape, false)}`,
    )
  if (a.shape.length === 1 && b.shape.length === 1) return ops.sum(ops.mul(a, b))
  if (a.shape.length === 1) return ops.matmul(b, a, true) // vᵀB = (Bᵀv)ᵀ, a vector
  return ops.matmul(a, b)
}

/** a op b: True/False for two numbers (or strings, or None), else an array of 0s and 1s (broadcast). */
function pythonCompare(op: string, left: LangValue, right: LangValue): LangValue {
  if (!isValue(left) || !isValue(right)) {
    if (op === '==' || op === '!=') return (left === right) === (op === '==')
    if (typeof left === 'string' && typeof right === 'string') {
      const c = left < right ? -1 : left > right ? 1 : 0
      return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op as '<']
    }
  }
  const a = tensorOperand(left, `the comparison ${op}`)
  const b = tensorOperand(right, `the comparison ${op}`)
  const result = ops.broadcasting(COMPARE[op]!, op, 'right')(a, b)
  if (!isNumber(result)) return result
  refuseBatched(result, `the comparison ${op}`, 'jnp.where(condition, a, b)')
  return concrete(result).item() !== 0
}

/** a < b < c: every comparison must hold; each must be a single truth value. */
export function pythonCompareChain(written: readonly string[], operands: readonly LangValue[]): LangValue {
  const only = written.length === 1 ? written[0]! : undefined
  if (only === 'is' || only === 'is not') return identical(only, operands[0], operands[1])
  if (only !== undefined) return pythonBinary(only, operands[0], operands[1])
  for (let i = 0; i < written.length; i++) {
    const op = written[i]!
    const r =
      op === 'is' || op === 'is not'
        ? identical(op, operands[i], operands[i + 1])
        : pythonBinary(op, operands[i], operands[i + 1])
    if (!truth(r, `the chain of comparisons ${written.join(' ')}`)) return false
  }
  return true
}

function identical(op: string, a: LangValue, b: LangValue): boolean {
  return (a === b) === (op === 'is')
}

/** Python's truth of a value: a number, a boolean, None; an array only if it holds one number. */
export function truth(v: LangValue, where: string): boolean {
  if (typeof v === 'boolean') return v
  if (v === undefined) return false
  if (typeof v === 'string') return v.length > 0
  if (isTuple(v)) return v.items.length > 0
  const t = tensorOperand(v, where)
  if (t.shape.length !== 0 && concrete(t).data.length !== 1)
    throw new LangError(
      `${where} needs one True or False, but got a ${describeShape(t.shape)}: the truth value of an array of several elements is ambiguous; use jnp.any(...) or jnp.all(...)`,
    )
  refuseBatched(t, where, 'jnp.where(condition, a, b)')
  return concrete(t).data[0] !== 0
}

export function pythonUnary(op: string, operand: LangValue): LangValue {
  if (op === 'not') return !truth(operand, 'not')
  const t = tensorOperand(operand, `the operator ${op}`)
  if (op === '-') return ops.neg(t)
  if (op === '+') return t
  throw new LangError(`the operator ${op} is not part of the notebook's Python`)
}

/** x[i] = v in a Python cell: JAX's arrays are immutable, and so are the notebook's. */
export function indexAssignmentRefused(): LangError {
  return new LangError(
    'assigning into an array (x[i] = v) is not supported: JAX arrays cannot be changed in place, and a gradient needs the old value; build a new array instead, e.g. jnp.where(jnp.arange(len(x)) == i, v, x)',
  )
}

/** A Python dict (a record the cell built, not a module or a tuple). */
export function isDict(v: LangValue): v is LangRecord {
  return isRecord(v) && v.tag === 'record'
}

/** d["key"]: a dict's entry by its string key. */
export function dictItem(d: LangRecord, keys: LangValue[]): LangValue {
  const key = keys[0]
  if (keys.length !== 1 || typeof key !== 'string')
    throw new LangError(`a dict is indexed by one string key, as in p["w"], not by ${keys.map(describe).join(', ')}`)
  if (!d.fields.has(key))
    throw new LangError(
      `the dict has no key "${key}"; its keys are ${[...d.fields.keys()].map((k) => `"${k}"`).join(', ')}`,
    )
  return d.fields.get(key)
}

/** Whether an assignment target was written in Python (a tuple target: its first name's). */
function writtenInPython(target: Target): boolean {
  if (target.kind === 'tuple-target') return target.items.length > 0 && writtenInPython(target.items[0]!)
  return target.kind === 'name' && target.dialect === 'python'
}

/**
 * name = value. Python binds a name in the scope where it is assigned (a function's own, or the
 * cell's: loops and ifs have none), never in an enclosing function's; Julia and `ad` update an
 * enclosing local scope's name (Scope.assign).
 */
export function bindName(target: Target, scope: Scope, name: string, value: LangValue): void {
  if (writtenInPython(target)) scope.define(name, value)
  else scope.assign(name, value)
}
