/**
 * The learner's choice of language for the lessons' two-variant cells (Julia or Python), kept in
 * localStorage so that it holds across reloads and from one lesson to the next. One short string
 * under its own key: anything else found there (an older format, a hand edit) reads as Julia.
 * Another tab's choice is followed (its storage event). Which cells run for it: cells.ts.
 */
import { create } from 'zustand'
import type { EditableCell } from './cells.ts'
import { shownCells } from './cells.ts'

/** The languages a lesson's cells come in; `ad` is never a variant's language. */
export type CodeLanguage = 'julia' | 'python'

/** Beside the other `adnb:` records (persist.ts's PREFIX). */
export const CODE_LANGUAGE_KEY = 'adnb:code-language'

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/** The saved choice; Julia, the lessons' own language, when none (or nothing readable) is saved. */
export function savedCodeLanguage(): CodeLanguage {
  try {
    return storage()?.getItem(CODE_LANGUAGE_KEY) === 'python' ? 'python' : 'julia'
  } catch {
    return 'julia'
  }
}

interface CodeLanguageState {
  language: CodeLanguage
  /** Chooses the language and saves the choice (a full or disabled storage keeps it for this page). */
  choose(language: CodeLanguage): void
}

export const useCodeLanguage = create<CodeLanguageState>((set) => ({
  language: savedCodeLanguage(),
  choose(language) {
    set({ language })
    try {
      storage()?.setItem(CODE_LANGUAGE_KEY, language)
    } catch {
      // Storage full or refused: the choice holds until the page is closed.
    }
  },
}))

// Another tab switched: follow it, so two tabs of the course agree.
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key === CODE_LANGUAGE_KEY) useCodeLanguage.setState({ language: savedCodeLanguage() })
  })

/** The cells shown and run now: of each two-variant cell, the one in the chosen language. */
export const shownNow = (cells: readonly EditableCell[]): EditableCell[] =>
  shownCells(cells, useCodeLanguage.getState().language)
