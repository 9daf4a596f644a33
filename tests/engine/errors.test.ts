/**
 * Errors that teach: each one has the right class, and its message names the operation, the
 * shapes or values involved, and where there is one, the way out.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../engine/index.ts'
import {
  ArgumentError,
  DomainError,
  EngineError,
  HESSIAN_METHODS,
  ShapeError,
  TransformError,
  abs2,
  add,
  concrete,
  broadcastTo,
  concat,
  derivative,
  det,
  div,
  dot,
  exp,
  getindex,
  gradient,
  hessian,
  hvp,
  ifelse,
  inv,
  jvp,
  log,
  matmul,
  mul,
  pow,
  pullback,
  reshape,
  scalar,
  sin,
  sqrt,
  stack,
  sub,
  sum,
  transpose,
  vector,
  vjp,
  zeros,
} from '../../engine/index.ts'
import { t } from './helpers.ts'

/** The error fn throws, checked to be of the given class. */
function caught(fn: () => unknown, kind: typeof EngineError): Error {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(kind)
    expect(err).toBeInstanceOf(EngineError)
    return err as Error
  }
  return expect.fail('expected an error, but none was thrown')
}

/** Asserts that the message of the error fn throws contains every fragment. */
function expectMessage(fn: () => unknown, kind: typeof EngineError, ...fragments: string[]): void {
  const { message } = caught(fn, kind)
  for (const f of fragments) expect(message).toContain(f)
}

const v3 = vector([1, 2, 3])
const v2 = vector([1, 2])

describe('transform errors', () => {
  it('gradient of a vector output names its shape and the alternatives', () => {
    expectMessage(
      () => gradient((x) => mul(x, 2), v3),
      TransformError,
      '3-vector',
      'scalar',
      'jacobian',
      'pullback',
      'tf.gradients',
    )
    expectMessage(() => gradient((x) => matmul(x, transpose(x)), v2), TransformError, '2×2 matrix')
  })

  it('derivative of a function of a vector points to gradient and jacobian', () => {
    expectMessage(() => derivative(sin, v3), TransformError, '3-vector', 'gradient', 'jacobian')
  })

  it('hessian of a vector output is refused by every method', () => {
    for (const method of HESSIAN_METHODS) {
      expectMessage(() => hessian((x) => mul(x, x), v2, method), TransformError, 'scalar')
    }
  })

  it('hessian with an unknown method lists the four methods', () => {
    expectMessage(() => hessian((x) => sum(x), v2, 'sideways'), ArgumentError, 'sideways', ...HESSIAN_METHODS)
  })

  it("pullback's back with a wrong-shaped cotangent names both shapes", () => {
    const { back } = pullback((x) => mul(x, x), v3)
    expectMessage(() => back(v2), ShapeError, 'cotangent', '3-vector', '2-vector')
    expectMessage(() => back(scalar(1)), ShapeError, 'scalar')
    expectMessage(() => vjp(sin, v3, zeros([3, 1])), ShapeError, 'vjp', '3×1 matrix')
  })

  it('jvp and hvp with a wrong-shaped tangent name both shapes', () => {
    expectMessage(() => jvp(sin, v3, v2), ShapeError, 'tangent', '3-vector', '2-vector')
    expectMessage(() => hvp((x) => sum(x), v3, v2), ShapeError, 'hvp', '3-vector', '2-vector')
  })
})

describe('shape errors name the operation and both shapes', () => {
  it('elementwise arithmetic', () => {
    expectMessage(() => add(v3, v2), ShapeError, '+', '3-vector', '2-vector')
    expectMessage(() => sub(v3, v2), ShapeError, '-', '3-vector', '2-vector')
    expectMessage(() => mul(v3, t([[1, 2, 3]])), ShapeError, '.*', '3-vector', '1×3 matrix')
    expectMessage(() => div(v2, v3), ShapeError, './', '2-vector', '3-vector')
    expectMessage(() => pow(v2, v3), ShapeError, '.^', '2-vector', '3-vector')
  })

  it('the matrix product reports the inner dimensions, and hints at dot for two vectors', () => {
    const a = t([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expectMessage(() => matmul(a, v2), ShapeError, 'matrix product', '2×3 matrix', '2-vector', '3 and 2')
    expectMessage(() => matmul(v3, v3), ShapeError, '3-vector', 'dot')
    expectMessage(() => matmul(a, a), ShapeError, '2×3 matrix', 'inner dimensions')
  })

  it('structural operations', () => {
    expectMessage(() => dot(v3, v2), ShapeError, 'dot', '3-vector', '2-vector')
    expectMessage(() => reshape(v3, [2, 2]), ShapeError, 'reshape', '3 elements', '2×2 matrix', '4')
    expectMessage(() => concat([t([[1, 2]]), t([[1, 2, 3]])], 0), ShapeError, 'concat', '1×2 matrix', '1×3 matrix')
    expectMessage(() => stack([v3, v2]), ShapeError, 'stack', '3-vector', '2-vector')
    expectMessage(() => broadcastTo(v2, [3, 3], 0), ShapeError, 'broadcast', '2-vector', '3×3 matrix')
    expectMessage(() => sum(v3, 1), ShapeError, 'sum', 'dimension 2', '3-vector')
    expectMessage(() => det(t([[1, 2]])), ShapeError, 'det', 'square', '1×2 matrix')
    expectMessage(() => inv(v3), ShapeError, 'inv', 'square', '3-vector')
    expectMessage(() => ifelse(v2, v3, v3), ShapeError, 'ifelse', '2-vector', '3-vector')
  })

  it('an index out of range names the index, the dimension and the valid range (1-based)', () => {
    expectMessage(() => getindex(v3, [3]), ShapeError, 'index 4', 'out of range', '3-vector', '1 to 3')
    expectMessage(() => getindex(v3, [[0, -1]]), ShapeError, 'index 0', 'out of range')
    expectMessage(() => getindex(t([[1, 2]]), [0, 2]), ShapeError, 'index 3', 'dimension 2', '1×2 matrix')
    expectMessage(() => getindex(v3, [0, 0]), ShapeError, '3-vector', '1 indices', '2')
  })
})

describe('domain errors: undefined or infinite results from finite inputs', () => {
  it('log of a negative number and of 0', () => {
    expectMessage(() => log(-1), DomainError, 'log(-1)', 'positive')
    expectMessage(() => log(0), DomainError, 'log(0)', '-Infinity', 'positive')
    expectMessage(() => log(vector([1, -2])), DomainError, 'log(-2)')
  })

  it('0/0 and 1/0', () => {
    expectMessage(() => div(0, 0), DomainError, '0/0', 'undefined')
    expectMessage(() => div(1, 0), DomainError, 'division by zero', '1/0')
    expectMessage(() => div(vector([1, 2]), vector([1, 0])), DomainError, '2/0', 'element 2')
  })

  it('sqrt of a negative number, powers without a real value, overflow, a singular inverse', () => {
    expectMessage(() => sqrt(-1), DomainError, 'sqrt(-1)', 'negative', 'not real')
    expectMessage(() => pow(-8, 1 / 3), DomainError, 'negative base', 'integer exponent')
    expectMessage(() => pow(0, -1), DomainError, '0.^-1', 'infinite')
    expectMessage(() => exp(1000), DomainError, 'exp(1000)', 'infinity')
    expectMessage(() => abs2(1e200), DomainError, 'abs2')
    expectMessage(
      () =>
        inv(
          t([
            [1, 2],
            [2, 4],
          ]),
        ),
      DomainError,
      'singular',
      '2×2 matrix',
    )
  })

  it('non-finite inputs pass through: only a fresh NaN or infinity is an error', () => {
    expect(() => add(Infinity, 1)).not.toThrow()
    expect(() => log(NaN)).not.toThrow()
  })

  it("sqrt's derivative at 0 is refused, naming sqrt and why", () => {
    for (const d of [() => derivative(sqrt, scalar(0)), () => gradient((x: Value) => sum(sqrt(x)), vector([0, 1]))]) {
      expectMessage(d, DomainError, 'sqrt', 'not differentiable at 0')
    }
  })

  it("log's derivative rule reports where it failed; det's gradient is defined at a singular matrix", () => {
    expectMessage(() => derivative(log, scalar(0)), DomainError, 'log(0)')
    // ∂det/∂A is the cofactor matrix, defined everywhere: [d -c; -b a] for [a b; c d].
    const g = gradient(
      det,
      t([
        [1, 2],
        [2, 4],
      ]),
    )
    expect(Array.from(concrete(g).data)).toEqual([4, -2, -2, 1])
  })

  it('a derivative that overflows names the actual point and the overflow, not a division by zero', () => {
    // d/dx log(x) = 1/x = 1e320 at x = 1e-320: too large for a float64, but x is not 0.
    const log320 = caught(() => derivative(log, scalar(1e-320)), DomainError).message
    expect(log320).toContain('1/1e-320 overflows')
    expect(log320).toContain('float64')
    expect(log320).toContain('while differentiating log at 1e-320')
    expect(log320).not.toContain('/0')
    expect(log320).not.toContain('not differentiable at 0')
    // d/dx (1/x) = -1/x² = -1e400 at x = 1e-200.
    const recip = caught(() => derivative((x) => div(1, x), scalar(1e-200)), DomainError).message
    expect(recip).toContain('1e+200/1e-200 overflows')
    expect(recip).toContain('at 1 and 1e-200')
    expect(recip).not.toContain('division by zero')
    expect(recip).not.toContain('zero denominator')
    // Reverse mode says the same.
    const back = caught(() => gradient((x) => sum(div(1, x)), vector([1, 1e-200])), DomainError).message
    expect(back).toContain('1e+200/1e-200 overflows')
    expect(back).toContain('element 2')
  })

  it('where the point is singular, the context still says so', () => {
    expectMessage(() => derivative((x) => div(1, x), scalar(0)), DomainError, 'division by zero')
    expectMessage(() => derivative(sqrt, scalar(0)), DomainError, 'sqrt at 0', 'not differentiable at 0')
  })

  it('a product too large for a float64 is called an overflow', () => {
    expectMessage(() => mul(1e300, 1e300), DomainError, 'mul overflowed to Infinity', 'float64')
  })
})
