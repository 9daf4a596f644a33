/**
 * The cost explorer (cost_explorer() or cost_explorer(f, x)): jacfwd needs n forward passes,
 * jacrev one primal sweep and m reverse passes. The engine counted both over a grid of n and m
 * (flops, memory, passes) and timed them in the worker; here the learner picks m and the measure
 * and sees the two costs as lines over n, crossing where the Jacobian's shape tips the balance. A
 * table with the same numbers is the plot's text alternative, and a grid shows which mode the
 * counts favour where (flops, then memory). Timings are plotted as measured and never called a
 * winner: they move between runs on a busy machine.
 */
import { useMemo, useState } from 'react'
import type { CostCell, CostPanelSpec, ModeCost } from '../../engine/panels/costs.ts'
import type { LinePlotSpec, PlotMarker } from '../../engine/plots/plots.ts'
import { plural, significant } from '../../engine/language/numbers.ts'
import { PlotView } from '../components/PlotView.tsx'
import type { CodeSnippets } from './CodeEquivalents.tsx'
import { CodeEquivalents } from './CodeEquivalents.tsx'
import { PanelFrame } from './StepControls.tsx'
import './hessian.css'

type Metric = 'flops' | 'memory' | 'ms'

const METRIC_WORDS: Record<Metric, string> = {
  flops: 'flops (scalar multiply-adds)',
  memory: 'memory (numbers held at once)',
  ms: 'time in milliseconds, as measured',
}

const num = (x: number) => significant(x, 3)
const value = (c: ModeCost, metric: Metric) => c[metric]
/** Counts are exact, so all their digits are shown. */
const count = (k: number) => k.toLocaleString('en-US')
const show = (x: number, metric: Metric) => (metric === 'ms' ? `${num(x)} ms` : count(x))
const msRange = (c: ModeCost) => `${num(c.ms)} (${num(c.minMs)}–${num(c.maxMs)})`
const timing = (c: ModeCost) => `${msRange(c)} ms`

/** Where the forward line rises above the reverse line, by linear interpolation between sizes. */
export function crossing(row: readonly CostCell[], metric: Metric): PlotMarker | null {
  for (let k = 1; k < row.length; k++) {
    const a = row[k - 1]!
    const b = row[k]!
    const da = value(a.forward, metric) - value(a.reverse, metric)
    const db = value(b.forward, metric) - value(b.reverse, metric)
    if (da < 0 && db >= 0) {
      const t = da / (da - db)
      const n = a.n + t * (b.n - a.n)
      const y = value(a.forward, metric) + t * (value(b.forward, metric) - value(a.forward, metric))
      return { x: n, y, label: `n ≈ ${num(n)}` }
    }
  }
  return null
}

/** The line plot for one m: forward and reverse cost over n. */
export function costPlot(spec: CostPanelSpec, m: number, metric: Metric): LinePlotSpec {
  const row = spec.cells.filter((c) => c.m === m)
  const xs = row.map((c) => c.n)
  const fwd = row.map((c) => value(c.forward, metric))
  const rev = row.map((c) => value(c.reverse, metric))
  const all = [...fwd, ...rev]
  const hi = Math.max(...all)
  // Timings are shown as measured: no crossing is marked and no mode called cheaper by them.
  const marker = metric === 'ms' ? null : crossing(row, metric)
  const cheaper = (c: CostCell) => value(c.forward, metric) < value(c.reverse, metric)
  const fwdWins = row.filter(cheaper).map((c) => c.n)
  const where =
    metric === 'ms'
      ? 'the times are as measured in this run; the counts, not the times, say which mode is cheaper'
      : fwdWins.length === 0
        ? 'reverse mode costs no more than forward mode for every n'
        : fwdWins.length === row.length
          ? 'forward mode is cheaper for every n shown'
          : `forward mode is cheaper for n up to ${Math.max(...fwdWins)}, reverse mode from there on`
  return {
    kind: 'line',
    title: `Cost of the Jacobian for m = ${m}`,
    xLabel: 'n (inputs)',
    xRange: [0, xs.at(-1)! + 1],
    yRange: [0, hi * 1.08 || 1],
    curves: [
      { name: `forward (n passes)`, role: 'function', x: xs, y: fwd },
      { name: `reverse (${m} pass${m === 1 ? '' : 'es'})`, role: 'derivative', x: xs, y: rev },
    ],
    markers: marker ? [marker] : [],
    summary:
      `${METRIC_WORDS[metric]} of jacfwd and jacrev on tanh(W x) with m = ${m} outputs, for n = ${xs.join(', ')}: ` +
      `forward ${fwd.map((y) => show(y, metric)).join(', ')}; reverse ${rev.map((y) => show(y, metric)).join(', ')}. ` +
      `Here ${where}.`,
  }
}

export function CostPanel({ panel: spec }: { panel: CostPanelSpec }) {
  const [m, setM] = useState(spec.sizes.includes(8) ? 8 : spec.sizes[0]!)
  const [metric, setMetric] = useState<Metric>('flops')
  const plot = useMemo(() => costPlot(spec, m, metric), [spec, m, metric])
  const row = spec.cells.filter((c) => c.m === m)
  const marker = plot.markers[0]

  return (
    <PanelFrame title={spec.title} summary={spec.summary}>
      <p className="hs-explain panel-extra">
        A Jacobian with m rows and n columns: <code>jacfwd</code> builds it column by column, one forward pass per input
        (n passes); <code>jacrev</code> row by row, one primal sweep and then one reverse pass per output (m passes).
        Both are run here one basis vector per pass (chunk {spec.cells[0]!.forward.chunk}), so that the passes are the
        columns and the rows themselves; batched, a pass carries many of them at once (the Hessian panel shows what that
        changes). The family measured here is {spec.family}. Pick m and watch where the two lines cross.
      </p>
      <div className="hs-controls">
        <div role="group" aria-label="Outputs m" className="hs-choice">
          <span className="hs-choice-label">outputs m:</span>
          {spec.sizes.map((s) => (
            <button key={s} type="button" aria-pressed={s === m} onClick={() => setM(s)}>
              {s}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Measure" className="hs-choice">
          <span className="hs-choice-label">compare:</span>
          <button type="button" aria-pressed={metric === 'flops'} onClick={() => setMetric('flops')}>
            flops
          </button>
          <button type="button" aria-pressed={metric === 'memory'} onClick={() => setMetric('memory')}>
            memory
          </button>
          <button type="button" aria-pressed={metric === 'ms'} onClick={() => setMetric('ms')}>
            time (measured)
          </button>
        </div>
      </div>
      <p className="hs-announce" aria-live="polite">
        m = {m}, {METRIC_WORDS[metric]}:{' '}
        {marker ? `forward is cheaper below n ≈ ${num(marker.x)}, reverse above.` : plot.summary.split('Here ')[1]}
      </p>
      <div className="hs-plot">
        <PlotView plot={plot} />
      </div>
      <CostTable row={row} m={m} />
      <WinnerGrid spec={spec} />
      <Yours spec={spec} />
      <p className="hs-note panel-extra">
        How it is counted: flops are scalar multiply-adds, every level and every tangent lane included (an m×k times k×n
        matrix product is m·k·n, an elementwise operation one per output number, a sum one per input number, reshaping
        and copying 0); memory is the numbers held at once: x, the Jacobian and, at the worst moment, every value on a
        tape still in use (jacfwd records no tape). The counts are the same on every run, and the verdict comes from
        them: fewer flops, then less memory. Timings are medians of {spec.repeats} or more timed batches per cell, with
        their range, measured in the worker while the panel was computed (about {Math.round(spec.totalMs)} ms in all);
        for small Jacobians they are fractions of a millisecond, and a busy machine reorders them between runs, so they
        are shown but never decide.
      </p>
      <CodeEquivalents snippets={SNIPPETS} />
    </PanelFrame>
  )
}

export default CostPanel

function CostTable({ row, m }: { row: readonly CostCell[]; m: number }) {
  return (
    <div className="hs-scroll panel-extra">
      <table className="hs-cost-table">
        <caption>The plotted numbers for m = {m}: both ways of building the m×n Jacobian</caption>
        <thead>
          <tr>
            <th scope="col">n</th>
            <th scope="col">jacfwd passes</th>
            <th scope="col">jacfwd flops</th>
            <th scope="col">jacfwd memory</th>
            <th scope="col">jacrev passes</th>
            <th scope="col">jacrev flops</th>
            <th scope="col">jacrev memory</th>
            <th scope="col">cheaper by the count</th>
            <th scope="col">jacfwd time, ms (median, range)</th>
            <th scope="col">jacrev time, ms (median, range)</th>
          </tr>
        </thead>
        <tbody>
          {row.map((c) => (
            <tr key={c.n}>
              <th scope="row">{c.n}</th>
              <td>
                {c.forward.passes} forward{c.forward.chunk > 1 && ` (chunk ${c.forward.chunk})`}
              </td>
              <td>{count(c.forward.flops)}</td>
              <td>{count(c.forward.memory)}</td>
              <td>
                {c.reverse.primalPasses} primal + {c.reverse.passes} reverse
              </td>
              <td>{count(c.reverse.flops)}</td>
              <td>{count(c.reverse.memory)}</td>
              <td>{c.cheaper ?? 'tie'}</td>
              <td className="hs-timing-cell">{msRange(c.forward)}</td>
              <td className="hs-timing-cell">{msRange(c.reverse)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** m down, n across: which mode the counts favour (flops, then memory). */
function WinnerGrid({ spec }: { spec: CostPanelSpec }) {
  return (
    <div className="hs-scroll panel-extra">
      <table className="hs-winners">
        <caption>
          Which mode is cheaper by the count (fewer flops, then less memory), for every m (rows) and n (columns): F
          forward, R reverse
        </caption>
        <thead>
          <tr>
            <th scope="col">m \ n</th>
            {spec.sizes.map((n) => (
              <th key={n} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.sizes.map((m) => (
            <tr key={m}>
              <th scope="row">{m}</th>
              {spec.sizes.map((n) => {
                const c = spec.cells.find((c) => c.m === m && c.n === n)!
                const w = c.cheaper === 'forward' ? 'F' : c.cheaper === 'reverse' ? 'R' : '='
                return (
                  <td
                    key={n}
                    className={w === 'F' ? 'hs-win-f' : w === 'R' ? 'hs-win-r' : undefined}
                    title={`n = ${n}, m = ${m}: forward ${count(c.forward.flops)} flops, ${count(c.forward.memory)} numbers; reverse ${count(c.reverse.flops)} flops, ${count(c.reverse.memory)} numbers`}
                  >
                    {w}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Yours({ spec }: { spec: CostPanelSpec }) {
  const y = spec.yours
  if (!y) return null
  const fewer = y.cheaper === 'forward' ? 'jacfwd' : y.cheaper === 'reverse' ? 'jacrev' : 'neither'
  return (
    <div className="hs-yours">
      <h4>Your function {y.name}</h4>
      <p>
        x has n = {y.n} entries and {y.name}(x) has m = {y.m}. jacfwd: {plural(y.forward.passes, 'forward pass')},{' '}
        {count(y.forward.flops)} flops, {count(y.forward.memory)} numbers held at once. jacrev:{' '}
        {plural(y.reverse.primalPasses, 'primal sweep')} and {plural(y.reverse.passes, 'reverse pass')},{' '}
        {count(y.reverse.flops)} flops, {count(y.reverse.memory)} numbers held at once. Cheaper by the count:{' '}
        <strong>{fewer}</strong>. Timings as measured: jacfwd {timing(y.forward)}, jacrev {timing(y.reverse)}. The two
        Jacobians agree to {y.maxDifference === 0 ? 'the last digit' : `within ${num(y.maxDifference)}`}.
      </p>
    </div>
  )
}

const SNIPPETS: CodeSnippets = {
  julia: [
    'using ForwardDiff, Zygote, BenchmarkTools',
    'm, n = 8, 4',
    'W = randn(m, n); x = randn(n)',
    'f(x) = tanh.(W * x)',
    '@btime ForwardDiff.jacobian(f, $x)   # forward mode: n columns (ForwardDiff pushes several at once)',
    '@btime Zygote.jacobian(f, $x)[1]     # reverse mode: m rows',
  ].join('\n'),
  jax: [
    'import jax, jax.numpy as jnp, timeit',
    'm, n = 8, 4',
    'W = jax.random.normal(jax.random.key(0), (m, n))',
    'x = jnp.ones(n)',
    'f = lambda x: jnp.tanh(W @ x)',
    'fwd, rev = jax.jit(jax.jacfwd(f)), jax.jit(jax.jacrev(f))',
    'print(timeit.timeit(lambda: fwd(x).block_until_ready(), number=1000))   # n pushforwards',
    'print(timeit.timeit(lambda: rev(x).block_until_ready(), number=1000))   # m pullbacks',
  ].join('\n'),
  pytorch: [
    'import torch, timeit',
    'from torch.func import jacfwd, jacrev',
    'm, n = 8, 4',
    'W = torch.randn(m, n, dtype=torch.float64); x = torch.randn(n, dtype=torch.float64)',
    'f = lambda x: torch.tanh(W @ x)',
    'print(timeit.timeit(lambda: jacfwd(f)(x), number=1000))   # n forward passes (vectorised)',
    'print(timeit.timeit(lambda: jacrev(f)(x), number=1000))   # m reverse passes (vectorised)',
  ].join('\n'),
}
