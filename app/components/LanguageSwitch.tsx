/**
 * The switch between a lesson's Julia and Python code: it chooses which variant of each
 * two-variant cell is shown and runs, in every lesson, and is remembered (store/codeLanguage.ts).
 * In the toolbar when the open notebook has such cells, and on each of those cells.
 */
import { variantLanguages } from '../../engine/notebook/variants.ts'
import { variantShape } from '../store/cells.ts'
import type { CodeLanguage } from '../store/codeLanguage.ts'
import { useCodeLanguage } from '../store/codeLanguage.ts'
import { useStore } from '../store/store.ts'

const NAMES: Record<CodeLanguage, string> = { julia: 'Julia', python: 'Python' }

/** Whether the open notebook has a cell written in both languages. */
export const useHasVariants = () => useStore((s) => variantLanguages(s.cells.map(variantShape)).length > 0)

export function LanguageSwitch({ label = 'Code language', caption }: { label?: string; caption?: string }) {
  const language = useCodeLanguage((s) => s.language)
  const choose = useCodeLanguage((s) => s.choose)
  return (
    <div
      className="language-switch"
      role="group"
      aria-label={label}
      title="Show and run the lessons' code in Julia or in Python (JAX); remembered for every lesson"
    >
      {caption && <span className="language-switch-caption">{caption}</span>}
      {(['julia', 'python'] as const).map((l) => (
        <button key={l} type="button" aria-pressed={l === language} onClick={() => choose(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  )
}

/** The toolbar's switch: only where the notebook has two-variant cells. */
export function ToolbarLanguageSwitch() {
  return useHasVariants() ? <LanguageSwitch caption="Code in" /> : null
}
