/**
 * A code cell's output: its sliders, the text it printed (println, @show) as a terminal would show
 * it, then its value (tensor, function, record, string, boolean,
 * plot) with any notes on it (NaN entries, a derivative taken at a kink), or its error. Everything the worker sends is rendered as text or through KaTeX, never as HTML.
 */
import 'katex/dist/katex.min.css'
import { useEffect, useMemo, useState } from 'react'
import './components.css'
import type { CellOutput, Display } from '../../engine/output/display.ts'
import { renderTex } from './markdownMath.ts'
import { PanelView } from '../panels/PanelView.tsx'
import { PlotView } from './PlotView.tsx'
import { ReferenceLinks } from './ReferenceLinks.tsx'
import { SliderControl } from './SliderControl.tsx'
import { TensorView } from './TensorView.tsx'

export interface OutputProps {
  output: CellOutput | undefined
  /** The cell is being (re)computed: the old output stays, marked as busy. */
  running?: boolean
  onSlider?: (name: string, value: number[]) => void
}

/** True once `on` has stayed true for `ms`: quick runs (a slider drag) never flash "running…". */
function useDelayed(on: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (!on) {
      setShown(false)
      return
    }
    const t = setTimeout(() => setShown(true), ms)
    return () => clearTimeout(t)
  }, [on, ms])
  return on && shown
}

export function Output({ output, running: busy = false, onSlider }: OutputProps) {
  const running = useDelayed(busy, 250)
  const empty =
    !output ||
    (output.ok && output.display.kind === 'nothing' && output.sliders.length === 0 && !output.printed?.length)
  if (empty && !running) return null
  return (
    <div className="nb-output">
      {output?.sliders.map((spec, i) => (
        <SliderControl key={`${i}:${spec.name}`} spec={spec} onChange={(v) => onSlider?.(spec.name, v)} />
      ))}
      {/* Busy covers the result only: a slider being dragged must stay fully usable. */}
      <div className="nb-result" aria-busy={running || undefined} data-running={running || undefined}>
        {running && <p className="nb-running">running…</p>}
        {output?.printed?.length ? (
          <pre className="nb-printed" aria-label="Printed output">
            {output.printed.join('\n')}
          </pre>
        ) : null}
        {output &&
          (output.ok ? (
            <>
              <DisplayView display={output.display} />
              {output.flags?.map((flag) => (
                <p className="nb-flag" role="note" key={flag}>
                  <span className="nb-flag-label">Note: </span>
                  {flag}
                </p>
              ))}
            </>
          ) : (
            <div className="nb-error" role="status">
              <span className="nb-error-label">Error: </span>
              <span className="nb-error-text">{output.error}</span>
              <ReferenceLinks error={output.error} />
            </div>
          ))}
      </div>
    </div>
  )
}

function DisplayView({ display, label }: { display: Display; label?: string }) {
  switch (display.kind) {
    case 'nothing':
      return null
    case 'tensor':
      return <TensorView shape={display.shape} data={display.data} label={label} />
    case 'function':
      return <FunctionView display={display} />
    case 'record':
      if (display.tag === 'pullback') return <PullbackView display={display} />
      return display.tag === 'tuple' ? <TupleView display={display} /> : <RecordView display={display} />
    case 'string':
      return <span className="nb-string">"{display.value}"</span>
    case 'boolean':
      return <span className="nb-boolean">{String(display.value)}</span>
    case 'plot':
      return <PlotView plot={display.plot} /> // loads plotly on first use
    case 'panel':
      return <PanelView panel={display.panel} />
  }
}

type FunctionDisplay = Extract<Display, { kind: 'function' }>

/** A rule's definition (engine/language/rules.ts names it "rrule(f)"): which mode now uses it. */
function ruleNote(name: string) {
  const m = /^(rrule|frule|adjoint)\((.+)\)$/.exec(name)
  if (!m) return null
  const mode = m[1] === 'frule' ? 'forward mode' : 'reverse mode'
  return (
    <p className="nb-note">
      The rule of {m[2]}: {mode} now uses it wherever {m[2]} is called.
    </p>
  )
}
type RecordDisplay = Extract<Display, { kind: 'record' }>

function FunctionView({ display }: { display: FunctionDisplay }) {
  const html = useMemo(() => (display.tex ? renderTex(display.tex, true) : null), [display.tex])
  if (html === null) {
    // Builtins have no TeX; their source is their name.
    const text = display.source === display.name ? `${display.name}(${display.params.join(', ')})` : display.source
    return (
      <div className="nb-function">
        <code>{text}</code>
        {display.source === display.name && <span className="nb-note"> built-in function</span>}
        {ruleNote(display.name)}
      </div>
    )
  }
  return (
    <div
      className="nb-function"
      role="img"
      aria-label={`function ${display.source}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}

function Fields({ fields }: { fields: [string, Display][] }) {
  return fields.map(([name, value]) => (
    <div className="nb-field" key={name}>
      <dt>{name}</dt>
      <dd>
        <DisplayView display={value} label={name} />
      </dd>
    </div>
  ))
}

function PullbackView({ display }: { display: RecordDisplay }) {
  const value = display.fields.find(([k]) => k === 'value')
  const rest = display.fields.filter(([k]) => k !== 'value' && k !== 'back')
  return (
    <div className="nb-record nb-pullback">
      <p className="nb-record-tag">pullback</p>
      <dl>
        {value && <Fields fields={[value]} />}
        <div className="nb-field">
          <dt>back</dt>
          <dd>
            <span className="nb-note">
              <code>back(v) = vᵀJ</code>: a function. Give it a cotangent v (one entry per output) and it returns vᵀJ
              without forming J; v = eᵢ gives row i of J.
            </span>
          </dd>
        </div>
        <Fields fields={rest} />
      </dl>
    </div>
  )
}

/** (a, b) as Julia and Python print a tuple: its items in a row, in brackets. */
function TupleView({ display }: { display: RecordDisplay }) {
  return (
    <div className="nb-tuple" aria-label={`a tuple of ${display.fields.length}`}>
      <span className="nb-tuple-mark">(</span>
      {display.fields.map(([name, value], i) => (
        <span className="nb-tuple-item" key={name}>
          <DisplayView display={value} label={`item ${name}`} />
          {i < display.fields.length - 1 && <span className="nb-tuple-mark">,</span>}
        </span>
      ))}
      <span className="nb-tuple-mark">)</span>
    </div>
  )
}

function RecordView({ display }: { display: RecordDisplay }) {
  return (
    <div className="nb-record">
      <p className="nb-record-tag">{display.tag}</p>
      <dl>
        <Fields fields={display.fields} />
      </dl>
    </div>
  )
}
