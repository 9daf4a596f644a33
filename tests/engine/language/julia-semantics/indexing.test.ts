/**
 * Julia cells: indexing, iteration and assignment into arrays, in Julia's column-major order
 * (the Julia manual's "Multi-dimensional Arrays": linear indexing counts down the columns, and
 * a loop or a comprehension walks a matrix in that order). Zygote's refusal of mutation under
 * differentiation is a teaching message.
 */
import { describe, expect, it } from 'vitest'
import { expectNear, julia, juliaError } from './cells.ts'

const A = 'A = [1 2 3; 4 5 6]\n'

describe('indexing a matrix', () => {
  it('one index counts down the columns: A[2] is the second entry of the first column', () => {
    expect(julia(`${A}A[2]`)).toBe(4)
    expect(julia(`${A}A[3]`)).toBe(2)
  })
  it('A[:] is every entry, column after column; A[end] the last; a range picks a run', () => {
    expect(julia(`${A}A[:]`)).toEqual([1, 4, 2, 5, 3, 6])
    expect(julia(`${A}A[end]`)).toBe(6)
    expect(julia(`${A}A[2:4]`)).toEqual([4, 2, 5])
  })
  it('A[i, j] is row i, column j; a colon takes a whole row or column, as a vector', () => {
    expect(julia(`${A}A[2, 3]`)).toBe(6)
    expect(julia(`${A}A[:, 2]`)).toEqual([2, 5])
    expect(julia(`${A}A[1, :]`)).toEqual([1, 2, 3])
    expect(julia(`${A}A[1:2, end]`)).toEqual([3, 6])
  })
  it('a vector of indices keeps its dimension: A[:, [2]] is a 2×1 matrix', () => {
    expect(julia(`${A}A[:, [2]]`)).toEqual([[2], [5]])
    expect(julia(`${A}A[[2, 1], 1]`)).toEqual([4, 1])
  })
  it('a mask of trues and falses picks the entries where it holds (logical indexing), down the columns', () => {
    expect(julia('x = [3, -1, 4, -1]\nx[x .> 0]')).toEqual([3, 4])
    expect(julia(`${A}A[A .> 2]`)).toEqual([4, 5, 3, 6])
  })
  it('an index past the end says which indices exist', () => {
    expect(juliaError('x = [1, 2]\nx[3]')).toMatch(/index 3 is out of range.*1 to 2/)
    expect(juliaError(`${A}A[7]`)).toMatch(/index 7 is out of range.*1 to 6/)
  })
})

describe('walking a matrix: loops and comprehensions go down the columns', () => {
  it('for a in A visits 1, 3, 2, 4 for [1 2; 3 4] (weighted by visit order: 1·1 + 2·3 + 3·2 + 4·4 = 29)', () => {
    expect(julia('acc = 0\nk = 0\nfor a in [1 2; 3 4]\n  k += 1\n  acc += k * a\nend\nacc')).toBe(29)
  })
  it('a comprehension over a matrix keeps its shape', () => {
    expect(julia('[a^2 for a in [1 2; 3 4]]')).toEqual([
      [1, 4],
      [9, 16],
    ])
  })
  it('a filtered comprehension over a matrix is a vector, in column order', () => {
    expect(julia('[a for a in [1 2; 3 4] if a > 1]')).toEqual([3, 2, 4])
  })
  it('a comprehension over a range is a vector', () => {
    expect(julia('[i^2 for i in 1:4]')).toEqual([1, 4, 9, 16])
  })
})

describe('assigning into an array', () => {
  it('x[i] = v replaces one entry; x[end] += v updates the last', () => {
    expect(julia('x = [1, 2, 3]\nx[2] = 20\nx[end] += 1\nx')).toEqual([1, 20, 4])
  })
  it('A[k] = v with one index counts down the columns: A[3] is row 1, column 2', () => {
    expect(julia(`${A}A[3] = 10\nA`)).toEqual([
      [1, 10, 3],
      [4, 5, 6],
    ])
  })
  it('A[i, :] = v replaces a row', () => {
    expect(julia(`${A}A[2, :] = [7, 8, 9]\nA`)).toEqual([
      [1, 2, 3],
      [7, 8, 9],
    ])
  })
  it('a loop fills a local array inside a function (no differentiation involved)', () => {
    expect(
      julia('function squares(n)\n  y = zeros(n)\n  for i in 1:n\n    y[i] = i^2\n  end\n  y\nend\nsquares(3)'),
    ).toEqual([1, 4, 9])
  })
  it("under a reverse-mode gradient, assigning into an array gets Zygote's teaching message with what to write instead", () => {
    const cell = "function f(x)\n  y = zeros(2)\n  y[1] = x[1]^2\n  return sum(y)\nend\nf'([3.0, 1.0])"
    const message = juliaError(cell)
    expect(message).toMatch(/mutating arrays is not supported/)
    expect(message).toMatch(/comprehension/)
    expect(message).toMatch(/map\(f, x\)/)
    expect(message).toMatch(/vcat/)
  })
  it('the same function runs without differentiation', () => {
    expect(julia('function f(x)\n  y = zeros(2)\n  y[1] = x[1]^2\n  return sum(y)\nend\nf([3.0, 1.0])')).toBe(9)
  })
  it('the suggested comprehension differentiates: sum of squares built without mutation', () => {
    expectNear(julia("g(x) = sum([x[i]^2 for i in 1:length(x)])\ng'([3.0, 1.0])"), [6, 2])
  })
})

describe('derivatives through indexing', () => {
  it('f(x) = x[1]^2 + x[end]: gradient [2x₁, 0, 1]', () => {
    expectNear(julia("f(x) = x[1]^2 + x[end]\nf'([3.0, 1.0, 2.0])"), [6, 0, 1])
  })
  it('linear indices into a matrix under the gradient: A[2]·A[3] at [1 2; 3 4]', () => {
    // A[2] is A[2,1] = 3 and A[3] is A[1,2] = 2: d/dA[2,1] = 2, d/dA[1,2] = 3.
    expectNear(julia("p(A) = A[2] * A[3]\np'([1.0 2.0; 3.0 4.0])"), [
      [0, 3],
      [2, 0],
    ])
  })
  it('A[:] under the gradient: weights 1, 2, 3, 4 land down the columns', () => {
    expectNear(julia("w(A) = sum(A[:] .* [1, 2, 3, 4])\nw'([1.0 2.0; 3.0 4.0])"), [
      [1, 3],
      [2, 4],
    ])
  })
})
