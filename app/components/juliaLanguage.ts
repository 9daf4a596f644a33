/**
 * CodeMirror support for Julia cells, from the very parser the engine reads them with (Pluto's
 * Lezer grammar with the engine's fix for brackets after a name; that module imports nothing of
 * the engine, so the page stays small). The grammar carries its own highlight tags, shown in the
 * notebook's colours; here are indentation inside `function/for/while/if/begin/let/do/try ... end`
 * and brackets, `end`/`else` dedenting as typed, `#` comments for Ctrl+/, and completion of
 * Julia's names (the worker reports them: builtins, Julia's own, `Zygote.` and `ForwardDiff.`
 * members). A Lezer parser is plain JavaScript: nothing here evaluates text, so the page's
 * strict CSP holds.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete'
import {
  acceptCompletion,
  autocompletion,
  closeCompletion,
  completionStatus,
  moveCompletionSelection,
  startCompletion,
} from '@codemirror/autocomplete'
import type { TreeIndentContext } from '@codemirror/language'
import {
  HighlightStyle,
  LRLanguage,
  LanguageSupport,
  indentNodeProp,
  indentOnInput,
  syntaxHighlighting,
  syntaxTree,
} from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import { Prec, RangeSetBuilder } from '@codemirror/state'
import type { DecorationSet, ViewUpdate } from '@codemirror/view'
import { Decoration, EditorView, ViewPlugin, keymap } from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { juliaParser } from '../../engine/language/frontends/julia/parser.ts'
import { notebookHighlightStyle } from './notebookLanguage.ts'

/** Words that close or continue a block: a line starting with one sits at the block's own indent. */
const CLOSING = /^\s*(?:end|else|elseif|catch|finally)\b/

/** Inside a block: one unit in from the line the block starts on, unless the line closes it. */
const blockIndent = (cx: TreeIndentContext) => cx.baseIndent + (CLOSING.test(cx.textAfter) ? 0 : cx.unit)

// A line that opens a block it does not close (`function f(x)`, `map(xs) do x`).
const OPENS =
  /^\s*(?:function|for|while|if|elseif|else|begin|let|try|catch|finally|quote|struct|macro|module)\b(?!.*\bend\s*$)|\bdo\b[^]*$/

/**
 * Outside any block the grammar recognised: the grammar's error recovery cannot tell a block
 * from a lone `function f(x)` at the very end of the text (the moment Enter is pressed after
 * it), so the line before decides: one unit in after a line that opens a block, else as it.
 */
function topIndent(cx: TreeIndentContext): number {
  if (cx.pos === 0) return 0
  const here = cx.lineAt(cx.pos, -1)
  const before = here.from === cx.pos ? cx.lineAt(cx.pos - 1, -1) : here
  const indent = cx.lineIndent(before.from, -1)
  return OPENS.test(before.text) && !CLOSING.test(cx.textAfter) ? indent + cx.unit : indent
}

/** The grammar's block nodes (src/julia.grammar); brackets indent by their `openedBy` props. */
const BLOCKS = [
  'FunctionDefinition',
  'MacroDefinition',
  'ForStatement',
  'WhileStatement',
  'IfStatement',
  'ElseIfClause',
  'ElseClause',
  'BeginStatement',
  'LetStatement',
  'DoClause',
  'TryStatement',
  'CatchClause',
  'FinallyClause',
  'QuoteStatement',
  'StructDefinition',
  'ModuleDefinition',
]

export const juliaLanguage = LRLanguage.define({
  name: 'julia',
  parser: juliaParser.configure({
    props: [
      indentNodeProp.add({ Program: topIndent, ...Object.fromEntries(BLOCKS.map((name) => [name, blockIndent])) }),
    ],
  }),
  languageData: {
    commentTokens: { line: '#', block: { open: '#=', close: '=#' } },
    // No "'" here: after a value it is the adjoint (A'), far more often than a character.
    closeBrackets: { brackets: ['(', '[', '{', '"'] },
    indentOnInput: /^\s*(?:end|else|elseif|catch|finally)$/,
  },
})

/** The notebook's colours, plus what only Julia's grammar tells apart (types, booleans, macros). */
export const juliaHighlightStyle = HighlightStyle.define([
  ...notebookHighlightStyle.specs,
  { tag: [tags.bool, tags.character], color: '#953800' },
  { tag: tags.typeName, color: '#953800' },
  { tag: tags.macroName, color: '#0550ae' },
])

/** A builtin's colour, as the `ad` mode gives `sum` or `gradient`. */
const builtinMark = Decoration.mark({ class: juliaHighlightStyle.style([tags.standard(tags.variableName)]) ?? '' })

/**
 * Colours the names names() gives (the builtins and Julia's own) where a cell uses them; not a
 * module's member after its dot (`Zygote.gradient` is coloured as a field). The grammar cannot
 * know these names, so they are marked over its tree, on screen only.
 */
function builtinNames(names: () => readonly string[]): Extension {
  let list: readonly string[] | null = null
  let known: ReadonlySet<string> = new Set()
  const marks = (view: EditorView): DecorationSet => {
    if (names() !== list) [list, known] = [names(), new Set(names())]
    const marked = new RangeSetBuilder<Decoration>()
    for (const { from, to } of view.visibleRanges) {
      syntaxTree(view.state).iterate({
        from,
        to,
        enter: (node) => {
          if (node.name !== 'Identifier' || node.node.parent?.name === 'Field') return
          if (known.has(view.state.sliceDoc(node.from, node.to))) marked.add(node.from, node.to, builtinMark)
        },
      })
    }
    return marked.finish()
  }
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet
      constructor(view: EditorView) {
        this.decorations = marks(view)
      }
      update(u: ViewUpdate) {
        // A new tree, or the names arriving from the worker (CodeEditor then dispatches nothing).
        if (u.docChanged || u.viewportChanged || syntaxTree(u.state) !== syntaxTree(u.startState) || names() !== list)
          this.decorations = marks(u.view)
      }
    },
    { decorations: (v) => v.decorations },
  )
}

/** Julia's reserved words, completed like names. */
export const JULIA_KEYWORDS: readonly string[] = [
  'function',
  'end',
  'return',
  'for',
  'in',
  'while',
  'if',
  'elseif',
  'else',
  'begin',
  'let',
  'do',
  'break',
  'continue',
  'using',
  'import',
  'true',
  'false',
]

// A name, or a module's name and the member typed so far (`Zygote.grad`).
const TYPED = /[\p{L}_][\p{L}\p{M}\p{N}_!′]*(?:\.[\p{L}\p{M}\p{N}_!′]*)?$/u
const NAME_SO_FAR = /^[\p{L}\p{M}\p{N}_!′]*$/u

/** Completions from names (`Zygote.gradient` completes after `Zygote.`); none in comments or strings. */
export function juliaCompletions(names: () => readonly string[]) {
  return nameCompletions(names, JULIA_KEYWORDS)
}

/** Completions of a language's keywords and of names (a module's members after its dot). */
export function nameCompletions(names: () => readonly string[], keywords: readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(TYPED)
    if (!word || (word.from === word.to && !context.explicit)) return null
    const inside = syntaxTree(context.state).resolveInner(context.pos, -1)
    if (/Comment|String/.test(inside.name)) return null
    const dot = word.text.lastIndexOf('.')
    const all = names()
    if (dot >= 0) {
      const module = word.text.slice(0, dot + 1)
      const options: Completion[] = all
        .filter((n) => n.startsWith(module))
        .map((n) => ({ label: n.slice(module.length), type: 'function' }))
      return options.length ? { from: word.from + dot + 1, options, validFor: NAME_SO_FAR } : null
    }
    const options: Completion[] = [
      ...keywords.map((k) => ({ label: k, type: 'keyword' })),
      ...all.filter((n) => !n.includes('.')).map((n) => ({ label: n, type: 'function' })),
    ]
    return { from: word.from, options, validFor: NAME_SO_FAR }
  }
}

/**
 * The completion list's keys. Enter stays a newline, as in every cell before (a line often ends
 * in a name, and Enter must not turn `x` into `exp`): Tab takes the chosen name while the list is
 * open, and otherwise still moves the focus on; Ctrl+Space opens the list; Esc closes it.
 */
export const completionKeys = Prec.high(
  keymap.of([
    { key: 'Ctrl-Space', run: startCompletion },
    // Only a list on screen: a query still pending (just after a keystroke) must not swallow the
    // Esc that hands the keys back to the presentation.
    { key: 'Escape', run: (view) => completionStatus(view.state) === 'active' && closeCompletion(view) },
    { key: 'ArrowDown', run: moveCompletionSelection(true) },
    { key: 'ArrowUp', run: moveCompletionSelection(false) },
    { key: 'PageDown', run: moveCompletionSelection(true, 'page') },
    { key: 'PageUp', run: moveCompletionSelection(false, 'page') },
    { key: 'Tab', run: acceptCompletion },
  ]),
)

/** Julia for an editor: the language, its colours, and the names `names` gives coloured and completed. */
export function julia(names: () => readonly string[]): Extension {
  return [
    new LanguageSupport(juliaLanguage),
    indentOnInput(),
    syntaxHighlighting(juliaHighlightStyle),
    builtinNames(names),
    autocompletion({ override: [juliaCompletions(names)], icons: false, defaultKeymap: false }),
    completionKeys,
  ]
}
