/**
 * How the open lesson is being viewed, apart from what it contains: the mode (learner, reader,
 * presentation, embed), the current slide, and whether an instructor has revealed the answers.
 * Set from the URL by the router; the notebook's own state lives in store.ts.
 */
import { create } from 'zustand'

export type Mode = 'learner' | 'reader' | 'present'

export interface ViewState {
  mode: Mode
  /** Rendered inside an iframe on a course site: no navigation, only what the link names. */
  embed: boolean
  /** A cell to show alone (embed) or scroll to: its `id=` name or its 1-based number. */
  cell: string | null
  /** The n-th panel of the lesson to show alone (embed), 1-based. */
  panel: number | null
  /** Presentation: the slide shown, 0-based. */
  slide: number
  /** Every exercise shows its answer (an instructor's reveal). */
  revealAnswers: boolean
  /** The page is being printed: panels show their last step, so a handout shows the whole replay. */
  printing: boolean
  /** The language reference is shown instead of the notebook, at this entry ('' for the top). */
  reference: string | null
}

export const useView = create<ViewState>(() => ({
  mode: 'learner',
  embed: false,
  cell: null,
  panel: null,
  slide: 0,
  revealAnswers: false,
  printing: false,
  reference: null,
}))
