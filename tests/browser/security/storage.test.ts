// Stored state from another version, damaged or hand-edited, never breaks the app: the lesson
// renders, a notice says what happened and where the old data was kept, and the kept copy is
// byte for byte what was stored (nothing lost). Keys shaped like __proto__ pollute nothing.
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../browser.ts'
import { AppPage, codeCellNumbers, readText, root } from '../harness.ts'

const seedCells = codeCellNumbers(readText(join(root, 'content/seed-session.md')))
const fx1 = seedCells[0]!
const DOC_KEY = 'adnb:doc:lesson:seed-session'
const PROGRESS_KEY = 'adnb:progress'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Opens the seed lesson with localStorage holding `items` before the app first loads. */
function openWith(items: Record<string, string>): Promise<AppPage> {
  return AppPage.open(browser, '#/seed-session', {
    before: async (page) => {
      await page.addInitScript((stored) => {
        // Only before the first load: a reload must see what the app itself left.
        if (sessionStorage.getItem('e2e-seeded')) return
        for (const [k, v] of Object.entries(stored)) localStorage.setItem(k, v)
        sessionStorage.setItem('e2e-seeded', '1')
      }, items)
    },
  })
}

const storage = (app: AppPage) =>
  app.page.evaluate(() => Object.fromEntries(Object.entries(localStorage)) as Record<string, string>)

const polluted = (app: AppPage) =>
  app.page.evaluate(() => {
    const o = {} as Record<string, unknown>
    return ['polluted', 'x', 'state', 'version'].filter((k) => o[k] !== undefined)
  })

const valid = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: 1,
    base: 'x',
    cells: [{ id: 'c1', kind: 'code', source: '1 + 1', flags: [], fence: '```', info: 'ad' }],
    sliders: {},
    savedAt: 1,
    ...extra,
  })

// Saved notebooks that must be set aside, each with what the notice should say about it.
const setAside: [string, string, RegExp][] = [
  ['garbage', '{"version": 1, "cells": [', /not valid JSON/],
  ['an empty string', '', /not valid JSON/],
  ['null', 'null', /different version/],
  ['an array', '[1, 2, 3]', /different version/],
  ['a number', '42', /different version/],
  ['a future version', valid({ version: 2, cells: 'whatever the future holds' }), /different version .*format 2/],
  ['a version as a string', valid({ version: '1' }), /different version .*format "1"/],
  ['cells of the wrong type', valid({ cells: 'not a list' }), /expected shape \(cells/],
  ['a cell of an unknown kind', valid({ cells: [{ id: 'c', kind: 'script', source: 'x' }] }), /expected shape/],
  [
    'a hostile fence',
    valid({ cells: [{ id: 'c', kind: 'code', source: '1', flags: [], fence: '<script>', info: 'ad' }] }),
    /expected shape/,
  ],
  ['slider values that are not numbers', valid({ sliders: { x: ['1'] } }), /expected shape \(sliders/],
  [
    'a huge cell',
    valid({ cells: [{ id: 'c', kind: 'prose', source: 'x'.repeat(300_000) }] }),
    /expected shape \(cells/,
  ],
  ['two megabytes of garbage', '{'.repeat(2_000_000), /not valid JSON/],
]

describe('stored state', () => {
  it('sets aside every kind of damaged or foreign saved notebook, keeps it whole, and shows the lesson', async () => {
    for (const [what, raw, why] of setAside) {
      const app = await openWith({ [DOC_KEY]: raw })
      try {
        expect(await app.scalar(fx1), what).toBe('86')
        const notice = app.page.locator('.notice').filter({ hasText: 'could not be loaded' })
        await notice.waitFor()
        const text = (await notice.textContent()) ?? ''
        expect(text, what).toMatch(why)
        const key = /“(adnb:set-aside:lesson:seed-session:\d+)”/.exec(text)?.[1]
        expect(key, `${what}: the notice names where the data was kept`).toBeDefined()
        const stored = await storage(app)
        expect(stored[key!] === raw, `${what}: the set-aside copy is exactly what was stored`).toBe(true)
        expect(stored[DOC_KEY], `${what}: the damaged record no longer blocks the lesson`).toBeUndefined()
        await app.expectClean()
      } finally {
        await app.close()
      }
    }
  }, 300_000)

  it('loads a valid record with __proto__ and constructor keys without polluting anything', async () => {
    const raw =
      '{"version":1,"base":"x","cells":[{"id":"c1","kind":"code","source":"[1, 2] * 3","flags":[],"fence":"```","info":"ad"}],' +
      '"sliders":{"__proto__":[1],"constructor":[2]},"savedAt":1,"__proto__":{"polluted":true}}'
    const app = await openWith({ [DOC_KEY]: raw })
    try {
      await app.tensor(1, 'vector of 2: 3, 6').waitFor()
      expect(await polluted(app)).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('survives damaged, foreign and hostile exercise progress, and keeps it', async () => {
    const cases = [
      'not json',
      '{"version": 99, "lessons": {}}',
      '{"version": 1, "lessons": []}',
      '{"version":1,"lessons":{"__proto__":{"x":{"state":"solved","wrong":0,"last":""}},"seed-session":{"__proto__":{"state":"solved","wrong":0,"last":""}}}}',
      JSON.stringify({ version: 1, lessons: { 'seed-session': { e: { state: 'solved', wrong: -1, last: 'x' } } } }),
      JSON.stringify({
        version: 1,
        lessons: { 'seed-session': { e: { state: 'solved', wrong: 0, last: 'x'.repeat(50_000) } } },
      }),
    ]
    for (const raw of cases) {
      const app = await openWith({ [PROGRESS_KEY]: raw })
      try {
        expect(await app.scalar(fx1)).toBe('86')
        expect(await polluted(app)).toEqual([])
        // Nothing lost: the stored progress is still there, as it was or set aside.
        const kept = Object.entries(await storage(app)).filter(([, v]) => v === raw)
        expect(kept.length, `progress ${raw.slice(0, 60)} is kept`).toBeGreaterThan(0)
        if (kept.some(([k]) => k !== PROGRESS_KEY)) {
          // Set aside: the learner is told, and a new answer (which writes progress) keeps the copy.
          await app.page.locator('.notice').filter({ hasText: 'exercise progress could not be read' }).waitFor()
          const exercise = app.page.getByRole('region').filter({ hasText: 'what does backg([1, 0, 1]) return' })
          await exercise.getByRole('textbox').fill('[16, 16, 32]')
          await exercise.getByRole('textbox').press('Enter')
          await exercise.getByText('Solved').first().waitFor()
          const after = Object.entries(await storage(app)).filter(([, v]) => v === raw)
          expect(after.length, `progress ${raw.slice(0, 60)} survives a new answer`).toBeGreaterThan(0)
        }
        await app.expectClean()
      } finally {
        await app.close()
      }
    }
  }, 180_000)

  it('keeps working after a reload once damaged data was set aside, and saves new edits', async () => {
    const app = await openWith({ [DOC_KEY]: 'garbage' })
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.page.locator('.notice').filter({ hasText: 'could not be loaded' }).waitFor()
      await app.appendCode(fx1, ' + 1')
      await app.run(fx1)
      await expect.poll(() => app.scalar(fx1)).toBe('87')
      await app.page.reload()
      expect(await app.scalar(fx1)).toBe('87')
      expect(await app.page.locator('.notice').filter({ hasText: 'could not be loaded' }).count()).toBe(0)
      const stored = await storage(app)
      expect(
        Object.entries(stored).filter(([k, v]) => k.startsWith('adnb:set-aside:') && v === 'garbage'),
      ).toHaveLength(1)
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
