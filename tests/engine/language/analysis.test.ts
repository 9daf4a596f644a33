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
