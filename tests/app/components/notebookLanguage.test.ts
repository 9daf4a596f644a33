// @vitest-environment jsdom
import { StringStream } from '@codemirror/language'
import { describe, expect, it } from 'vitest'
import { BUILTINS, CONSTANTS } from '../../../engine/standard.ts'
import { BUILTIN_NAMES, CONSTANT_NAMES, notebookParser } from '../../../app/components/notebookLanguage.ts'

/** The tokens of one line as [text, style] pairs, skipping spaces. */
function tokens(line: string): [string, string | null][] {
  const state = notebookParser.startState!(2)
  const stream = new StringStream(line, 2, 2)
  const out: [string, string | null][] = []
  while (!stream.eol()) {
    const style = notebookParser.token(stream, state)
    if (stream.current().trim() !== '') out.push([stream.current(), style])
    stream.start = stream.pos
  }
  return out
}

describe('notebook language', () => {
  it('knows exactly the engine’s builtins, so the hard-coded list cannot drift', () => {
    expect([...BUILTIN_NAMES]).toEqual([...BUILTINS.keys()])
    for (const name of CONSTANTS.keys()) expect(CONSTANT_NAMES).toContain(name)
  })

  it('highlights builtins, definitions, numbers, strings and comments', () => {
    expect(tokens('f(x) = sum(abs2, A * x) # the loss')).toEqual([
      ['f', 'def'],
      ['(', 'bracket'],
      ['x', 'variable'],
      [')', 'bracket'],
      ['=', 'operator'],
      ['sum', 'builtin'],
      ['(', 'bracket'],
      ['abs2', 'builtin'],
      [',', 'punctuation'],
      ['A', 'variable'],
      ['*', 'operator'],
      ['x', 'variable'],
      [')', 'bracket'],
      ['# the loss', 'comment'],
    ])
    expect(tokens('hessian(f, x1, "reverse-over-reverse")').at(-2)).toEqual(['"reverse-over-reverse"', 'string'])
    expect(tokens('y = 1.5e-3 + pi')).toEqual([
      ['y', 'def'],
      ['=', 'operator'],
      ['1.5e-3', 'number'],
      ['+', 'operator'],
      ['pi', 'atom'],
    ])
  })

  it("reads ' after a value as the transpose, and .* ./ .^ as operators", () => {
    expect(tokens("2 * A' * A")).toEqual([
      ['2', 'number'],
      ['*', 'operator'],
      ['A', 'variable'],
      ["'", 'operator'],
      ['*', 'operator'],
      ['A', 'variable'],
    ])
    expect(tokens('2.*x ./ y.^2').map(([t]) => t)).toEqual(['2', '.*', 'x', './', 'y', '.^', '2'])
    expect(tokens("s = 'text'").at(-1)).toEqual(["'text'", 'string'])
    expect(tokens('x == 1')[0]).toEqual(['x', 'variable'])
  })
})
