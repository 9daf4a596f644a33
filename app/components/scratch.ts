/**
 * The presentation's scratch cell: an ordinary code cell at the end of the notebook, where an
 * instructor types whatever function the class calls out. A comment marks it, so it is
 * recognised (and styled as scratch) after a reload too, and an export shows what it is. It runs
 * in a scope of its own (app/store/scratchCell.ts): it reads the lesson's names, and its own
 * definitions shadow them for the scratch cell only.
 */
import { cellLanguage } from '../store/cells.ts'
import { useCodeLanguage } from '../store/codeLanguage.ts'
import { SCRATCH_MARK, isScratch } from '../store/scratchCell.ts'
import { useStore } from '../store/store.ts'

export { SCRATCH_MARK, isScratch }

/**
 * The scratch cell's id, adding it at the end of the notebook if there is none yet: in Python when
 * the learner has chosen Python and the lesson has Python cells, else in the notebook's language.
 */
export function ensureScratch(): string {
  const { cells, addCell, edit, setLanguage } = useStore.getState()
  const existing = cells.find(isScratch)
  if (existing) return existing.id
  const id = addCell(cells.at(-1)?.id ?? null, 'code')
  if (id === '') return id
  const python =
    useCodeLanguage.getState().language === 'python' &&
    cells.some((c) => c.kind === 'code' && cellLanguage(c) === 'python')
  if (python) setLanguage(id, 'python')
  edit(id, `${SCRATCH_MARK}: the lesson's names work here; what you define here stays here\n`)
  return id
}

/**
 * Focuses the code editor inside box with the cursor at the end, ready to type. The editor loads
 * on first focus (EditorSlot), so this waits for it.
 */
export async function focusEditorAtEnd(box: HTMLElement): Promise<void> {
  // A loaded editor takes the focus only once its cursor is at the end: focused first, what the
  // instructor types at once would land before the comment line.
  if (!box.querySelector('.cm-content')) box.querySelector<HTMLElement>('[role="textbox"]')?.focus()
  for (let waited = 0; waited < 10_000; waited += 50) {
    const content = box.querySelector<HTMLElement>('.cm-content')
    if (content) {
      // Already loaded with the editor, so this costs nothing more.
      const { EditorView } = await import('@codemirror/view')
      const view = EditorView.findFromDOM(content)
      if (!view) return
      view.dispatch({ selection: { anchor: view.state.doc.length } })
      view.focus()
      return
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

// -----------------------------------------------------------------------------------------------
// Templates: a called-out function on screen in a few keys

export type ScratchTemplate = 'pullbacks' | 'jacobian' | 'hessian'

/** A point to try a function at when the scratch cell names none: three inputs fit most lessons. */
export const DEFAULT_POINT = '[1.0, 2.0, 3.0]'

/** The languages a template is written in. */
export type TemplateLanguage = 'ad' | 'julia' | 'python'

type Call = (f: string, x: string) => string
const panel =
  (name: string): Call =>
  (f, x) =>
    `${name}(${f}, ${x})`

const CALL: Record<ScratchTemplate, Record<TemplateLanguage, Call>> = {
  pullbacks: { julia: panel('show_pullbacks'), ad: panel('show_pullbacks'), python: panel('show_pullbacks') },
  // Zygote's jacobian returns a tuple, one matrix per argument; JAX's jacrev returns a function.
  jacobian: {
    julia: (f, x) => `jacobian(${f}, ${x})[1]`,
    ad: panel('jacobian'),
    python: (f, x) => `jax.jacrev(${f})(${x})`,
  },
  hessian: { julia: panel('show_hessian'), ad: panel('show_hessian'), python: panel('show_hessian') },
}

/** A line a template wrote: the next template replaces it rather than piling up below it. */
const TEMPLATE_LINE = /^(show_pullbacks|show_hessian|jacobian|jax\.jacrev)\(.*\)(\[1\])?\s*$/

/** A definition's name: Julia's `function f(`, `f(x) =`; Python's `def f(`, `f = lambda`. */
const DEFINITION = {
  julia: /^\s*(?:function\s+([\p{L}_][\p{L}\p{N}_!]*)\s*\(|([\p{L}_][\p{L}\p{N}_!]*)\s*\([^()]*\)\s*=(?!=))/u,
  python: /^\s*(?:def\s+([\p{L}_][\p{L}\p{N}_]*)\s*\(|([\p{L}_][\p{L}\p{N}_]*)\s*=\s*lambda\b)/u,
}

/**
 * The scratch cell's source with the template's call as its last line, for the function it
 * defines last (f when it defines none) at the point it assigns last whose name starts with x
 * (DEFAULT_POINT when none). A line an earlier template wrote is replaced.
 */
export function withTemplate(source: string, template: ScratchTemplate, language: TemplateLanguage): string {
  const lines = source.replace(/\s+$/, '').split('\n')
  while (lines.length > 0 && TEMPLATE_LINE.test(lines.at(-1)!.trim())) lines.pop()
  let fn = 'f'
  let point = DEFAULT_POINT
  for (const line of lines) {
    const def = DEFINITION[language === 'python' ? 'python' : 'julia'].exec(line)
    const assign = /^\s*(x[\p{L}\p{N}_]*)\s*=(?!=)/u.exec(line)
    if (def) fn = (def[1] ?? def[2])!
    else if (assign) point = assign[1]!
  }
  // jax.jacrev needs jax: imported here unless the cell already does (the lesson's import may be in another cell's variant).
  const importJax = language === 'python' && template === 'jacobian' && !lines.some((l) => /^\s*import jax\b/.test(l))
  return `${lines.join('\n')}\n${importJax ? 'import jax\n' : ''}${CALL[template][language](fn, point)}`
}
