/**
 * LinearAlgebra's I in `ad` cells as in Julia cells (issue 12, point 6): the identity of the
 * square matrix it meets, scaled by a number that derivatives flow through.
 */
import { describe, expect, it } from 'vitest'
import { run, runError, session } from './helpers.ts'

const A = 'A = [0, 3, 2; 1, 0, 3; 2, 1, 0]\n'

describe('I in ad cells', () => {
  it('A + I adds 1 to the diagonal, A - 2*I and A - 2I subtract 2', () => {
    expect(run(`${A}A + I`)).toEqual([
      [1, 3, 2],
      [1, 1, 3],
      [2, 1, 1],
    ])
    expect(run(`${A}A - 2*I`)).toEqual(run(`${A}A - 2I`))
    expect(run(`${A}(A - 2*I)[1, 1]`)).toBe(-2)
  })

  it('I*x is x, I(2) the 2×2 identity, -I subtracts', () => {
    expect(run('I * [1, 2]')).toEqual([1, 2])
    expect(run('I(2)')).toEqual([
      [1, 0],
      [0, 1],
    ])
    expect(run(`${A}(A + -I)[2, 2]`)).toBe(-1)
  })

  it('d/dλ tr(A + λI) = 3, and the gradient of sum(A + λI) in A is all ones', () => {
    expect(run(`${A}g(l) = tr(A + l * I)\nderivative(g, 1)`)).toBe(3)
    expect(run(`${A}s(M) = sum(M + 2 * I)\ngradient(s, A)`)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ])
  })

  it('I meets only square matrices, and a notebook may use the name I for its own value', () => {
    expect(runError('[1, 2, 3] + I')).toMatch(/square/)
    const s = session()
    s.run('I = 5')
    expect(s.run('I + 1')).toBe(6)
  })
})
