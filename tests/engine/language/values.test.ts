/**
 * The kinds of values a notebook expression can have, and the words messages use for them.
 */
import { describe, expect, it } from 'vitest'
import {
  BUILTINS,
  LangError,
  callFunction,
  describe as describeValue,
  isFunction,
  isRecord,
  record,
  tensorOperand,
  toJson,
} from '../../../engine/standard.ts'
import { matrix, scalar, vector } from '../../../engine/index.ts'
import { value } from './helpers.ts'

describe('describe', () => {
  it('names each kind of value the way messages do', () => {
    expect(describeValue(scalar(1))).toBe('a scalar')
    expect(describeValue(vector([1, 2, 3]))).toBe('a 3-vector')
    expect(
      describeValue(
        matrix([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toBe('a 2×3 matrix')
    expect(describeValue('s')).toBe('a string')
    expect(describeValue(false)).toBe('a boolean')
    expect(describeValue(undefined)).toBe('nothing')
    expect(describeValue(BUILTINS.get('sin'))).toBe('the function sin')
    expect(describeValue(value('pullback(sin, 0)'))).toBe('a pullback object')
    expect(describeValue(record('record', {}))).toBe('a record object')
  })
})

describe('isFunction and isRecord', () => {
  it('tell functions and records from tensors, strings and plain objects', () => {
    expect(isFunction(BUILTINS.get('gradient'))).toBe(true)
    expect(isFunction(value('f(x) = x'))).toBe(true)
    expect(isFunction(scalar(1))).toBe(false)
    expect(isFunction('function')).toBe(false)
    expect(isFunction({ kind: 'record' })).toBe(false)
    expect(isFunction(null)).toBe(false)
    expect(isRecord(value('pullback(sin, 0)'))).toBe(true)
    expect(isRecord(value('{a: 1}'))).toBe(true)
    expect(isRecord(scalar(1))).toBe(false)
  })
})

describe('tensorOperand and callFunction', () => {
  it('takes tensors as they are and booleans as 0 and 1, and refuses the rest', () => {
    expect(toJson(tensorOperand(vector([1, 2]), 'x'))).toEqual([1, 2])
    expect(toJson(tensorOperand(true, 'x'))).toBe(1)
    expect(toJson(tensorOperand(false, 'x'))).toBe(0)
    expect(() => tensorOperand('s', 'the operator +')).toThrow(
      'the operator + needs a number, vector or matrix, but got a string',
    )
    expect(() => tensorOperand(BUILTINS.get('sin'), 'dot')).toThrow(LangError)
  })

  it('calls functions and refuses anything else', () => {
    expect(toJson(callFunction(BUILTINS.get('abs2'), [scalar(-3)]))).toBe(9)
    expect(() => callFunction(scalar(2), [scalar(1)])).toThrow('a scalar is not a function and cannot be called')
  })
})
