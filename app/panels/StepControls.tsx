/**
 * Play, pause, step, step back, reset and speed for a panel's replay, as real buttons. The
 * panel's keyboard shortcuts (arrows, space, Home) work while focus is inside the panel but
 * never while a text field or slider has it. Each step's description goes to a polite live
 * region, e.g. "pulled back e₂: row 2 = [4, 20, 12]".
 */
import type { KeyboardEvent, ReactNode } from 'react'
import type { Stepper } from './useStepper.ts'

export function StepControls({ stepper, label, announce }: { stepper: Stepper; label: string; announce: string }) {
  const { step, total, playing } = stepper
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

/** Keyboard stepping for a panel's container: ← → step, space plays or pauses, Home resets. */
export function stepKeys(stepper: Stepper) {
  return (e: KeyboardEvent) => {
    const t = e.target as HTMLElement
    if (t.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return
    if (e.key === 'ArrowRight') stepper.next()
    else if (e.key === 'ArrowLeft') stepper.back()
    else if (e.key === 'Home') stepper.reset()
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
