/**
 * Sliders: `x = slider(min, max, step, value)` binds x to an input the app shows. Running a cell
 * collects the sliders it creates, so the app knows their ranges without parsing them again.
 * min, max and value may be vectors (one slider per component).
 */

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

let sink: SliderSpec[] | null = null

/** Runs fn and returns the sliders created while it ran, in order. */
export function collectSliders<T>(fn: () => T): { result: T; sliders: SliderSpec[] } {
  const outer = sink
  const sliders: SliderSpec[] = []
  sink = sliders
  try {
    return { result: fn(), sliders }
  } finally {
    sink = outer
  }
}

export function reportSlider(spec: SliderSpec): void {
  sink?.push(spec)
}
