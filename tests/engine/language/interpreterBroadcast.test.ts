/**
 * broadcastCall, the interpreter's f.(x, y), on its own: the dialect chooses the alignment of
 * the one broadcasting primitive (Julia from the first dimension, numpy from the last), and an
 * `ad` cell keeps its rule of equal shapes.
 */
import { describe, expect, it } from 'vitest'
import { concrete } from '../../../engine/ad/value.ts'
import { broadcastCall } from '../../../engine/language/broadcast.ts'
import type { LangFunction, LangValue } from '../../../engine/language/values.ts'
import * as ops from '../../../engine/ops/index.ts'
import { toNested } from '../../../engine/tensor/tensor.ts'
import { t } from '../helpers.ts'

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
