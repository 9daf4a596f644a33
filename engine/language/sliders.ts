/**
 * Sliders: `x = slider(min, max, step, value)` binds x to an input the app shows. Running a cell
 * collects the sliders it creates, so the app knows their ranges without parsing them again.
 * min, max and value may be vectors (one slider per component).
 */
import { LangError } from './errors.ts'

/**
 * The most components one slider(...) may have. The runtime refuses more, and the app's save and
 * load schemas use the same number, so whatever a cell can make can also be saved and reloaded.
 */
export const SLIDER_MAX_COMPONENTS = 64

export interface SliderSpec {
  /** The variable the slider is assigned to, filled in by the reactive notebook. */
  name: string
  min: number[]
  max: number[]
  step: number
  value: number[]
  /** [] for a number, [n] for a vector of n components. */
  shape: number[]
}

/** The value the learner set for the i-th slider a cell makes, if they moved it. */
export type SliderOverride = (index: number) => number[] | undefined

let sink: SliderSpec[] | null = null
let override: SliderOverride = () => undefined

/**
 * Runs fn and returns the sliders created while it ran, in order. Sliders the learner moved
 * return the learner's value from slider(...), so the rest of the cell computes with it too.
 */
export function collectSliders<T>(
  fn: () => T,
  overrides: SliderOverride = () => undefined,
): { result: T; sliders: SliderSpec[] } {
  const outer = [sink, override] as const
  const sliders: SliderSpec[] = []
  sink = sliders
  override = overrides
  try {
    return { result: fn(), sliders }
  } finally {
    ;[sink, override] = outer
  }
}

/**
 * Records a slider; returns the learner's value for it, if they set one within its range. Refuses
 * more components than SLIDER_MAX_COMPONENTS: each is an input on the page, and 100,000 of them
 * would freeze it for minutes.
 */
export function reportSlider(spec: SliderSpec): number[] | undefined {
  const n = spec.value.length
  if (n > SLIDER_MAX_COMPONENTS) {
    throw new LangError(
      `slider: this value has ${n} components, and a slider shows one input per component, at most ${SLIDER_MAX_COMPONENTS}: make sliders for the few numbers worth moving and build the vector from them`,
      'limit',
    )
  }
  if (sink === null) return undefined
  const v = override(sink.length)
  const fits =
    v !== undefined && v.length === spec.value.length && v.every((x, i) => x >= spec.min[i]! && x <= spec.max[i]!)
  sink.push(fits ? { ...spec, value: v } : spec)
  return fits ? v : undefined
}
