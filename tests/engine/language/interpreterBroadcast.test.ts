/**
 * broadcastCall, the interpreter's f.(x, y), on its own: the dialect chooses the alignment of
 * the one broadcasting primitive (Julia from the first dimension, numpy from the last), and an
 * `ad` cell keeps its rule of equal shapes.
 */
import { describe, expect, it } from 'vitest'
import { concrete } from '../../../engine/ad/value.ts'
import { broadcastCall } from '../../../engine/language/broadcast.ts'
import { wholeArrayForm } from '../../../engine/language/functions.ts'
import type { LangFunction, LangValue } from '../../../engine/language/values.ts'
import * as ops from '../../../engine/ops/index.ts'
import { toNested } from '../../../engine/tensor/tensor.ts'
import { t } from '../helpers.ts'
import { array, assign, call, fn, index, kw, op, ret } from './trees.ts'

/** A function the interpreter knows nothing about, so it runs once per element. */
const plus: LangFunction = {
  kind: 'function',
  name: 'plus',
  params: ['a', 'b'],
  source: 'plus(a, b) = a + b',
  call: ([a, b]) => ops.add(a as never, b as never),
}
const nested = (v: LangValue) => toNested(concrete(v as never))

describe('broadcastCall', () => {
  it('Julia: a 3-vector against a 1×2 row gives 3×2', () => {
    expect(nested(broadcastCall(plus, [t([1, 2, 3]), t([[10, 20]])], 'julia'))).toEqual([
      [11, 21],
      [12, 22],
      [13, 23],
    ])
  })
  it('Python (numpy): a 3-vector against a 2×3 matrix is added to each row', () => {
    expect(
      nested(
        broadcastCall(
          plus,
          [
            t([1, 2, 3]),
            t([
              [10, 20, 30],
              [40, 50, 60],
            ]),
          ],
          'python',
        ),
      ),
    ).toEqual([
      [11, 22, 33],
      [41, 52, 63],
    ])
  })
  it('ad: different shapes are refused, as before', () => {
    expect(() => broadcastCall(plus, [t([1, 2, 3]), t([[10, 20]])])).toThrow(/one shape/)
  })
})

describe('wholeArrayForm: which bodies run once on whole arrays (conservatively)', () => {
  const x2 = op('^', 'x', 2)
  it('operators and calls on the parameters and outside names, with local assignments and a return', () => {
    expect(wholeArrayForm(fn('f', ['x'], op('+', op('*', 3, x2), 1)))).not.toBeNull()
    expect(wholeArrayForm(fn('f', ['x', 'y'], call('sin', [op('*', 'x', 'y')])))).not.toBeNull()
    expect(wholeArrayForm(fn('f', ['x'], assign('y', x2), ret(op('+', 'y', 'a'))))).not.toBeNull()
  })
  it('every operator and call is dotted, and outside names are listed for the check at each call', () => {
    const form = wholeArrayForm(fn('f', ['x'], op('+', call('sin', [x2]), 'a')))!
    expect(form.body).toMatchObject({ kind: 'binary', broadcast: true, left: { kind: 'call', broadcast: true } })
    expect([...form.values.keys()]).toEqual(['a'])
    expect([...form.callees.keys()]).toEqual(['sin'])
  })
  it('anything else goes element by element: indexing, array literals, keywords, a call of itself or of a parameter', () => {
    expect(wholeArrayForm(fn('f', ['x'], index('x', [1])))).toBeNull()
    expect(wholeArrayForm(fn('f', ['x'], array('x', 1)))).toBeNull()
    expect(wholeArrayForm(fn('f', ['x'], call('g', ['x'], [kw('k', 1)])))).toBeNull()
    expect(wholeArrayForm(fn('f', ['x'], call('f', ['x'])))).toBeNull()
    expect(wholeArrayForm(fn('f', ['x', 'g'], call('g', ['x'])))).toBeNull()
    expect(wholeArrayForm(fn('f', ['x'], op('and', 'x', 1)))).toBeNull()
  })
})
