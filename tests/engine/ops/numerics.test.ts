/**
 * Numerics at the edges (issue 13, item 5): norms scaled as hypot is, so that tiny and huge
 * entries neither underflow nor overflow, with the subgradient 0 at the zero vector; det's
 * gradient, the cofactor matrix adj(A)ᵀ, at singular and ill-conditioned matrices; logdet beyond
 * float64 and its messages. Each value comes from a closed form (‖(3, 4)·k‖ = 5k, ∇‖x‖ = x/‖x‖,
 * cofactors by expansion in plain numbers) or from finite differences.
 */
import { describe, expect, it } from 'vitest'
import { collectNotes } from '../../../engine/ad/notes.ts'
import type { Value } from '../../../engine/index.ts'
import {
  concrete,
  det,
  gradient,
  hessian,
  identity,
  jvp,
  logabsdet,
  logdet,
  matrix,
  mul,
  norm,
  normP,
  reshape,
  vector,
} from '../../../engine/index.ts'
import { expectClose, expectExact, expectHessianMatchesFD } from '../helpers.ts'

const METHODS = ['forward-over-reverse', 'reverse-over-reverse', 'forward-over-forward', 'reverse-over-forward']

/** |actual - expected| <= rel·|expected| elementwise: a relative check that means something at 1e-300. */
function expectRelative(actual: Value, expected: readonly number[], rel = 4 * Number.EPSILON): void {
  const a = concrete(actual).data
  expect(a.length).toBe(expected.length)
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= rel * Math.abs(e))) expect.fail(`element ${i}: ${a[i]} is not ${e} (relative ${rel})`)
  })
}

describe('norm, scaled as hypot is', () => {
  it.each([1e-200, 1e-300, 1e-310, 1, 1e200, 1e300])('‖(3k, 4k)‖ = 5k and its gradient is (0.6, 0.8), k = %s', (k) => {
    const x = vector([3 * k, 4 * k])
    const exact = Math.hypot(3 * k, 4 * k)
    // A subnormal k has fewer digits: the tolerance is its spacing.
    const rel = k < 1e-300 ? 1e-9 : 4 * Number.EPSILON
    expectRelative(norm(x), [exact], rel)
    expectRelative(gradient(norm, x), [(3 * k) / exact, (4 * k) / exact], rel)
  })

  it('is finite for entries whose squares overflow, and exact for a matrix of them (Frobenius)', () => {
    const big = vector([1e200, 1e200, 1e200, 1e200])
    expectRelative(norm(big), [2e200])
    expectRelative(gradient(norm, big), [0.5, 0.5, 0.5, 0.5])
  })

  it.each(METHODS)('Hessian at 1e200 scale is (I - u uᵀ)/‖x‖, %s', (method) => {
    const k = 1e200
    const x = vector([3 * k, 4 * k])
    const u = [0.6, 0.8]
    const closed = u.map((ui, i) => u.map((uj, j) => ((i === j ? 1 : 0) - ui * uj) / (5 * k)))
    const H = concrete(hessian(norm, x, method)).data
    closed.flat().forEach((h, i) => expect(Math.abs(H[i]! - h)).toBeLessThanOrEqual(1e-14 * (1 / (5 * k))))
  })

  it('at the zero vector: value 0, gradient 0 (the subgradient ChainRules uses), Hessian 0, and a note', () => {
    const zero = vector([0, 0, 0])
    expectExact(norm(zero), 0)
    const { result, notes } = collectNotes(() => gradient(norm, zero))
    expectExact(result, [0, 0, 0])
    expect(notes).toContain(
      "norm is not differentiable at the zero vector; the derivative used here is 0 (a subgradient, as in Julia's ChainRules, where Zygote gives 0; JAX gives NaN)",
    )
    const zeros3 = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]
    for (const method of METHODS) expectExact(hessian(norm, zero, method), zeros3)
  })

  it('overflows only when the norm itself is beyond float64, and then says so', () => {
    expectRelative(norm(vector([1e308, 1e307])), [Math.hypot(1e308, 1e307)])
    expect(() => norm(vector([1.5e308, 1.5e308]))).toThrow(/^norm overflowed: the norm of these entries is beyond/)
  })

  it('passes infinite and NaN entries through, as Julia does (norm([Inf, 1]) = Inf)', () => {
    expectExact(norm(vector([Infinity, 1])), Infinity)
    expect(Number.isNaN(concrete(norm(vector([NaN, 1]))).item())).toBe(true)
  })
})

describe('norm(x, p), scaled', () => {
  it.each([3, 1.5, 4])('p = %s at 1e-200 and 1e200: value and gradient from the closed form', (p) => {
    for (const k of [1e-200, 1e200]) {
      const base = [1, -2, 3]
      const x = vector(base.map((v) => v * k))
      const unit = Math.pow(
        base.reduce((s, v) => s + Math.abs(v) ** p, 0),
        1 / p,
      )
      expectRelative(normP(x, p), [unit * k], 1e-14)
      // ∂‖x‖ₚ/∂xᵢ = sign(xᵢ)·(|xᵢ|/‖x‖ₚ)^(p-1): scale-free.
      const closed = base.map((v) => Math.sign(v) * (Math.abs(v) / unit) ** (p - 1))
      expectRelative(
        gradient((y) => normP(y, p), x),
        closed,
        1e-14,
      )
    }
  })

  it('p = 3 at the zero vector: subgradient 0 with a note naming norm(x, 3)', () => {
    const { result, notes } = collectNotes(() => gradient((y) => normP(y, 3), vector([0, 0])))
    expectExact(result, [0, 0])
    expect(notes.join('\n')).toMatch(/^norm\(x, 3\) is not differentiable at the zero vector/)
  })

  it('p = 3: Hessian matches differences of the gradient at an ordinary point', () => {
    expectHessianMatchesFD((y) => normP(y, 3), vector([0.5, -1.2, 2]))
  })

  it('plain values keep their last digits: norm([3, -4], p)', () => {
    expectExact(normP(vector([3, -4]), 2), 5)
    expectClose(normP(vector([3, -4]), 3), Math.cbrt(27 + 64), 1e-15)
  })
})

// ---------------------------------------------------------------------------------------------
// det: its gradient is the cofactor matrix adj(A)ᵀ, which exists at every A

/** det by cofactor expansion along the first row, in plain numbers: independent of the engine. */
function plainDet(a: number[][]): number {
  if (a.length === 1) return a[0]![0]!
  return a[0]!.reduce((s, a0j, j) => {
    const minor = a.slice(1).map((row) => row.filter((_, c) => c !== j))
    return s + (j % 2 === 0 ? 1 : -1) * a0j * plainDet(minor)
  }, 0)
}

/** The cofactor matrix Cᵢⱼ = (-1)^(i+j) det(A without row i and column j), in plain numbers. */
function plainCofactors(a: number[][]): number[][] {
  if (a.length === 1) return [[1]]
  return a.map((_, i) =>
    a.map((__, j) => {
      const minor = a.filter((_r, r) => r !== i).map((row) => row.filter((_c, c) => c !== j))
      return ((i + j) % 2 === 0 ? 1 : -1) * plainDet(minor)
    }),
  )
}

const SINGULAR: [string, number[][]][] = [
  [
    '2×2 of rank 1',
    [
      [1, 2],
      [2, 4],
    ],
  ],
  [
    '3×3 of rank 2',
    [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ],
  ],
  [
    '3×3 of rank 1 (every cofactor 0)',
    [
      [1, 2, 3],
      [2, 4, 6],
      [-1, -2, -3],
    ],
  ],
  [
    '4×4 of rank 3',
    [
      [1, 2, 3, 4],
      [2, 4, 6, 8],
      [1, 0, 1, 0],
      [0, 1, 0, 3],
    ],
  ],
  [
    '4×4 zero matrix',
    [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
  ],
]

describe('det: the gradient adj(A)ᵀ at singular matrices', () => {
  it.each(SINGULAR)('%s: det is 0 and the gradient is the cofactor matrix', (_name, a) => {
    const A = matrix(a)
    // LU leaves a rounding error of order ε·|A|³ where the determinant is 0 (as Julia's det does).
    expectClose(det(A), 0, 1e-14)
    expectClose(gradient(det, A), plainCofactors(a), 1e-12)
  })

  it.each(SINGULAR)('%s: the forward rule agrees (jvp along a direction is sum(C .* V))', (_name, a) => {
    const V = a.map((row, i) => row.map((_, j) => Math.sin(1 + i + 2 * j)))
    const C = plainCofactors(a)
    const expected = C.reduce((s, row, i) => s + row.reduce((t, c, j) => t + c * V[i]![j]!, 0), 0)
    expectClose(jvp(det, matrix(a), matrix(V)), expected, 1e-12)
  })

  it.each(SINGULAR.slice(0, 4))('%s: every Hessian method matches differences of the gradient', (_name, a) => {
    // det is a polynomial: its Hessian is defined everywhere, singular matrices included.
    expectHessianMatchesFD(det, matrix(a), 1e-6)
  })

  it('2×2 Hessian in closed form: ∂²det/∂a∂d = 1, ∂²det/∂b∂c = -1, at a singular matrix', () => {
    const H = [
      [0, 0, 0, 1],
      [0, 0, -1, 0],
      [0, -1, 0, 0],
      [1, 0, 0, 0],
    ]
    for (const method of METHODS)
      expectClose(
        reshape(
          hessian(
            det,
            matrix([
              [1, 2],
              [2, 4],
            ]),
            method,
          ),
          [4, 4],
        ),
        H,
        0,
      )
  })

  it('ill-conditioned 4×4 (pivot ratio about 1e-12): the cofactors keep their digits', () => {
    const eps = 1e-12
    const a = [
      [2, 1, 0, 1],
      [1, 3, 1, 0],
      [0, 1, 4, 1],
      [2, 1, 0, 1 + eps],
    ]
    // Rows 1 and 4 differ by eps in one entry: det = eps·C₄₄, and every cofactor is an O(1) number.
    const C = plainCofactors(a)
    const scale = Math.max(...C.flat().map(Math.abs))
    const G = concrete(gradient(det, matrix(a))).data
    C.flat().forEach((c, k) => expect(Math.abs(G[k]! - c)).toBeLessThanOrEqual(1e-12 * scale))
  })
})

// ---------------------------------------------------------------------------------------------
// logdet and logabsdet

describe('logdet and logabsdet', () => {
  it('logdet of a determinant beyond float64 (1e-5·I of size 70: det = 1e-350) is 70·log(1e-5)', () => {
    const A = mul(identity(70), 1e-5)
    expectRelative(logdet(A), [70 * Math.log(1e-5)], 1e-14)
  })

  it('logabsdet gives log|det| and the sign, and its gradient is inv(A)ᵀ (closed form for 2×2)', () => {
    const A = matrix([
      [1, 2],
      [3, 4],
    ])
    const { value, sign } = logabsdet(A)
    expectClose(value, Math.log(2), 1e-15)
    expect(concrete(sign).item()).toBe(-1)
    // inv(A) = [4 -2; -3 1] / -2, so inv(A)ᵀ = [-2 1.5; 1 -0.5].
    expectClose(
      gradient((X) => logabsdet(X).value, A),
      [
        [-2, 1.5],
        [1, -0.5],
      ],
      1e-14,
    )
    expectHessianMatchesFD((X) => logabsdet(X).value, A, 1e-5)
  })

  it('logdet says what the determinant is and points to logabsdet where it is not positive', () => {
    expect(() =>
      logdet(
        matrix([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(
      'logdet: the determinant is -2, and logdet needs a positive determinant (the logarithm of a negative number is not real); logabsdet(A) gives log|det(A)| and the sign of det(A)',
    )
    expect(() =>
      logdet(
        matrix([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toThrow(/^logdet: the determinant is 0 \(the matrix is singular\), and logdet needs a positive determinant/)
  })
})
