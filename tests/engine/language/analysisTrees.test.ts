// What cells written with the new constructs (tuples, loops, function bodies) define and use,
// read from trees as the Julia and Python front-ends will lower them.
import { describe, expect, it } from 'vitest'
import { analyzeStatements } from '../../../engine/language/analysis.ts'
import { analyzeCell } from '../../../engine/standard.ts'
import { array, assign, call, cmp, comprehension, fn, for_, index, op, range, targets, tuple } from './trees.ts'

describe('analyzeStatements', () => {
  it('a destructuring assignment defines each name', () => {
    const a = analyzeStatements([assign(targets('y', 'back'), call('pullback', ['f', 'x0']))])
    expect(a.defines).toEqual(['y', 'back'])
    expect(a.uses.sort()).toEqual(['f', 'x0'])
  })

  it("a function's locals and a loop's variable are not the notebook's names", () => {
    // function p(x) s = 0; for k in 1:n; s += x^k; end; s end
    const p = fn('p', ['x'], assign('s', 0), for_('k', range(1, 'n'), assign('s', op('^', 'x', 'k'), '+')), 's')
    const a = analyzeStatements([p])
    expect(a.defines).toEqual(['p'])
    expect(a.uses).toEqual(['n'])
  })

  it('a top-level loop reads what it updates, and the names it walks', () => {
    // total = 0; for v in vs; total += v * w; end
    const a = analyzeStatements([assign('total', 0), for_('v', 'vs', assign('total', op('*', 'v', 'w'), '+'))])
    expect(a.defines).toEqual(['total'])
    expect(a.uses).toEqual(['vs', 'w'])
    const b = analyzeStatements([for_('v', array(1, 2), assign('acc', 'v', '+'))])
    expect(b.uses).toEqual(['acc'])
  })

  it('x[i] = v reads x, its index and v, and defines x', () => {
    const a = analyzeStatements([assign(index('x', ['i']), 'v')])
    expect(a.uses).toEqual(['x', 'i', 'v'])
    expect(a.defines).toEqual(['x'])
    expect(analyzeCell('x = [1, 2]\nx[1] = c').uses).toEqual(['c'])
  })

  it("a comprehension's names are its own", () => {
    // [x * y for x in xs for y in 1:x if y > c]
    const a = analyzeStatements([
      comprehension(op('*', 'x', 'y'), ['x', 'xs'], ['y', range(1, 'x'), cmp('>', 'y', 'c')]),
    ])
    expect(a.uses).toEqual(['xs', 'c'])
  })

  it('tuples read their items; ad cells are analysed as before', () => {
    expect(analyzeStatements([tuple('a', 'b')]).uses).toEqual(['a', 'b'])
    const c = analyzeCell('f(x) = sum(abs2, A * x)\ng(x) = gradient(f, x)\ng(x1) + f(x1)')
    expect(c.defines).toEqual(['f', 'g'])
    expect(c.uses.sort()).toEqual(['A', 'x1'])
  })
})
