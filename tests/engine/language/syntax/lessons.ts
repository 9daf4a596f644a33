/**
 * Every statement of the lessons' `ad` cells, for tests that check the front-end and the
 * printers over what learners actually read: the lessons as they were written in `ad` syntax
 * (tests/engine/fixtures/ad-lessons, what learners' saved work and share links hold) and any
 * `ad` cell still in content/ (the lessons there are Julia now).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { codeCells, parseNotebook, splitStatements } from '../../../../engine/standard.ts'

const DIRS = ['../../../../content/', '../../fixtures/ad-lessons/'].map((d) =>
  fileURLToPath(new URL(d, import.meta.url)),
)

export function lessonStatements(): string[] {
  return DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => codeCells(parseNotebook(readFileSync(dir + f, 'utf8'))))
      .filter((c) => c.language === 'ad')
      .flatMap((c) => splitStatements(c.source).map((s) => s.text)),
  )
}
