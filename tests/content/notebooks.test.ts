// Every lesson in content/ must pass the runner's --check: no unexpected errors, and every
// `ad expect-error` cell really errs.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeCells, expectsError, parseNotebook, runNotebook } from '../../engine/lang/index.ts'

const dir = join(import.meta.dirname, '../../content')
const files = readdirSync(dir).filter((f) => f.endsWith('.md'))

describe('content notebooks', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0))

  for (const file of files) {
    it(`${file} runs as its author meant`, () => {
      const nb = parseNotebook(readFileSync(join(dir, file), 'utf8'))
      expect(codeCells(nb).length).toBeGreaterThan(0)
      for (const { cell, result } of runNotebook(nb)) {
        const outcome = result.ok ? 'ok' : `error: ${result.error}`
        expect({ source: cell.source, outcome: result.ok ? 'ok' : 'error' }, outcome).toEqual({
          source: cell.source,
          outcome: expectsError(cell) ? 'error' : 'ok',
        })
      }
    })
  }
})
