/**
 * A slider made by `x = slider(min, max, step, value)`: one native range input per component
 * (arrow keys, PageUp/PageDown, Home/End for free), named x, or x₁, x₂ ... for a vector, with the
 * value read out as "x₁ = 0.50" (as many decimals as the step has).
 *
 * The slider keeps its own position while it is dragged (onChange fires on every input event), and
 * follows the spec again whenever the spec's value changes.
 *
 * The runtime refuses sliders of more than SLIDER_MAX_COMPONENTS components; a spec that still
 * has more (from anywhere) shows that many inputs and says the rest are left out, instead of
 * drawing an input per component.
 */
import { useId, useRef, useState } from 'react'
import './components.css'
import type { SliderSpec } from '../../engine/language/sliders.ts'
import { SLIDER_MAX_COMPONENTS } from '../../engine/language/sliders.ts'

export interface SliderControlProps {
  spec: SliderSpec
  onChange: (value: number[]) => void
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉'
const subscript = (n: number) => [...String(n)].map((d) => SUBSCRIPTS[Number(d)]).join('')

/** Decimals written in a number: 0.25 → 2, 1e-3 → 3, 5 → 0. */
function decimals(x: number): number {
  const [mantissa, exponent] = String(x).split('e')
  const fraction = mantissa!.split('.')[1]?.length ?? 0
  return Math.min(10, Math.max(0, fraction - Number(exponent ?? 0)))
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]))

export function SliderControl({ spec, onChange }: SliderControlProps) {
  const [value, setValue] = useState(spec.value)
  const [specValue, setSpecValue] = useState(spec.value)
  // Values this control sent that the worker has not answered yet. A late answer for one of them
  // must not pull the thumb back while the learner keeps pressing or dragging.
  const sent = useRef<number[][]>([])
  if (!same(specValue, spec.value)) {
    setSpecValue(spec.value)
    const k = sent.current.findIndex((v) => same(v, spec.value))
    if (k >= 0) sent.current.splice(0, k + 1)
    else {
      // The spec changed for another reason (the cell was edited, the notebook reset): follow it.
      sent.current = []
      setValue(spec.value)
    }
  }
  const id = useId()
  const vector = spec.shape.length > 0
  const digits = Math.max(decimals(spec.step), ...spec.min.map(decimals))

  const rows = value.slice(0, SLIDER_MAX_COMPONENTS).map((x, i) => {
    const name = vector ? `${spec.name}${subscript(i + 1)}` : spec.name
    const text = x.toFixed(digits)
    return (
      <div className="nb-slider-row" key={i}>
        <label className="nb-slider-name" htmlFor={`${id}-${i}`}>
          {name}
        </label>
        <input
          id={`${id}-${i}`}
          type="range"
          min={spec.min[i]}
          max={spec.max[i]}
          step={spec.step}
          value={x}
          aria-valuetext={`${name} = ${text}`}
          onChange={(e) => {
            const next = [...value]
            next[i] = Number(e.currentTarget.value)
            setValue(next)
            sent.current.push(next)
            onChange(next)
          }}
        />
        {/* Shown for the eye; screen readers hear aria-valuetext instead. */}
        <output className="nb-slider-value" htmlFor={`${id}-${i}`} aria-hidden="true">
          {text}
        </output>
      </div>
    )
  })

  return vector ? (
    <fieldset className="nb-slider">
      <legend>{spec.name}</legend>
      {rows}
      {value.length > SLIDER_MAX_COMPONENTS && (
        <p className="nb-slider-more">
          {`The first ${SLIDER_MAX_COMPONENTS} of ${value.length} components are shown: a slider has at most ${SLIDER_MAX_COMPONENTS}.`}
        </p>
      )}
    </fieldset>
  ) : (
    <div className="nb-slider">{rows}</div>
  )
}
