/**
 * CodeMirror support for Python cells, from the very parser the engine reads them with (the Lezer
 * Python grammar carried in engine/language/frontends/python/grammar, patched so that `1.` is a
 * number, as JAX code writes it; it carries its highlight tags and imports nothing of the engine).
 * We do not add @codemirror/lang-python: it brings the unpatched @lezer/python, so the editor would
 * mark `[0., 1.]` as an error the notebook accepts, and ship a second copy of the grammar. Its
 * indentation rules (MIT License, Marijn Haverbeke) are adapted here: one unit in after a line
 * that opens a block (`def f(x):`), `else:`/`elif`/`except`/`finally:` dedenting as typed, and
 * brackets. `#` comments for Ctrl+/; completion of Python's keywords and the names the worker
 * reports. A Lezer parser is plain JavaScript: nothing here evaluates text.
 */
import { autocompletion } from '@codemirror/autocomplete'
import type { TreeIndentContext } from '@codemirror/language'
import {
  HighlightStyle,
  LRLanguage,
  LanguageSupport,
  delimitedIndent,
  indentNodeProp,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import type { SyntaxNode } from '@lezer/common'
import { tags } from '@lezer/highlight'
import { parser } from '../../engine/language/frontends/python/grammar/parser.ts'
import { completionKeys, nameCompletions } from './juliaLanguage.ts'
import { notebookHighlightStyle } from './notebookLanguage.ts'

/**
 * A block's body is one unit in from the line its statement starts on; a blank or comment line at
 * the end of a block, typed at or left of the block's own indent, has left it (null: ask the
 * enclosing node), and so has a continuing keyword written further right than the block.
 */
function indentBody(cx: TreeIndentContext, node: SyntaxNode): number | null {
  const base = cx.baseIndentFor(node)
  const line = cx.lineAt(cx.pos, -1)
  const to = line.from + line.text.length
  if (
    /^\s*($|#)/.test(line.text) &&
    cx.node.to < to + 100 &&
    !/\S/.test(cx.state.sliceDoc(to, cx.node.to)) &&
    cx.lineIndent(cx.pos, -1) <= base
  )
    return null
  if (/^\s*(else:|elif |except |finally:)/.test(cx.textAfter) && cx.lineIndent(cx.pos, -1) > base) return null
  return base + cx.unit
}

/** The innermost block body before the cursor that the current line is still inside. */
function innerBody(cx: TreeIndentContext): SyntaxNode | null {
  let { node, pos } = cx
  const lineIndent = cx.lineIndent(pos, -1)
  let found: SyntaxNode | null = null
  for (;;) {
    const before = node.childBefore(pos)
    if (!before) break
    if (before.name === 'Comment') pos = before.from
    else if (before.name === 'Body') {
      if (cx.baseIndentFor(before) + cx.unit <= lineIndent) found = before
      node = before
    } else if (before.type.is('Statement')) node = before
    else break
  }
  return found
}

const continuing = (words: RegExp) => (cx: TreeIndentContext) =>
  words.test(cx.textAfter) ? cx.baseIndent : cx.continue()

export const pythonLanguage = LRLanguage.define({
  name: 'python',
  parser: parser.configure({
    props: [
      indentNodeProp.add({
        Body: (cx) => indentBody(cx, (/^\s*(#|$)/.test(cx.textAfter) && innerBody(cx)) || cx.node) ?? cx.continue(),
        IfStatement: continuing(/^\s*(else:|elif )/),
        'ForStatement WhileStatement': continuing(/^\s*else:/),
        TryStatement: continuing(/^\s*(except[ :]|finally:|else:)/),
        'TupleExpression ComprehensionExpression ParamList ArgList ParenthesizedExpression': delimitedIndent({
          closing: ')',
        }),
        'DictionaryExpression DictionaryComprehensionExpression SetExpression SetComprehensionExpression':
          delimitedIndent({ closing: '}' }),
        'ArrayExpression ArrayComprehensionExpression': delimitedIndent({ closing: ']' }),
        'String FormatString': () => null,
        Script: (cx) => {
          const inner = innerBody(cx)
          return (inner && indentBody(cx, inner)) ?? cx.continue()
        },
      }),
    ],
  }),
  languageData: {
    commentTokens: { line: '#' },
    closeBrackets: { brackets: ['(', '[', '{', "'", '"'] },
    indentOnInput: /^\s*([}\])]|else:|elif |except |finally:)$/,
  },
})

/** The notebook's colours, plus what Python's grammar tells apart (None, True/False, decorators). */
export const pythonHighlightStyle = HighlightStyle.define([
  ...notebookHighlightStyle.specs,
  { tag: [tags.bool, tags.null], color: '#953800' },
  { tag: tags.meta, color: '#0550ae' },
])

/** Python's reserved words that notebook cells use, completed like names. */
export const PYTHON_KEYWORDS: readonly string[] = [
  'def',
  'return',
  'lambda',
  'for',
  'in',
  'while',
  'if',
  'elif',
  'else',
  'with',
  'as',
  'import',
  'from',
  'and',
  'or',
  'not',
  'None',
  'True',
  'False',
]

/** Python for an editor: the language, its colours, and completion of the names `names` gives. */
export function python(names: () => readonly string[]): Extension {
  return [
    new LanguageSupport(pythonLanguage),
    // Python's blocks are read by their indentation: four spaces, as PEP 8 and JAX's docs write.
    indentUnit.of('    '),
    indentOnInput(),
    syntaxHighlighting(pythonHighlightStyle),
    autocompletion({ override: [nameCompletions(names, PYTHON_KEYWORDS)], icons: false, defaultKeymap: false }),
    completionKeys,
  ]
}
