/**
 * The `ad` front-end: mathjs's parse of a statement lowered into the language's own tree. The
 * tree is checked node by node on small cases; the source printer against mathjs's own
 * toString (an independent writer of the same syntax) on every statement of the lessons and on
 * cases chosen for their parentheses.
 */
import { create, parseDependencies } from 'mathjs'
import { describe, expect, it } from 'vitest'
import { parseStatement } from '../../../../engine/language/frontends/ad.ts'
import { printSource } from '../../../../engine/language/syntax/source.ts'
import type { Expr } from '../../../../engine/language/syntax/tree.ts'
import { lessonStatements } from '../syntax/lessons.ts'
import { positionOf, splitStatements } from '../../../../engine/language/statements.ts'

const math = create({ parseDependencies })

/** The tree without positions, for comparing shapes. */
function bare(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(bare)
  if (typeof e !== 'object' || e === null) return e
  return Object.fromEntries(
    Object.entries(e)
      .filter(([k]) => k !== 'pos')
      .map(([k, v]) => [k, bare(v)]),
  )
}
const tree = (text: string) => bare(parseStatement(text)) as Expr
const name = (n: string) => ({ kind: 'name', name: n })
const num = (v: number) => ({ kind: 'number', value: v, raw: String(v) })

describe('lowering mathjs into the tree', () => {
  it('keeps the operator and marks broadcasting and implicit products', () => {
    expect(tree('x .* y')).toEqual({
      kind: 'binary',
      op: '*',
      left: name('x'),
      right: name('y'),
      broadcast: true,
      implicit: false,
    })
    expect(tree('2 x')).toMatchObject({ kind: 'binary', op: '*', broadcast: false, implicit: true })
    expect(tree("x'")).toEqual({ kind: 'unary', op: "'", operand: name('x'), postfix: true, broadcast: false })
  })

  it('indexes from 1, with ranges that include their end and end as a name', () => {
    expect(tree('x[2:end, 1]')).toEqual({
      kind: 'index',
      object: name('x'),
      indices: [{ kind: 'range', start: num(2), step: null, stop: name('end'), inclusive: true }, num(1)],
      base: 1,
      negativeFromEnd: false,
    })
    expect(tree('1:2:9')).toMatchObject({ kind: 'range', start: num(1), step: num(2), stop: num(9) })
    expect(tree('p.back')).toEqual({ kind: 'field', object: name('p'), name: 'back' })
  })

  it('a definition binds its name; one written as an argument binds nothing', () => {
    expect(tree('f(x) = x')).toEqual({
      kind: 'function',
      name: 'f',
      params: [{ name: 'x' }],
      body: name('x'),
      defines: true,
    })
    const call = tree('gradient(q(v) = v, x)') as Extract<Expr, { kind: 'call' }>
    expect(call.args[0]).toMatchObject({ kind: 'function', name: 'q', defines: false })
    expect(call).toMatchObject({ callee: name('gradient'), keywords: [], broadcast: false })
  })

  it('chains comparisons, chooses elementwise in ? :, and keeps records and assignments', () => {
    expect(tree('a < b <= c')).toEqual({
      kind: 'compare',
      ops: ['<', '<='],
      operands: [name('a'), name('b'), name('c')],
    })
    expect(tree('c ? 1 : 2')).toMatchObject({ kind: 'ternary', elementwise: true })
    expect(tree('{a: 1}')).toEqual({ kind: 'record', fields: [{ name: 'a', value: num(1) }] })
    expect(tree('x[2] = 1')).toMatchObject({ kind: 'assign', target: { kind: 'index' }, value: num(1), op: null })
  })

  it('keeps what the language does not support as a node that fails only when evaluated', () => {
    expect(tree('undefined')).toMatchObject({ kind: 'unsupported', message: 'the constant undefined is not supported' })
  })

  it('gives every node the position of its statement', () => {
    const pos = { line: 3, column: 5, offset: 20, length: 9 }
    const seen: unknown[] = []
    const walk = (e: unknown): void => {
      if (Array.isArray(e)) return e.forEach(walk)
      if (typeof e !== 'object' || e === null) return
      if ('kind' in e) seen.push((e as unknown as { pos: unknown }).pos)
      Object.values(e).forEach(walk)
    }
    walk(parseStatement('f(x) = [x, sin(x)][2] + 1', pos))
    expect(seen.length).toBeGreaterThan(8)
    for (const p of seen) expect(p).toEqual(pos)
  })

  it('reads a sum of 10,000 terms with a loop: a flat chain, not a recursion per term', () => {
    const e = parseStatement(`x = 1${'+1'.repeat(9999)}`)
    let depth = 0
    for (let n = (e as { value: Expr }).value; n.kind === 'binary'; n = n.left) depth++
    expect(depth).toBe(9999)
  })
})

describe('the tree written back as ad source', () => {
  const cases = [
    '2 ^ -3',
    'a = b = 3',
    'adder(a) = add(x) = x + a',
    'f(x) = x > 0 ? x : -x',
    'a ? b : c ? d : e',
    '1e-20 + 100000 + 0.1',
    '[1, 2; 3, 4]',
    'A[:, 1]',
    'f(x)(2)',
    '(sq)(4)',
    'not a and b or c',
    'x .^ 2 .* y ./ z',
    '2 x / 3',
    '1/2 x',
    'a - (b - c) - d',
    'a / (b * c) * d',
    'x ^ 2 ^ 3',
    '(x ^ 2) ^ 3',
    '-x ^ 2',
    '(-x) ^ 2',
    "(A * x)' * y",
    'a < b <= c',
    '"a \\"quoted\\" string"',
    '{a: 1, b: [1, 2]}',
    'p.back(v)[2]',
    'g0.5',
    'tan 1e308abs2',
    'f undefined',
    'f (-2) x',
  ]
  it.each(cases)('%s reads as mathjs writes it', (text) => {
    expect(printSource(parseStatement(text))).toBe(math.parse(text).toString())
  })

  it('every statement of the lessons reads as mathjs writes it', () => {
    const statements = lessonStatements()
    expect(statements.length).toBeGreaterThan(100)
    for (const text of statements) expect(printSource(parseStatement(text)), text).toBe(math.parse(text).toString())
  })
})

describe('positions in a cell', () => {
  it('a statement’s nodes carry where the statement is in its cell', () => {
    const source = 'a = 1\n  b = [a, 2]; c = b'
    const [, b, c] = splitStatements(source).map((st) => parseStatement(st.text, positionOf(st)))
    expect(b!.pos).toEqual({ line: 2, column: 3, offset: 8, length: 10 })
    expect((b as Extract<Expr, { kind: 'assign' }>).value.pos).toEqual(b!.pos)
    expect(c!.pos).toEqual({ line: 2, column: 15, offset: 20, length: 5 })
    expect(source.slice(c!.pos.offset, c!.pos.offset + c!.pos.length)).toBe('c = b')
  })
})
