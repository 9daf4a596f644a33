// What a cell defines and uses, read without running it.
import { describe, expect, it } from 'vitest'
import { analyzeCell } from '../../../engine/standard.ts'

describe('analyzeCell', () => {
  it('finds definitions and free names, not builtins, parameters or names defined earlier', () => {
    const a = analyzeCell('f(x) = sum(abs2, A * x)\ng(x) = gradient(f, x)\ng(x1) + f(x1)')
    expect(a.defines).toEqual(['f', 'g'])
    expect(a.uses.sort()).toEqual(['A', 'x1'])
  })

  it('binds the parameters of inline definitions and end inside an index', () => {
    const a = analyzeCell('gradient(q(v) = c * sum(v .* v), x[2:end])')
    expect(a.uses.sort()).toEqual(['c', 'x'])
  })

  it('treats field names as fields, not variables', () => {
    expect(analyzeCell('p.back(v)').uses.sort()).toEqual(['p', 'v'])
  })

  it('lets a function call itself', () => {
    expect(analyzeCell('f(n) = n < 1 ? 1 : n * f(n - 1)').uses).toEqual([])
  })

  it('names sliders', () => {
    expect(analyzeCell('x1 = slider(-2, 2, 0.1, 0.5)').sliders).toEqual(['x1'])
  })

  it('reports a syntax error with its line', () => {
    const a = analyzeCell('a = 1\nb = [1, 2')
    expect(a.syntaxError?.span?.line).toBe(2)
    expect(a.defines).toEqual([])
  })
})

describe('analysis takes work proportional to the cell', () => {
  /** Names put into sets while analysing (a Set built from a list adds each element too). */
  function namesAdded(source: string): number {
    let added = 0
    const add = Set.prototype.add
    Set.prototype.add = function <T>(this: Set<T>, value: T) {
      added++
      return add.call(this, value) as Set<T>
    }
    try {
      analyzeCell(source)
    } finally {
      Set.prototype.add = add
    }
    return added
  }
  const cell = (lines: number) => Array.from({ length: lines }, (_, i) => `x${i} = x${i - 1} + 1`).join('\n')

  // A count, not a time: the allowance is for a busy machine (these build cells of 10⁴–10⁵ lines).
  it('four times the statements, four times the names handled', () => {
    // Copying the names defined so far for every statement made a 30,000-line cell take 23 s.
    const small = namesAdded(cell(2000))
    expect(namesAdded(cell(8000)) / small).toBeLessThan(4.5)
  }, 60_000)

  it('a long cell still reads its own names as its own', () => {
    // The first line is x0 = x-1 + 1, which reads x; every later line reads the one before.
    const a = analyzeCell(cell(3000))
    expect(a.uses).toEqual(['x'])
    expect(a.defines).toHaveLength(3000)
  })
})
