/**
 * The presentation's scratch cell: an ordinary code cell at the end of the notebook, where an
 * instructor types whatever function the class calls out. A comment marks it, so it is
 * recognised (and styled as scratch) after a reload too, and an export shows what it is. It runs
 * in a scope of its own (app/store/scratchCell.ts): it reads the lesson's names, and its own
 * definitions shadow them for the scratch cell only.
 */
import { SCRATCH_MARK, isScratch } from '../store/scratchCell.ts'
import { useStore } from '../store/store.ts'

export { SCRATCH_MARK, isScratch }

/** The scratch cell's id, adding it at the end of the notebook if there is none yet. */
export function ensureScratch(): string {
  const { cells, addCell, edit } = useStore.getState()
  const existing = cells.find(isScratch)
  if (existing) return existing.id
  const id = addCell(cells.at(-1)?.id ?? null, 'code')
  edit(id, `${SCRATCH_MARK}: the lesson's names work here; what you define here stays here\n`)
  return id
}

/**
 * Focuses the code editor inside box with the cursor at the end, ready to type. The editor loads
 * on first focus (EditorSlot), so this waits for it.
 */
export async function focusEditorAtEnd(box: HTMLElement): Promise<void> {
  box.querySelector<HTMLElement>('.cm-content, [role="textbox"]')?.focus()
  for (let waited = 0; waited < 10_000; waited += 50) {
    const content = box.querySelector<HTMLElement>('.cm-content')
    if (content) {
      // Already loaded with the editor, so this costs nothing more.
      const { EditorView } = await import('@codemirror/view')
      const view = EditorView.findFromDOM(content)
      if (!view) return
      view.focus()
      view.dispatch({ selection: { anchor: view.state.doc.length } })
      return
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}
