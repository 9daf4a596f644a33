/**
 * Batch rules: how each primitive applies to a whole batch at once (see ad/batching.ts). The
 * batch axis leads. Each rule reshapes or stretches its operands so that the primitive's own
 * kernel does the work of every example in one call. A primitive without a rule here (transpose,
 * cumsum, det, inv, norm, and the matmuls below that are not one product) runs its kernel on each
 * example within one evaluation (ad/batching.ts perExample): one operation per batch, no copies
 * of the inputs, its derivative rules batched in turn; only the per-example loop is not fused.
 */
import { perExample, registerBatchRule, setBatchHelpers } from '../ad/batching.ts'
import type { BatchRule } from '../ad/batching.ts'
import { bind } from '../ad/bind.ts'
import type { Value } from '../ad/value.ts'
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, sizeOf } from '../tensor/tensor.ts'
import { checkElements } from '../limits.ts'
import type { IndexSpec } from './structure.ts'
import { transpose } from './linalg.ts'
import { range, reshape, stretch, sum } from './structure.ts'

/** One example's shape of argument i. */
const exampleShape = (a: Value, batched: boolean): Shape => (batched ? a.shape.slice(1) : a.shape)

/** An argument as a full stack [size, ...shape]: unbatched values are repeated for every example. */
function fullStack(a: Value, batched: boolean, size: number, shape: Shape): Value {
  const to = [size, ...shape]
  if (batched) {
    if (a.shape.length === to.length) return stretch(a, to, 'left')
    // One number per example against a tensor per example: [size] -> [size, 1, ..., 1].
    return stretch(reshape(a, [size, ...shape.map(() => 1)]), to, 'left')
  }
  return stretch(a, to, 'right')
}

/**
 * Elementwise primitives take operands of one shape, or a number against a tensor. An unbatched
 * number stays one (the kernels read it with stride 0); everything else becomes a full stack.
 * A shape among the params (comparisons, ifelse, rem) is the result's, so it gains the batch axis.
 */
const elementwise: BatchRule = (prim, args, batched, size, params) => {
  const n = args.length
  let shape: Shape = []
  let plain = true
  for (let i = 0; i < n; i++) {
    const a = args[i]!
    if (a.shape.length > (batched[i] ? 1 : 0)) shape = batched[i] ? a.shape.slice(1) : a.shape
    if (!(a instanceof Tensor)) plain = false
  }
  // An operand shared by every example is left as it is where its rules will not be asked for:
  // with no level below the batch (every operand a plain tensor) the arithmetic kernels read it
  // repeated for each example (elementwise.ts run2), instead of a copy stacked for each.
  const repeat = plain && REPEATING.has(prim.name)
  // The size check a stacked copy would have made (stretch), made on the result instead.
  if (repeat) checkElements([size, ...shape], `${prim.name} over a batch`)
  const operands: Value[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const a = args[i]!
    const b = batched[i]!
    const asItIs = b ? a.shape.length === shape.length + 1 : a.shape.length === 0 || repeat
    operands[i] = asItIs ? a : fullStack(a, b, size, shape)
  }
  const p = Array.isArray(params) ? [size, ...(params as Shape)] : params
  return bind(prim, operands, p)
}
/** The binary arithmetic whose kernels read an operand of one example's shape repeated over a batch. */
const REPEATING = new Set(['add', 'sub', 'mul', 'div', 'pow', 'scaled-mul'])
registerBatchRule(
  [
    ...['add', 'sub', 'mul', 'div', 'pow', 'scaled-mul', 'neg', 'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sqrt'],
    ...['log1p', 'expm1', 'sign', 'abs', 'abs2', 'ifelse', 'trunc', 'floor', 'rem', 'mod'],
    ...['lt', 'le', 'gt', 'ge', 'eq', 'ne'],
  ],
  elementwise,
)

interface AxisParams {
  axis: number | null
  shape: Shape
}
/** A sum over everything sums each example's entries: flatten each example, sum along axis 1. */
registerBatchRule<AxisParams>(['sum'], (prim, [a], _b, size, { axis, shape }) => {
  if (axis !== null) return bind(prim, [a!], { axis: axis + 1, shape: [size, ...shape] })
  const n = sizeOf(shape)
  return bind(prim, [reshape(a!, [size, n])], { axis: 1, shape: [size, n] })
})

registerBatchRule<{ from: Shape; to: Shape }>(['broadcast'], (prim, [a], _b, size, { from, to }) =>
  bind(prim, [a!], { from: [size, ...from], to: [size, ...to] }),
)

registerBatchRule<Shape>(['reshape'], (prim, [a], _b, size, shape) => bind(prim, [a!], [size, ...shape]))

/**
 * The indices 0..size-1 of a batch axis, one shared list per size: indexing keeps what it knows
 * of a list (ops/indexing.ts), so each pass of a chunk reuses it instead of a fresh list.
 */
const wholeAxes = new Map<number, readonly number[]>()
function wholeAxis(size: number): readonly number[] {
  if (size > 1024) return range(0, size) // kept only for the sizes of chunks, not of any batch
  let list = wholeAxes.get(size)
  if (list === undefined) wholeAxes.set(size, (list = range(0, size)))
  return list
}

/** Indexing every example alike: the batch axis is taken whole. */
registerBatchRule<{ spec: readonly (number | readonly number[])[]; shape: Shape }>(
  ['getindex', 'scatter'],
  (prim, [a], _b, size, { spec, shape }) =>
    bind(prim, [a!], { spec: [wholeAxis(size), ...spec], shape: [size, ...shape] }),
)

registerBatchRule<{ axis: number }>(['concat'], (prim, args, batched, size, { axis }) =>
  bind(
    prim,
    args.map((a, i) => fullStack(a, batched[i]!, size, exampleShape(a, batched[i]!))),
    { axis: axis + 1 },
  ),
)

/** Each spec of a scatter-add gains the batch axis, taken whole; every cotangent comes stacked. */
registerBatchRule<{ specs: readonly IndexSpec[]; shape: Shape }>(
  ['scatter-add'],
  (prim, args, batched, size, { specs, shape }) =>
    bind(
      prim,
      args.map((a, i) => fullStack(a, batched[i]!, size, exampleShape(a, batched[i]!))),
      { specs: specs.map((spec) => [wholeAxis(size), ...spec]), shape: [size, ...shape] },
    ),
)

interface MatmulParams {
  ta: boolean
  tb: boolean
  shape: Shape
}
/** Rows and columns of one example seen as a matrix, as the matmul kernel sees it. */
const dims = (s: Shape): [number, number] => (s.length === 0 ? [1, 1] : s.length === 1 ? [s[0]!, 1] : [s[0]!, s[1]!])

/**
 * The products that are one product of the whole stack: a batch of matrices (or vectors) times
 * one matrix or vector is one taller product ([size·m, k]·op(B)); one matrix times a batch of
 * vectors is the batch, as rows, times op(A)ᵀ. The others (a batch times a batch, a transposed
 * batch, one matrix times a batch of matrices) run the kernel once per example, in one
 * evaluation (ad/batching.ts perExample), which copies nothing.
 */
registerBatchRule<MatmulParams>(['matmul'], (prim, args, batched, size, params) => {
  const [a, b] = args as [Value, Value]
  const { ta, tb, shape } = params
  const bIsVector = exampleShape(b, batched[1]!).length === 1 && !tb
  if (batched[0] && !batched[1] && !ta && a.shape.length >= 2) {
    const [m, k] = dims(a.shape.slice(1))
    const tall = [size * m, ...(bIsVector ? [] : [tb ? b.shape[0]! : dims(b.shape)[1]])]
    const c = bind(prim, [reshape(a, [size * m, k]), b], { ta: false, tb, shape: tall })
    return reshape(c, [size, ...shape])
  }
  if (!batched[0] && batched[1] && bIsVector && a.shape.length === 2) {
    const m = ta ? a.shape[1]! : a.shape[0]!
    // The batch as rows times op(A)ᵀ. For A·v, Aᵀ is made once (m·k moves) when the batch is
    // large, so that the product walks the batch row by row and skips its zeros, as it does for
    // Aᵀ·v: basis vectors (jacfwd's chunks) then cost m·k each instead of a full dot product.
    if (!ta && size >= 8)
      return reshape(bind(prim, [b, transpose(a)], { ta: false, tb: false, shape: [size, m] }), [size, ...shape])
    const c = bind(prim, [b, a], { ta: false, tb: !ta, shape: [size, m] })
    return reshape(c, [size, ...shape])
  }
  return bind(perExample(prim, batched), args, params)
})

/** Stacking an unbatched value for every example, and summing over the batch axis (ad/batching.ts). */
setBatchHelpers(
  (v, shape) => stretch(v, shape, 'right'),
  (v) => sum(v, 0),
)
