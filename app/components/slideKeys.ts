/**
 * The presentation's keys, as a keyboard and a presenter remote send them. Remotes send PageDown
 * and PageUp (some send the arrows, or Space), and B or "." to blank the screen; all of them work.
 *
 *   → ↓ PageDown Space     forward: a prediction's cover, a panel's next step (or its reveal),
 *                          the next window of a matrix too large for the slide, its "more"
 *                          view, the next slide
 *   ← ↑ PageUp             back the same way
 *   End, Shift+PageDown    complete the slide (every step, the reveal); again: the next slide
 *   Home, Shift+PageUp     back to the slide's first step; again: the previous slide
 *   Ctrl+Home, Ctrl+End    the first, the last slide
 *   B, .                   blank the screen (any key brings it back)
 *   m, s, r                the "more" view, the scratch cell, reveal the exercises' answers
 *   Esc                    leave an editor; otherwise leave the presentation
 *
 * No key acts while a text field, slider or code editor has the focus, except Esc.
 */

export type SlideAction =
  | 'forward'
  | 'backward'
  | 'complete'
  | 'restart'
  | 'first'
  | 'last'
  | 'blank'
  | 'more'
  | 'scratch'
  | 'reveal'
  | 'exit'
  /** Handled (an editor let go of the focus): nothing else to do. */
  | 'ignore'

const EDITING =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), .cm-editor, [role="textbox"]'

/** What a key press asks the presentation to do, or null for a key it leaves alone. */
export function slideAction(e: KeyboardEvent, frame: HTMLElement | null): SlideAction | null {
  if (e.metaKey || e.altKey) return null
  const target = e.target instanceof HTMLElement ? e.target : null
  if (target?.closest(EDITING)) {
    // Esc hands the keys back to the presentation.
    if (e.key !== 'Escape') return null
    target.blur()
    frame?.focus()
    return 'ignore'
  }
  if (e.ctrlKey) return e.key === 'Home' ? 'first' : e.key === 'End' ? 'last' : null
  const onControl = !!target?.closest('button, a, summary, [role="tab"]')
  switch (e.key) {
    case 'PageDown':
      return e.shiftKey ? 'complete' : 'forward'
    case 'PageUp':
      return e.shiftKey ? 'restart' : 'backward'
    case 'ArrowRight':
    case 'ArrowDown':
      return 'forward'
    case 'ArrowLeft':
    case 'ArrowUp':
      return 'backward'
    case ' ':
      // Space on a focused button presses that button.
      return onControl ? null : 'forward'
    case 'End':
      return 'complete'
    case 'Home':
      return 'restart'
    case 'b':
    case 'B':
    case '.':
      return 'blank'
    case 'm':
      return 'more'
    case 's':
      return 'scratch'
    case 'r':
      return 'reveal'
    case 'Escape':
      return 'exit'
    default:
      return null
  }
}
