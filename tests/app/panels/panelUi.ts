/**
 * A vocabulary for the panel tests in jsdom, kept cheap. A role query computes accessible names
 * and styles across the document (a tenth of a second or more per query in jsdom), so the Step
 * button and the tables are found by role once per rendered panel, then clicked or read through
 * the DOM; a new render (or cleanup) finds them afresh.
 */
import { fireEvent, screen } from '@testing-library/react'

const found = new Map<string, HTMLElement>()

/** The element with this role and name, found by role the first time it is asked for. */
export function byRole(role: string, name: string | RegExp): HTMLElement {
  const key = `${role} ${String(name)}`
  const known = found.get(key)
  if (known?.isConnected) return known
  const element = screen.getByRole(role, { name })
  found.set(key, element)
  return element
}

/** Presses Step `times` times. */
export function step(times = 1): void {
  const button = byRole('button', 'Step')
  for (let k = 0; k < times; k++) fireEvent.click(button)
}

/** What the panel's live region says now. */
export function announced(): string {
  return document.querySelector('.panel-announce')!.textContent ?? ''
}

/** "step 3 of 18" */
export function stepCount(): string {
  return document.querySelector('.panel-step-count')!.textContent ?? ''
}

/** The rows of the table named `name` (its caption), after the header row. */
export function bodyRows(name: RegExp): HTMLTableRowElement[] {
  return [...byRole('table', name).querySelectorAll<HTMLTableRowElement>('tbody tr')]
}

/** The table's body as text row by row, data cells only (row headers left out). */
export function bodyCells(name: RegExp): string[][] {
  return bodyRows(name).map((r) => [...r.cells].filter((c) => c.tagName === 'TD').map((c) => c.textContent ?? ''))
}
