/**
 * A `passes:` exercise (engine/course/passes.ts): no answer to type; the learner fixes the code
 * above (a derivative rule) until the exercise's check is consistent with finite differences.
 * The worker evaluates the check again whenever the notebook re-runs, so the verdict shown here
 * follows the learner's edits, and the first consistent verdict marks the exercise solved.
 */
import { useEffect, useState } from 'react'
import { nextHint } from '../../engine/course/answers.ts'
import type { ExpectedValue } from '../../engine/course/answers.ts'
import type { ExerciseSpec } from '../../engine/course/exercises.ts'
import type { CheckOutcome } from '../../engine/course/passes.ts'
import { passes } from '../../engine/course/passes.ts'
import { useProgress } from '../store/progress.ts'
import { useStore } from '../store/store.ts'
import { Markdown } from './Markdown.tsx'

type CheckStatus = { kind: 'pending' } | { kind: 'error'; message: string } | { kind: 'check'; outcome: CheckOutcome }

/** The check's state from the worker's value for the exercise's one expression. */
function checkStatus(spec: ExerciseSpec, value: ExpectedValue | undefined): CheckStatus {
  if (value === undefined) return { kind: 'pending' }
  if (value.ok && 'check' in value) return { kind: 'check', outcome: value.check }
  const why = value.ok ? 'it gives numbers, not a derivative check' : value.error
  return {
    kind: 'error',
    message: `The check \`${spec.passes}\` stops: ${why}. Fix the cells above and it runs again.`,
  }
}

/**
 * What the verdict box says: the check's own sentence, led by what it means for the exercise.
 * The verdict is plain text (a name such as my_sum is no Markdown emphasis); errors quote code.
 */
function Verdict({ status }: { status: CheckStatus }) {
  if (status.kind === 'pending') return <p>Checking…</p>
  if (status.kind === 'error') return <Markdown text={status.message} />
  const { outcome } = status
  const sentence = outcome.verdict.charAt(0).toLowerCase() + outcome.verdict.slice(1)
  return <p>{passes(outcome) ? `Passes. ${outcome.verdict}.` : `Not yet: ${sentence}.`}</p>
}

export function PassesBody({ spec, cellId, label }: { spec: ExerciseSpec; cellId: string; label: string }) {
  const slug = useStore((s) => s.slug)
  const value = useStore((s) => s.expected[cellId]?.[0])
  const saved = useProgress((s) => s.lessons[slug]?.[spec.id])
  const record = useProgress((s) => s.record)
  const [hintText, setHintText] = useState<string | null>(null)
  const status = checkStatus(spec, value)
  const solved = saved?.state === 'solved'
  const consistent = status.kind === 'check' && passes(status.outcome)

  // Solved once, by the first consistent check; a later edit that breaks the rule shows "Not yet"
  // again without taking back what the learner achieved.
  useEffect(() => {
    if (consistent && !solved) record(slug, spec.id, { state: 'solved', wrong: saved?.wrong ?? 0, last: '' })
  }, [consistent, solved, record, slug, spec.id, saved?.wrong])

  const hint = () => {
    const hints = saved?.hints ?? 0
    const next = nextHint(spec.hints, hints)
    if (next === undefined) {
      setHintText('There are no more hints.')
      return
    }
    record(slug, spec.id, { state: saved?.state ?? 'attempted', wrong: saved?.wrong ?? 0, last: '', hints: hints + 1 })
    setHintText(`Hint ${hints + 1} of ${spec.hints.length}: ${next}`)
  }

  const kind = status.kind === 'check' ? (consistent ? 'right' : 'wrong') : 'info'
  return (
    <div className="exercise">
      <div className="exercise-head">
        <span className="exercise-label">{label}</span>
        {solved && <span className="exercise-badge exercise-solved">✓ Solved</span>}
        <span className="exercise-badge">Fix the rule</span>
      </div>
      <Markdown text={spec.question} />
      <div className={`exercise-feedback exercise-${kind}`} role="status" aria-live="polite">
        <Verdict status={status} />
      </div>
      {spec.hints.length > 0 && (
        <div className="exercise-buttons">
          <button type="button" className="nb-button" onClick={hint}>
            Hint
          </button>
        </div>
      )}
      {hintText !== null && (
        <div className="exercise-feedback exercise-info">
          <Markdown text={hintText} />
        </div>
      )}
      {solved && spec.explain && (
        <div className="exercise-explain">
          <Markdown text={spec.explain} />
        </div>
      )}
    </div>
  )
}
