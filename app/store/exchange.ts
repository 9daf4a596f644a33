/**
 * What comes into the notebook from outside and goes out: share links (share.ts encodes them)
 * and Markdown files, in the same format as the lessons in content/.
 */
import { fromMarkdown, toMarkdown } from './cells.ts'
import { submitAll } from './editing.ts'
import { hashText, save } from './persist.ts'
import type { ExchangeSlice, Slice } from './state.ts'

/** A notebook's title: its first level-1 heading. */
export const titleOf = (md: string): string | undefined => /^#\s+(.+)$/m.exec(md)?.[1]?.slice(0, 120)

export const exchangeSlice: Slice<ExchangeSlice> = (set, get) => ({
  openShared(payload) {
    const cells = fromMarkdown(payload.md)
    get().openDocument(
      'shared',
      'shared',
      titleOf(payload.md) ?? 'Shared notebook',
      hashText(payload.md),
      cells,
      payload.sliders,
    )
    save('shared', hashText(payload.md), cells, payload.sliders)
  },

  importMarkdown(text, name) {
    const cells = fromMarkdown(text)
    if (!cells.some((c) => c.kind === 'code')) {
      get().notify(`${name} has no code cells (fenced blocks marked \`ad\`), so nothing was imported.`)
      return
    }
    get().replaceCells(cells)
    const title = titleOf(text)
    set({ submitted: submitAll(cells), outputs: {}, ...(title ? { title } : {}) })
    get().evaluate()
    get().notify(`Imported ${name}. Undo brings the previous notebook back.`)
  },

  exportMarkdown() {
    return toMarkdown(get().cells)
  },
})
