/**
 * Julia's number functions take numbers: `sin(v)` of a vector is a MethodError there, and
 * `exp(A)` of a square matrix is the matrix exponential, not the exponential of each entry. The
 * `ad` syntax applies them entry by entry, so a Julia cell that calls one on an array without a
 * dot would silently give what Julia does not: it gets a message that says to write `sin.(v)`.
 */
import { isValue } from '../../ad/value.ts'
import { describeShape } from '../../tensor/tensor.ts'
import { LangError } from '../errors.ts'
import { printSource } from '../syntax/source.ts'
import type { Expr } from '../syntax/tree.ts'
import type { LangFunction, LangValue } from '../values.ts'

/** LinearAlgebra defines these of a square matrix as matrix functions (exp(A) = I + A + A²/2 + ...). */
const MATRIX_FUNCTIONS = new Set(['exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'cbrt'])

/** Base's (and NNlib's) functions of one number that the notebook also accepts whole arrays for. */
const NUMBER_FUNCTIONS = new Set([
  ...MATRIX_FUNCTIONS,
  'abs',
  'abs2',
  'sign',
  'log1p',
  'expm1',
  'log2',
  'log10',
  'exp2',
  'asin',
  'acos',
  'atan',
  'sigmoid',
  'σ',
  'relu',
  'floor',
  'ceil',
  'round',
  'trunc',
])

/** Throws the teaching message when a Julia cell calls a number function on an array without a dot. */
export function checkNumberCall(f: LangFunction, args: readonly LangValue[], callee: Expr, argNodes: Expr[]): void {
  if (!NUMBER_FUNCTIONS.has(f.name) || args.length !== 1 || argNodes.length !== 1) return
  const x = args[0]
  if (!isValue(x) || x.shape.length === 0) return
  // As the learner wrote them (a long argument is named x), so the suggestion runs as typed.
  const written = printSource(callee)
  const text = printSource(argNodes[0]!)
  const argument = text.length <= 40 ? text : 'x'
  const dotted = `${written}.(${argument})`
  const square = x.shape.length === 2 && x.shape[0] === x.shape[1]
  if (square && MATRIX_FUNCTIONS.has(f.name))
    throw new LangError(
      `${written}(${argument}) of a square matrix is, in Julia, the matrix function (the ${f.name === 'exp' ? 'matrix exponential' : `matrix ${f.name}`}), not ${f.name} of each entry; this notebook does not compute matrix functions. For each entry, broadcast with a dot: ${dotted}`,
    )
  throw new LangError(
    `${written} takes one number, and Julia does not apply it to a ${describeShape(x.shape)} without a dot: write ${dotted} to apply it to each entry`,
  )
}
