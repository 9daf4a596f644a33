// @vitest-environment jsdom
/**
 * Exercise progress in localStorage: it loads back, a solved exercise stays solved, and progress
 * that cannot be read is moved aside (never overwritten by the next answer) and reported.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const KEY = 'adnb:progress'

/** A fresh copy of the module, which reads storage when it loads, as on a page load. */
async function loadProgress() {
  vi.resetModules()
  return import('../../../app/store/progress.ts')
}

const asideKeys = () => Object.keys(localStorage).filter((k) => k.startsWith('adnb:set-aside:progress:'))

beforeEach(() => localStorage.clear())

describe('exercise progress', () => {
  it('saves answers and loads them back; solved stays solved', async () => {
    const { useProgress, solvedCount } = await loadProgress()
    useProgress.getState().record('seed', 'a', { state: 'solved', last: '12' })
    useProgress.getState().record('seed', 'a', { state: 'attempted', wrong: 1, last: '6' })
    useProgress.getState().record('seed', 'b', { state: 'revealed' })
    const again = await loadProgress()
    const lessons = again.useProgress.getState().lessons
    expect(lessons.seed?.a).toMatchObject({ state: 'solved', wrong: 1, last: '6' })
    expect(again.solvedCount(lessons, 'seed', ['a', 'b', 'c'])).toBe(1)
    expect(solvedCount(lessons, 'other', ['a'])).toBe(0)
    expect(again.useProgress.getState().setAside).toBeNull()
  })

  for (const [what, raw] of [
    ['not JSON', '{broken'],
    ['another version', '{"version": 7, "lessons": {}}'],
    ['a wrong shape', '{"version": 1, "lessons": {"seed": {"a": {"state": "won", "wrong": 0, "last": ""}}}}'],
  ] as const) {
    it(`moves ${what} aside, says why, and a new answer does not overwrite it`, async () => {
      localStorage.setItem(KEY, raw)
      const { useProgress } = await loadProgress()
      const aside = useProgress.getState().setAside
      expect(aside?.why).toMatch(/JSON|shape/)
      expect(asideKeys()).toEqual([aside!.key])
      expect(localStorage.getItem(aside!.key)).toBe(raw)
      expect(useProgress.getState().lessons).toEqual({})
      useProgress.getState().record('seed', 'a', { state: 'solved', last: '12' })
      expect(localStorage.getItem(aside!.key)).toBe(raw)
      expect(JSON.parse(localStorage.getItem(KEY)!).lessons.seed.a.state).toBe('solved')
    })
  }
})
