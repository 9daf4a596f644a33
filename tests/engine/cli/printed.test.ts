/**
 * The runner shows what each cell printed (println, @show): in its text output, as lines marked
 * with │ before the cell's value, and in --json as a `printed` array, also for a cell that fails.
 */
import { describe, expect, it } from 'vitest'
import { report } from '../../../engine/cli/report.ts'
import { parseNotebook } from '../../../engine/standard.ts'

const NOTEBOOK = [
  '# Printing',
  '',
  '```julia',
  'for i in 1:2',
  '  println("i = ", i)',
  'end',
  'x = 2',
  '@show x + 1',
  '```',
  '',
  '```julia',
  'println("before")',
  'sqrt(-1)',
  '```',
  '',
  '```julia',
  '1 + 1',
  '```',
  '',
].join('\n')

describe('the runner reports printed lines', () => {
  it('in --json, as printed on each cell that printed', () => {
    const { stdout } = report('printing.md', parseNotebook(NOTEBOOK), { json: true, check: false })
    const cells = JSON.parse(stdout) as { ok: boolean; value?: unknown; printed?: string[] }[]
    expect(cells[0]).toMatchObject({ ok: true, value: 3, printed: ['i = 1', 'i = 2', 'x + 1 = 3'] })
    expect(cells[1]).toMatchObject({ ok: false, printed: ['before'] })
    expect(cells[2]!.printed).toBeUndefined()
  })

  it('in text, before the value', () => {
    const { stdout } = report('printing.md', parseNotebook(NOTEBOOK), { json: false, check: false })
    expect(stdout).toContain('@show x + 1\n│ i = 1\n│ i = 2\n│ x + 1 = 3\n→ 3\n')
    expect(stdout).toContain('│ before\n✗ error')
  })
})
