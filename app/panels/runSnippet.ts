/**
 * The equivalent code beside a panel, run: the snippet goes into the notebook as a cell in its
 * language (Julia, or Python for JAX and PyTorch), marked scratch so that it runs in a scope of its
 * own (it reads the lesson's `g`; its `x`, `J`, `y` never clash with the lesson's). Loaded by
 * CodeEquivalents on the first click.
 */
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import { ensureScratch, SCRATCH_MARK } from '../components/scratch.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import type { CodeSnippets } from './CodeEquivalents.tsx'

/** The notebook language each snippet is written in. */
const LANGUAGE: Record<keyof CodeSnippets, CellLanguage> = { julia: 'julia', jax: 'python', pytorch: 'python' }

/**
 * Puts a snippet in the notebook and runs it: in presentation mode into the scratch cell, else as
 * a new cell after the cell whose panel `from` is in. Returns what the status line says.
 */
export function runSnippet(key: keyof CodeSnippets, label: string, code: string, from: Element | null): string {
  const store = useStore.getState()
  const source = `${SCRATCH_MARK}: the ${label} code from the panel; what it defines stays in this cell\n${code}`
  const present = useView.getState().mode === 'present'
  const after = from?.closest('[data-cell]')?.getAttribute('data-cell') ?? store.cells.at(-1)?.id ?? null
  const id = present ? ensureScratch() : store.addCell(after, 'code')
  if (id === '') return 'The notebook is full: delete a cell to add this one'
  store.setLanguage(id, LANGUAGE[key])
  store.edit(id, source)
  store.run(id)
  return present ? `The ${label} code is in the scratch cell` : `Added the ${label} code as a new cell below`
}
