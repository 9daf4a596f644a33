/**
 * The headless notebook runner: evaluates a notebook's cells in order, as the app would.
 *
 *   npm run notebook -- <file.md> [--json] [--check]
 *
 * --json   one JSON array, an entry per code cell: {index, ok, value} or {index, ok, error}
 * --check  exit 1 if a cell errs unexpectedly, an `ad expect-error` cell does not err, or an
 *          exercise is malformed (its spec, its answer, or an expected mistake; see AUTHORING.md)
 */
import { readFileSync } from 'node:fs'
import { codeCells, parseNotebook } from '../notebook/notebookFile.ts'

function fail(message: string): never {
  process.stderr.write(`notebook: ${message}\n`)
  process.exit(2)
}

const args = process.argv.slice(2)
const flags = new Set(args.filter((a) => a.startsWith('--')))
const files = args.filter((a) => !a.startsWith('--'))
for (const f of flags) if (f !== '--json' && f !== '--check') fail(`unknown option ${f} (use --json and/or --check)`)
if (files.length !== 1) fail('usage: npm run notebook -- <file.md> [--json] [--check]')
const file = files[0]!

let text: string
try {
  text = readFileSync(file, 'utf8')
} catch (err) {
  fail(`cannot read ${file}: ${(err as Error).message}`)
}
const nb = parseNotebook(text)
if (codeCells(nb).length === 0) fail(`${file} has no cells: a cell is a fenced code block whose info string is "ad"`)

// The language (and mathjs, slow to load) only once there is something to run: errors come fast.
const { checkNotebook, expectsError, toJson, toText } = await import('../standard.ts')
const { results, exercises } = checkNotebook(nb)
const malformed = exercises.filter((e) => e.problems.length > 0)
const unexpected = results
  .map(({ cell, result }, index) => ({ index, expected: expectsError(cell), ok: result.ok }))
  .filter((r) => r.ok === r.expected)

if (flags.has('--json')) {
  const json = results.map(({ cell, result }, index) =>
    result.ok
      ? { index, ok: true, value: toJson(result.value) }
      : { index, ok: false, error: result.error, ...(expectsError(cell) ? { expected: true } : {}) },
  )
  process.stdout.write(JSON.stringify(json) + '\n')
} else {
  results.forEach(({ cell, result }, index) => {
    const tag = expectsError(cell) ? ' (expects an error)' : ''
    process.stdout.write(`── cell ${index + 1}${tag} ${'─'.repeat(40)}\n${cell.source}\n`)
    if (result.ok) process.stdout.write(`→ ${toText(result.value).replace(/\n/g, '\n  ')}\n\n`)
    else process.stdout.write(`${expectsError(cell) ? '✓ error, as expected' : '✗ error'}: ${result.error}\n\n`)
  })
  for (const e of exercises) {
    const verdict = e.problems.length === 0 ? '✓ checks' : e.problems.map((p) => `✗ ${p}`).join('\n')
    process.stdout.write(`── exercise ${e.cell.id || '(no id)'}, line ${e.line} ${'─'.repeat(30)}\n${verdict}\n\n`)
  }
}

if (flags.has('--check')) {
  for (const u of unexpected) {
    process.stderr.write(
      u.expected
        ? `cell ${u.index + 1} is marked expect-error but ran without error\n`
        : `cell ${u.index + 1} failed unexpectedly\n`,
    )
  }
  for (const e of malformed) {
    for (const p of e.problems) process.stderr.write(`exercise ${e.cell.id || '(no id)'} at line ${e.line}: ${p}\n`)
  }
  process.stderr.write(
    `${file}: ${results.length} cells, ${unexpected.length} unexpected; ${exercises.length} exercises, ${malformed.length} malformed\n`,
  )
  process.exit(unexpected.length === 0 && malformed.length === 0 ? 0 : 1)
}
