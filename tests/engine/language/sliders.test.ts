/**
 * Sliders: one input per component on the page, so a slider of 100,000 components is refused by
 * the runtime with the same cap the app's save and load schemas use.
 */
import { describe, expect, it } from 'vitest'
import { SLIDER_MAX_COMPONENTS, collectSliders } from '../../../engine/language/sliders.ts'
import { failure, run } from './helpers.ts'

describe('slider components', () => {
  it('accepts a slider of exactly the most components', () => {
    const n = SLIDER_MAX_COMPONENTS
    const { sliders } = collectSliders(() => run(`x = slider(zeros(${n}), ones(${n}), 0.1, zeros(${n}))`))
    expect(sliders).toHaveLength(1)
    expect(sliders[0]!.value).toHaveLength(n)
  })

  it('refuses one more, and a huge one, with a message that says why and what to do', () => {
    for (const n of [SLIDER_MAX_COMPONENTS + 1, 100_000]) {
      const { error, cause } = failure(`x = slider(zeros(${n}), ones(${n}), 0.1, zeros(${n}))`)
      expect(cause.kind).toBe('limit')
      expect(error).toContain(`${n} components`)
      expect(error).toContain(`at most ${SLIDER_MAX_COMPONENTS}`)
    }
  })

  it('refuses it also when no app collects the sliders (the command-line runner)', () => {
    expect(failure('x = slider(zeros(1000), ones(1000), 0.1, zeros(1000))').error).toContain('at most')
  })
})
