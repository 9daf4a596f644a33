/**
 * The worked example of the seed thread, number for number: f(x) = sum(abs2(A*x)) with
 * A = [0 3 2; 1 0 3; 2 1 0] at x1 = [0, 1, 2]. Everything here is integer arithmetic, so the
 * results must be exact, whichever mode computes them.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../engine/index.ts'
import {
  HESSIAN_METHODS,
  TransformError,
  abs2,
  basis,
  gradient,
  hessian,
  hvp,
  jacfwd,
  jacobian,
  jacrev,
  matmul,
  matrix,
  ones,
  pullback,
  mul,
  scalar,
  transpose,
  sum,
  tf_gradients,
  vector,
} from '../../engine/index.ts'
import { expectClose, expectExact, matmulPlain, transposePlain } from './helpers.ts'

const A_ROWS = [
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
]
const A = matrix(A_ROWS)
const x1 = vector([0, 1, 2])
const f = (x: Value) => sum(abs2(matmul(A, x)))
const g = (x: Value) => gradient(f, x)

/** The Hessian quoted in the thread; the first test checks it is the closed form 2AᵀA. */
const H = [
  [10, 4, 6],
  [4, 20, 12],
  [6, 12, 26],
]

describe('the seed example', () => {
  it('the engine computes the closed form 2AᵀA as the Hessian quoted in the thread', () => {
    // The quoted matrix is 2AᵀA by plain loops (an oracle independent of the engine) ...
    expect(matmulPlain(transposePlain(A_ROWS), A_ROWS).map((row) => row.map((v) => 2 * v))).toEqual(H)
    // ... and the engine's matrix operations give it too: transposed, as a flag of matmul, in either order.
    expectExact(mul(scalar(2), matmul(transpose(A), A)), H)
    expectExact(mul(matmul(A, A, true), scalar(2)), H)
    expectExact(matmul(transpose(A), mul(A, scalar(2))), H)
  })

  it('f(x1) = 86 and its gradient 2AᵀA x1 = [16, 44, 64]', () => {
    expectExact(f(x1), 86)
    expectExact(g(x1), [16, 44, 64])
  })

  it.each(HESSIAN_METHODS)('the Hessian by %s is [10 4 6; 4 20 12; 6 12 26], exactly', (method) => {
    expectExact(hessian(f, x1, method), H)
  })

  it('the Jacobian of the gradient is the Hessian, by every route', () => {
    expectExact(jacobian(g, x1), H)
    expectExact(jacrev(g, x1), H)
    expectExact(jacfwd(g, x1), H)
  })

  it('the gradient of the gradient is refused, with a message that teaches', () => {
    let error: unknown
    try {
      gradient(g, x1)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(TransformError)
    const message = (error as Error).message
    for (const word of ['3-vector', 'scalar', 'jacobian', 'pullback', 'tf.gradients']) expect(message).toContain(word)
  })

  it('tf_gradients of the gradient is the column sums of H, [20, 36, 44]: plausible, and wrong', () => {
    expectExact(tf_gradients(g, x1), [20, 36, 44])
    // It is the gradient of sum(g), and the pullback of the all-ones cotangent.
    expectExact(
      gradient((x) => sum(g(x)), x1),
      [20, 36, 44],
    )
    expectExact(pullback(g, x1).back(ones([3])), [20, 36, 44])
  })

  it('pulling back the basis vector e_i gives row i of the Jacobian', () => {
    const { value, back } = pullback(g, x1)
    expectExact(value, [16, 44, 64])
    for (let i = 0; i < 3; i++) expectExact(back(basis([3], i)), H[i]!)
    // For the non-symmetric Jacobian of x -> A x, rows and columns differ: row i of A.
    const linear = pullback((x) => matmul(A, x), x1)
    for (let i = 0; i < 3; i++) expectExact(linear.back(basis([3], i)), A_ROWS[i]!)
  })

  it('the Hessian-vector product is H·v without forming H', () => {
    expectExact(hvp(f, x1, vector([1, 0, 0])), [10, 4, 6])
    expectExact(hvp(f, x1, vector([1, -1, 2])), matmulPlain(H, [[1], [-1], [2]]).flat())
    expectClose(hvp(f, x1, ones([3])), [20, 36, 44], 0)
  })
})
