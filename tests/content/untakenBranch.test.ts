// The derivatives lesson's section on the untaken branch shows what it says: r(0) = 0 with a NaN
// gradient and the note naming the discarded branch, then the double-where fix with gradient 0
// at 0 and 1/(2√4) = 1/4 at 4 (closed forms).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { notesOf } from '../../engine/ad/notes.ts'
import { checkNotebook, parseNotebook, toJson } from '../../engine/standard.ts'

const text = readFileSync(join(import.meta.dirname, '../../content/derivatives.md'), 'utf8')

describe('derivatives lesson: a branch not taken', () => {
  const { results } = checkNotebook(parseNotebook(text))
  const cell = (start: string) => {
    const found = results.find(({ cell: c }) => c.source.startsWith(start))
    if (found === undefined || !found.result.ok) expect.fail(`no cell starting ${start} ran`)
    return found.result.value
  }

  it('shows r(0) = 0 and the gradient NaN, with the note naming the branch and the fix', () => {
    const v = cell('r(v) = ifelse(v > 0, sqrt(v), 0.0)')
    expect(toJson(v)).toEqual({ tuple: [0, { tuple: ['NaN'] }] })
    expect(notesOf(v).join('\n')).toMatch(/NaN from the first branch of ifelse, not taken here.*"double where"/)
  })

  it('shows the double where giving 0 at 0 and 1/4 at 4', () => {
    expect(toJson(cell('r_safe(v) ='))).toEqual({ tuple: [{ tuple: [0] }, { tuple: [0.25] }] })
  })
})
