/**
 * The finite differences the derivative checks trust: the 5-point central stencil against closed
 * forms (about 12 digits at scale 1, and at scale 1e6 thanks to the step's scaling), kinks and
 * jumps told apart from smooth curvature, and the indexing conventions that name entries.
 */
import { describe, expect, it } from 'vitest'
import { FD_STEP, directionalDerivative, fdJacobian } from '../../../engine/panels/finiteDifferences.ts'
import { entryLabel, multiIndex } from '../../../engine/panels/derivativeCheckIndex.ts'

const scalarFn = (g: (x: number) => number) => (z: Float64Array) => Float64Array.of(g(z[0]!))
const at = (g: (x: number) => number, x: number) =>
  directionalDerivative(scalarFn(g), Float64Array.of(x), Float64Array.of(1), Float64Array.of(g(x)))

describe('the 5-point central stencil', () => {
  it('exp at 1 and sin at 1e6 to about 12 digits (the step scales with |x|)', () => {
    expect(Math.abs(at(Math.exp, 1).derivative[0]! - Math.E)).toBeLessThan(1e-11)
    const big = at(Math.sin, 1e6)
    expect(big.step).toBeLessThan(FD_STEP * 1e6) // 740 is far too long a step for sin: it was cut
    expect(Math.abs(big.derivative[0]! - Math.cos(1e6))).toBeLessThan(1e-9)
  })

  it('a Jacobian by columns: f(x, y) = (x·y, x²) at (2, 3)', () => {
    const f = (z: Float64Array) => Float64Array.of(z[0]! * z[1]!, z[0]! ** 2)
    const cols = fdJacobian(f, Float64Array.of(2, 3), f(Float64Array.of(2, 3)))
    const J = [0, 1].map((i) => cols.map((c) => c.derivative[i]!))
    ;[
      [3, 2],
      [4, 0],
    ].forEach((row, i) => row.forEach((v, j) => expect(Math.abs(J[i]![j]! - v)).toBeLessThan(1e-10)))
  })
})

describe('kinks and jumps', () => {
  it('abs at 0 is a kink with slopes −1 and 1; a jump is a jump', () => {
    expect(at(Math.abs, 0).kink).toEqual({ output: 0, left: -1, right: 1, jump: false })
    expect(at((x) => (x > 0 ? 1 : 0), 0).kink?.jump).toBe(true)
  })

  it('smooth functions with large curvature are not kinks: exp(10x), x² at 0, cos at 0', () => {
    expect(at((x) => Math.exp(10 * x), 0).kink).toBeUndefined()
    expect(at((x) => x * x, 0).kink).toBeUndefined()
    expect(at(Math.cos, 0).kink).toBeUndefined()
  })

  it('a kink just inside the first stencil (relu at 1e-4) is stepped away from: the slope there is 1', () => {
    const near = at((x) => Math.max(0, x), 1e-4)
    expect(near.kink).toBeUndefined()
    expect(near.derivative[0]).toBeCloseTo(1, 12)
  })

  it('values that are not finite are said, with where', () => {
    expect(at((x) => 1 / (x - 2 * FD_STEP), 0).nonFinite).toBeUndefined() // finite, if large
    expect(at((x) => Math.log(x), 1e-12).nonFinite).toBeDefined()
  })
})

describe('naming entries', () => {
  it('column-major (Julia) and row-major (ad cells) multi-indices, from base 1 or 0', () => {
    expect(multiIndex([2, 3], 1, { base: 1, order: 'column' })).toEqual([2, 1])
    expect(multiIndex([2, 3], 1, { base: 1, order: 'row' })).toEqual([1, 2])
    expect(multiIndex([2, 3], 1, { base: 0, order: 'row' })).toEqual([0, 1])
  })

  it('labels for numbers, rows, columns and matrices', () => {
    const c = { base: 1, order: 'column' } as const
    const names = (yShape: number[], xShape: number[]) => ({ fn: 'f', arg: 'x', yShape, xShape })
    expect(entryLabel(names([], []), 0, 0, c)).toBe('∂f/∂x')
    expect(entryLabel(names([], [3]), 0, 2, c)).toBe('entry 3 of ∂f/∂x')
    expect(entryLabel(names([3], [3]), 1, 2, c)).toBe('entry (2,3) of ∂f/∂x')
    expect(entryLabel(names([3], [2, 2]), 1, 2, c)).toBe('entry (2,3) of ∂f/∂x (∂f[2]/∂x[1,2])')
  })
})
