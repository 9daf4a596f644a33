// @vitest-environment jsdom
/**
 * The equivalent-code tabs: real ARIA tabs (one selected, arrow keys and Home/End move and
 * focus), one visible panel per tab, and a Copy button that reports what it did.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CodeEquivalents } from '../../../app/panels/CodeEquivalents.tsx'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const snippets = { julia: 'Zygote.jacobian(g, x)', jax: 'jax.jacrev(g)(x)', pytorch: 'jacobian(g, x)' }

const tab = (name: string) => screen.getByRole('tab', { name })
const visiblePanel = () => screen.getByRole('tabpanel') // hidden panels are not in the accessibility tree

describe('CodeEquivalents', () => {
  it('shows three tabs with Julia selected and its code visible', () => {
    render(<CodeEquivalents snippets={snippets} />)
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Julia', 'JAX', 'PyTorch'])
    expect(tab('Julia').getAttribute('aria-selected')).toBe('true')
    expect(tab('JAX').getAttribute('tabindex')).toBe('-1')
    expect(visiblePanel().textContent).toContain('Zygote.jacobian(g, x)')
    expect(visiblePanel().getAttribute('aria-labelledby')).toBe(tab('Julia').id)
  })

  it('moves between tabs with the arrow keys, Home and End, wrapping around', () => {
    render(<CodeEquivalents snippets={snippets} />)
    fireEvent.keyDown(tab('Julia'), { key: 'ArrowRight' })
    expect(tab('JAX').getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(tab('JAX'))
    expect(visiblePanel().textContent).toContain('jax.jacrev(g)(x)')
    fireEvent.keyDown(tab('JAX'), { key: 'End' })
    expect(document.activeElement).toBe(tab('PyTorch'))
    fireEvent.keyDown(tab('PyTorch'), { key: 'ArrowRight' })
    expect(document.activeElement).toBe(tab('Julia'))
    fireEvent.keyDown(tab('Julia'), { key: 'ArrowLeft' })
    expect(tab('PyTorch').getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(tab('PyTorch'), { key: 'Home' })
    expect(tab('Julia').getAttribute('aria-selected')).toBe('true')
  })

  it('selects a tab on click', () => {
    render(<CodeEquivalents snippets={snippets} />)
    fireEvent.click(tab('PyTorch'))
    expect(visiblePanel().textContent).toContain('jacobian(g, x)')
  })

  it('copies the visible snippet and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    render(<CodeEquivalents snippets={snippets} />)
    fireEvent.click(tab('JAX'))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy JAX code' }))
      await Promise.resolve()
    })
    expect(writeText).toHaveBeenCalledWith('jax.jacrev(g)(x)')
    expect(screen.getByRole('status').textContent).toBe('Copied the JAX code')
  })

  it('explains when the clipboard is not available', () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    render(<CodeEquivalents snippets={snippets} />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy Julia code' }))
    expect(screen.getByRole('status').textContent).toMatch(/select the code/)
  })
})
