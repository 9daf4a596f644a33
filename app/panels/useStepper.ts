/**
 * Step-through state for a panel: which step of a replay is shown, and play/pause. Playing
 * advances one step per interval; it stops at the end. Reduced motion does not stop playing
 * (the learner asked for it) but panels should drop transitions when it is set.
 */
import { useCallback, useEffect, useState } from 'react'

export interface Stepper {
  /** 0 = nothing shown yet; total = everything shown. */
  step: number
  total: number
  playing: boolean
  /** Steps per second while playing. */
  speed: number
  setStep(step: number): void
  next(): void
  back(): void
  reset(): void
  play(): void
  pause(): void
  setSpeed(speed: number): void
}

export function useStepper(total: number, initial = 0): Stepper {
  const [step, setRaw] = useState(Math.min(initial, total))
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState(2)
  const setStep = useCallback((s: number) => setRaw(Math.max(0, Math.min(total, s))), [total])

  // A new replay (the learner changed the function or the point) keeps the position if it can.
  useEffect(() => setRaw((s) => Math.min(s, total)), [total])

  useEffect(() => {
    if (!playing) return
    if (step >= total) {
      setPlaying(false)
      return
    }
    const t = setTimeout(() => setRaw((s) => Math.min(total, s + 1)), 1000 / speed)
    return () => clearTimeout(t)
  }, [playing, step, total, speed])

  return {
    step,
    total,
    playing,
    speed,
    setStep,
    // From the latest step, so two quick presses (keys repeat) make two steps.
    next: () => setRaw((s) => Math.min(total, s + 1)),
    back: () => setRaw((s) => Math.max(0, s - 1)),
    reset: () => {
      setPlaying(false)
      setRaw(0)
    },
    play: () => {
      if (step >= total) setRaw(0)
      setPlaying(true)
    },
    pause: () => setPlaying(false),
    setSpeed,
  }
}
