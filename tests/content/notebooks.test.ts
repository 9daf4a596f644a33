// Every lesson in content/ must pass the runner's --check: no unexpected errors, every
// `ad expect-error` cell really errs, and every exercise is well formed with an answer that
// evaluates and `wrong:` values that differ from it.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeCells, expectsError, checkNotebook, parseNotebook } from '../../engine/standard.ts'

const dir = join(import.meta.dirname, '../../content')
const files = readdirSync(dir).filter((f) => f.endsWith('.md'))

describe('content notebooks', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0))

  for (const file of files) {
    it(`${file} runs as its author meant`, () => {
      const nb = parseNotebook(readFileSync(join(dir, file), 'utf8'))
      expect(codeCells(nb).length).toBeGreaterThan(0)
      const { results, exercises } = checkNotebook(nb)
      for (const { cell, result } of results) {
        const outcome = result.ok ? 'ok' : `error: ${result.error}`
        expect({ source: cell.source, outcome: result.ok ? 'ok' : 'error' }, outcome).toEqual({
          source: cell.source,
          outcome: expectsError(cell) ? 'error' : 'ok',
        })
      }
      for (const e of exercises) expect(e.problems, `exercise at line ${e.line}`).toEqual([])
    })
  }
})
