/**
 * Scales a presentation slide to fit its frame without scrolling: down when it is too tall, up
 * (to MAX_SCALE) when it is short. A slide scaled by k is laid out at width / k before it is
 * scaled, so text reflows into the room instead of shrinking into a narrow column.
 *
 * A slide with a panel is fitted once, at its largest step: the fit visits the panel's steps
 * (synchronously, so none is painted), keeps the smallest scale any of them needs, and returns to
 * the step shown. Stepping then never rescales the slide in the middle of a panel; the fit runs
 * again only when the slide, its view ("more", a prediction's cover), its panel or the window
 * changes. Fitting changes the slide's size, so it runs a frame after a resize rather than inside
 * the observer (which would loop).
 */
import { useLayoutEffect, useRef } from 'react'
import type { RefObject } from 'react'
import { flushSync } from 'react-dom'
import type { StepDriver } from '../panels/stepDriver.ts'

/** How far a short slide may grow: enough to fill a projector, not so far that a line looks shouted. */
const MAX_SCALE = 1.5
const MIN_SCALE = 0.1
/** At most this many steps are visited to find the largest (evenly spread, the last always). */
const MAX_SAMPLES = 12

/** The steps a fit visits: the last first (usually the largest), then an even spread from 0. */
export function sampledSteps(total: number): number[] {
  const picks = new Set<number>([total])
  const count = Math.min(total, MAX_SAMPLES - 1)
  for (let i = 0; i < count; i++) picks.add(Math.round((i * total) / count))
  return [...picks]
}

/** Elements that only screen readers see, or KaTeX's MathML copy: their overflow is invisible. */
const UNSEEN = '.nb-visually-hidden, .panel-summary, .katex-mathml'

export function useFit(
  frame: RefObject<HTMLDivElement | null>,
  content: RefObject<HTMLDivElement | null>,
  driver: StepDriver,
  /** Changes whenever the slide or its view does. */
  view: string,
  onFit: () => void,
) {
  const fitted = useRef(onFit)
  fitted.current = onFit
  useLayoutEffect(() => {
    const f = frame.current
    const c = content.current
    if (!f || !c) return
    // What the current fit was computed for; while it holds, a resize (a step) is no reason to refit.
    let fittedFor = ''
    const signature = () => `${view}|${driver.stepperKey}|${f.clientWidth}x${f.clientHeight}`

    const overflowing = () => {
      let count = 0
      // HTML boxes only: a drawing's own boxes report the drawing's extent, not a scroll.
      for (const el of c.querySelectorAll<HTMLElement>(':not(svg *)'))
        if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !el.closest(UNSEEN)) count++
      return count
    }

    /** Fits the slide; `visit` also visits the panel's steps (not inside React's commit). */
    const fit = (visit: boolean) => {
      const wanted = signature()
      if (visit && driver.stepper && wanted === fittedFor) return
      c.style.width = ''
      c.style.transform = ''
      const width = c.offsetWidth
      const height = f.clientHeight
      const sideways = overflowing()
      // Something that scrolls sideways at every scale (a very wide table) must not shrink the
      // slide to nothing: then only the height counts.
      let sidewaysCounts = true
      const fitsAt = (k: number) => {
        c.style.width = k === 1 ? '' : `${width / k}px`
        if (c.offsetHeight * k > height) return false
        return !sidewaysCounts || (c.scrollWidth <= c.offsetWidth + 1 && overflowing() <= sideways)
      }
      /** The largest scale up to `hi` at which the slide, as shown now, fits. */
      const largest = (hi: number): number => {
        if (fitsAt(hi)) return hi
        if (sidewaysCounts && !fitsAt(MIN_SCALE)) {
          sidewaysCounts = false
          return largest(hi)
        }
        let lo = MIN_SCALE
        let top = hi
        for (let i = 0; i < 9; i++) {
          const mid = (lo + top) / 2
          if (fitsAt(mid)) lo = mid
          else top = mid
        }
        return lo
      }
      let k = largest(MAX_SCALE)
      const stepper = driver.stepper
      if (visit && stepper && stepper.total > 0) {
        const at = stepper.step
        for (const step of sampledSteps(stepper.total)) {
          flushSync(() => driver.stepper?.setStep(step))
          k = largest(k)
        }
        flushSync(() => driver.stepper?.setStep(at))
      }
      fitsAt(k)
      c.style.transform = k === 1 ? '' : `scale(${k})`
      c.dataset.scale = k.toFixed(3)
      if (visit) fittedFor = signature()
      fitted.current()
    }
    // Now, as the slide is shown; its steps a frame later, once the panel has settled on the step
    // it opens at (React cannot render other steps while it is committing this one).
    fit(false)
    let pending = requestAnimationFrame(() => fit(true))
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(pending)
      pending = requestAnimationFrame(() => fit(true))
    })
    observer.observe(f)
    observer.observe(c)
    return () => {
      cancelAnimationFrame(pending)
      observer.disconnect()
    }
  }, [frame, content, driver, view])
}

/** The panel's secondary sections, outermost only: each is a page of the slide's "more" view. */
export function morePages(slide: HTMLElement): HTMLElement[] {
  return [...slide.querySelectorAll<HTMLElement>('.panel-extra')].filter(
    (e) => !e.parentElement?.closest('.panel-extra'),
  )
}

/** Marks the sections of "more" page `page` (1-based) as shown; modes.css hides the others. */
export function showMorePage(slide: HTMLElement, page: number) {
  morePages(slide).forEach((e, i) => {
    if (i === page - 1) e.setAttribute('data-more-shown', '')
    else e.removeAttribute('data-more-shown')
  })
}
