/**
 * The Julia front-end's statements and positions: one statement per top-level statement with its
 * exact line and column, `;` hiding a value, every node's exact place in the cell, names marked
 * with the dialect, syntax errors with their place and a plain message, and whole cells
 * evaluated through runCell.
 */
import { describe, expect, test } from 'vitest'
import { LangError } from '../../../../../engine/language/errors.ts'
import { parseJulia } from '../../../../../engine/language/frontends/julia/index.ts'
import type { SyntaxNode } from '../../../../../engine/language/syntax/tree.ts'
import { children } from '../../../../../engine/language/syntax/walk.ts'
import { runCell } from '../../../../../engine/notebook/run.ts'
import { Scope } from '../../../../../engine/standard.ts'
import { juliaTree } from './sexpr.ts'

function syntaxErrorOf(source: string): LangError {
  try {
    parseJulia(source)
  } catch (err) {
    expect(err).toBeInstanceOf(LangError)
    expect((err as LangError).kind).toBe('syntax')
    return err as LangError
  }
  throw new Error(`expected a syntax error in ${JSON.stringify(source)}`)
}

function value(source: string): unknown {
  const r = runCell(source, new Scope(), 'julia')
  if (!r.ok) throw new Error(r.error)
  const v = r.value as { data?: ArrayLike<number>; shape?: number[] }
  if (v && typeof v === 'object' && 'data' in v && v.data) {
    const data = Array.from(v.data)
    return v.shape!.length === 0 ? data[0] : { shape: v.shape, data }
  }
  return v
}

describe('statements of a cell', () => {
  test('one statement per top-level statement, with its line and column', () => {
    const st = parseJulia('x = 1; y = 2\n\n  function f(x)\n    x\n  end\nz = 3')
    expect(st.map((s) => [s.line, s.column])).toEqual([
      [1, 1],
      [1, 8],
      [3, 3],
      [6, 1],
    ])
  })

  test('a trailing ; hides the value; a ; inside a comment does not', () => {
    expect(parseJulia('x = 1;').map((s) => s.silent)).toEqual([true])
    expect(parseJulia('x = 1 ;  \ny = 2').map((s) => s.silent)).toEqual([true, false])
    expect(parseJulia('x = 1 # a; b').map((s) => s.silent)).toEqual([false])
  })

  test('comments, blank lines and an empty cell give no statements', () => {
    expect(parseJulia('')).toEqual([])
    expect(parseJulia('# only a comment\n#= block\ncomment =#\n')).toEqual([])
  })

  test('every node has the exact place of its text', () => {
    const source = 'y = [1 2; 3 4]\nfunction f(θ)\n  return 2θ^2 + sin.(θ)\nend'
    const lines = source.split('\n')
    const walk = (node: SyntaxNode): void => {
      const { offset, length, line, column } = node.pos
      expect(lines[line - 1]!.length + 1).toBeGreaterThanOrEqual(column)
      const before = source.slice(0, offset).split('\n')
      expect([before.length, before[before.length - 1]!.length + 1]).toEqual([line, column])
      expect(length).toBeGreaterThan(0)
      expect(offset + length).toBeLessThanOrEqual(source.length)
      if (node.kind === 'name' && node.name !== 'end') expect(source.slice(offset, offset + length)).toBe(node.name)
      children(node).forEach(walk)
    }
    parseJulia(source).forEach((s) => walk(s.expr))
  })

  test('names carry the Julia dialect', () => {
    const [st] = parseJulia('gradient(f, x)')
    expect(st!.expr).toMatchObject({ kind: 'call', dialect: 'julia', callee: { kind: 'name', dialect: 'julia' } })
  })
})

describe('syntax errors name the place and what looks wrong', () => {
  test.each([
    ['function f(x)\n  x^2\n', 'the function at line 1, column 1 has no matching end'],
    ['for i in 1:3\n  s += i', 'the for at line 1, column 1 has no matching end'],
    ['y = (1 + 2', 'the ( at line 1, column 5 is never closed'],
    ['v = [1, 2', 'the [ at line 1, column 5 is never closed'],
    ['x = 1)', 'closes a bracket that was never opened'],
    ['x = 1\nend', 'this end has no block to close'],
    ['x = ', '= has nothing after it'],
    ['y = 2 +', '+ has nothing after it'],
    ['x = 1 2', '2 cannot follow 1 here'],
    ['z = 2 * (3 + 4\nw = 5', 'the ( at line 1, column 9 is never closed'],
    ['if x > 0\n  1\nelse\n  2', 'the if at line 1, column 1 has no matching end'],
    ['x = 1 +* 2', '+* is not an operator'],
    ['f(x) = x^^2', '^^ is not an operator'],
    ['println("hi)', 'the string that starts at line 1, column 9 is never closed'],
    ["x = 'ab'", 'single quotes hold one character'],
    ['[1, 2; 3, 4]', 'commas separate the entries of a vector'],
    ['def f(x):\n    return x', 'def is Python'],
    ['function f(x) = x^2', 'mixes the two ways to define a function'],
    ['else', 'else belongs inside an if ... end block'],
    ['x ->', '-> has nothing after it'],
    ['x = sin (1)', 'no space between sin and its (: write sin(1)'],
    ['A [1]', 'no space between A and its [: write A[1]'],
    ['julia> f(x)\n86', 'starts with the prompt julia> of a REPL session'],
    ['x = 1\n> n = 3', 'starts with the prompt > of a REPL session'],
    ['In [1]: x = 1', 'starts with the prompt In [1]: of a REPL session'],
    ['(; a, b) = p', 'write a = p.a; b = p.b'],
  ])('%j', (source, message) => {
    const err = syntaxErrorOf(source)
    expect(err.message).toContain(message)
    expect(err.message).not.toMatch(/parse error/i)
    expect(err.span?.line).toBeGreaterThan(0)
    expect(err.span?.column).toBeGreaterThan(0)
  })

  test('the span is the first error: line and column', () => {
    expect(syntaxErrorOf('a = 1\nb = 2)\nc = (').span).toMatchObject({ line: 2, column: 6 })
  })

  test('an expression too long or too deep for the grammar says so, with its place', () => {
    // Lezer stops reading one expression after about a thousand left-nested operators.
    const sum = syntaxErrorOf(`1${'+1'.repeat(1100)}`)
    expect(sum.message).toMatch(/too long or nests too deeply.*split it/)
    expect(sum.span).toMatchObject({ line: 1 })
    expect(syntaxErrorOf(`x = 1\n${'('.repeat(3000)}1${')'.repeat(3000)}`).message).toMatch(
      /too long or nests too deeply/,
    )
    expect(syntaxErrorOf(`${'-'.repeat(5000)}1`).span).toMatchObject({ line: 1, column: 1 })
    // No time is asserted: the allowance is for a busy machine (the grammar's error recovery on these is slow).
  }, 60_000)

  test('a cell with a syntax error runs nothing', () => {
    const scope = new Scope()
    const r = runCell('a = 5\nb = (', scope, 'julia')
    expect(r.ok).toBe(false)
    expect(scope.vars.has('a')).toBe(false)
  })
})

describe('cells evaluate', () => {
  test.each([
    ['f(x) = x^2 + 1; f(3)', 10],
    ['function g(x)\n  y = 2x\n  return y + 1\nend\ng(2)', 5],
    ['s = 0\nfor i in 1:10\n  s += i\nend\ns', 55],
    ['s = 0\nfor i = 1:2:9\n  s += i\nend\ns', 25],
    ['n = 0\nwhile n < 7\n  n += 2\nend\nn', 8],
    ['h = x -> 3x; h(2)', 6],
    ['p = (x, y) -> x * y; p(3, 4)', 12],
    ['k = () -> 7; k()', 7],
    ['(a, b) = (3, 4); a * b', 12],
    ['a, b = 3, 4; a - b', -1],
    ['let a = 2; a^3 end', 8],
    ['x = 10\nlet x = x + 1\n  x\nend', 11],
    ['if 1 > 2\n 3\nelseif 2 > 1\n 4\nelse\n 5\nend', 4],
    ['v = [1, 2, 3]; v[end]', 3],
    ['v = [1, 2, 3]; v[end-1]', 2],
    ['v = [4, 5, 6]; v[begin]', 4],
    ['-2^2', -4],
    ['x = 3; 2x^2', 18],
    ['x = 3; -2x^2', -18],
    ['sum([x^2 for x in 1:4 if x > 1])', 29],
    ['sum(x^2 for x in 1:3)', 14],
    ['true && false', false],
    ['1 < 2 <= 3', 1],
    ['2 > 1 ? 10 : 20', 10],
    ['begin\n  a = 1\n  a + 1\nend', 2],
    ['x = 5; y = 3; -(x - y)^2', -4],
    ['-(3)^2', -9],
    ['sum([2 * 3 4])', 10],
    ['x = 2; sum([x > 1 ? 10 : 0 x])', 12],
    ['x = 9; √4x', 18],
  ])('%j', (source, expected) => {
    const v = value(source)
    if (typeof expected === 'boolean') expect(v === expected || v === (expected ? 1 : 0)).toBe(true)
    else expect(v).toBeCloseTo(expected, 12)
  })

  test('[1 -2] is a 1×2 row, [1 - 2] the number -1 in a vector', () => {
    expect(value('[1 -2]')).toEqual({ shape: [1, 2], data: [1, -2] })
    expect(value('[1 - 2]')).toEqual({ shape: [1], data: [-1] })
    expect(value('[1 2; 3 4]')).toEqual({ shape: [2, 2], data: [1, 2, 3, 4] })
    expect(value('[1 2\n 3 4]')).toEqual({ shape: [2, 2], data: [1, 2, 3, 4] })
  })

  test('a comment ending a matrix row does not join it with the next', () => {
    expect(value('[1 2 # first row\n 3 4]')).toEqual({ shape: [2, 2], data: [1, 2, 3, 4] })
  })

  test('a long row of signed entries splits into every entry (each part parsed once)', () => {
    // Splitting one sign at a time re-read the rest each time: 500 entries took half a minute.
    const [st] = parseJulia(`[1${' -1'.repeat(1500)}]`)
    expect(st!.expr.kind === 'concat' && st!.expr.rows[0]!.length).toBe(1501)
  })

  test('a:s:b is a range with step s', () => {
    expect(value('collect(1:2:7)')).toEqual({ shape: [4], data: [1, 3, 5, 7] })
  })

  test('tree of a sample cell', () => {
    expect(juliaTree('f(x) = 2x^2')).toBe('(function f (x) (* 2 (^ x 2)))')
  })
})
