/**
 * A code cell's editor: CodeMirror 6 in the cell's language (`ad`, or Julia or Python with completion of
 * their names), Shift+Enter (or Ctrl/Cmd+Enter) to run, undo/redo, bracket matching and closing, and
 * the error's place marked in the text.
 *
 * The EditorView is created once per mount; later prop changes are applied as transactions
 * (a new `value` as a minimal change, so the cursor stays where it was), never by rebuilding it.
 * Tab is left to the browser, so keyboard users can move from cell to cell (only while a Julia
 * cell's completion list is on screen does Tab take the chosen name; Esc closes the list).
 */
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { bracketMatching } from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import { Annotation, Compartment, EditorState, Prec, StateEffect, StateField } from '@codemirror/state'
import type { DecorationSet } from '@codemirror/view'
import { Decoration, EditorView, highlightSpecialChars, keymap } from '@codemirror/view'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import './components.css'
import { julia } from './juliaLanguage.ts'
import { python } from './pythonLanguage.ts'
import { notebook } from './notebookLanguage.ts'

export interface EditorError {
  /** 1-based line in the cell. */
  line: number
  /** 1-based column; without it the whole line is marked. */
  column?: number
  /** The failing expression exactly (Julia cells): its 0-based offset and length in the cell. */
  at?: { offset: number; length: number }
}

export interface CodeEditorProps {
  value: string
  onChange: (value: string) => void
  onRun: () => void
  /** The editor's accessible name, e.g. "Code cell 3". */
  label: string
  error?: EditorError | null
  readOnly?: boolean
  /** In CSS pixels; without it the editor inherits the font size (so it scales with rem). */
  fontSize?: number
  /** The cell's language (`ad` when absent). */
  language?: CellLanguage
  /** Names to complete in a Julia cell (the worker's list). */
  names?: readonly string[]
}

/** Marks changes that came from the `value` prop, so they are not reported back through onChange. */
const external = Annotation.define<boolean>()

const setError = StateEffect.define<EditorError | null>()

const errorMark = Decoration.mark({ class: 'cm-nb-error', attributes: { title: 'The error is here' } })
const errorLine = Decoration.line({ class: 'cm-nb-error-line' })

function errorDecorations(state: EditorState, error: EditorError | null): DecorationSet {
  if (!error) return Decoration.none
  // The failing expression itself, when the engine knows exactly where it is; its line is tinted.
  const at = error.at
  if (at && at.length > 0 && at.offset >= 0 && at.offset + at.length <= state.doc.length) {
    const first = state.doc.lineAt(at.offset)
    return Decoration.set([errorLine.range(first.from), errorMark.range(at.offset, at.offset + at.length)])
  }
  if (error.line < 1 || error.line > state.doc.lines) return Decoration.none
  const line = state.doc.line(error.line)
  const ranges = [errorLine.range(line.from)]
  const from = error.column === undefined ? line.from : Math.min(line.from + Math.max(error.column - 1, 0), line.to)
  // A syntax error at the very end of a line ("x = (") has nothing to underline: mark the line's
  // last character instead, so there is always something wavy to see.
  const start = from === line.to && line.to > line.from ? line.to - 1 : from
  if (start < line.to) ranges.push(errorMark.range(start, line.to))
  return Decoration.set(ranges)
}

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) if (e.is(setError)) return errorDecorations(tr.state, e.value)
    return deco.map(tr.changes)
  },
  provide: (f) => EditorView.decorations.from(f),
})

const theme = EditorView.theme(
  {
    '&': { color: '#1d2330', backgroundColor: '#f6f8fa', borderRadius: '4px', border: '1px solid #8c959f' },
    '&.cm-focused': { outline: '3px solid #1f5fbf', outlineOffset: '1px' },
    '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5' },
    '.cm-content': { padding: '0.4em 0', caretColor: '#1d2330' },
    '.cm-line': { padding: '0 0.6em' },
    '&.cm-focused .cm-cursor': { borderLeftColor: '#1d2330', borderLeftWidth: '2px' },
    '.cm-selectionBackground, ::selection': { backgroundColor: '#b6d4fe' },
    '&.cm-focused .cm-matchingBracket': { backgroundColor: '#c8e1ff', outline: '1px solid #0550ae' },
    '&.cm-focused .cm-nonmatchingBracket': { backgroundColor: '#ffd8d3' },
    // The error's place: a wavy underline (a shape, not only a colour) on a tinted line.
    '.cm-nb-error': {
      textDecoration: 'underline wavy #b3261e',
      textDecorationSkipInk: 'none',
      textUnderlineOffset: '0.25em',
    },
    '.cm-nb-error-line': { backgroundColor: '#fdecec', boxShadow: 'inset 3px 0 #b3261e' },
  },
  { dark: false },
)

/** The content element's attributes: its accessible name, and whether the cell has an error. */
function contentAttributes(label: string, error: EditorError | null | undefined): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': label, ...(error ? { 'aria-invalid': 'true' } : {}) })
}

const readOnlyState = (readOnly: boolean): Extension => EditorState.readOnly.of(readOnly)

const NO_NAMES: readonly string[] = []

/** The language's extensions; Julia and Python cells complete the names names() gives at the time. */
const languageMode = (language: CellLanguage, names: () => readonly string[]): Extension =>
  language === 'julia' ? julia(names) : language === 'python' ? python(names) : notebook()

/** The new text as one change over the part that differs, so the selection maps through it. */
function minimalChange(old: string, next: string): { from: number; to: number; insert: string } {
  let start = 0
  const max = Math.min(old.length, next.length)
  while (start < max && old.charCodeAt(start) === next.charCodeAt(start)) start++
  let end = 0
  while (end < max - start && old.charCodeAt(old.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++
  return { from: start, to: old.length - end, insert: next.slice(start, next.length - end) }
}

export function CodeEditor({
  value,
  onChange,
  onRun,
  label,
  error,
  readOnly = false,
  fontSize,
  language = 'ad',
  names = NO_NAMES,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  // The latest callbacks and names, so the keymap, listener and completions made at mount never use stale ones.
  const callbacks = useRef({ onChange, onRun, names })
  useLayoutEffect(() => {
    callbacks.current = { onChange, onRun, names }
  })
  // What the first render saw, for creating the view; later changes go through the effects below
  // (which also mark the error on mount).
  const initial = useRef({ value, label, error, readOnly, language })
  const compartments = useRef({ attrs: new Compartment(), readOnly: new Compartment(), language: new Compartment() })
  const currentNames = () => callbacks.current.names

  useLayoutEffect(() => {
    const { attrs, readOnly: ro, language: lang } = compartments.current
    const init = initial.current
    const run = () => {
      callbacks.current.onRun()
      return true // handled: no newline
    }
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: init.value,
        extensions: [
          Prec.highest(
            keymap.of([
              { key: 'Shift-Enter', run },
              { key: 'Mod-Enter', run },
            ]),
          ),
          history(),
          closeBrackets(),
          bracketMatching(),
          highlightSpecialChars(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          lang.of(languageMode(init.language, currentNames)),
          EditorView.lineWrapping,
          theme,
          errorField,
          attrs.of(contentAttributes(init.label, init.error)),
          ro.of(readOnlyState(init.readOnly)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) {
              callbacks.current.onChange(u.state.doc.toString())
            }
          }),
        ],
      }),
    })
    view.current = v
    return () => {
      v.destroy()
      view.current = null
    }
  }, [])

  // A value from outside (a reset, an import): apply only the part that differs.
  useEffect(() => {
    const v = view.current
    if (!v) return
    const old = v.state.doc.toString()
    if (old === value) return
    v.dispatch({ changes: minimalChange(old, value), annotations: external.of(true) })
  }, [value])

  // Names arriving from the worker: an empty transaction lets the Julia mode colour them.
  useEffect(() => {
    view.current?.dispatch({})
  }, [names])

  // A cell switched to another language is read and highlighted in it from then on.
  const shownLanguage = useRef(language)
  useEffect(() => {
    const v = view.current
    if (!v || shownLanguage.current === language) return
    shownLanguage.current = language
    v.dispatch({ effects: compartments.current.language.reconfigure(languageMode(language, currentNames)) })
  }, [language])

  const errorLineNumber = error?.line
  const errorColumn = error?.column
  const errorOffset = error?.at?.offset
  const errorLength = error?.at?.length
  useEffect(() => {
    const v = view.current
    if (!v) return
    const at =
      errorOffset === undefined || errorLength === undefined ? {} : { at: { offset: errorOffset, length: errorLength } }
    const e = errorLineNumber === undefined ? null : { line: errorLineNumber, column: errorColumn, ...at }
    v.dispatch({
      effects: [
        setError.of(e),
        compartments.current.attrs.reconfigure(contentAttributes(label, e)),
        compartments.current.readOnly.reconfigure(readOnlyState(readOnly)),
      ],
    })
  }, [errorLineNumber, errorColumn, errorOffset, errorLength, label, readOnly])

  return (
    <div
      ref={host}
      className="nb-editor"
      style={fontSize === undefined ? undefined : { fontSize: `${fontSize}px` }}
      data-readonly={readOnly || undefined}
    />
  )
}
