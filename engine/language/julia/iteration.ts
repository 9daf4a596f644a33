/**
 * Julia's iteration helpers for `for` loops and comprehensions: `enumerate`, `zip`, `pairs`,
 * `eachcol`, `eachrow`, and the parity tests `isodd`/`iseven`. Each returns a tuple (of tuples),
 * which loops already walk and destructure (`for (i, x) in enumerate(v)`). Elements are taken
 * with indexing, in Julia's column-major order, so derivatives flow through a loop over them.
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { scalar } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { t } from '../builtinArgs.ts'
import { elementsColumnMajor } from '../control.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isTuple, tuple } from '../values.ts'

/** What `for x in xs` walks through: a tuple's items, an array's elements column by column. */
function items(v: LangValue, who: string): LangValue[] {
  if (isTuple(v)) return [...v.items]
  if (isValue(v)) return elementsColumnMajor(v)
  throw new LangError(`${who} walks through a vector, a matrix, a range or a tuple, not ${describe(v)}`)
}

const numbered = (xs: readonly LangValue[]) => tuple(xs.map((x, i) => tuple([scalar(i + 1), x])))

function matrix(v: LangValue, who: string): Value {
  const A = t(v, who)
  if (A.shape.length !== 2)
    throw new LangError(
      `${who} takes a matrix, not ${describe(v)}${A.shape.length === 1 ? ': a vector is its own only column' : ''}`,
    )
  return A
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i)

/** isodd and iseven: an integer's parity (Julia: a number that is not an integer is neither). */
function parity(name: string, remainder: 0 | 1): LangFunction {
  return builtin(name, ['n'], ([v]) => {
    if (typeof v === 'boolean') return Number(v) % 2 === remainder
    const x = t(v, name)
    if (x.shape.length !== 0)
      throw new LangError(`${name} takes one number, not ${describe(v)}: write ${name}.(x) for each entry of x`)
    const n = concrete(x).data[0]!
    return Number.isInteger(n) && Math.abs(n % 2) === remainder
  })
}

export const ITERATION_BUILTINS: LangFunction[] = [
  builtin('enumerate', ['xs'], ([xs]) => numbered(items(xs, 'enumerate'))),
  builtin(
    'zip',
    ['xs...'],
    (args) => {
      const lists = args.map((a) => items(a, 'zip'))
      const n = Math.min(...lists.map((l) => l.length))
      return tuple(upTo(n).map((i) => tuple(lists.map((l) => l[i]))))
    },
    { arity: [1, Infinity] },
  ),
  builtin('pairs', ['xs'], ([xs]) => {
    if (isValue(xs) && xs.shape.length === 2)
      throw new LangError(
        'pairs of a matrix gives Cartesian indices, which this notebook does not have: write enumerate(A) for linear indices, or loop over i in 1:size(A, 1) and j in 1:size(A, 2)',
      )
    return numbered(items(xs, 'pairs'))
  }),
  builtin('eachcol', ['A'], ([v]) => {
    const A = matrix(v, 'eachcol')
    const [m, n] = A.shape as [number, number]
    return tuple(upTo(n).map((j) => ops.getindex(A, [upTo(m), j])))
  }),
  builtin('eachrow', ['A'], ([v]) => {
    const A = matrix(v, 'eachrow')
    const [m, n] = A.shape as [number, number]
    return tuple(upTo(m).map((i) => ops.getindex(A, [i, upTo(n)])))
  }),
  parity('isodd', 1),
  parity('iseven', 0),
]
