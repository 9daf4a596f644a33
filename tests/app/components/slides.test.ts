// @vitest-environment jsdom
// The presentation's slides and keys: which slides answer a prediction (and so open covered), the
// steps a fit visits, and what each key of a keyboard or a presenter remote asks for.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampledSteps } from '../../../app/components/slideFit.ts'
import { slideAction } from '../../../app/components/slideKeys.ts'
import { slidesOf } from '../../../app/components/slides.ts'
import { fromMarkdown } from '../../../app/store/cells.ts'

const lesson = (slug: string) =>
  fromMarkdown(readFileSync(join(import.meta.dirname, '../../../content', `${slug}.md`), 'utf8'))

/** The first words of a slide's cell, to name it in expectations. */
const opening = (source: string) => source.trim().slice(0, 24)

describe('slidesOf', () => {
  it('marks the slides after a prediction, up to its code cell, as answering it', () => {
    const cells = fromMarkdown(
      [
        'Intro.',
        '```exercise guess',
        'question: What is 1 + 1?',
        'answer: 2',
        'predict: yes',
        '```',
        'The answer is two.',
        '```julia',
        '1 + 1',
        '```',
        'After.',
        '```exercise plain',
        'question: What is 2 + 2?',
        'answer: 4',
        '```',
        '```julia',
        '2 + 2',
        '```',
      ].join('\n'),
    )
    const slides = slidesOf(cells)
    const byText = slides.map((s) => [opening(cells[s.index]!.source), s.answers])
    expect(byText).toEqual([
      ['Intro.', null],
      ['question: What is 1 + 1?', null],
      ['The answer is two.', 'guess'],
      ['1 + 1', 'guess'],
      ['After.', null],
      ['question: What is 2 + 2?', null],
      ['2 + 2', null],
    ])
  })

  it('covers the code cell after the seed lesson’s tf_gradients prediction, and the text that explains the jacobians one', () => {
    const seed = lesson('seed-session')
    const seedAnswers = slidesOf(seed).filter((s) => s.answers !== null)
    expect(seedAnswers.map((s) => [opening(seed[s.index]!.source), s.answers])).toEqual([
      ['tf_gradients(g, x1)', 'seed-tf-gradients'],
    ])
    const jac = lesson('jacobians')
    const jacAnswers = slidesOf(jac).filter((s) => s.answers !== null)
    expect(jacAnswers.map((s) => jac[s.index]!.kind)).toContain('prose')
  })
})

describe('sampledSteps', () => {
  it('visits the last step first, then an even spread that includes 0, never more than 12', () => {
    expect(sampledSteps(1)).toEqual([1, 0])
    expect(sampledSteps(3)).toEqual([3, 0, 1, 2])
    const many = sampledSteps(100)
    expect(many[0]).toBe(100)
    expect(many).toContain(0)
    expect(many.length).toBeLessThanOrEqual(12)
    expect(new Set(many).size).toBe(many.length)
  })
})

describe('slideAction', () => {
  const press = (key: string, init: KeyboardEventInit = {}, target: HTMLElement = document.body) => {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, ...init })
    Object.defineProperty(e, 'target', { value: target })
    return slideAction(e, null)
  }

  it('steps with a remote’s keys and the arrows', () => {
    for (const key of ['PageDown', 'ArrowRight', 'ArrowDown', ' ']) expect(press(key)).toBe('forward')
    for (const key of ['PageUp', 'ArrowLeft', 'ArrowUp']) expect(press(key)).toBe('backward')
  })

  it('completes a slide with End or Shift+PageDown, restarts it with Home or Shift+PageUp, and jumps with Ctrl', () => {
    expect(press('End')).toBe('complete')
    expect(press('PageDown', { shiftKey: true })).toBe('complete')
    expect(press('Home')).toBe('restart')
    expect(press('PageUp', { shiftKey: true })).toBe('restart')
    expect(press('End', { ctrlKey: true })).toBe('last')
    expect(press('Home', { ctrlKey: true })).toBe('first')
  })

  it('blanks with B or "." (as remotes send), and leaves other keys and editors alone', () => {
    expect(press('b')).toBe('blank')
    expect(press('B')).toBe('blank')
    expect(press('.')).toBe('blank')
    expect(press('x')).toBeNull()
    const input = document.createElement('input')
    document.body.append(input)
    expect(press('PageDown', {}, input)).toBeNull()
    expect(press('Escape', {}, input)).toBe('ignore')
    const button = document.createElement('button')
    expect(press(' ', {}, button)).toBeNull()
  })
})
