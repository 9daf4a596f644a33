/**
 * Lets a presentation step the panel on its current slide: the slide provides a driver, and the
 * panel registers the stepper it shows (StepControls does it for a replay, a panel with a forward
 * and a reverse replay registers whichever is on screen; the sum trap registers its reveal as a
 * one-step stepper). Outside a presentation there is no driver.
 */
import { createContext, useContext, useLayoutEffect, useRef } from 'react'
import type { Stepper } from './useStepper.ts'

export interface StepDriver {
  /** The stepper on the slide now, or null (no panel, or one still loading). */
  stepper: Stepper | null
  /** Names the registered stepper (its label and length): the slide is fitted again when it changes. */
  stepperKey: string
  /**
   * Where a newly shown stepper starts: 'end' when the slide was reached by stepping back (so ←
   * steps back through it), a step number from the URL after a reload, or 0.
   */
  startAt: number | 'end'
  /** Told each step the registered stepper shows (the presentation keeps it in the URL). */
  onStep: (step: number) => void
  /**
   * A matrix shown a window at a time (matrixWindow.ts), or null: once the panel is complete,
   * forward shows its next window and back returns through the windows it showed. Each returns
   * false when it has nothing to show, and the key goes on to the slide.
   */
  pager?: Pager | null
}

export interface Pager {
  next(): boolean
  back(): boolean
}

export const StepDriverContext = createContext<StepDriver | null>(null)

/**
 * Registers a stepper with the presentation showing it, if any. `label` tells one stepper of a
 * panel from another (a panel's forward and reverse replays).
 */
export function useDriver(stepper: Stepper, label: string) {
  const driver = useContext(StepDriverContext)
  const first = useRef(true)
  const reported = useRef<number | null>(null)
  // Every render: the stepper's functions close over its current step.
  useLayoutEffect(() => {
    if (!driver) return
    driver.stepper = stepper
    driver.stepperKey = `${label}:${stepper.total}`
    if (first.current) {
      first.current = false
      const start = driver.startAt === 'end' ? stepper.total : Math.min(driver.startAt, stepper.total)
      driver.startAt = 0
      if (start !== stepper.step) {
        stepper.setStep(start)
        return
      }
    }
    if (reported.current !== stepper.step) {
      reported.current = stepper.step
      driver.onStep(stepper.step)
    }
    return () => {
      if (driver.stepper === stepper) driver.stepper = null
    }
  })
}
