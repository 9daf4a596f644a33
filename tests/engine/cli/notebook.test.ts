/**
 * The headless runner. Starting it costs a process that loads the engine and mathjs (seconds on a
 * busy machine), so only what needs the command itself is spawned, all at once before the tests:
 * the seed session with --json --check (its numbers, its exit status), a path it cannot read and
 * a file with no cells (refused before the engine loads). Everything else calls the runner's
 * report() in-process: --check failing on each kind of unexpected result, the text output,
 * exercises (a good fixture passes; each malformed one is named with its line and what is wrong),
 * and a name defined in two cells, the same error as in the app.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { report } from '../../../engine/cli/report.ts'
import { parseNotebook } from '../../../engine/standard.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
// The seed session as its ad-syntax lesson was (content/ is Julia now): the runner's tests pin its numbers.
const SEED = 'tests/engine/fixtures/ad-lessons/seed-session.md'
const EXERCISES = 'tests/browser/fixtures/exercises.md'
const MALFORMED = 'tests/engine/cli/fixtures/exercises-malformed.md'
const DEFINED_TWICE = 'tests/engine/cli/fixtures/defined-twice.md'
/** Generous: on a busy machine loading mathjs alone can take seconds. */
const TIMEOUT = 90_000
const dir = mkdtempSync(join(tmpdir(), 'notebook-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** Starts the runner now; the result is awaited by the test that checks it. */
function runner(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'engine/cli/notebook.ts', ...args], {
      cwd: ROOT,
      timeout: TIMEOUT,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** The runner's output for a lesson, in this process: what the command would print. */
function inProcess(file: string, text: string, ...flags: ('--json' | '--check')[]): Run {
  return report(file, parseNotebook(text), { json: flags.includes('--json'), check: flags.includes('--check') })
}
const onFile = (file: string, ...flags: ('--json' | '--check')[]) =>
  inProcess(file, readFileSync(join(ROOT, file), 'utf8'), ...flags)

// The spawned runs start at once, so they take about as long as the slowest one.
const runs = {
  seed: runner(SEED, '--json', '--check'),
  unreadable: runner(join(dir, 'does-not-exist.md')),
  noCells: runner(join(ROOT, 'tests/engine/cli/fixtures/no-cells.md'), '--check'),
}

const H = [
  [10, 4, 6],
  [4, 20, 12],
  [6, 12, 26],
]

describe('the notebook runner', { timeout: TIMEOUT }, () => {
  it('--json gives each cell of the seed session with the numbers worked out by hand', async () => {
    const r = await runs.seed
    const cells = JSON.parse(r.stdout) as { index: number; ok: boolean; value?: unknown; error?: string }[]
    expect(cells.map((c) => c.index)).toEqual(cells.map((_, i) => i))
    const byIndex = (i: number) => cells[i]!
    expect(byIndex(0)).toEqual({ index: 0, ok: true, value: 86 })
    expect(byIndex(1).value).toEqual([16, 44, 64])
    expect(byIndex(2).value).toEqual([16, 44, 64])
    // gradient(g, x1) errs, as the cell expects, and says why
    expect(byIndex(3)).toMatchObject({ ok: false, expected: true })
    expect(byIndex(3).error).toContain('scalar output')
    expect(byIndex(3).error).toContain('jacobian')
    // jacobian(g, x1) and hessian(f, x1) are H = 2AᵀA
    expect(byIndex(4).value).toEqual(H)
    expect(byIndex(5).value).toEqual(H)
    // H == 2A'A entrywise, and the reverse-over-reverse Hessian minus H is zero
    expect(byIndex(6).value).toEqual(H.map((r) => r.map(() => 1)))
    expect(byIndex(7).value).toEqual(H.map((r) => r.map(() => 0)))
    // tf_gradients(g, x1) = Hᵀ·1 = column sums of H, and sum(H, 1) agrees
    expect(byIndex(8).value).toEqual([20, 36, 44])
    expect(byIndex(9).value).toEqual([20, 36, 44])
    expect(byIndex(10).value).toEqual(H[1])
    expect(byIndex(11).value).toEqual([10, 4, 6])
    expect(cells.filter((c) => !c.ok).map((c) => c.index)).toEqual([3])
  })

  it('--check passes the seed session: exit 0, with the count of cells on stderr', async () => {
    const r = await runs.seed
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toContain('15 cells, 0 unexpected')
  })

  it('--check fails a notebook in which a normal cell errs, and the text output shows sources and values', async () => {
    const r = inProcess(
      'normal-error.md',
      '# A lesson\n\n```ad\nA = [1, 2; 3, 4]\nA * [1, 1]\n```\n\nProse.\n\n```ad\ny = nosuch + 1\n```\n\n~~~ad expect-error\ngradient(q(x) = 2 * x, [1, 2])\n~~~\n',
      '--check',
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('cell 2 failed unexpectedly')
    expect(r.stderr).toContain('3 cells, 1 unexpected')
    // text output: each cell's source, then its value or its error
    expect(r.stdout).toContain('cell 1')
    expect(r.stdout).toContain('A = [1, 2; 3, 4]\nA * [1, 1]')
    expect(r.stdout).toContain('→ [3, 7]')
    expect(r.stdout).toContain('y = nosuch + 1')
    expect(r.stdout).toMatch(/✗ error: .*nosuch is not defined/)
    expect(r.stdout).toContain('cell 3 (expects an error)')
    expect(r.stdout).toMatch(/✓ error, as expected: .*scalar output/)
    expect(r.stdout).not.toContain('Prose.')
  })

  it('--check fails a notebook in which an expect-error cell runs without error', async () => {
    const r = inProcess('no-error.md', '```ad\nx = 1\n```\n\n```ad expect-error\nx + 1\n```\n', '--check', '--json')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('cell 2 is marked expect-error but ran without error')
    expect(JSON.parse(r.stdout)).toEqual([
      { index: 0, ok: true, value: 1 },
      { index: 1, ok: true, value: 2 },
    ])
  })

  it('refuses a path it cannot read, with a clear message', async () => {
    const r = await runs.unreadable
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/^notebook: cannot read .*does-not-exist\.md/)
    expect(r.stdout).toBe('')
  })

  it('refuses a file with no cells, saying what a cell is', async () => {
    const r = await runs.noCells
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('has no cells')
    expect(r.stderr).toContain('"ad"')
    expect(r.stdout).toBe('')
  })

  it('--check passes a lesson whose exercises are well formed, and lists them in the text output', async () => {
    const r = onFile(EXERCISES, '--check')
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toContain('2 cells, 0 unexpected; 3 exercises, 0 malformed')
    expect(r.stdout).toMatch(/exercise grad-f, line 14 .*\n✓ checks/)
    expect(r.stdout).toMatch(/exercise row-mode, line 36 .*\n✓ checks/)
  })

  it('--check fails malformed exercises, naming each one, its file line and what is wrong', async () => {
    const r = onFile(MALFORMED, '--check')
    expect(r.status).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^exercise typo at line 9: line 12: unknown key "hnit:"/),
      expect.stringMatching(/^exercise two-right at line 15: line 18: "choice\*:" appears a second time/),
      expect.stringMatching(
        /^exercise fails at line 21: answer: nosuch \+ 1 cannot be checked: .*nosuch is not defined/,
      ),
      expect.stringMatching(
        /^exercise not-numbers at line 26: answer: sin cannot be checked: it gives the function sin, not numbers/,
      ),
      expect.stringMatching(/^exercise same-as-answer at line 31: wrong: x1 \+ x1 equals the answer/),
      expect.stringMatching(/^exercise typo at line 37: the id "typo" is used by another exercise/),
      expect.stringMatching(/^exercise \(no id\) at line 42: the exercise has no id/),
      expect.stringMatching(/1 cells, 0 unexpected; 7 exercises, 7 malformed$/),
    ])
  })

  it('runs cells as the app does: a name defined in two cells is an error on both, and a cell may use a name defined below', () => {
    const json = JSON.parse(onFile(DEFINED_TWICE, '--json').stdout) as { index: number; ok: boolean; error?: string }[]
    const twice = 'x is defined in more than one cell (cell 1 and cell 2)'
    expect(json).toEqual([
      { index: 0, ok: false, error: `${twice}: define it in one place` },
      { index: 1, ok: false, error: `${twice}: define it in one place` },
      { index: 2, ok: false, error: `${twice}, so this cell cannot tell which to use` },
      { index: 3, ok: true, value: 11 },
      { index: 4, ok: true, value: 10 },
    ])
    const r = onFile(DEFINED_TWICE, '--check')
    expect(r.status).toBe(1)
    expect(r.stdout).toContain(`✗ error: ${twice}: define it in one place`)
    expect(r.stderr.trim().split('\n')).toEqual([
      'cell 1 failed unexpectedly',
      'cell 2 failed unexpectedly',
      'cell 3 failed unexpectedly',
      expect.stringMatching(
        /^exercise uses-x at line 27: answer: x cannot be checked: x is defined in more than one cell/,
      ),
      `${DEFINED_TWICE}: 5 cells, 3 unexpected; 1 exercises, 1 malformed`,
    ])
  })

  it('--check runs every two-variant cell in each of its languages, each in a run of its own', () => {
    const lesson = [
      '```julia\nx1 = [1.0, 2.0]\nf(x) = sum(x .^ 2)\n```',
      '```python variant\nimport jax.numpy as jnp\nx1 = jnp.array([1., 2.])\ndef f(x):\n    return jnp.sum(x ** 2)\n```',
      '```julia\nf(x1)\n```',
    ].join('\n')
    const good = inProcess('v.md', lesson, '--check')
    expect(good.status).toBe(0)
    expect(good.stdout).toMatch(/^══ main cells ══$/m)
    expect(good.stdout).toMatch(/^══ Python variants ══$/m)
    expect(good.stdout.match(/^→ 5$/gm)).toHaveLength(2)
    // A fault in the Python variant alone fails the check, and is told as the Python run's.
    const broken = inProcess('v.md', lesson.replace('x ** 2', 'y ** 2'), '--check')
    expect(broken.status).toBe(1)
    expect(broken.stderr.trim().split('\n')).toEqual([
      'v.md: 2 cells, 0 unexpected; 0 exercises, 0 malformed',
      '(Python variants) cell 2 failed unexpectedly',
      '(Python variants) v.md: 2 cells, 1 unexpected; 0 exercises, 0 malformed',
    ])
    const misplaced = inProcess('v.md', 'Text.\n```python variant\nz = 1\n```', '--check')
    expect(misplaced.status).toBe(1)
    expect(misplaced.stderr).toMatch(
      /^the cell at line 2: it is marked variant, but no code cell comes right before it/,
    )
  })

  it('prints the seed session as text: sources, values and the expected error, in file order', () => {
    const r = onFile(SEED)
    expect(r.status).toBe(0)
    const values = [...r.stdout.matchAll(/^── cell (\d+)/gm)].map((m) => Number(m[1]))
    expect(values).toEqual(values.map((_, i) => i + 1))
    expect(r.stdout).toMatch(/^f\(x1\)\n→ 86$/m)
    expect(r.stdout).toMatch(/^g\(x1\)\n→ \[16, 44, 64\]$/m)
    expect(r.stdout).toMatch(/✓ error, as expected: .*scalar output/)
    expect(r.stdout).toMatch(/^jacobian\(g, x1\)\n→ 3×3 matrix:\n +10 +4 +6\n +4 +20 +12\n +6 +12 +26$/m)
    expect(r.stdout).toMatch(/^tf_gradients\(g, x1\)\n→ \[20, 36, 44\]$/m)
  })

  it('gives the notes that come with a value, in --json and in the text output', () => {
    const lesson = '```ad\nh(x) = ifelse(x == 0, 0, x)\nderivative(h, 0)\n```\n\n```ad\nderivative(h, 1)\n```\n'
    const [atSwitch, away] = JSON.parse(inProcess('notes.md', lesson, '--json').stdout) as {
      value: number
      notes?: string[]
    }[]
    expect(atSwitch!.value).toBe(0)
    expect(atSwitch!.notes).toEqual([expect.stringMatching(/only the branch taken was differentiated/)])
    expect(away).toEqual({ index: 1, ok: true, value: 1 })
    expect(inProcess('notes.md', lesson).stdout).toMatch(/→ 0\n {2}note: .*only the branch taken/)
  })
})
