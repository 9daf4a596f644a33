/**
 * The "hostile review" part of `npm run audit`: issue 17's cases that the engine and the answer
 * checker answer (the page's own cases, share links, storage, tabs and Cancel, are replayed by the
 * browser tests), each run as the app runs it (cells through the reactive notebook, answers
 * through judge) and printed with how it was answered. A case answered otherwise than the fix
 * says is a failure. `tsx tests/audit/hostile.ts` runs it alone.
 */
import { pathToFileURL } from 'node:url'
import type { Expected } from '../../engine/course/answers.ts'
import { judge } from '../../engine/course/answers.ts'
import { ReactiveNotebook, toCellOutput, toText } from '../../engine/standard.ts'

interface Case {
  /** The point of issue 17 it comes from. */
  point: number
  what: string
  /** Cells of a notebook (the last one's answer is printed), or an exercise answer to judge. */
  cells?: string[]
  answer?: string
  /** What the fixed tree answers; anything else is a failure. */
  want: RegExp
}

const sum = (terms: number) => `x = 1${' + 1'.repeat(terms - 1)}\nx`

export const HOSTILE_CASES: Case[] = [
  { point: 5, what: 'a sum of 1,000 terms (2 kB)', cells: [sum(1000)], want: /^1000$/ },
  { point: 5, what: 'a sum of 10,000 terms', cells: [sum(10_000)], want: /^10000$/ },
  {
    point: 5,
    what: '5,000 nested parentheses, then a cell that uses nothing of it',
    cells: [`${'('.repeat(5000)}1${')'.repeat(5000)}`, '2 + 2'],
    want: /^4$/,
  },
  {
    point: 7,
    what: 'a cell of 30,000 lines (statement splitting)',
    cells: [Array.from({ length: 30_000 }, (_, i) => `${i} + 1`).join('\n')],
    want: /^30000$/,
  },
  {
    point: 7,
    what: 'a cell of 30,000 lines, each defining a name',
    cells: [Array.from({ length: 30_000 }, (_, i) => `a${i} = ${i}`).join('\n') + '\na29999 + 1'],
    want: /^30000$/,
  },
  {
    point: 8,
    what: 'slider(zeros(100000), ones(100000), 0.1, zeros(100000))',
    cells: ['slider(zeros(100000), ones(100000), 0.1, zeros(100000))'],
    want: /^error: .*64/,
  },
  {
    point: 8,
    what: 'a cell of 40 statements v_k = ones(10^7) .* k',
    cells: [Array.from({ length: 40 }, (_, k) => `v${k + 1} = ones(10^7) .* ${k + 1}`).join('\n')],
    want: /^error: .*(512|MB)/,
  },
  { point: 9, what: 'answer: ( × 50,000 …', answer: `${'('.repeat(50_000)}1${')'.repeat(50_000)}`, want: /too deep/ },
  { point: 9, what: 'answer: - × 100,000 then 1', answer: `${'-'.repeat(100_000)}1`, want: /too deep/ },
  { point: 9, what: 'answer: sqrt(-1)', answer: 'sqrt(-1)', want: /square root of a negative number/ },
  {
    point: 10,
    what: 'h(x) = ifelse(x == 0, 0, x); derivative(h, 0)',
    cells: ['h(x) = ifelse(x == 0, 0, x)', 'derivative(h, 0)'],
    want: /note: .*branch/i,
  },
  {
    point: 10,
    what: 'sinc(x) = x == 0 ? 1 : sin(x)/x; its second derivative at 0',
    cells: ['sinc(x) = x == 0 ? 1 : sin(x)/x', 'd(y) = derivative(sinc, y)', 'derivative(d, 0)'],
    want: /note: .*branch/i,
  },
  {
    point: 10,
    what: 'p(x) = ifelse(x > 0, x, 0); derivative(p, 0)',
    cells: ['p(x) = ifelse(x > 0, x, 0)', 'derivative(p, 0)'],
    want: /note: .*branch/i,
  },
  {
    point: 10,
    what: 'q(x) = x > 0 ? x : -x; derivative(q, 0)',
    cells: ['q(x) = x > 0 ? x : -x', 'derivative(q, 0)'],
    want: /note: .*branch/i,
  },
  { point: 11, what: 'max(NaN, 1)', cells: ['max(NaN, 1)'], want: /^NaN/ },
  { point: 11, what: 'max(1, NaN)', cells: ['max(1, NaN)'], want: /^NaN/ },
  { point: 11, what: 'min([3, NaN, 1])', cells: ['min([3, NaN, 1])'], want: /^NaN/ },
  { point: 11, what: 'max(Inf - Inf, 0)', cells: ['max(Inf - Inf, 0)'], want: /^NaN/ },
  {
    point: 11,
    what: 'm(x) = max(x); gradient(m, [NaN, 1])',
    cells: ['m(x) = max(x)', 'gradient(m, [NaN, 1])'],
    want: /NaN/,
  },
  { point: 12, what: 'derivative(log, 1e-320)', cells: ['derivative(log, 1e-320)'], want: /1e-320/ },
  {
    point: 12,
    what: 'r(x) = 1/x; derivative(r, 1e-200)',
    cells: ['r(x) = 1/x', 'derivative(r, 1e-200)'],
    want: /^(?!.*not differentiable at 0)(?!.*division by zero)/,
  },
  {
    point: 12,
    what: 'plot(sin, -1e308, 1e308)',
    cells: ['plot(sin, -1e308, 1e308)'],
    want: /^error: (?!.*undefined)/,
  },
]

const oneLine = (s: string, n = 160) => {
  const first = s.replace(/\s*\n\s*/g, ' ')
  return first.length > n ? `${first.slice(0, n - 1)}…` : first
}

/** The last cell's answer as the page shows it: its value (or error) and its notes. */
function runCells(cells: string[]): string {
  const notebook = new ReactiveNotebook()
  const ids = cells.map((_, i) => `c${i}`)
  notebook.update(cells.map((source, i) => ({ id: ids[i]!, source })))
  const result = notebook.result(ids.at(-1)!)
  if (!result) return '(not run)'
  if (!result.ok) return `error: ${result.error}`
  const output = toCellOutput(result)
  const flags = output.ok ? (output.flags ?? []) : []
  return [toText(result.value), ...flags.map((f) => `note: ${f}`)].join(' | ')
}

const ANY_NUMBER: Expected = { answer: { shape: [], data: [1] }, wrong: [], hints: [], tolerance: 1e-6 }

/** Runs every case; each line is also given to onLine as soon as it exists (some take seconds). */
export function hostileReview(onLine: (line: string) => void = () => {}): { lines: string[]; failures: number } {
  const lines: string[] = []
  let failures = 0
  for (const c of HOSTILE_CASES) {
    const t0 = performance.now()
    let answer: string
    try {
      answer = c.cells ? runCells(c.cells) : judge(c.answer!, ANY_NUMBER, 0, 0).message
    } catch (err) {
      answer = `uncaught ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`
    }
    const ms = performance.now() - t0
    const ok = c.want.test(answer)
    if (!ok) failures++
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${c.point}. ${c.what} (${ms.toFixed(0)} ms): ${oneLine(answer)}`)
    onLine(lines.at(-1)!)
  }
  return { lines, failures }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = hostileReview((l) => console.log(l))
  console.log(`${report.failures} failures`)
  process.exitCode = report.failures > 0 ? 1 : 0
}
