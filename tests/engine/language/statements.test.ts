/**
 * Splitting a cell into statements: a newline or ';' ends one, except inside brackets (rows of
 * a matrix, arguments over several lines), strings and comments. Each statement remembers its
 * line and offset, which error messages use, and whether a trailing ';' hides its value.
 */
import { describe, expect, it } from 'vitest'
import { splitStatements } from '../../../engine/standard.ts'

const texts = (source: string) => splitStatements(source).map((s) => s.text)

describe('splitStatements', () => {
  it('ends a statement at a newline or a ;', () => {
    expect(texts('a = 1\nb = 2')).toEqual(['a = 1', 'b = 2'])
    expect(texts('a = 1; b = 2')).toEqual(['a = 1', 'b = 2'])
    expect(texts('a = 1;\nb = 2;')).toEqual(['a = 1', 'b = 2'])
  })

  it('keeps going inside (), [] and {}, where ; separates rows', () => {
    expect(texts('A = [1, 2;\n 3, 4]\nx = 1')).toEqual(['A = [1, 2;\n 3, 4]', 'x = 1'])
    expect(texts('f(x) = (x +\n 1)')).toEqual(['f(x) = (x +\n 1)'])
    expect(texts('r = {a: 1,\n b: 2}; c')).toEqual(['r = {a: 1,\n b: 2}', 'c'])
    expect(texts('g(\n  q(v) = sum(v),\n  [1, 2]\n)')).toEqual(['g(\n  q(v) = sum(v),\n  [1, 2]\n)'])
  })

  it('does not split inside strings, where ; # and brackets are text', () => {
    expect(texts('s = "a;b"\nt = "(["')).toEqual(['s = "a;b"', 't = "(["'])
    expect(texts('s = "a#b"; t = 2')).toEqual(['s = "a#b"', 't = 2'])
    expect(texts('s = "say \\"hi;\\""; t')).toEqual(['s = "say \\"hi;\\""', 't'])
  })

  it('drops comments, and lines that are only comments or blank', () => {
    expect(texts('# intro\n\na = 1 # one; not a separator\n  # indented note\nb = [1, # first\n 2]')).toEqual([
      'a = 1',
      // the comment is blanked, not cut, so columns after it stay where they were
      `b = [1, ${' '.repeat('# first'.length)}\n 2]`,
    ])
    expect(splitStatements('# only a comment\n\n   ')).toEqual([])
    expect(splitStatements('')).toEqual([])
  })

  it('a comment never opens a bracket or ends a statement', () => {
    expect(texts('a = 1 # (\nb = 2 # ;')).toEqual(['a = 1', 'b = 2'])
  })

  it('marks a statement silent when a ; ends it, even with a comment after', () => {
    const flags = (source: string) => splitStatements(source).map((s) => s.silent)
    expect(flags('a = 1;\nb = 2')).toEqual([true, false])
    expect(flags('a = 1; b = 2;')).toEqual([true, true])
    expect(flags('a = 1; # note')).toEqual([true])
    expect(flags('a = 1;;')).toEqual([true])
    expect(flags('A = [1; 2]')).toEqual([false])
  })

  it('records the 1-based line and column and 0-based offset where each statement starts', () => {
    const source = 'a = 1\n\n  b = 2; c = 3\nd = [1,\n 2]'
    const st = splitStatements(source)
    expect(st.map((s) => [s.text.slice(0, 1), s.line, s.column])).toEqual([
      ['a', 1, 1],
      ['b', 3, 3],
      ['c', 3, 10],
      ['d', 4, 1],
    ])
    for (const s of st) expect(source.slice(s.offset, s.offset + s.text.length)).toBe(s.text)
  })

  it('tolerates unbalanced closing brackets (the parser reports them)', () => {
    expect(texts('a = 1)\nb = 2')).toEqual(['a = 1)', 'b = 2'])
  })
})

describe('splitting takes work proportional to the cell', () => {
  /**
   * Characters the string operations of a split touch: what slice, repeat and join produce,
   * what split, trim and the searches read. Counting work, not time, keeps the test exact on a
   * busy machine. (Plain wrappers, not spies: spies would record every call.)
   */
  function charactersTouched(source: string): number {
    let touched = 0
    const strings = String.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
    const arrays = Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
    const produced = ['slice', 'substring', 'substr', 'repeat']
    const read = ['split', 'trim', 'trimStart', 'trimEnd', 'indexOf', 'lastIndexOf', 'includes']
    const originals = [...produced, ...read].map((m) => [m, strings[m]!] as const)
    const join = arrays.join!
    for (const [m, original] of originals)
      strings[m] = function (this: string, ...args: unknown[]) {
        const result = original.apply(this, args)
        touched += produced.includes(m) ? (result as string).length : this.length
        return result
      }
    arrays.join = function (this: unknown[], ...args: unknown[]) {
      const result = join.apply(this, args) as string
      touched += result.length
      return result
    }
    let statements: unknown[]
    try {
      statements = splitStatements(source)
    } finally {
      for (const [m, original] of originals) strings[m] = original
      arrays.join = join
    }
    expect(statements.length).toBeGreaterThan(0)
    return touched
  }

  const cell = (lines: number) =>
    Array.from({ length: lines }, (_, i) =>
      i % 7 === 3 ? `v${i} = [${i},\n ${i}] # row` : `x${i} = ${i}; y = x${i} # note`,
    ).join('\n')

  // A count, not a time: the allowance is for a busy machine (these build cells of 10⁴–10⁵ lines).
  it('100,000 lines touch each character a bounded number of times', () => {
    const source = cell(100_000)
    expect(charactersTouched(source)).toBeLessThan(8 * source.length)
  }, 60_000)

  it('four times the lines, four times the work', () => {
    const small = charactersTouched(cell(10_000))
    const large = charactersTouched(cell(40_000))
    expect(large / small).toBeLessThan(4.5)
  })

  it('still counts lines right across strings with escaped newlines, comments and brackets', () => {
    const source = 's = "a\\\nb"; t = 1 # c\n[1,\n 2]\n\n  u = 2'
    expect(splitStatements(source).map((st) => [st.text, st.line, st.column])).toEqual([
      ['s = "a\\\nb"', 1, 1],
      ['t = 1', 2, 5],
      ['[1,\n 2]', 3, 1],
      ['u = 2', 6, 3],
    ])
  })
})
