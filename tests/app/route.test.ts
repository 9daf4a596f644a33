// @vitest-environment jsdom
// The hash router's parsing: every option a lesson link can carry, and what a bad value becomes
// (a message, never a broken page). Also the course order and the exercise ids the contents count.
import { describe, expect, it } from 'vitest'
import { courseOrder, exerciseIds } from '../../app/lessons.ts'
import { findCell, parseRoute, withOptions } from '../../app/route.ts'

const base = { mode: 'learner', embed: false, cell: null, panel: null, slide: 0, step: 0, problems: [] }

describe('parseRoute', () => {
  it('reads a lesson from #/<slug>, with or without the slash, and nothing from an empty hash', () => {
    expect(parseRoute('#/sum-trap')).toEqual({ ...base, slug: 'sum-trap' })
    expect(parseRoute('#sum-trap')).toEqual({ ...base, slug: 'sum-trap' })
    expect(parseRoute('')).toEqual({ ...base, slug: '' })
    expect(parseRoute('#/')).toEqual({ ...base, slug: '' })
  })

  it('keeps what share links carried: the slug decoded and cut at 100 characters, and nb', () => {
    expect(parseRoute('#/seed-session?nb=abc_-1')).toEqual({ ...base, slug: 'seed-session', share: 'abc_-1' })
    expect(parseRoute('#/caf%C3%A9').slug).toBe('café')
    expect(parseRoute(`#/${'x'.repeat(300)}`).slug).toHaveLength(100)
    expect(parseRoute('#/shared?nb=').share).toBe('')
  })

  it('reads the view options', () => {
    expect(parseRoute('#/hvp?mode=reader').mode).toBe('reader')
    expect(parseRoute('#/hvp?mode=present&slide=4')).toMatchObject({ mode: 'present', slide: 3, problems: [] })
    expect(parseRoute('#/hvp?mode=learner').mode).toBe('learner')
    expect(parseRoute('#/hvp?embed=1&cell=hessian')).toMatchObject({ embed: true, cell: 'hessian', problems: [] })
    expect(parseRoute('#/hvp?embed=1&cell=3').cell).toBe('3')
    expect(parseRoute('#/hvp?embed=true&panel=2')).toMatchObject({ embed: true, panel: 2 })
    expect(parseRoute('#/hvp?embed=0').embed).toBe(false)
    expect(parseRoute('#/hvp?nb=xyz&mode=reader')).toMatchObject({ share: 'xyz', mode: 'reader' })
  })

  it('reads the presentation step, 0 included; a bad step is one message', () => {
    expect(parseRoute('#/hvp?mode=present&slide=4&step=7')).toMatchObject({ slide: 3, step: 7, problems: [] })
    expect(parseRoute('#/hvp?mode=present&slide=4&step=0')).toMatchObject({ step: 0, problems: [] })
    const bad = parseRoute('#/hvp?mode=present&step=-2')
    expect(bad.step).toBe(0)
    expect(bad.problems).toEqual(["step=“-2” should be a step's number, counting from 0."])
    expect(withOptions('#/hvp?mode=present&slide=4', { step: '3' })).toBe('#/hvp?mode=present&slide=4&step=3')
  })

  it('turns each bad value into one message and falls back to the default', () => {
    const r = parseRoute('#/hvp?mode=slides&embed=yes&cell=a%20b&panel=x&slide=-1&zoom=2')
    expect(r).toMatchObject({ slug: 'hvp', mode: 'learner', embed: false, cell: null, panel: null, slide: 0 })
    expect(r.problems).toHaveLength(6)
    expect(r.problems[0]).toMatch(/no view called “slides”/)
    expect(r.problems.join(' ')).toMatch(/zoom/)
    expect(parseRoute('#/hvp?panel=1.5').problems).toHaveLength(1)
    expect(parseRoute('#/hvp?panel=1e3').panel).toBeNull()
  })

  it('keeps panel=0, a slip of counting from 0, for the embed to name (Missing.tsx)', () => {
    expect(parseRoute('#/hvp?panel=0')).toMatchObject({ panel: 0, problems: [] })
  })

  it('survives a garbled percent-escape in the slug', () => {
    const r = parseRoute('#/%E0%A4%A')
    expect(r.problems).toEqual(['The lesson name in this link is garbled.'])
  })
})

describe('withOptions', () => {
  it('changes one option and keeps the rest', () => {
    expect(withOptions('#/hvp?nb=abc&cell=2', { mode: 'reader' })).toBe('#/hvp?nb=abc&cell=2&mode=reader')
    expect(withOptions('#/hvp?mode=present&slide=3', { mode: null, slide: null })).toBe('#/hvp')
    expect(withOptions('#/hvp', { slide: '2' })).toBe('#/hvp?slide=2')
    expect(parseRoute(withOptions('#/hvp?mode=present', { slide: '5' })).slide).toBe(4)
  })
})

describe('findCell', () => {
  const cells = [
    { id: 'p1', kind: 'prose' },
    { id: 'c1', kind: 'code', flags: [] },
    { id: 'p2', kind: 'prose' },
    { id: 'c2', kind: 'code', flags: ['hidden', 'id=hessian'] },
  ]
  it('finds a cell by its id= name or by its number among code cells', () => {
    expect(findCell(cells, 'hessian')?.id).toBe('c2')
    expect(findCell(cells, '1')?.id).toBe('c1')
    expect(findCell(cells, '2')?.id).toBe('c2')
    expect(findCell(cells, '3')).toBeUndefined()
    expect(findCell(cells, 'hidden')).toBeUndefined()
  })
})

describe('lessons', () => {
  it('orders the course by its ideas, then anything else alphabetically', () => {
    const slugs = ['zeta', 'seed-session', 'alpha', 'derivatives', 'nested-ad', 'sum-trap']
    expect(slugs.sort(courseOrder)).toEqual(['seed-session', 'derivatives', 'sum-trap', 'nested-ad', 'alpha', 'zeta'])
  })

  it('finds exercise ids on fences that open an exercise, not inside other fences', () => {
    const text = [
      '# A lesson',
      '```exercise first-one',
      'question: ?',
      '```',
      '````md',
      '```exercise not-this',
      '```',
      '````',
      '~~~ exercise tilde-2',
      'answer: 1',
      '~~~',
      '```ad',
      'exercise x',
      '```',
    ].join('\n')
    expect(exerciseIds(text)).toEqual(['first-one', 'tilde-2'])
  })
})
