/**
 * Dense tensors: constructors, row-major layout, the words used for shapes in messages, and the
 * round trip to nested arrays.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Nested } from '../../../engine/index.ts'
import {
  ShapeError,
  Tensor,
  alloc,
  basis,
  describeShape,
  fromNested,
  full,
  identity,
  matrix,
  ones,
  sameShape,
  scalar,
  sizeOf,
  toNested,
  vector,
  zeros,
} from '../../../engine/index.ts'
import { RUNS, num, tensorOf } from '../helpers.ts'

describe('constructors', () => {
  it('scalar, vector and matrix hold their numbers row by row', () => {
    const s = scalar(2.5)
    expect(s.shape).toEqual([])
    expect(s.item()).toBe(2.5)
    expect(vector([1, 2, 3]).shape).toEqual([3])
    const m = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(m.shape).toEqual([2, 3])
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6])
    expect(m.size).toBe(6)
    expect(m.rank).toBe(2)
  })

  it('zeros, ones, full, identity and basis', () => {
    expect(toNested(zeros([2]))).toEqual([0, 0])
    expect(toNested(ones([1, 2]))).toEqual([[1, 1]])
    expect(toNested(full([], 7))).toBe(7)
    expect(toNested(identity(2))).toEqual([
      [1, 0],
      [0, 1],
    ])
    // Basis vectors are numbered in row-major order of the flattened tensor.
    expect(toNested(basis([2, 2], 1))).toEqual([
      [0, 1],
      [0, 0],
    ])
    expect(toNested(basis([2, 2], 2))).toEqual([
      [0, 0],
      [1, 0],
    ])
  })

  it('a matrix with rows of different lengths is a ShapeError naming both lengths', () => {
    expect(() => matrix([[1, 2], [3]])).toThrow(ShapeError)
    expect(() => matrix([[1, 2], [3]])).toThrow(/row 1 has 2, row 2 has 1/)
  })

  it('item() of a tensor with more than one element is a ShapeError', () => {
    expect(() => vector([1, 2]).item()).toThrow(ShapeError)
    expect(() => vector([1, 2]).item()).toThrow(/2-vector/)
    expect(vector([4]).item()).toBe(4)
  })
})

describe('shapes', () => {
  it('sizeOf multiplies the dimensions; a scalar has one element', () => {
    expect(sizeOf([])).toBe(1)
    expect(sizeOf([3])).toBe(3)
    expect(sizeOf([2, 3, 4])).toBe(24)
    expect(sizeOf([2, 0])).toBe(0)
  })

  it('sameShape compares rank and every dimension', () => {
    expect(sameShape([2, 3], [2, 3])).toBe(true)
    expect(sameShape([2, 3], [3, 2])).toBe(false)
    expect(sameShape([3], [3, 1])).toBe(false)
    expect(sameShape([], [])).toBe(true)
  })

  it('describeShape speaks the words the error messages use', () => {
    expect(describeShape([])).toBe('scalar')
    expect(describeShape([3])).toBe('3-vector')
    expect(describeShape([2, 3])).toBe('2×3 matrix')
    expect(describeShape([2, 3, 4])).toBe('2×3×4 tensor')
  })
})

describe('nested arrays', () => {
  it('toNested: a scalar is a number, a matrix a list of rows', () => {
    expect(toNested(scalar(3))).toBe(3)
    expect(toNested(new Tensor([2, 2, 2], Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])))).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ])
  })

  it('fromNested inverts toNested for tensors of any rank up to 3', () => {
    const shape = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 })
    fc.assert(
      fc.property(
        shape.chain((s) => tensorOf(s, num())),
        (x) => {
          const back = fromNested(toNested(x))
          expect(back.shape).toEqual(x.shape)
          expect(Array.from(back.data)).toEqual(Array.from(x.data))
        },
      ),
      RUNS,
    )
  })

  it('fromNested of empty arrays keeps the empty dimension', () => {
    expect(fromNested([]).shape).toEqual([0])
    expect(fromNested([[], []]).shape).toEqual([2, 0])
  })

  it('fromNested rejects ragged arrays', () => {
    expect(() => fromNested([[1, 2], [3]] as Nested)).toThrow(ShapeError)
    expect(() => fromNested([[1, 2], 3] as Nested)).toThrow(/ragged/)
    expect(() => fromNested([1, [2]] as Nested)).toThrow(/ragged/)
  })
})

describe('alloc: fresh arrays, some of them cut from shared slabs', () => {
  it('every array is zero-filled, of the asked length, and writing one never changes another', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const arrays = sizes.map((n) => alloc(n))
        arrays.forEach((a, k) => {
          expect(a.length).toBe(sizes[k])
          expect(a.every((v) => v === 0)).toBe(true)
          a.fill(k + 1)
        })
        arrays.forEach((a, k) => expect(a.every((v) => v === k + 1)).toBe(true))
      }),
      RUNS,
    )
  })
})
