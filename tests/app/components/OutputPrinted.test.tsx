// @vitest-environment jsdom
/**
 * What a cell printed (println, @show) is shown above its value or its error, as a terminal
 * shows standard output, and a cell whose value is nothing still shows what it printed.
 */
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CellOutput } from '../../../engine/output/display.ts'
import { Output } from '../../../app/components/Output.tsx'

afterEach(cleanup)

const printedBlock = () => screen.getByLabelText('Printed output')

describe('Output: printed lines', () => {
  it('renders the printed lines, in order, above the value', () => {
    const output: CellOutput = {
      ok: true,
      display: { kind: 'string', value: 'the value' },
      sliders: [],
      printed: ['i = 1', 'i = 2'],
    }
    render(<Output output={output} />)
    const block = printedBlock()
    expect(block.textContent).toBe('i = 1\ni = 2')
    const value = screen.getByText(/the value/)
    // The printed block comes first in the document.
    expect(block.compareDocumentPosition(value) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('shows the printed lines of a cell whose value is nothing', () => {
    render(<Output output={{ ok: true, display: { kind: 'nothing' }, sliders: [], printed: ['hello'] }} />)
    expect(printedBlock().textContent).toBe('hello')
  })

  it('keeps the printed lines above an error', () => {
    render(<Output output={{ ok: false, error: 'sqrt(-1) is undefined', sliders: [], printed: ['before'] }} />)
    const block = printedBlock()
    expect(block.textContent).toBe('before')
    const error = screen.getByRole('status')
    expect(block.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('shows no printed block when nothing was printed', () => {
    render(<Output output={{ ok: true, display: { kind: 'boolean', value: true }, sliders: [] }} />)
    expect(screen.queryByLabelText('Printed output')).toBeNull()
  })
})
