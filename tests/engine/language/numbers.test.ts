/**
 * The one formatter module: each format against numbers written out by hand, including the
 * edges each was made for (float noise, infinities, exponents, -0, plurals of "pass").
 */
import { describe, expect, it } from 'vitest'
import {
  displayNumber,
  exactNumber,
  floatLiteral,
  formatMs,
  formatNumber,
  matrixText,
  plural,
  short,
  significant,
  subscript,
  tensorText,
  vectorText,
} from '../../../engine/language/numbers.ts'

describe('numbers as text', () => {
  it('formatNumber: 12 digits, integers and infinities as they are', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3')
    expect(formatNumber(1 / 3)).toBe('0.333333333333')
    expect(formatNumber(1e21)).toBe('1e+21')
    expect(formatNumber(-Infinity)).toBe('-Infinity')
  })

  it('displayNumber: 6 digits, exponents outside [1e-4, 1e6), Inf and NaN as the notebook writes them', () => {
    expect(displayNumber(1 / 3)).toBe('0.333333')
    expect(displayNumber(86)).toBe('86')
    expect(displayNumber(1.234567e-7)).toBe('1.23457e-7')
    expect(displayNumber(2.5e6)).toBe('2.5e6')
    expect(displayNumber(-0)).toBe('0')
    expect([displayNumber(Infinity), displayNumber(-Infinity), displayNumber(NaN)]).toEqual(['Inf', '-Inf', 'NaN'])
  })

  it('exactNumber: every digit, and -0 kept', () => {
    expect(exactNumber(0.1 + 0.2)).toBe('0.30000000000000004')
    expect(exactNumber(-0)).toBe('-0')
    expect(exactNumber(-Infinity)).toBe('-Inf')
  })

  it('short: a few digits, 0 for float noise relative to the scale', () => {
    expect(short(Math.sin(Math.PI))).toBe('0')
    expect(short(1e-11)).toBe('1e-11')
    expect(short(1e-7, 3, 1e6)).toBe('0')
    expect(short(2 / 3)).toBe('0.667')
    expect(short(2 / 3, 2)).toBe('0.67')
    expect(short(1e-13 * 1e6, 3, 1e6)).toBe('0')
    expect(short(NaN)).toBe('NaN')
    expect(significant(123456, 3)).toBe('123000')
  })

  it('times, float literals, plurals and subscripts', () => {
    expect(formatMs(0.01234)).toBe('0.012 ms')
    expect(formatMs(123.4)).toBe('123 ms')
    expect([floatLiteral(2), floatLiteral(-0.5)]).toEqual(['2.0', '-0.5'])
    expect([plural(1, 'pass'), plural(3, 'pass'), plural(2, 'node'), plural(0, 'input')]).toEqual([
      '1 pass',
      '3 passes',
      '2 nodes',
      '0 inputs',
    ])
    expect(subscript(12)).toBe('₁₂')
  })

  it('tensors in the notebook syntax: numbers, vectors, matrices by rows, nested above rank 2', () => {
    expect(tensorText({ shape: [], data: [2] })).toBe('2')
    expect(vectorText([1, 1 / 3])).toBe('[1, 0.333333]')
    expect(
      matrixText([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('[1, 2; 3, 4]')
    expect(tensorText({ shape: [2, 2], data: [1, 2, 3, 4] })).toBe('[1, 2; 3, 4]')
    expect(tensorText({ shape: [2, 1, 2], data: [1, 2, 3, 4] })).toBe('[[[1, 2]], [[3, 4]]]')
    expect(tensorText({ shape: [2], data: [0.1 + 0.2, 1] }, exactNumber)).toBe('[0.30000000000000004, 1]')
  })
})
