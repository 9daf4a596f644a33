// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SliderSpec } from '../../../engine/language/sliders.ts'
import { SLIDER_MAX_COMPONENTS } from '../../../engine/language/sliders.ts'
import { SliderControl } from '../../../app/components/SliderControl.tsx'

afterEach(cleanup)

const spec = (over: Partial<SliderSpec> = {}): SliderSpec => ({
  name: 'x',
  min: [0],
  max: [1],
  step: 0.01,
  value: [0.5],
  shape: [],
  ...over,
})

describe('SliderControl', () => {
  it('is a native range input with its range, value and spoken value', () => {
    render(<SliderControl spec={spec()} onChange={() => {}} />)
    const input = screen.getByRole('slider', { name: 'x' }) as HTMLInputElement
    expect(input.type).toBe('range')
    expect([input.min, input.max, input.step, input.value]).toEqual(['0', '1', '0.01', '0.5'])
    expect(input.getAttribute('aria-valuetext')).toBe('x = 0.50')
    expect(screen.getByText('0.50')).toBeTruthy()
  })

  it('fires onChange with the new value while dragging, and shows it', () => {
    const onChange = vi.fn()
    render(<SliderControl spec={spec()} onChange={onChange} />)
    const input = screen.getByRole('slider')
    fireEvent.change(input, { target: { value: '0.25' } })
    expect(onChange).toHaveBeenCalledWith([0.25])
    expect(input.getAttribute('aria-valuetext')).toBe('x = 0.25')
  })

  it('has one slider per component of a vector, named with subscripts', () => {
    const onChange = vi.fn()
    render(
      <SliderControl
        spec={spec({ min: [-1, -1], max: [1, 1], step: 0.5, value: [0, 1], shape: [2] })}
        onChange={onChange}
      />,
    )
    const [x1, x2] = screen.getAllByRole('slider')
    expect(x1!.getAttribute('aria-valuetext')).toBe('x₁ = 0.0')
    expect(x2!.getAttribute('aria-valuetext')).toBe('x₂ = 1.0')
    fireEvent.change(x2!, { target: { value: '-0.5' } })
    expect(onChange).toHaveBeenCalledWith([0, -0.5])
  })

  it('follows a new spec value', () => {
    const { rerender } = render(<SliderControl spec={spec()} onChange={() => {}} />)
    rerender(<SliderControl spec={spec({ value: [0.9] })} onChange={() => {}} />)
    expect(screen.getByRole('slider').getAttribute('aria-valuetext')).toBe('x = 0.90')
  })
})

describe('SliderControl with too many components', () => {
  it(`draws at most SLIDER_MAX_COMPONENTS inputs and says the rest are left out`, () => {
    const n = 100_000
    const zeros = new Array<number>(n).fill(0)
    const ones = new Array<number>(n).fill(1)
    render(<SliderControl spec={spec({ min: zeros, max: ones, value: zeros, shape: [n] })} onChange={() => {}} />)
    expect(screen.getAllByRole('slider')).toHaveLength(SLIDER_MAX_COMPONENTS)
    expect(screen.getByText(new RegExp(`first ${SLIDER_MAX_COMPONENTS} of ${n} components`))).toBeTruthy()
  })
})
