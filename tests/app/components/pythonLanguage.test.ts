/**
 * The editor's Python mode, on the engine's own grammar: JAX's float literals (`1.`) read as
 * numbers, not errors (as the engine reads them), highlighting in the notebook's colours,
 * indentation after a line that opens a block, and completion of keywords and names.
 */
import { CompletionContext } from '@codemirror/autocomplete'
import type { CompletionResult } from '@codemirror/autocomplete'
import { ensureSyntaxTree, getIndentation, indentUnit } from '@codemirror/language'
import { EditorState } from '@codemirror/state'
import { highlightTree, tags } from '@lezer/highlight'
import { describe, expect, it } from 'vitest'
import { nameCompletions } from '../../../app/components/juliaLanguage.ts'
import { PYTHON_KEYWORDS, pythonHighlightStyle, pythonLanguage } from '../../../app/components/pythonLanguage.ts'

/** A state with its whole syntax tree, indented by four spaces as Python is written. */
function stateOf(doc: string): EditorState {
  const state = EditorState.create({ doc, extensions: [pythonLanguage, indentUnit.of('    ')] })
  ensureSyntaxTree(state, doc.length, 10_000)
  return state.update({}).state
}

function highlighted(doc: string): Map<string, string> {
  const out = new Map<string, string>()
  highlightTree(pythonLanguage.parser.parse(doc), pythonHighlightStyle, (from, to, classes) =>
    out.set(doc.slice(from, to), classes),
  )
  return out
}
const classOf = (...t: Parameters<typeof pythonHighlightStyle.style>[0]) => pythonHighlightStyle.style(t)!

describe('Python highlighting', () => {
  it('colours keywords, numbers (JAX’s 1. too), comments, strings and definitions', () => {
    const pieces = highlighted('def f(x):\n    return jnp.array([0., 1.]) @ x  # dot\ns = "hi"')
    expect(pieces.get('def')).toBe(classOf(tags.definitionKeyword))
    expect(pieces.get('return')).toBe(classOf(tags.controlKeyword))
    expect(pieces.get('0.')).toBe(classOf(tags.number))
    expect(pieces.get('1.')).toBe(classOf(tags.number))
    expect(pieces.get('# dot')).toBe(classOf(tags.lineComment))
    expect(pieces.get('"hi"')).toBe(classOf(tags.string))
  })

  it('reads `[0., 1., 0.]` without an error node, as the engine does', () => {
    let errors = 0
    pythonLanguage.parser
      .parse('v = jnp.array([0., 1., 0.])')
      .iterate({ enter: (n) => void (n.type.isError && errors++) })
    expect(errors).toBe(0)
  })
})

describe('Python indentation', () => {
  const indentAt = (doc: string, line: number) => {
    const state = stateOf(doc)
    return getIndentation(state, state.doc.line(line).from)
  }

  it('indents a block’s body after def, for, if and with, by one unit', () => {
    for (const head of ['def f(x):', 'for i in range(3):', 'if x > 0:', 'with tf.GradientTape() as tape:'])
      expect(indentAt(`${head}\n    y = 1\n`, 2)).toBe(4)
    expect(indentAt('def f(x):\n    for i in range(3):\n        y = i\n', 3)).toBe(8)
  })

  it('puts else at the indent of its if, and continues a bracket’s contents', () => {
    expect(indentAt('if a:\n    b = 1\nelse:\n    c = 2', 3)).toBe(0)
    expect(indentAt('A = jnp.array([\n[1., 2.]])', 2)).toBeGreaterThan(0)
  })
})

describe('Python completion', () => {
  const complete = (doc: string) =>
    nameCompletions(
      () => ['len', 'jax.grad'],
      PYTHON_KEYWORDS,
    )(new CompletionContext(stateOf(doc), doc.length, false)) as CompletionResult | null
  const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label) ?? []

  it('offers Python’s keywords and the names given, a module’s members after its dot, none in comments', () => {
    expect(labels(complete('y = la'))).toEqual(expect.arrayContaining(['lambda', 'len']))
    expect(labels(complete('y = la'))).not.toContain('end')
    expect(labels(complete('jax.'))).toEqual(['grad'])
    expect(complete('# la')).toBeNull()
  })
})
