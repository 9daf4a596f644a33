// Python's text of values in a Python cell: print (sep=" ", end="\n", Python's built-in
// functions docs), str and repr of numbers (float repr: shortest round trip, exponent notation
// from 1e16 and below 1e-4), NumPy's str of arrays, and format specs (the Format Specification
// Mini-Language). The expected texts are Python's, from its documentation's rules.
import { describe, expect, it } from 'vitest'
import { Scope } from '../../../../engine/language/scope.ts'
import { runCell } from '../../../../engine/notebook/run.ts'
import { pyFormat, pyNumber } from '../../../../engine/language/python/strings.ts'
import { scalar } from '../../../../engine/tensor/tensor.ts'
import { failure } from './cells.ts'

function printed(source: string): string[] {
  const r = runCell(source, new Scope(null), 'python')
  if (!r.ok) throw new Error(String(r.error))
  return r.printed ?? []
}

describe('print, as Python prints', () => {
  it('joins its values with a space and ends the line (sep=" ", end="\\n")', () => {
    expect(printed('print("x =", 1.5, "and", 2)\nprint("next")')).toEqual(['x = 1.5 and 2', 'next'])
  })
  it('takes sep and end', () => {
    expect(printed('print(1, 2, sep=", ", end="")\nprint("!")')).toEqual(['1, 2!'])
  })
  it("prints an array as NumPy's str: entries aligned, no commas", () => {
    expect(printed('import jax.numpy as jnp\nprint(jnp.array([[1., 2.5], [3., 4.]]))')).toEqual([
      '[[1.  2.5]',
      ' [3.  4. ]]',
    ])
  })
  it('prints None, True, a tuple and a dict as Python does', () => {
    expect(printed('print(None, True, (1.5, "a"), {"w": 0.5})')).toEqual(["None True (1.5, 'a') {'w': 0.5}"])
  })
  it('an f-string in a loop', () => {
    expect(printed('for i in range(3):\n    print(f"step {i}: {i / 4:.2f}")')).toEqual([
      'step 0: 0.00',
      'step 1: 0.25',
      'step 2: 0.50',
    ])
  })
})

describe("Python's float repr", () => {
  it.each([
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e20, '1.5e+20'],
    [1e16, '1e+16'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
  ])('%s is %s', (x, text) => {
    expect(pyNumber(x)).toBe(text)
  })
})

describe('the format mini-language', () => {
  it.each([
    [3.14159, '.2f', '3.14'],
    [3.14159, '10.3f', '     3.142'],
    [3.14159, '<10.1f', '3.1       '],
    [3.14159, '^9.1f', '   3.1   '],
    [3.14159, '*>8.1f', '*****3.1'],
    [-2.5, '+08.2f', '-0002.50'],
    [2.5, '+.1f', '+2.5'],
    [2.5, ' .1f', ' 2.5'],
    [1234567.891, ',.2f', '1,234,567.89'],
    [1234567.891, '_.1f', '1_234_567.9'],
    [0.000012345, '.3e', '1.234e-05'],
    [12345.678, 'E', '1.234568E+04'],
    [0.5, '%', '50.000000%'],
    [0.256, '.1%', '25.6%'],
    [1 / 3, '.4g', '0.3333'],
    [1234567, 'g', '1.23457e+06'],
    [100, 'g', '100'],
    [2.0, '.3', '2.0'],
    [42, '05d', '00042'],
    [42, 'd', '42'],
  ])('format(%s, %j) is %j', (x, spec, text) => {
    expect(pyFormat(scalar(x), spec)).toBe(text)
  })
  it("'d' on a number that is not whole is Python's ValueError", () => {
    expect(() => pyFormat(scalar(2.5), 'd')).toThrow(/Unknown format code 'd'/)
  })
  it('a string pads left-aligned and a precision cuts it', () => {
    expect(pyFormat('ab', '5')).toBe('ab   ')
    expect(pyFormat('abcdef', '.3')).toBe('abc')
  })
  it('an unknown spec is refused, located in the cell', () => {
    expect(failure('x = 1.\nf"{x:q}"')).toMatch(/Invalid format specifier 'q'|Unknown format code/)
  })
})
