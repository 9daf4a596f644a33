/**
 * What an embed computes: the page marks the cell it shows (app/store/focus.ts), and the worker
 * runs it and, transitively, the cells defining the names it uses, in document order, whatever
 * order they are written in (app/worker/needed.ts); nothing outside an embed; nothing at all when
 * the link names no cell.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { EditableCell } from '../../../app/store/cells.ts'
import type { CellSource } from '../../../app/worker/protocol.ts'
import { embedSources, panelCandidates } from '../../../app/store/focus.ts'
import { cellsToRun, neededCells } from '../../../app/worker/needed.ts'
import { useView } from '../../../app/store/view.ts'

const code = (id: string, source: string, flags: string[] = []): EditableCell => ({
  id,
  kind: 'code',
  source,
  flags,
  fence: '```',
  info: 'julia',
})

// g uses f and x1; f uses A; `slow` and the panel cell are not needed by g's cell.
const cells = [
  code('a', 'A = [1 2; 3 4]'),
  code('slow', 'big = hessian(x -> sum(abs2, x), ones(64))'),
  code('use', 'g(x1)', ['id=use']),
  code('g', 'g(x) = gradient(f, x)[1]'),
  code('f', 'f(x) = sum(abs2, A*x)\nx1 = [1.0, 2.0]'),
  code('panel', 'show_hessian(f, x1)'),
]
const sources = cells.map((c) => ({ id: c.id, source: c.source, language: 'julia' as const }))

beforeEach(() => useView.setState({ embed: false, cell: null, panel: null }))

describe('an embed’s cells', () => {
  it('are the cell and those defining what it uses, transitively, in document order', () => {
    expect(neededCells(sources, ['use']).map((s) => s.id)).toEqual(['a', 'use', 'g', 'f'])
    expect(neededCells(sources, ['f']).map((s) => s.id)).toEqual(['a', 'f'])
    expect(neededCells(sources, ['a']).map((s) => s.id)).toEqual(['a'])
  })

  /** What the worker runs of what the page sends. */
  const run = (sent: readonly CellSource[] | null) => (sent === null ? null : cellsToRun(sent).map((s) => s.id))

  it('are every cell outside an embed, only the needed ones for cell=, none for a cell that does not exist', () => {
    expect(embedSources(cells, sources)).toBeNull()
    useView.setState({ embed: true, cell: 'use' })
    expect(run(embedSources(cells, sources))).toEqual(['a', 'use', 'g', 'f'])
    useView.setState({ embed: true, cell: '1' })
    expect(run(embedSources(cells, sources))).toEqual(['a'])
    useView.setState({ embed: true, cell: 'nope' })
    expect(embedSources(cells, sources)).toEqual([])
  })

  it('for panel=n are those of the n-th cell calling a panel builtin; panel=0 runs nothing', () => {
    expect(panelCandidates(cells).map((c) => c.id)).toEqual(['panel'])
    useView.setState({ embed: true, panel: 1 })
    expect(run(embedSources(cells, sources))).toEqual(['a', 'f', 'panel'])
    useView.setState({ embed: true, panel: 0 })
    expect(embedSources(cells, sources)).toEqual([])
    // More panels than the guess finds: every cell runs, to count them.
    useView.setState({ embed: true, panel: 2 })
    expect(embedSources(cells, sources)).toBeNull()
  })
})
