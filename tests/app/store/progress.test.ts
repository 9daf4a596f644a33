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

describe('exercise progress, hostile cases', () => {
  it('an exercise called constructor or toString is recorded like any other', async () => {
    const { useProgress, solvedCount } = await loadProgress()
    useProgress.getState().record('seed', 'constructor', { state: 'solved', last: '1' })
    expect(solvedCount(useProgress.getState().lessons, 'seed', ['constructor', 'toString'])).toBe(1)
    const again = await loadProgress()
    expect(again.useProgress.getState().setAside).toBeNull()
    expect(again.solvedCount(again.useProgress.getState().lessons, 'seed', ['constructor'])).toBe(1)
  })

  it('when storage is too full to set unreadable progress aside, says so and does not write over it', async () => {
    localStorage.setItem(KEY, '{broken')
    const setItem = Storage.prototype.setItem
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (
      this: Storage,
      k: string,
      v: string,
    ) {
      if (k.startsWith('adnb:set-aside:')) throw new DOMException('full', 'QuotaExceededError')
      setItem.call(this, k, v)
    })
    try {
      const { useProgress } = await loadProgress()
      expect(useProgress.getState().setAside).toMatchObject({ key: KEY, blocked: true })
      useProgress.getState().record('seed', 'a', { state: 'solved', last: '12' })
      expect(localStorage.getItem(KEY)).toBe('{broken')
    } finally {
      spy.mockRestore()
    }
  })
})
