/**
 * `passes:` exercises: the learner fixes code (a derivative rule) until a derivative check of it,
 * `test_rrule(f, x)` or `test_frule` or `check_gradient`, is consistent with finite differences.
 * The check's value is a panel record; its status and verdict are read from the record's fields
 * (the panels' specs sit in a layer beside this one), so the worker and `--check` read it alike.
 */
import type { LangValue } from '../language/values.ts'
import { isRecord } from '../language/values.ts'

/** A derivative check's outcome as plain data, as the worker posts it to the page. */
export interface CheckOutcome {
  status: 'consistent' | 'wrong' | 'unchecked'
  /** One line in plain words, tolerances stated (derivativeCheckText.ts). */
  verdict: string
}

const STATUSES: readonly string[] = ['consistent', 'wrong', 'unchecked']

/** The outcome of a derivative check, or undefined when v is not one. */
export function checkOutcomeOf(v: LangValue): CheckOutcome | undefined {
  if (!isRecord(v) || v.tag !== 'panel' || v.fields.get('panel') !== 'derivativeCheck') return undefined
  const status = v.fields.get('status')
  const verdict = v.fields.get('verdict')
  if (typeof status !== 'string' || !STATUSES.includes(status) || typeof verdict !== 'string') return undefined
  return { status: status as CheckOutcome['status'], verdict }
}

/** What a `passes:` expression must give, for messages. */
export const PASSES_NEEDS =
  'must give a derivative check, such as test_rrule(f, x), test_frule(f, x) or check_gradient(f, x)'

/** Solved when the check is consistent: every checked entry and random direction agrees. */
export const passes = (outcome: CheckOutcome): boolean => outcome.status === 'consistent'
