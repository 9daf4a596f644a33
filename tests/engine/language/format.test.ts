/**
 * Values as JSON (the runner's --json and these tests) and as text (the terminal): numbers,
 * vectors as arrays, matrices as arrays of rows, strings, booleans, functions by their source,
 * records such as the pullback object field by field; matrices as aligned text.
 */
import { describe, expect, it } from 'vitest'
import { formatNumber, record, toJson, toText } from '../../../engine/standard.ts'
import { matrix, scalar, vector } from '../../../engine/index.ts'
import { value } from './helpers.ts'

describe('toJson', () => {
  it('a number, a vector, a matrix of rows, and higher tensors nested', () => {
    expect(toJson(scalar(2.5))).toBe(2.5)
    expect(toJson(vector([1, 2, 3]))).toEqual([1, 2, 3])
    expect(
      toJson(
        matrix([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(toJson(value('reshape(1:8, [2, 2, 2])'))).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ])
    expect(toJson(vector([]))).toEqual([])
  })

  it('infinities and NaN, which JSON cannot hold, as strings', () => {
    expect(toJson(scalar(Infinity))).toBe('Infinity')
    expect(toJson(scalar(-Infinity))).toBe('-Infinity')
    expect(toJson(vector([1, NaN]))).toEqual([1, 'NaN'])
    expect(JSON.parse(JSON.stringify(toJson(vector([Infinity]))))).toEqual(['Infinity'])
  })

  it('strings, booleans, and nothing as null', () => {
    expect(toJson('forward-over-reverse')).toBe('forward-over-reverse')
    expect(toJson(true)).toBe(true)
    expect(toJson(false)).toBe(false)
    expect(toJson(undefined)).toBeNull()
  })

  it('a function as {function: its source}', () => {
    expect(toJson(value('f(x) = sum(abs2, A * x)'))).toEqual({ function: 'f(x) = sum(abs2, A * x)' })
    expect(toJson(value('sin'))).toEqual({ function: 'sin' })
  })

  it('a pullback record as an object with value and back', () => {
    expect(toJson(value('pullback(f(x) = x .* x, [1, 2])'))).toEqual({
      value: [1, 4],
      back: { function: 'back' },
    })
    expect(toJson(record('record', { a: scalar(1), s: 'x', nested: record('record', { b: true }) }))).toEqual({
      a: 1,
      s: 'x',
      nested: { b: true },
    })
  })

  it('derivative values as plain numbers, not boxes', () => {
    expect(toJson(value('gradient(f(x) = sum(x .* x), [1, 2])'))).toEqual([2, 4])
  })
})

describe('formatNumber', () => {
  it('whole numbers as they are, others to 12 significant digits without float noise', () => {
    expect(formatNumber(86)).toBe('86')
    expect(formatNumber(-3)).toBe('-3')
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
    expect(formatNumber(1 / 3)).toBe('0.333333333333')
    expect(formatNumber(Math.PI)).toBe('3.14159265359')
    expect(formatNumber(1e-20)).toBe('1e-20')
    expect(formatNumber(Infinity)).toBe('Infinity')
    expect(formatNumber(NaN)).toBe('NaN')
  })
})

describe('toText', () => {
  it('numbers and vectors on one line', () => {
    expect(toText(scalar(86))).toBe('86')
    expect(toText(vector([16, 44, 64]))).toBe('[16, 44, 64]')
    expect(toText(vector([0.1 + 0.2, -1]))).toBe('[0.3, -1]')
  })

  it('a matrix as aligned rows under its shape', () => {
    const H = matrix([
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ])
    expect(toText(H)).toBe('3×3 matrix:\n 10   4   6\n  4  20  12\n  6  12  26')
    expect(
      toText(
        matrix([
          [-2, 1],
          [1.5, -0.5],
        ]),
      ),
    ).toBe('2×2 matrix:\n   -2     1\n  1.5  -0.5')
    expect(toText(matrix([[1, 2, 3]]))).toBe('1×3 matrix:\n 1  2  3')
  })

  it('a big matrix without running out of stack', () => {
    const text = toText(value('zeros(400, 400)'))
    const lines = text.split('\n')
    expect(lines[0]).toBe('400×400 matrix:')
    expect(lines.length).toBe(401)
    expect(lines[400]).toBe(' ' + Array(400).fill('0').join('  '))
  })

  it('strings quoted, booleans, nothing, functions by their source', () => {
    expect(toText('reverse-over-reverse')).toBe('"reverse-over-reverse"')
    expect(toText(true)).toBe('true')
    expect(toText(undefined)).toBe('(nothing)')
    expect(toText(value('g(x) = gradient(f, x)'))).toBe('g(x) = gradient(f, x)')
  })

  it('the pullback record with its value and the signature of back', () => {
    expect(toText(value('pullback(f(x) = 2 * x, [1, 2])'))).toBe('pullback { value: [2, 4], back: back(v) }')
  })
})
