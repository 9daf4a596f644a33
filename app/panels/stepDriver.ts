/**
 * Lets a presentation step the panel on its current slide: the slide provides a driver, and the
 * panel's StepControls register the stepper they show (a panel with a forward and a reverse
 * replay registers whichever is on screen). Outside a presentation there is no driver.
 */
import { createContext } from 'react'
import type { Stepper } from './useStepper.ts'

export interface StepDriver {
  /** The stepper on the slide now, or null (no panel, or one still loading). */
  stepper: Stepper | null
  /** Arrived by stepping back: a panel shows its last step, so ← steps back through it. */
  startAtEnd: boolean
}

export const StepDriverContext = createContext<StepDriver | null>(null)
