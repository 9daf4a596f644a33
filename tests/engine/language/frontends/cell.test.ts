/**
 * The cell seam: a Julia cell's functions show their definitions exactly as typed (the printer
 * once dropped a `return` body and showed `Dual("Nothing")` for `Dual{Nothing}`); ad cells keep
 * the printer's form.
 */
import { describe, expect, it } from 'vitest'
import type { LangFunction } from '../../../../engine/standard.ts'
import { Scope, runCell } from '../../../../engine/standard.ts'

function shown(source: string, language: 'ad' | 'julia', name: string): string {
  const scope = new Scope()
  const r = runCell(source, scope, language)
  if (!r.ok) throw new Error(r.error)
  return (scope.lookup(name) as LangFunction).source
}

describe('a function’s definition as shown', () => {
  it('Julia: function ... end with return, a short form with juxtaposition, an anonymous function', () => {
    const long = 'function g(x)\n  y = 2x\n  return y + 1\nend'
    expect(shown(long, 'julia', 'g')).toBe(long)
    expect(shown('f(x) = x^3 - 2x', 'julia', 'f')).toBe('f(x) = x^3 - 2x')
    expect(shown('h = x -> 3x  # a comment', 'julia', 'h')).toBe('x -> 3x')
    expect(shown('d(x) = ForwardDiff.Dual{Nothing}(x, 1.0)', 'julia', 'd')).toContain('Dual{Nothing}')
  })

  it('ad: the printer’s form, as before', () => {
    expect(shown('f(x) = x^3 - 2x', 'ad', 'f')).toBe('f(x) = x ^ 3 - 2 x')
  })
})
