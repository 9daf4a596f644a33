// @vitest-environment jsdom
/**
 * The perturbation-confusion panel, drawn from the spec of a real show_confusion() cell: stepping
 * fills both sides and the trace, and each step is announced in the polite live region.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import ConfusionPanel from '../../../app/panels/ConfusionPanel.tsx'
import { panelOf } from '../../engine/panels/helpers.ts'
import type { SpecOf } from '../../engine/panels/helpers.ts'
import { byRole, step } from './panelUi.ts'

afterEach(cleanup)

// The specs are computed once for the file: rendering is what these tests exercise.
const AT_1 = panelOf('confusion', 'show_confusion()')
const AT_3 = panelOf('confusion', 'show_confusion(3)')

function ui(spec: SpecOf<'confusion'> = AT_1) {
  const r = render(<ConfusionPanel panel={spec} />)
  const live = () => r.container.querySelector('[aria-live="polite"]')!.textContent
  return {
    ...r,
    live,
    step: () => step(),
    back: () => fireEvent.click(byRole('button', 'Step back')),
    tagged: () => byRole('region', /With levels/).textContent!,
    untagged: () => byRole('region', /Without levels/).textContent!,
    traceRows: () => r.container.querySelectorAll('.cf-trace tbody tr').length,
  }
}

describe('ConfusionPanel', () => {
  it('starts with nothing shown and an invitation to step', () => {
    const p = ui()
    expect(p.live()).toMatch(/Press Step/)
    expect(p.tagged()).toMatch(/after the last step/)
    expect(p.traceRows()).toBe(0)
  })

  it('announces each step and fills both sides', () => {
    const p = ui()
    p.step()
    expect(p.live()).toMatch(/^Step 1 of 4, outer seed/)
    expect(p.tagged()).toContain('x = 1 + 1·ε₁')
    expect(p.untagged()).toContain('x = 1 + 1·ε')
    p.step()
    expect(p.live()).toMatch(/^Step 2 of 4, inner seed/)
    expect(p.tagged()).toContain('y = 1 + 1·ε₂')
    p.step()
    expect(p.live()).toMatch(/^Step 3 of 4, inner result/)
    expect(p.tagged()).toContain('x + y = 2 + 1·ε₁ + 1·ε₂')
    expect(p.untagged()).toContain('x + y = 2 + 2·ε')
    p.step()
    expect(p.live()).toMatch(/Answers: with levels 1, without levels 2\.$/)
    expect(p.tagged()).toContain('1 (correct)')
    expect(p.untagged()).toContain('2 (wrong)')
  })

  it('fills the trace of both levels as it goes, highlighting the current step', () => {
    const p = ui()
    p.step()
    const afterOne = p.traceRows()
    expect(afterOne).toBeGreaterThan(0)
    p.step()
    p.step()
    expect(p.traceRows()).toBeGreaterThan(afterOne)
    const text = p.container.querySelector('.cf-trace')!.textContent!
    expect(text).toContain('level 1 (outer, ε₁)')
    expect(text).toContain('level 2 (inner, ε₂)')
    expect(text).toContain('x + y, at level 2')
    expect(p.container.querySelectorAll('.cf-trace tr.cf-current').length).toBeGreaterThan(0)
  })

  it('steps with the arrow keys inside the panel, and back', () => {
    const p = ui()
    const panel = screen.getByRole('region', { name: /Perturbation confusion/ })
    fireEvent.keyDown(panel, { key: 'ArrowRight' })
    fireEvent.keyDown(panel, { key: 'ArrowRight' })
    expect(p.live()).toMatch(/^Step 2 of 4/)
    fireEvent.keyDown(panel, { key: 'ArrowLeft' })
    expect(p.live()).toMatch(/^Step 1 of 4/)
    p.back()
    expect(p.live()).toMatch(/Press Step/)
  })

  it('does not step when the arrow keys move between the code tabs', () => {
    const p = ui()
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Julia' }), { key: 'ArrowRight' })
    expect(p.live()).toMatch(/Press Step/)
    expect(screen.getByRole('tab', { name: 'JAX' }).getAttribute('aria-selected')).toBe('true')
  })

  it('follows c: the values move, the answers do not', () => {
    const p = ui(AT_3)
    for (let k = 0; k < 4; k++) p.step()
    expect(p.tagged()).toContain('x + y = 4 + 1·ε₁ + 1·ε₂')
    expect(p.untagged()).toContain('6 + 2·ε')
    expect(p.tagged()).toContain('1 (correct)')
  })
})
