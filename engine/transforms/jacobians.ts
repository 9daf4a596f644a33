/**
 * Jacobians assembled from passes: reverse mode pulls back the basis vectors e_i of the output
 * (one pass per row), forward mode pushes forward the basis vectors e_j of the input (one pass
 * per column). The result has shape [...f(x).shape, ...x.shape].
 *
 * Rows and columns are joined with engine operations, so a Jacobian can itself be differentiated
 * (the Hessian is the Jacobian of the gradient).
 *
 * Many passes can take long: the result's size is checked before the passes start, and after
 * the first pass its work times the number of passes is checked against the budget (engine/limits.ts), so a
 * Jacobian that cannot finish is refused with what to use instead rather than left running.
 */
import { pushforward } from '../ad/forward.ts'
import { passes } from '../ad/progress.ts'
import { pullback } from '../ad/reverse.ts'
import type { Value } from '../ad/value.ts'
import { checkAhead, checkElements, workUsed } from '../limits.ts'
import { reshape, stack, transpose } from '../ops/index.ts'
import type { Shape } from '../tensor/tensor.ts'
import { basis, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from './basic.ts'

/** How a refusal names the transform and what it suggests instead. */
export interface Refusal {
  /** e.g. "jacobian", or "hessian of 3000 variables" */
  what: string
  instead: string
}

const JACOBIAN_INSTEAD =
  'jvp(f, x, v) gives one column combination J·v and vjp(f, x, v) one row combination vᵀJ, each in one pass, without forming J.'

function refusal(who: string, refuse?: Refusal): Refusal {
  return refuse ?? { what: who, instead: JACOBIAN_INSTEAD }
}

function checkResult(shape: Shape, r: Refusal): void {
  checkElements(shape, `the result of ${r.what}`, r.instead)
}

/** passes(), refusing after the first pass if all of them would exceed the work budget. */
function budgetedPasses(total: number, mode: string, r: Refusal, body: (i: number) => void): void {
  const start = workUsed()
  passes(total, (i) => {
    body(i)
    if (i === 0 && total > 1) {
      const perPass = workUsed() - start
      checkAhead({ work: perPass * (total - 1) }, `${r.what} needs ${total} ${mode} passes`, r.instead)
    }
  })
}

/** Row by row: m reverse passes after one primal pass. */
export function jacrev(f: Fn, x: Value, refuse?: Refusal): Value {
  return rowsFromPullback(pullback(f, x, 'jacrev'), x, refusal('jacrev', refuse))
}

function rowsFromPullback({ value, back }: ReturnType<typeof pullback>, x: Value, r: Refusal): Value {
  const m = sizeOf(value.shape)
  checkResult([...value.shape, ...x.shape], r)
  const rows: Value[] = []
  budgetedPasses(m, 'reverse', r, (i) => rows.push(reshape(back(basis(value.shape, i)), [sizeOf(x.shape)])))
  return reshape(stack(rows), [...value.shape, ...x.shape])
}

/** Column by column: n forward passes. */
export function jacfwd(f: Fn, x: Value, refuse?: Refusal): Value {
  const r = refusal('jacfwd', refuse)
  const n = sizeOf(x.shape)
  const cols: Value[] = []
  let outShape = x.shape
  budgetedPasses(n, 'forward', r, (j) => {
    const { out, tangent } = pushforward(f, x, basis(x.shape, j), 'jacfwd')
    outShape = out.shape
    if (j === 0) checkResult([...out.shape, ...x.shape], r)
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
  const r = refusal('jacobian')
  return sizeOf(p.value.shape) <= sizeOf(x.shape) ? rowsFromPullback(p, x, r) : jacfwd(f, x, r)
}
