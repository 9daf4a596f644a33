/**
 * Every statement of the lessons' `ad` cells (content/*.md), for tests that check the front-end
 * and the printers over what learners actually read.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { codeCells, parseNotebook, splitStatements } from '../../../../engine/standard.ts'

export function lessonStatements(): string[] {
  const dir = fileURLToPath(new URL('../../../../content/', import.meta.url))
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => codeCells(parseNotebook(readFileSync(dir + f, 'utf8'))))
    .flatMap((c) => splitStatements(c.source).map((s) => s.text))
}
