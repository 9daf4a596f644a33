/**
 * The editor's Julia mode: highlighting in the notebook's colours from the grammar's own tags,
 * indentation inside blocks and brackets (with `end` and `else` at the block's indent),
 * comment toggling with `#`, and completion of names and modules' members.
 */
import { CompletionContext } from '@codemirror/autocomplete'
import type { CompletionResult } from '@codemirror/autocomplete'
import { toggleComment } from '@codemirror/commands'
import { IndentContext, ensureSyntaxTree, getIndentation } from '@codemirror/language'
import { EditorState } from '@codemirror/state'
import type { Transaction } from '@codemirror/state'
import { highlightTree, tags } from '@lezer/highlight'
import { describe, expect, it } from 'vitest'
import { juliaCompletions, juliaHighlightStyle, juliaLanguage } from '../../../app/components/juliaLanguage.ts'

/** A state with its whole syntax tree, however busy the machine (an editor parses in slices of time). */
function stateOf(doc: string): EditorState {
  const state = EditorState.create({ doc, extensions: [juliaLanguage] })
  ensureSyntaxTree(state, doc.length, 10_000)
  return state.update({}).state // takes up the finished tree
}

/** Each highlighted piece of the text with the style class it gets. */
function highlighted(doc: string): [string, string][] {
  const out: [string, string][] = []
  const tree = juliaLanguage.parser.parse(doc)
  highlightTree(tree, juliaHighlightStyle, (from, to, classes) => out.push([doc.slice(from, to), classes]))
  return out
}
const classOf = (...t: Parameters<typeof juliaHighlightStyle.style>[0]) => juliaHighlightStyle.style(t)!

describe('Julia highlighting', () => {
  it('colours keywords, numbers, strings, comments and definitions as the notebook does', () => {
    const pieces = new Map(highlighted('function f(x)\n  return 2.5x + 1 # twice\nend\ns = "hi"'))
    expect(pieces.get('function')).toBe(classOf(tags.keyword))
    expect(pieces.get('return')).toBe(classOf(tags.keyword))
    expect(pieces.get('end')).toBe(classOf(tags.keyword))
    expect(pieces.get('2.5')).toBe(classOf(tags.number))
    expect(pieces.get('1')).toBe(classOf(tags.number))
    expect(pieces.get('# twice')).toBe(classOf(tags.comment))
    expect(pieces.get('"hi"')).toBe(classOf(tags.string))
    expect(pieces.get('f')).toBe(classOf(tags.definition(tags.variableName)))
  })
})

describe('Julia indentation', () => {
  const indentAt = (doc: string, line: number) => {
    const state = stateOf(doc)
    return getIndentation(state, state.doc.line(line).from)
  }

  it('indents the body of function, for, if, begin, let and do blocks by one unit', () => {
    for (const head of ['function f(x)', 'for i in 1:3', 'if x > 0', 'begin', 'let a = 1', 'map(xs) do x'])
      expect(indentAt(`${head}\ny\nend`, 2)).toBe(2)
    expect(indentAt('function f(x)\n  for i in 1:3\n    y\n  end\nend', 3)).toBe(4)
  })

  it('puts end, else and elseif at the indent of their block', () => {
    expect(indentAt('function f(x)\n  y\nend', 3)).toBe(0)
    expect(indentAt('if a\n  b\nelseif c\n  d\nelse\n  e\nend', 3)).toBe(0)
    expect(indentAt('if a\n  b\nelseif c\n  d\nelse\n  e\nend', 4)).toBe(2)
    expect(indentAt('if a\n  b\nelseif c\n  d\nelse\n  e\nend', 5)).toBe(0)
    expect(indentAt('if a\n  b\nelseif c\n  d\nelse\n  e\nend', 6)).toBe(2)
  })

  it('indents an unfinished block being typed, when Enter is pressed at its end', () => {
    const afterEnter = (doc: string) =>
      getIndentation(new IndentContext(stateOf(doc), { simulateBreak: doc.length }), doc.length)
    for (const head of ['function g(x)', 'for i in 1:3', 'if x > 0', 'begin', 'y = map(xs) do x', 'let a = 1'])
      expect(afterEnter(head)).toBe(2)
    expect(afterEnter('function g(x)\n  y = x')).toBe(2)
    expect(afterEnter('x = 1')).toBe(0)
    expect(afterEnter('function g(x) x end')).toBe(0)
    expect(afterEnter('function g(x)\n  x\nend')).toBe(0)
  })
})

describe('Julia comments', () => {
  it('Ctrl+/ comments a line with # and uncomments it', () => {
    let state = stateOf('y = 2x')
    const dispatch = (tr: Transaction) => void (state = tr.state)
    toggleComment({ state, dispatch })
    expect(state.doc.toString()).toBe('# y = 2x')
    toggleComment({ state, dispatch })
    expect(state.doc.toString()).toBe('y = 2x')
  })
})

describe('Julia completion', () => {
  const names = ['gradient', 'sin', 'Zygote', 'Zygote.gradient', 'Zygote.pullback', 'ForwardDiff.derivative']
  const complete = (doc: string, explicit = false) =>
    juliaCompletions(() => names)(new CompletionContext(stateOf(doc), doc.length, explicit)) as CompletionResult | null
  const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label) ?? []

  it('offers names and keywords for a word being typed', () => {
    const r = complete('y = gra')
    expect(r?.from).toBe(4)
    expect(labels(r)).toEqual(expect.arrayContaining(['gradient', 'function', 'Zygote']))
    expect(labels(r)).not.toContain('Zygote.gradient')
  })

  it("offers a module's members after its name and a dot", () => {
    const r = complete('Zygote.')
    expect(r?.from).toBe(7)
    expect(labels(r)).toEqual(['gradient', 'pullback'])
  })

  it('offers nothing in a comment or a string, or before anything is typed', () => {
    expect(complete('# gra')).toBeNull()
    expect(complete('s = "gra')).toBeNull()
    expect(complete('y = ')).toBeNull()
  })
})
