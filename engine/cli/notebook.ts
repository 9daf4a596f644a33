/**
 * The headless notebook runner: runs a notebook's cells as the app does (in dependency order,
 * through the app's reactive notebook) and reports them in file order.
 *
 *   npm run notebook -- <file.md> [--json] [--check]
 *
 * --json   one JSON array, an entry per code cell: {index, ok, value, notes?} or {index, ok, error}
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
if (codeCells(nb).length === 0)
  fail(`${file} has no cells: a cell is a fenced code block whose info string is "julia", "python" or "ad"`)

// The language (and mathjs, slow to load) only once there is something to run: errors come fast.
// standard.ts registers the plots' and panels' builtins, which the lessons use.
await import('../standard.ts')
const { report } = await import('./report.ts')
const { stdout, stderr, status } = report(file, nb, { json: flags.has('--json'), check: flags.has('--check') })
process.stdout.write(stdout)
process.stderr.write(stderr)
process.exitCode = status
