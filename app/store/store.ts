/**
 * The app's notebook state: one zustand store combined from slices by concern, each in its own
 * file (editing: cells and undo/redo; run: the worker and its results; document: the open
 * notebook and its saving; exchange: share links and files; library: My notebooks and set-aside
 * work; sync: two tabs on one document; notices). Components read it through narrow
 * selectors. Exercise progress (progress.ts) and the view (view.ts) are separate stores.
 */
import { create } from 'zustand'
import { documentSlice } from './document.ts'
import { editingSlice } from './editing.ts'
import { exchangeSlice } from './exchange.ts'
import { librarySlice } from './library.ts'
import { noticesSlice } from './notices.ts'
import { runSlice } from './run.ts'
import type { State } from './state.ts'
import { syncSlice } from './sync.ts'

export type { Notice, State } from './state.ts'

export const useStore = create<State>()((...a) => ({
  ...editingSlice(...a),
  ...runSlice(...a),
  ...documentSlice(...a),
  ...exchangeSlice(...a),
  ...noticesSlice(...a),
  ...librarySlice(...a),
  ...syncSlice(...a),
}))
