/**
 * The seed thread, as written, in Julia cells (issue 12, point 4). Its code blocks are read from
 * ../shared/seed/ now, put into temporary notebooks and run by the notebook runner with --check,
 * which evaluates cells in the app's reactive order. Every number the thread printed is compared
 * with what the cell gives, and the blocks that cannot run here must fail with the message that
 * says why. The only edits to the thread's text are the ones it asks the reader to make: `y` is
 * 1 (the pullback of a scalar function), `x` is the session's point x1, `e_i` is e₂.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { report } from '../../../engine/cli/report.ts'
import { parseNotebook } from '../../../engine/standard.ts'
import type { Printed } from './thread.ts'
import { codeBlocks, readThread, sessionLines } from './thread.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const TIMEOUT = 90_000
const dir = mkdtempSync(join(tmpdir(), 'thread-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const blocks = codeBlocks(readThread())
const block = (start: string, containing = ''): string => {
  const b = blocks.find((s) => s.trimStart().startsWith(start) && s.includes(containing))
  if (b === undefined) throw new Error(`the thread has no code block starting with ${start}`)
  return b
}
const session = sessionLines(blocks[0]!)

type Entry = { index: number; ok: boolean; value?: unknown; error?: string }

/** A Julia cell; the session's `h(x1)`, whose error is the thread's point, is marked so. */
const cell = (source: string, expectError = false) =>
  `\`\`\`julia${expectError ? ' expect-error' : ''}\n${source}\n\`\`\``

const sessionCells = session.map((l) => cell(l.source, l.printed === 'error'))

/** Each extra cell's index in the notebook, by a name the tests use. */
function notebook(extra: [string, string, boolean?][]): { text: string; at: Record<string, number> } {
  const at: Record<string, number> = {}
  extra.forEach(([name], k) => (at[name] = session.length + k))
  const text = ['# The thread, pasted', ...sessionCells, ...extra.map(([, src, err]) => cell(src, err))].join('\n\n')
  return { text, at }
}

const pullbackBlock = block('out,back', 'back(y)').replace('back(y)', 'back(1)').replace('(f,x)', '(f,x1)')
const main = notebook([
  ['pullback', pullbackBlock],
  ['gradient-block', block('function gradient'), true],
  ['fwd-as-written', block('function forward_over_reverse_hessian')],
  ['fwd-call', 'forward_over_reverse_hessian(f, x1)', true],
  ['adjoints', block('# ForwardDiff integration'), true],
  ['autoback', block('function autoback_hesvec')],
  ['hv-e1', 'autoback_hesvec(f, x1, [1, 0, 0])'],
  ['hv-ones', 'autoback_hesvec(f, x1, ones(3))'],
])

/** Runs the runner as a learner would: `npm run notebook -- <file> --check --json`. */
function runner(file: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'engine/cli/notebook.ts', file, '--check', '--json'], {
      cwd: ROOT,
      timeout: TIMEOUT,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

let run: { status: number | null; stdout: string; stderr: string }
let cells: Entry[]
beforeAll(async () => {
  const file = join(dir, 'thread.md')
  writeFileSync(file, main.text)
  run = await runner(file)
  cells = JSON.parse(run.stdout) as Entry[]
}, TIMEOUT)

/** Julia prints a matrix row by row; the runner's JSON nests rows too. */
function asPrinted(value: unknown): Printed {
  const shape: number[] = []
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length)
  return { shape, data: [value].flat(Infinity) as number[] }
}

describe('the seed thread, pasted into Julia cells', () => {
  it('passes the runner’s --check (every cell as expected, in reactive order)', () => {
    expect(run.stderr).toMatch(/0 unexpected/)
    expect(run.status).toBe(0)
  })

  it('every number the session printed', () => {
    const printed = session.flatMap((l, i) => (l.printed && l.printed !== 'error' ? [{ i, l }] : []))
    expect(printed.map(({ l }) => l.source)).toContain("[g(x1) f'(x1)]")
    for (const { i, l } of printed) {
      expect(cells[i]!.ok, `${l.source}: ${cells[i]!.error}`).toBe(true)
      expect(asPrinted(cells[i]!.value), l.source).toEqual(l.printed)
    }
  })

  it('h(x1), the thread’s BoundsError, is the course’s teaching error with the learner’s g and x1', () => {
    const i = session.findIndex((l) => l.source === 'h(x1)')
    expect(cells[i]!.ok).toBe(false)
    expect(cells[i]!.error).toContain('jacobian(g, x1)[1]')
  })

  it('the pullback of 1 is the gradient, in a tuple', () => {
    expect(cells[main.at.pullback!]).toMatchObject({ ok: true, value: { tuple: [[16, 44, 64]] } })
  })

  it('a learner’s own `function gradient` is refused with a reason and another name to use', () => {
    const e = cells[main.at['gradient-block']!]!
    expect(e.ok).toBe(false)
    expect(e.error).toMatch(/gradient/)
    expect(e.error).toMatch(/another name|rename|call it/i)
  })

  it('forward_over_reverse_hessian as written names the undefined _f', () => {
    expect(cells[main.at['fwd-as-written']!]!.ok).toBe(true)
    const e = cells[main.at['fwd-call']!]!
    expect(e.ok).toBe(false)
    expect(e.error).toMatch(/_f is not defined/)
  })

  it('the @adjoint rules on Dual are answered with why they are not needed here', () => {
    const e = cells[main.at.adjoints!]!
    expect(e.ok).toBe(false)
    expect(e.error).toMatch(/@adjoint/)
    expect(e.error).toMatch(/not needed/i)
  })

  it('autoback_hesvec gives H·v: column 1 of H for e₁, H·1 (what tf.gradients returns) for ones', () => {
    expect(cells[main.at['hv-e1']!]).toMatchObject({ ok: true, value: [10, 4, 6] })
    expect(cells[main.at['hv-ones']!]).toMatchObject({ ok: true, value: [20, 36, 44] })
  })
})

describe('the thread’s blocks that a reader completes', () => {
  const inProcess = (extra: [string, string][]) => {
    const nb = notebook(extra)
    const r = report('thread.md', parseNotebook(nb.text), { json: true, check: true })
    return { status: r.status, cells: JSON.parse(r.stdout) as Entry[], at: nb.at }
  }

  it('pulling back e₂ through the gradient g gives row 2 of the Hessian', () => {
    const src = block('out,back', 'back(e_i)').replace('(f,x)', '(g,x1)')
    const r = inProcess([
      ['e', 'e_i = [0, 1, 0]'],
      ['pull', src.trim()],
    ])
    expect(r.status).toBe(0)
    expect(r.cells[r.at.pull!]).toMatchObject({ ok: true, value: { tuple: [[4, 20, 12]] } })
  })

  it('forward_over_reverse_hessian with f in place of _f gives H', () => {
    const src = block('function forward_over_reverse_hessian').replace(/_f\(x, args\.\.\.\)/, 'f(x)')
    const r = inProcess([
      ['def', src],
      ['call', 'forward_over_reverse_hessian(f, x1)'],
    ])
    expect(r.status).toBe(0)
    expect(r.cells[r.at.call!]).toMatchObject({
      ok: true,
      value: [
        [10, 4, 6],
        [4, 20, 12],
        [6, 12, 26],
      ],
    })
  })
})
