// Every lesson in content/ must pass the runner's --check: no unexpected errors, every
// `ad expect-error` cell really errs, and every exercise is well formed with an answer that
// evaluates and `wrong:` values that differ from it. And the app ships exactly these lessons, in
// the course's order, with the exercises the engine's notebook parser finds in them.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COURSE, lessons } from '../../app/lessons.ts'
import {
  checkNotebook,
  codeCells,
  exerciseCells,
  expectsError,
  parseNotebook,
  serializeNotebook,
} from '../../engine/standard.ts'
import { fileCellShape, variantLanguages, variantOwners } from '../../engine/notebook/variants.ts'

const dir = join(import.meta.dirname, '../../content')
const files = readdirSync(dir).filter((f) => f.endsWith('.md'))
const read = (file: string) => readFileSync(join(dir, file), 'utf8')

describe('content notebooks', () => {
  it('are the lessons the app ships, in the course order, each titled', () => {
    expect(lessons.map((l) => l.slug)).toEqual(COURSE)
    expect(lessons.map((l) => `${l.slug}.md`).sort()).toEqual([...files].sort())
    for (const l of lessons) {
      expect(l.text, l.slug).toBe(read(`${l.slug}.md`))
      expect(l.title, l.slug).toMatch(/^[^#$\s]/)
    }
  })

  // Learners' saved work and share links hold the lessons as they were in `ad` syntax: those
  // notebooks must still run, every exercise included (issue 12: existing notebooks keep working).
  const adDir = join(import.meta.dirname, '../engine/fixtures/ad-lessons')
  for (const file of readdirSync(adDir).filter((f) => f.endsWith('.md'))) {
    it(`the ad-syntax ${file} of saved work still runs as its author meant`, () => {
      const nb = parseNotebook(readFileSync(join(adDir, file), 'utf8'))
      const { results, exercises } = checkNotebook(nb)
      for (const { cell, result } of results)
        expect(result.ok, `${cell.source}: ${result.ok ? '' : result.error}`).toBe(!expectsError(cell))
      for (const e of exercises) expect(e.problems, `exercise at line ${e.line}`).toEqual([])
    }, 60_000)
  }

  it('are written in Julia cells, as the thread and Zygote write (issue 12.5), with Python only as variants (issue 16.5)', () => {
    for (const file of files) {
      const cells = parseNotebook(read(file)).cells
      const owners = variantOwners(cells.map(fileCellShape))
      const main = new Set(cells.flatMap((c, i) => (c.kind === 'code' && owners[i] === i ? [c.language] : [])))
      const variants = new Set(cells.flatMap((c, i) => (c.kind === 'code' && owners[i] !== i ? [c.language] : [])))
      expect([...main], file).toEqual(['julia'])
      expect([...variants].filter((l) => l !== 'python'), file).toEqual([])
    }
  })

  for (const file of files) {
    it(`${file} runs as its author meant`, () => {
      const text = read(file)
      const nb = parseNotebook(text)
      // Saving and exporting write the notebook back: a lesson must survive that byte for byte.
      expect(serializeNotebook(nb)).toBe(text)
      // The contents page counts progress by the app's exercise ids: the engine must find the same.
      const ids = exerciseCells(nb).map((c) => c.id)
      expect(lessons.find((l) => `${l.slug}.md` === file)?.exercises).toEqual(ids)
      expect(codeCells(nb).length).toBeGreaterThan(0)
      // As written, and with every Python variant in place of its Julia cell (the learner's switch).
      const languages = [null, ...variantLanguages(nb.cells.map(fileCellShape))]
      for (const language of languages) {
        const { results, exercises } = checkNotebook(nb, language)
        for (const { cell, result } of results) {
          const outcome = result.ok ? 'ok' : `error: ${result.error}`
          expect({ source: cell.source, outcome: result.ok ? 'ok' : 'error' }, outcome).toEqual({
            source: cell.source,
            outcome: expectsError(cell) ? 'error' : 'ok',
          })
        }
        expect(exercises.length).toBe(ids.length)
        for (const e of exercises) expect(e.problems, `exercise at line ${e.line} (${language})`).toEqual([])
      }
      // A lesson runs its panels, and backprop's time a network's gradient: about 4 s of work on
      // an idle machine, more on a shared one. The unit project's 5 s would fail it for load alone.
    }, 120_000)
  }
})
