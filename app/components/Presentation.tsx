/**
 * The instructor's presentation: one cell per slide, in big type, each scaled to fit the screen.
 * A panel's slide shows its core (steps, graph, matrix, caption); its secondary sections (marked
 * `panel-extra`: cost tables, the learner's own v, equivalent code) follow on a "more" view of the
 * same slide, so neither has to shrink to fit the other.
 *
 * The keys are a presenter remote's (slideKeys.ts): forward steps through a prediction's cover,
 * a panel's steps (the sum trap's reveal is one), the windows of a matrix too large for one slide
 * (MatrixFill.tsx), its "more" view, then to the next slide; back
 * undoes the same way. End completes the slide; B blanks the screen. The slide and the step are
 * kept in the URL (`slide`, `step`), so a reload comes back to the same place. No key acts while
 * a text field, slider or code editor has the focus.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { StepDriverContext } from '../panels/stepDriver.ts'
import type { StepDriver } from '../panels/stepDriver.ts'
import { parseRoute, withOptions } from '../route.ts'
import { navigate } from '../router.ts'
import { shownNow, useCodeLanguage } from '../store/codeLanguage.ts'
import { useProgress } from '../store/progress.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import { CellView } from './CellView.tsx'
import { Notices } from './Notices.tsx'
import { RunStatus } from './RunStatus.tsx'
import { ScratchHeader } from './ScratchCell.tsx'
import { ensureScratch, focusEditorAtEnd } from './scratch.ts'
import { morePages, showMorePage, useFit } from './slideFit.ts'
import { slideAction } from './slideKeys.ts'
import { slidesKey, slidesOf } from './slides.ts'

export function Presentation() {
  // Of a two-variant cell, the slide shows the learner's language (a switch re-renders).
  useCodeLanguage((s) => s.language)
  const key = useStore((s) => slidesKey(shownNow(s.cells)))
  // Recomputed when the key changes, not on every keystroke in a cell.
  const slides = useMemo(() => slidesOf(shownNow(useStore.getState().cells)), [key])
  const title = useStore((s) => s.title)
  const slug = useStore((s) => s.slug)
  const wanted = useView((s) => s.slide)
  const reveal = useView((s) => s.revealAnswers)
  const at = Math.max(0, Math.min(slides.length - 1, wanted))
  const slide = slides[at]
  // The step a reload asked for (the URL's `step`), used once, by the slide the URL names.
  const initialStep = useMemo(() => parseRoute(location.hash).step, [])
  const driver = useMemo<StepDriver>(() => ({ stepper: null, stepperKey: '', startAt: 0, onStep: () => {} }), [])
  const frame = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const focusEditor = useRef(false)
  // The "more" view of the current slide, as a page number (0: the core); not part of the URL:
  // every slide opens on its core. Each page holds one of the panel's secondary sections.
  const [more, setMore] = useState(0)
  const [blank, setBlank] = useState(false)
  // How many pages the "more" view has.
  const [hasExtra, setHasExtra] = useState(0)
  const extraPages = () => (content.current ? morePages(content.current).length : 0)

  // A slide that answers a prediction opens covered until the next key press (slides.ts).
  const answered = useProgress((s) => {
    const state = slide?.answers ? s.lessons[slug]?.[slide.answers]?.state : undefined
    return state === 'solved' || state === 'revealed'
  })
  // The slide shown uncovered: by its id, or (after a reload at a step past the cover) by its index.
  const [uncovered, setUncovered] = useState<string | number | null>(() =>
    initialStep > 0 ? parseRoute(location.hash).slide : null,
  )
  const covered = !!slide?.answers && !answered && !reveal && uncovered !== slide.id && uncovered !== at
  // The URL's step: a covered slide is at 0; uncovering is a step of its own, before a panel's.
  const offset = slide?.answers && !answered && !reveal ? 1 : 0
  const startApplied = useRef(false)
  if (slide && !startApplied.current) {
    startApplied.current = true
    driver.startAt = Math.max(0, initialStep - offset)
  }

  const state = useRef({ more, covered, offset, slide })
  state.current = { more, covered, offset, slide }

  const keepStep = useCallback((step: number) => {
    history.replaceState(null, '', withOptions(location.hash, { step: step > 0 ? String(step) : null }))
  }, [])
  driver.onStep = (step) => keepStep(state.current.offset + step)

  const go = useCallback(
    (n: number) => {
      const count = slidesOf(shownNow(useStore.getState().cells)).length
      const to = Math.max(0, Math.min(count - 1, n))
      const from = useView.getState().slide
      if (to === from) return
      const back = to < from
      const next = slidesOf(shownNow(useStore.getState().cells))[to]
      setMore(0)
      // Coming back, a slide shows its end: uncovered, its panel at the last step.
      setUncovered(back ? (next?.id ?? null) : null)
      driver.startAt = back ? 'end' : 0
      useView.setState({ slide: to })
      history.replaceState(null, '', withOptions(location.hash, { slide: String(to + 1), step: null }))
    },
    [driver],
  )

  const uncover = useCallback(() => {
    const id = state.current.slide?.id ?? null
    setUncovered(id)
    keepStep(1)
  }, [keepStep])

  const forward = useCallback(() => {
    const s = driver.stepper
    const { more, covered } = state.current
    if (covered) uncover()
    else if (!more && s && s.step < s.total) s.next()
    else if (!more && driver.pager?.next()) return
    else if (more < extraPages()) setMore(more + 1)
    else go(useView.getState().slide + 1)
  }, [driver, go, uncover])

  const backward = useCallback(() => {
    const s = driver.stepper
    if (state.current.more) setMore(state.current.more - 1)
    else if (driver.pager?.back()) return
    else if (s && s.step > 0) s.back()
    else go(useView.getState().slide - 1)
  }, [driver, go])

  /** Everything on this slide shown at once; on a slide already complete, the next slide. */
  const complete = useCallback(() => {
    const s = driver.stepper
    const { covered } = state.current
    if (!covered && (!s || s.step >= s.total)) return go(useView.getState().slide + 1)
    if (covered) uncover()
    if (s && s.step < s.total) s.setStep(s.total)
  }, [driver, go, uncover])

  /** Back to the slide's first step; on a slide at its start, the previous slide. */
  const restart = useCallback(() => {
    const s = driver.stepper
    setMore(0)
    if (s && s.step > 0) s.setStep(0)
    else go(useView.getState().slide - 1)
  }, [driver, go])

  const toggleMore = useCallback(() => {
    setMore((m) => (m > 0 ? 0 : Math.min(1, extraPages())))
  }, [])

  const scratch = useCallback(() => {
    const id = ensureScratch()
    focusEditor.current = true
    go(slidesOf(shownNow(useStore.getState().cells)).findIndex((s) => s.id === id))
  }, [go])

  const toggleReveal = () => useView.setState((v) => ({ revealAnswers: !v.revealAnswers }))
  const exit = () => navigate(withOptions(location.hash, { mode: null, slide: null, step: null }))

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return
      const action = slideAction(e, frame.current)
      if (action === null) return
      e.preventDefault()
      if (action === 'ignore') return
      // A blank screen comes back on any key, and that key does nothing else.
      if (blankRef.current) return setBlank(false)
      if (action === 'forward') forward()
      else if (action === 'backward') backward()
      else if (action === 'complete') complete()
      else if (action === 'restart') restart()
      else if (action === 'first') go(0)
      else if (action === 'last') go(Number.MAX_SAFE_INTEGER)
      else if (action === 'blank') setBlank(true)
      else if (action === 'more') toggleMore()
      else if (action === 'scratch') scratch()
      else if (action === 'reveal') toggleReveal()
      else if (action === 'exit') exit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [forward, backward, complete, restart, go, scratch, toggleMore])
  const blankRef = useRef(blank)
  blankRef.current = blank

  // The "more" view shows one page of secondary sections at a time.
  useLayoutEffect(() => {
    if (content.current) showMorePage(content.current, more)
  })
  // A new output (the cell was edited and run: another function, another size) is fitted anew.
  const output = useStore((s) => (slide ? s.outputs[slide.id] : undefined))
  const runs = useRef({ output, count: 0 })
  if (runs.current.output !== output) runs.current = { output, count: runs.current.count + 1 }
  const run = runs.current.count
  // Declared after the marking above, so the fit measures the page that is shown.
  useFit(frame, content, driver, `${slide?.id}|${more}|${covered}|${run}`, () => setHasExtra(extraPages()))

  // An uncovered code slide shows the output the notebook holds back for the prediction.
  useEffect(() => {
    if (!covered) content.current?.querySelector<HTMLButtonElement>('.predict-gate button')?.click()
  }, [covered, slide])

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
        <div
          ref={content}
          className={`slide${slide?.scratch ? ' scratch' : ''}${more > 0 ? ' more' : ''}${covered ? ' covered' : ''}`}
        >
          {slide ? (
            <StepDriverContext.Provider value={driver}>
              {slide.scratch && <ScratchHeader id={slide.id} />}
              {covered && slide.kind === 'prose' ? (
                <p className="slide-cover">
                  This slide answers the prediction asked before it. Press → when the room has predicted.
                </p>
              ) : (
                <CellView key={slide.id} kind={slide.kind} id={slide.id} index={slide.index} number={slide.number} />
              )}
            </StepDriverContext.Provider>
          ) : (
            <p>Loading…</p>
          )}
        </div>
      </div>
      {blank && <div className="slide-blank" aria-label="Blank screen (any key comes back)" role="img" />}
      <nav className="slide-bar" aria-label="Presentation">
        <span className="slide-title">{title}</span>
        <button type="button" onClick={backward} aria-label="Previous (←)">
          ←
        </button>
        <span className="slide-count" aria-live="polite">
          {at + 1} / {slides.length}
          {more > 0 && ` · more ${more}/${hasExtra}`}
          {covered && ' · answer hidden'}
        </span>
        <button type="button" onClick={forward} aria-label="Next (→)">
          →
        </button>
        <button type="button" onClick={complete} title="End" aria-label="Complete this slide (End)">
          ⇥
        </button>
        {(hasExtra > 0 || more > 0) && (
          <button type="button" onClick={toggleMore} aria-pressed={more > 0} title="m">
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
