// @vitest-environment jsdom
/**
 * The equivalent code beside a panel runs: its Run button puts the snippet in the notebook, in
 * its language (JAX and PyTorch as Python), right after the panel's cell, marked scratch so its
 * names stay its own and the lesson's `x` is untouched; in presentation mode it goes into the
 * scratch cell instead. The worker is sent the new cell.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CodeEquivalents } from '../../../app/panels/CodeEquivalents.tsx'
import '../../../app/panels/runSnippet.ts' // loaded on click in the page; here at once
import { cellLanguage, fromMarkdown } from '../../../app/store/cells.ts'
import { isScratch } from '../../../app/store/scratchCell.ts'
import { useStore } from '../../../app/store/store.ts'
import { useView } from '../../../app/store/view.ts'
import { sent } from '../store/fakeWorker.ts'

vi.mock('../../../app/worker/client.ts', () => import('../store/fakeWorker.ts'))

const snippets = { julia: 'J = Zygote.jacobian(g, x)[1]', jax: 'J = jax.jacrev(g)(x)', pytorch: 'J = jacobian(g, x)' }
const LESSON = '```julia\nx = [1.0, 2.0]\ng(x) = 2x\n```\n\n```julia\nshow_sum_trap(g, x)\n```\n\nText after.\n'
const state = () => useStore.getState()

beforeEach(() => {
  localStorage.clear()
  sent.length = 0
  state().openDocument('lesson:t', 't', 'T', 'b', fromMarkdown(LESSON), {})
  useView.setState({ mode: 'learner', embed: false })
})
afterEach(() => cleanup())

/** Renders the tabs inside the panel's cell, as the notebook wraps each cell in [data-cell]. */
function renderIn(cellId: string) {
  render(
    <div data-cell={cellId}>
      <CodeEquivalents snippets={snippets} />
    </div>,
  )
}

describe('running the equivalent code', () => {
  it('adds the JAX code as a Python scratch cell right after the panel’s cell, and runs it', async () => {
    const panelCell = state().cells.filter((c) => c.kind === 'code')[1]!
    renderIn(panelCell.id)
    fireEvent.click(screen.getByRole('tab', { name: 'JAX' }))
    fireEvent.click(screen.getByRole('button', { name: 'Run JAX code in a cell' }))
    await screen.findByText('Added the JAX code as a new cell below')
    const cells = state().cells
    const added = cells[cells.findIndex((c) => c.id === panelCell.id) + 1]!
    expect(cellLanguage(added)).toBe('python')
    expect(isScratch(added)).toBe(true)
    expect(added.source.split('\n').slice(1)).toEqual(['J = jax.jacrev(g)(x)'])
    const run = sent.at(-1)!.cells.find((c) => c.id === added.id)!
    expect(run).toMatchObject({ language: 'python', scope: 'private' })
  })

  it('puts the code into the scratch cell in presentation mode', async () => {
    useView.setState({ mode: 'present' })
    renderIn(state().cells[0]!.id)
    fireEvent.click(screen.getByRole('button', { name: 'Run Julia code in a cell' }))
    await screen.findByText('The Julia code is in the scratch cell')
    const scratch = state().cells.filter(isScratch)
    expect(scratch).toHaveLength(1)
    expect(cellLanguage(scratch[0]!)).toBe('julia')
    expect(scratch[0]!.source).toMatch(/\nJ = Zygote\.jacobian\(g, x\)\[1\]$/)
  })

  it('offers no Run button where nothing can be edited (reader, embed)', () => {
    useView.setState({ mode: 'reader' })
    renderIn(state().cells[0]!.id)
    expect(screen.queryByRole('button', { name: /^Run / })).toBeNull()
  })
})
