/**
 * Play, pause, step, step back, reset and speed for a panel's replay, as real buttons. The
 * panel's keyboard shortcuts (arrows, space, Home) work while focus is inside the panel but
 * never while a text field or slider has it. Each step's description goes to a polite live
 * region, e.g. "pulled back e₂: row 2 = [4, 20, 12]".
 */
import { useLayoutEffect, useRef } from 'react'
import type { KeyboardEvent, ReactNode } from 'react'
import { useView } from '../store/view.ts'
import { useDriver } from './stepDriver.ts'
import type { Stepper } from './useStepper.ts'

export function StepControls({ stepper, label, announce }: { stepper: Stepper; label: string; announce: string }) {
  const { step, total, playing } = stepper
  useDriver(stepper, label)
  usePrintAtEnd(stepper)
  return (
    <div className="panel-steps">
      <div role="group" aria-label={`${label}: step controls`} className="panel-step-buttons">
        <button type="button" onClick={stepper.reset} disabled={step === 0 && !playing}>
          Reset
        </button>
        <button type="button" onClick={stepper.back} disabled={step === 0}>
          Step back
        </button>
        {playing ? (
          <button type="button" onClick={stepper.pause}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={stepper.play}>
            Play
          </button>
        )}
        <button type="button" onClick={stepper.next} disabled={step >= total}>
          Step
        </button>
        <label className="panel-speed">
          Speed
          <select value={stepper.speed} onChange={(e) => stepper.setSpeed(Number(e.target.value))}>
            <option value={0.5}>slow</option>
            <option value={2}>normal</option>
            <option value={6}>fast</option>
          </select>
        </label>
        <span className="panel-step-count">
          step {step} of {total}
        </span>
      </div>
      <p className="panel-announce" aria-live="polite">
        {announce}
      </p>
    </div>
  )
}

/** While the page prints, the replay shows its last step; afterwards it is back where it was. */
function usePrintAtEnd(stepper: Stepper) {
  const printing = useView((s) => s.printing)
  const before = useRef<number | null>(null)
  const { step, total, setStep } = stepper
  useLayoutEffect(() => {
    if (printing && before.current === null) {
      before.current = step
      setStep(total)
    } else if (!printing && before.current !== null) {
      setStep(before.current)
      before.current = null
    }
  }, [printing, step, total, setStep])
}

/**
 * Keyboard stepping for a panel's container: ← → step, space plays or pauses, Home resets. A key
 * that would change nothing (→ at the last step) is left alone, so a presentation can move on.
 */
export function stepKeys(stepper: Stepper) {
  return (e: KeyboardEvent) => {
    const t = e.target as HTMLElement
    if (t.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return
    const { step, total } = stepper
    if (e.key === 'ArrowRight' && step < total) stepper.next()
    else if (e.key === 'ArrowLeft' && step > 0) stepper.back()
    else if (e.key === 'Home' && step > 0) stepper.reset()
    else if (e.key === ' ' && t.tagName !== 'BUTTON') (stepper.playing ? stepper.pause : stepper.play)()
    else return
    e.preventDefault()
  }
}

/** The frame every panel sits in: a titled, focusable region with its text summary. */
export function PanelFrame({
  title,
  summary,
  onKeyDown,
  children,
}: {
  title: string
  summary: string
  onKeyDown?: (e: KeyboardEvent) => void
  children: ReactNode
}) {
  return (
    <section className="panel" aria-label={title} tabIndex={-1} onKeyDown={onKeyDown}>
      <h3 className="panel-title">{title}</h3>
      <p className="panel-summary">{summary}</p>
      {children}
    </section>
  )
}
