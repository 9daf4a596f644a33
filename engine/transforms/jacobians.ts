/**
 * Jacobians assembled from passes: reverse mode pulls back the basis vectors e_i of the output
 * (one pass per row), forward mode pushes forward the basis vectors e_j of the input (one pass
 * per column). The result has shape [...f(x).shape, ...x.shape].
 *
 * Rows and columns are joined with engine operations, so a Jacobian can itself be differentiated
 * (the Hessian is the Jacobian of the gradient).
 */
import { pushforward } from '../ad/forward.ts'
import { passes } from '../ad/progress.ts'
import { pullback } from '../ad/reverse.ts'
import type { Value } from '../ad/value.ts'
import { reshape, stack, transpose } from '../ops/index.ts'
import { basis, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from './basic.ts'

/** Row by row: m reverse passes after one primal pass. */
export function jacrev(f: Fn, x: Value): Value {
  return rowsFromPullback(pullback(f, x, 'jacrev'), x)
}

function rowsFromPullback({ value, back }: ReturnType<typeof pullback>, x: Value): Value {
  const m = sizeOf(value.shape)
  const rows: Value[] = []
  passes(m, (i) => rows.push(reshape(back(basis(value.shape, i)), [sizeOf(x.shape)])))
  return reshape(stack(rows), [...value.shape, ...x.shape])
}

/** Column by column: n forward passes. */
export function jacfwd(f: Fn, x: Value): Value {
  const n = sizeOf(x.shape)
  const cols: Value[] = []
  let outShape = x.shape
  passes(n, (j) => {
    const { out, tangent } = pushforward(f, x, basis(x.shape, j), 'jacfwd')
    outShape = out.shape
    cols.push(reshape(tangent, [sizeOf(out.shape)]))
  })
  if (n === 0) outShape = f(x).shape
  // Columns stacked as rows give Jᵀ (n × m); transpose back.
  const jt = reshape(stack(cols), [n, sizeOf(outShape)])
  return reshape(transpose(jt), [...outShape, ...x.shape])
}

/** The Jacobian by whichever mode needs fewer passes: rows when m ≤ n, columns otherwise. */
export function jacobian(f: Fn, x: Value): Value {
  const p = pullback(f, x, 'jacobian')
  return sizeOf(p.value.shape) <= sizeOf(x.shape) ? rowsFromPullback(p, x) : jacfwd(f, x)
}
