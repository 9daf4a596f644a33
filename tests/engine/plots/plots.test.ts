/**
 * plot and contour, run as a learner writes them in a cell. The samples are checked against
 * Math and closed forms (never against the engine's own output), derivatives against mathjs's
 * symbolic derivative, and gradient arrows and Taylor models against hand-derived gradients and
 * Hessians; the seed's quadratic f restricted to a plane is its own quadratic model.
 */
import { describe, expect, it } from 'vitest'
import { onProgress } from '../../../engine/index.ts'
import type { ContourPlotSpec, LinePlotSpec, PlotCurve } from '../../../engine/plots/plots.ts'
import { plotSpecOf } from '../../../engine/plots/plots.ts'
import { toDisplay, toJson, toText } from '../../../engine/standard.ts'
import { A, SEED_PRELUDE, failure, mathDerivative, mathValue, runError, session } from '../language/helpers.ts'

const close = (a: number, b: number, tol = 1e-9) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))

/** The spec of the plot a cell ends with. */
function line(source: string, s = session()): LinePlotSpec {
  const spec = plotSpecOf(s.value(source))
  if (spec?.kind !== 'line') expect.fail(`expected a line plot from ${source}`)
  return spec
}

function contour(source: string, s = session()): ContourPlotSpec {
  const spec = plotSpecOf(s.value(source))
  if (spec?.kind !== 'contour') expect.fail(`expected a contour plot from ${source}`)
  return spec
}

function curve(spec: LinePlotSpec, role: PlotCurve['role']): PlotCurve {
  const c = spec.curves.find((k) => k.role === role)
  if (!c) expect.fail(`no ${role} curve in ${spec.summary}`)
  return c
}

describe('plot(f, a, b)', () => {
  it('samples sin on [0, π] at about 200 evenly spaced points, matching Math.sin', () => {
    const spec = line('plot(sin, 0, pi)')
    const f = curve(spec, 'function')
    expect(f.x.length).toBeGreaterThanOrEqual(200)
    expect(f.x[0]).toBe(0)
    expect(f.x[f.x.length - 1]).toBe(Math.PI)
    const step = Math.PI / (f.x.length - 1)
    f.x.forEach((x, i) => {
      close(x, i * step, 1e-12)
      close(f.y[i]!, Math.sin(x), 1e-12)
    })
    expect(spec.xRange).toEqual([0, Math.PI])
  })

  it('adds the derivative: for sin it is cos', () => {
    const d = curve(line('plot(sin, 0, pi, {derivative: true})'), 'derivative')
    d.x.forEach((x, i) => close(d.y[i]!, Math.cos(x), 1e-12))
  })

  it("draws f, f' and the tangent at x0, as a learner writes it", () => {
    const expr = 'x^3 - 2*x + sin(x)'
    const s = session()
    s.run(`f(x) = ${expr}`)
    const spec = line('plot(f, -2, 2, {derivative: true, tangent: 1})', s)
    const f = curve(spec, 'function')
    const d = curve(spec, 'derivative')
    f.x.forEach((x, i) => {
      close(f.y[i]!, mathValue(expr, { x }))
      close(d.y[i]!, mathDerivative(expr, ['x'], { x }))
    })

    // The tangent touches f at x0 and has slope f'(x0).
    const t = curve(spec, 'tangent')
    const f1 = mathValue(expr, { x: 1 })
    const slope = mathDerivative(expr, ['x'], { x: 1 })
    expect(t.x).toContain(1)
    close(t.y[t.x.indexOf(1)]!, f1)
    for (let i = 1; i < t.x.length; i++) close((t.y[i]! - t.y[i - 1]!) / (t.x[i]! - t.x[i - 1]!), slope)
    expect(t.x[0]).toBe(-2)
    expect(t.x[t.x.length - 1]).toBe(2)
    expect(spec.markers).toHaveLength(1)
    close(spec.markers[0]!.x, 1)
    close(spec.markers[0]!.y, f1)
    expect(spec.summary).toContain('derivative')
    expect(spec.summary).toContain(`tangent at x = 1`)
    expect(spec.summary).toContain(`slope ${Number(slope.toPrecision(3))}`)
  })

  it('takes inline definitions and user functions alike, and a chosen number of samples', () => {
    const spec = line('plot(g(t) = t^2, -1, 1, {samples: 5})')
    expect(curve(spec, 'function').x).toEqual([-1, -0.5, 0, 0.5, 1])
    expect(curve(spec, 'function').y).toEqual([1, 0.25, 0, 0.25, 1])
    expect(spec.xLabel).toBe('t')
    expect(spec.summary).toContain('minimum 0 at t = 0')
  })

  it('summarises the values, the minimum and where it is', () => {
    const spec = line('plot(g(x) = x^2 - 1, -2, 2)')
    expect(spec.summary).toMatch(/^Line plot of g on \[-2, 2\]/)
    expect(spec.summary).toContain('from 3 at x = -2 to 3 at x = 2')
    expect(spec.summary).toContain('minimum -1 at x = 0')
    expect(spec.summary).toContain('maximum 3')
    // The y range fits the curve with a margin.
    expect(spec.yRange[0]).toBeLessThan(-1)
    expect(spec.yRange[1]).toBeGreaterThan(3)
  })

  it('leaves gaps (null, which survives JSON) where f is undefined, and says so', () => {
    const spec = line('plot(log, -1, 2)')
    const f = curve(spec, 'function')
    f.x.forEach((x, i) => {
      if (x <= 0) expect(f.y[i]).toBeNull()
      else close(f.y[i]!, Math.log(x), 1e-12)
    })
    expect(spec.summary).toMatch(/\d+ of 201 points left out where log is undefined/)
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec)
  })

  it('is a plot record: short JSON and text, a plot Display, plain data the worker can post', () => {
    const v = session().value('p = plot(sin, 0, pi, {derivative: true, tangent: 1})')
    const json = toJson(v) as { plot: string; summary: string }
    expect(Object.keys(json)).toEqual(['plot', 'summary'])
    expect(json.plot).toBe('line')
    expect(json.summary).toMatch(/^Line plot of sin/)
    expect(toText(v)).toMatch(/^plot \{ plot: "line", summary: "Line plot/)
    const d = toDisplay(v)
    expect(d.kind).toBe('plot')
    expect(structuredClone(d)).toEqual(d)
    // Fields read like any record's.
    const s = session()
    s.run('p = plot(sin, 0, pi)')
    expect(s.run('p.plot')).toBe('line')
  })
})

describe('contour(f, [x0, x1], [y0, y1])', () => {
  const Q = 'q(v) = v[1]^2 + 3 * v[2]^2 + v[1] * v[2] - v[2]'
  const q = (x: number, y: number) => x * x + 3 * y * y + x * y - y
  const dq = (x: number, y: number) => [2 * x + y, 6 * y + x - 1]

  it('samples f on a 41 × 41 grid, rows following y', () => {
    const s = session()
    s.run(Q)
    const spec = contour('contour(q, [-2, 2], [-1, 3])', s)
    expect(spec.x).toHaveLength(41)
    expect(spec.y).toHaveLength(41)
    expect([spec.x[0], spec.x[40], spec.y[0], spec.y[40]]).toEqual([-2, 2, -1, 3])
    expect(spec.z).toHaveLength(41)
    spec.z.forEach((row, j) => row.forEach((z, i) => close(z!, q(spec.x[i]!, spec.y[j]!), 1e-12)))
    expect([spec.xLabel, spec.yLabel]).toEqual(['v[1]', 'v[2]'])
    expect(spec.levels!.start).toBeGreaterThanOrEqual(Math.min(...spec.z.flat().map(Number)))
    expect(spec.equalAspect).toBe(true)
  })

  it('draws gradient arrows along the gradient, scaled so that nine in ten fit a cell as they are', () => {
    const s = session()
    s.run(Q)
    const spec = contour('contour(q, [-2, 2], [-2, 2], {gradient: true})', s)
    const a = spec.arrows!
    expect(a.x).toHaveLength(144)
    for (const k of [0, 17, 70, 143]) {
      const [gx, gy] = dq(a.x[k]!, a.y[k]!)
      close(a.u[k]!, gx!)
      close(a.v[k]!, gy!)
      // The same as gradient in the language at that point.
      expect(s.run(`gradient(q, [${a.x[k]}, ${a.y[k]}])`)).toEqual([a.u[k], a.v[k]])
    }
    const lengths = a.u.map((u, k) => Math.hypot(u, a.v[k]!) * a.scale)
    close(a.maxLength, (0.9 * 4) / 12)
    expect(lengths.filter((l) => l <= a.maxLength * (1 + 1e-12)).length / lengths.length).toBeGreaterThanOrEqual(0.9)
    expect(Math.max(...lengths)).toBeGreaterThan(a.maxLength)
    expect(spec.summary).toContain('gradient arrows')
  })

  it('marks a point with f and its gradient there, in the summary too', () => {
    const s = session()
    s.run(Q)
    const spec = contour('contour(q, [-2, 2], [-2, 2], {point: [1, 0.5]})', s)
    const m = spec.markers[0]!
    expect([m.x, m.y]).toEqual([1, 0.5])
    close(m.value, q(1, 0.5))
    expect(m.gradient).toEqual(dq(1, 0.5))
    expect(spec.summary).toContain(`at the point [1, 0.5]: q = ${q(1, 0.5)}, gradient [${dq(1, 0.5).join(', ')}]`)
  })

  it('the quadratic model of the seed f restricted to a plane is f itself', () => {
    const s = session()
    s.run(SEED_PRELUDE)
    s.run('r(v) = f([v[1], v[2], 0.5])')
    const spec = contour('contour(r, [-2, 2], [-2, 2], {point: [1, -1], model: "quadratic"})', s)
    expect(spec.model!.kind).toBe('quadratic')
    const r = (x: number, y: number) =>
      A.reduce((acc, row) => acc + (row[0]! * x + row[1]! * y + row[2]! * 0.5) ** 2, 0)
    spec.z.forEach((row, j) =>
      row.forEach((z, i) => {
        close(z!, r(spec.x[i]!, spec.y[j]!), 1e-12)
        close(spec.model!.z[j]![i]!, z!, 1e-9)
      }),
    )
    // 2·AᵀA restricted to the first two coordinates: [[10, 4], [4, 20]].
    expect(spec.summary).toContain('Hessian [10, 4; 4, 20]')
  })

  it('the tangent model is the plane f(p) + ∇f(p)·(v - p)', () => {
    const s = session()
    s.run(Q)
    const spec = contour('contour(q, [-2, 2], [-2, 2], {point: [0.5, 1], model: "tangent", grid: 11})', s)
    const [gx, gy] = dq(0.5, 1)
    spec.model!.z.forEach((row, j) =>
      row.forEach((z, i) => close(z!, q(0.5, 1) + gx! * (spec.x[i]! - 0.5) + gy! * (spec.y[j]! - 1))),
    )
    expect(spec.summary).toContain('tangent plane')
  })

  it('summarises the range of values and where the lowest grid value is', () => {
    const spec = contour('contour(n(v) = (v[1] - 1)^2 + (v[2] + 1)^2, [-2, 2], [-2, 2])')
    expect(spec.summary).toMatch(/^Contour plot of n on \[-2, 2\] × \[-2, 2\] \(41 × 41 grid\)/)
    expect(spec.summary).toContain('values from 0 to 18')
    expect(spec.summary).toContain('lowest grid value 0 at (1, -1)')
    expect(spec.summary).toContain('highest 18 at (-2, 2)')
  })

  it('leaves gaps where f is undefined', () => {
    const spec = contour('contour(h(v) = log(v[1]) + v[2], [-1, 1], [0, 1], {grid: 5})')
    expect(spec.z[0]).toEqual([null, null, null, Math.log(0.5), 0])
    expect(spec.summary).toContain('15 of 25 grid points left out')
  })

  it('reports its progress over the grid rows, so the app can show a bar', () => {
    const s = session()
    s.run(Q)
    const seen: [number, number][] = []
    onProgress((done, total) => seen.push([done, total]))
    try {
      contour('contour(q, [-1, 1], [-1, 1], {grid: 5, gradient: true})', s)
    } finally {
      onProgress(null)
    }
    expect(seen.slice(0, 5 + 12)).toEqual(Array.from({ length: 17 }, (_, i) => [i + 1, 17]))
  })
})

describe('errors a learner meets', () => {
  const cases: [string, RegExp][] = [
    ['plot(3, 0, 1)', /plot needs a function as its first argument/],
    ['plot(sin, [0, 1], 2)', /the start a of the range must be a number, but got a 2-vector/],
    ['plot(sin, 0, "one")', /the end b of the range must be a number, but got a string/],
    ['plot(sin, 1, 1)', /needs a < b, but a = 1 and b = 1/],
    ['plot(sin, 2, 1)', /needs a < b/],
    // Issue 17: the width overflowed float64 and the summary said "from undefined".
    [
      'plot(sin, -1e308, 1e308)',
      /plot: the range \[-1e\+308, 1e\+308\] is too wide to sample: its width, 1e\+308 − \(-1e\+308\), is beyond the largest float64/,
    ],
    [
      'plot(sin, -1e306, 1e306)',
      /too wide to sample: its width, 2e\+306, times the 200 steps between samples, is beyond/,
    ],
    ['plot(sin)', /plot takes 3 to 4 arguments/],
    ['plot(r(x) = [x, 2 * x], 0, 1)', /plot: r\(0\) must be one number, but it is a 2-vector/],
    [
      'plot(h(v) = v[1]^2 + v[2]^2, -1, 1)',
      /plot draws a function of one number, but h needs a vector.*use contour\(h/,
    ],
    ['plot(k(a, b) = a + b, 0, 1)', /k takes 2 \(a, b\).*contour/],
    ['plot(sin, 0, 1, {samples: 1000000})', /too many samples; the limit is 5001/],
    ['plot(sin, 0, 1, {tangnt: 1})', /plot has no option tangnt; its options are derivative, tangent, samples/],
    ['plot(sin, 0, 1, 5)', /the options must be a record such as \{derivative: true, tangent: 1\}/],
    ['plot(sin, 0, 1, {tangent: 2})', /tangent point x = 2 is outside the plotted range \[0, 1\]/],
    ['plot(log, -1, 1, {tangent: 0})', /no tangent at x = 0/],
    ['plot(sqrt, -2, -1)', /sqrt fails at every point/],
    ['contour(sin, [0, 1], [0, 1])', /contour: sin\(\[0, 0\]\) must be one number, but it is a 2-vector/],
    [
      'contour(g(x) = x^2, [0, 1], [0, 1])',
      /fails at every point.*looks like a function of one number: draw it with plot\(g, a, b\)/,
    ],
    ['contour(k(x) = x[3], [0, 1], [0, 1])', /index 3 is out of range/],
    ['contour(n(v) = norm(v), 1, [0, 1])', /the x range must be a 2-vector such as \[-2, 2\], but got a scalar/],
    ['contour(n(v) = norm(v), [1, 0], [0, 1])', /the x range must go from a smaller to a larger number/],
    [
      'contour(n(v) = norm(v), [0, 1], [-1e308, 1e308])',
      /contour: the y range \[-1e\+308, 1e\+308\] is too wide to sample/,
    ],
    [
      'contour(n(v) = norm(v), [0, 1], [0, 1], {model: "tangent"})',
      /a tangent model is taken at a point: add the option point/,
    ],
    [
      'contour(n(v) = norm(v), [0, 1], [0, 1], {point: [0.5, 0.5], model: "cubic"})',
      /must be "tangent" or "quadratic"/,
    ],
    ['contour(n(v) = norm(v), [0, 1], [0, 1], {point: [2, 2]})', /the point \[2, 2\] is outside the plotted region/],
    ['contour(n(v) = norm(v), [0, 1], [0, 1], {grid: 1000})', /grid = 1000 is too many samples; the limit is 201/],
  ]
  it.each(cases)('%s', (source, message) => {
    expect(runError(source)).toMatch(message)
  })

  it('too many samples is a limit error', () => {
    expect(failure('plot(sin, 0, 1, {samples: 1e6})').cause.kind).toBe('limit')
  })

  it('plot and contour are built-in names', () => {
    expect(runError('plot = 3')).toMatch(/plot is a built-in function and cannot be redefined/)
  })
})
