/**
 * The instructor's presentation: one cell per slide, in big type, each scaled to fit the screen.
 * A panel's slide shows its core (steps, graph, matrix, caption); its secondary sections (marked
 * `panel-extra`: cost tables, the learner's own v, equivalent code) follow on a "more" view of the
 * same slide, so neither has to shrink to fit the other.
 * →, Space and PageDown go forward (through a panel's steps first, then its "more" view, then to
 * the next slide); ← and PageUp go back; Home and End jump; m shows or hides the "more" view; s
 * opens the scratch cell; r reveals the exercises' answers; Esc leaves an editor, and otherwise
 * the presentation. No key acts while a text field, slider or code editor has the focus.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RefObject } from 'react'
import { StepDriverContext } from '../panels/stepDriver.ts'
import type { StepDriver } from '../panels/stepDriver.ts'
import { withOptions } from '../route.ts'
import { navigate } from '../router.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import { CellView } from './CellView.tsx'
import { Notices } from './Notices.tsx'
import { RunStatus } from './RunStatus.tsx'
import { ensureScratch, focusEditorAtEnd } from './scratch.ts'
import { slidesKey, slidesOf } from './slides.ts'

const EDITING =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), .cm-editor, [role="textbox"]'

export function Presentation() {
  const key = useStore((s) => slidesKey(s.cells))
  // Recomputed when the key changes, not on every keystroke in a cell.
  const slides = useMemo(() => slidesOf(useStore.getState().cells), [key])
  const title = useStore((s) => s.title)
  const wanted = useView((s) => s.slide)
  const reveal = useView((s) => s.revealAnswers)
  const at = Math.max(0, Math.min(slides.length - 1, wanted))
  const slide = slides[at]
  const driver = useMemo<StepDriver>(() => ({ stepper: null, startAtEnd: false }), [])
  const frame = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const focusEditor = useRef(false)
  // The "more" view of the current slide; state, not part of the URL: every slide opens on its core.
  const [more, setMore] = useState(false)
  const moreRef = useRef(false)
  moreRef.current = more
  const [hasExtra, setHasExtra] = useState(false)
  const extraShown = () => !!content.current?.querySelector('.panel-extra')

  const go = useCallback(
    (n: number) => {
      const count = slidesOf(useStore.getState().cells).length
      const to = Math.max(0, Math.min(count - 1, n))
      const from = useView.getState().slide
      if (to === from) return
      setMore(false)
      driver.startAtEnd = to < from
      useView.setState({ slide: to })
      history.replaceState(null, '', withOptions(location.hash, { slide: String(to + 1) }))
    },
    [driver],
  )

  const forward = useCallback(() => {
    const s = driver.stepper
    if (!moreRef.current && s && s.step < s.total) s.next()
    else if (!moreRef.current && extraShown()) setMore(true)
    else go(useView.getState().slide + 1)
  }, [driver, go])

  const backward = useCallback(() => {
    const s = driver.stepper
    if (moreRef.current) setMore(false)
    else if (s && s.step > 0) s.back()
    else go(useView.getState().slide - 1)
  }, [driver, go])

  const toggleMore = useCallback(() => {
    if (moreRef.current || extraShown()) setMore(!moreRef.current)
  }, [])

  const scratch = useCallback(() => {
    const id = ensureScratch()
    focusEditor.current = true
    go(slidesOf(useStore.getState().cells).findIndex((s) => s.id === id))
  }, [go])

  const toggleReveal = () => useView.setState((v) => ({ revealAnswers: !v.revealAnswers }))
  const exit = () => navigate(withOptions(location.hash, { mode: null, slide: null }))

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target instanceof HTMLElement ? e.target : null
      if (target?.closest(EDITING)) {
        // Esc hands the keys back to the presentation.
        if (e.key === 'Escape') {
          target.blur()
          frame.current?.focus()
          e.preventDefault()
        }
        return
      }
      const onControl = target?.closest('button, a, summary, [role="tab"]')
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || (e.key === ' ' && !onControl)) forward()
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') backward()
      else if (e.key === 'Home') go(0)
      else if (e.key === 'End') go(Number.MAX_SAFE_INTEGER)
      else if (e.key === 'm') toggleMore()
      else if (e.key === 's') scratch()
      else if (e.key === 'r') toggleReveal()
      else if (e.key === 'Escape') exit()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [forward, backward, go, scratch, toggleMore])

  useFit(frame, content, slide?.id, () => setHasExtra(extraShown()))

  // The scratch cell's editor takes the focus once its slide is shown.
  useEffect(() => {
    if (!focusEditor.current || !slide?.scratch) return
    focusEditor.current = false
    if (content.current) void focusEditorAtEnd(content.current)
  }, [slide])

  return (
    <div className="presentation">
      <Notices />
      <RunStatus />
      <div ref={frame} className="slide-frame" tabIndex={-1} aria-label="Slide">
        <div ref={content} className={`slide${slide?.scratch ? ' scratch' : ''}${more ? ' more' : ''}`}>
          {slide ? (
            <StepDriverContext.Provider value={driver}>
              {slide.scratch && <p className="scratch-label">Scratch cell</p>}
              <CellView key={slide.id} kind={slide.kind} id={slide.id} index={slide.index} number={slide.number} />
            </StepDriverContext.Provider>
          ) : (
            <p>Loading…</p>
          )}
        </div>
      </div>
      <nav className="slide-bar" aria-label="Presentation">
        <span className="slide-title">{title}</span>
        <button type="button" onClick={backward} aria-label="Previous (←)">
          ←
        </button>
        <span className="slide-count" aria-live="polite">
          {at + 1} / {slides.length}
          {more && ' · more'}
        </span>
        <button type="button" onClick={forward} aria-label="Next (→)">
          →
        </button>
        {(hasExtra || more) && (
          <button type="button" onClick={toggleMore} aria-pressed={more} title="m">
            More
          </button>
        )}
        <button type="button" onClick={scratch} title="s">
          Scratch cell
        </button>
        <button type="button" onClick={toggleReveal} aria-pressed={reveal} title="r">
          Reveal answers
        </button>
        <button type="button" onClick={exit} title="Esc">
          Exit
        </button>
      </nav>
    </div>
  )
}

/** How far a short slide may grow: enough to fill a projector, not so far that a line looks shouted. */
const MAX_SCALE = 1.5

/**
 * Scales the slide to fit its frame without scrolling: down when it is too tall, up (to
 * MAX_SCALE) when it is short. A slide scaled by k is laid out at width / k before it is scaled,
 * so text reflows into the room instead of shrinking into a narrow column (or, growing, wraps
 * sooner instead of running off the side). Growing stops before anything that scrolls sideways
 * (code, a graph) would have to scroll more than it does at 1. Fitting changes the slide's size,
 * so it runs a frame after a resize rather than inside the observer (which would loop).
 */
function useFit(
  frame: RefObject<HTMLDivElement | null>,
  content: RefObject<HTMLDivElement | null>,
  slideId: string | undefined,
  onFit: () => void,
) {
  const fitted = useRef(onFit)
  fitted.current = onFit
  useLayoutEffect(() => {
    const f = frame.current
    const c = content.current
    if (!f || !c) return
    const fit = () => {
      c.style.width = ''
      c.style.transform = ''
      const width = c.offsetWidth
      const height = f.clientHeight
      const overflowing = () => {
        let count = 0
        for (const el of c.querySelectorAll('*')) if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) count++
        return count
      }
      const sideways = overflowing()
      const fitsAt = (k: number) => {
        c.style.width = k === 1 ? '' : `${width / k}px`
        return (
          c.offsetHeight * k <= height && c.scrollWidth <= c.offsetWidth + 1 && (k <= 1 || overflowing() <= sideways)
        )
      }
      let lo = 0.1
      let hi = MAX_SCALE
      if (fitsAt(1)) lo = 1
      else hi = 1
      for (let i = 0; i < 8; i++) {
        const mid = (lo + hi) / 2
        if (fitsAt(mid)) lo = mid
        else hi = mid
      }
      const k = lo
      fitsAt(k)
      c.style.transform = k === 1 ? '' : `scale(${k})`
      c.dataset.scale = k.toFixed(3)
      fitted.current()
    }
    fit()
    let pending = 0
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(pending)
      pending = requestAnimationFrame(fit)
    })
    observer.observe(f)
    observer.observe(c)
    return () => {
      cancelAnimationFrame(pending)
      observer.disconnect()
    }
  }, [frame, content, slideId])
}
