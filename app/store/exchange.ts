/**
 * What comes into the notebook from outside and goes out: share links (share.ts encodes them)
 * and Markdown files, in the same format as the lessons in content/. Both become notebooks of
 * the learner's own ("nb:<id>", listed under My notebooks), each under its own key: nothing a
 * link or a file brings in overwrites a lesson's edits or another notebook.
 */
import { fromMarkdown, newId, toMarkdown } from './cells.ts'
import { contentOf } from './document.ts'
import { MAX_CELLS, hashText, load, save } from './persist.ts'
import { encodeShare, MAX_LINK_CHARS } from './share.ts'
import type { ExchangeSlice, Slice } from './state.ts'

/** A notebook's title: its first level-1 heading. */
export const titleOf = (md: string): string | undefined => /^#\s+(.+)$/m.exec(md)?.[1]?.slice(0, 120)

const sameSliders = (a: Record<string, number[]>, b: Record<string, number[]>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())

export const exchangeSlice: Slice<ExchangeSlice> = (set, get) => ({
  openShared(payload, link) {
    // One document per link content: the same link opens the same notebook again.
    const id = `s-${hashText(JSON.stringify([payload.md, payload.sliders]))}`
    const doc = `nb:${id}`
    const title = titleOf(payload.md) ?? 'Shared notebook'
    const base = hashText(payload.md)
    const origin = { kind: 'shared' as const, ...(link.length <= MAX_LINK_CHARS ? { link } : {}) }
    const saved = load(doc)
    if (saved.kind === 'ok') {
      const edited =
        toMarkdown(saved.saved.cells) !== toMarkdown(fromMarkdown(payload.md)) ||
        !sameSliders(saved.saved.sliders, payload.sliders)
      if (!edited) {
        get().openNotebook(id)
        return
      }
      // The learner's edits move to a copy of their own; the link opens as it was sent.
      const copy = `c-${newId()}`
      const kept = save(`nb:${copy}`, {
        ...saved.saved,
        title: `${title} (your edits)`.slice(0, 200),
        origin: { ...origin, kind: 'copy' },
      })
      if (!kept.ok) {
        get().openNotebook(id)
        get().notify(
          `This link’s notebook differs from your saved edits of it, and they could not be kept apart (${kept.why}), so your edits are shown. Export them to keep both.`,
        )
        return
      }
      get().notify('You had edited this shared notebook: your edited copy is kept under My notebooks.', {
        href: `#/my/${copy}`,
        link: 'Open your edited copy',
      })
    }
    const cells = fromMarkdown(payload.md)
    get().openDocument(doc, `my/${id}`, title, base, cells, payload.sliders, origin)
    if (saved.kind === 'blocked') {
      set({ blocked: saved.key })
      return
    }
    const stored = save(doc, { base, cells, sliders: payload.sliders, title, origin })
    if (!stored.ok) get().notify(`This shared notebook could not be saved in this browser because ${stored.why}.`)
    get().refreshLibrary()
  },

  importMarkdown(text, name) {
    const cells = fromMarkdown(text)
    if (!cells.some((c) => c.kind === 'code')) {
      get().notify(`${name} has no code cells (fenced blocks marked \`julia\` or \`ad\`), so nothing was imported.`)
      return null
    }
    if (cells.length > MAX_CELLS) {
      get().notify(
        `${name} has ${cells.length} cells, more than a notebook can hold (${MAX_CELLS}); nothing was imported.`,
      )
      return null
    }
    const id = `i-${newId()}`
    const doc = `nb:${id}`
    const title = (titleOf(text) ?? name).slice(0, 200)
    const base = hashText(text)
    get().openDocument(doc, `my/${id}`, title, base, cells, {}, { kind: 'imported' })
    const stored = save(doc, { base, cells, sliders: {}, title, origin: { kind: 'imported' } })
    get().notify(
      stored.ok
        ? `Imported ${name} as a notebook of your own (listed under My notebooks); the lesson you had open is unchanged.`
        : `Imported ${name}, but it could not be saved in this browser because ${stored.why}. Export it to keep your edits.`,
    )
    get().refreshLibrary()
    // The file, compressed as a share link is, is what "Reset to original" goes back to.
    void encodeShare({ v: 1, md: text, sliders: {} }).then((link) => {
      if (link.length > MAX_LINK_CHARS || get().doc !== doc) return
      set({ origin: { kind: 'imported', link } })
      if (stored.ok) save(doc, contentOf(get()))
    })
    return id
  },

  exportMarkdown() {
    return toMarkdown(get().cells)
  },
})
