/**
 * Julia's `[a, b]` with array entries is a vector of arrays (Base's vect), which the notebook
 * cannot hold; it used to stack them into a matrix silently. Now the learner is told which
 * concatenation to write, and each suggestion runs as typed with Julia's meaning.
 */
import { describe, expect, it } from 'vitest'
import { expectJsonClose, julia } from './julia.ts'

describe('Julia cells: [v, w] of vectors', () => {
  it('is refused with the three concatenations that run, each giving Julia’s result', () => {
    const s = julia('v = [1.0, 2.0]\nw = [3.0, 4.0]')
    const error = s.error('[v, w]')
    expect(error).toMatch(/vector of arrays/)
    expect(error).toContain('[v w]')
    expect(error).toContain('[v; w]')
    expect(error).toContain("[v'; w']")
    expectJsonClose(s.run('[v w]'), [
      [1, 3],
      [2, 4],
    ])
    expectJsonClose(s.run('[v; w]'), [1, 2, 3, 4])
    expectJsonClose(s.run("[v'; w']"), [
      [1, 2],
      [3, 4],
    ])
  })

  it('numbers, and entries that are numbers computed from arrays, still make a vector', () => {
    const s = julia('v = [1.0, 2.0]')
    expectJsonClose(s.run('[1, 2, 3]'), [1, 2, 3])
    expectJsonClose(s.run('[v[2], sum(v), v[1]^2]'), [2, 3, 1])
    expectJsonClose(s.run('gradient(x -> sum([x[1] * x[2], x[2]]), [2.0, 3.0])[1]'), [3, 3])
  })
})
