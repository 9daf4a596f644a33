import { useEffect, useId, useMemo, useState } from 'react'
import type { Expected, ExpectedValue } from '../../engine/course/answers.ts'
import { formatNumbers, judge, nextHint, nudge } from '../../engine/course/answers.ts'
import type { ExerciseSpec } from '../../engine/course/exercises.ts'
import { ExerciseError, exerciseIn, parseExercise } from '../../engine/course/exercises.ts'
import { exerciseIdOf } from '../../engine/notebook/notebookFile.ts'
import type { ExerciseProgress } from '../store/progress.ts'
import { useProgress } from '../store/progress.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import { CellControls } from './CellControls.tsx'
import { PassesBody } from './PassesBody.tsx'
import { Markdown } from './Markdown.tsx'
import type { CodeLanguage } from '../store/codeLanguage.ts'
import { shownNow, useCodeLanguage } from '../store/codeLanguage.ts'
import './exercise.css'

type Read = { ok: true; spec: ExerciseSpec } | { ok: false; message: string }

/** The exercise as read in the learner's language (its `question-python:`, `answer-python:`). */
function readExercise(info: string, source: string, language: CodeLanguage): Read {
  try {
    return { ok: true, spec: exerciseIn(parseExercise(exerciseIdOf(info), source), language).spec }
  } catch (err) {
    if (err instanceof ExerciseError) return { ok: false, message: err.message }
    throw err
  }
}

/** An exercise cell: the question and its answer controls; Edit shows its source, as for text. */
export function ExerciseView({ id, index, number }: { id: string; index: number; number: number }) {
  const cell = useStore((s) => s.cells.find((c) => c.id === id))
  const { edit, run } = useStore.getState()
  const [editing, setEditing] = useState(false)
  const info = cell?.kind === 'exercise' ? cell.info : ''
  const source = cell?.source ?? ''
  const language = useCodeLanguage((s) => s.language)
  const read = useMemo(() => readExercise(info, source, language), [info, source, language])
  if (!cell || cell.kind !== 'exercise') return null
  const label = `Exercise ${number}`
  const done = () => {
    setEditing(false)
    run(id) // the answer's expressions may have changed: evaluate them again
  }
  return (
    <section className="cell exercise-cell" aria-label={label}>
      <CellControls id={id} index={index} label={label}>
        <button type="button" onClick={() => (editing ? done() : setEditing(true))}>
          {editing ? 'Done' : 'Edit exercise'}
        </button>
      </CellControls>
      {editing ? (
        <textarea
          className="prose-editor"
          aria-label={`${label} source`}
          value={source}
          rows={Math.max(4, source.split('\n').length + 1)}
          onChange={(e) => edit(id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault()
              done()
            }
          }}
        />
      ) : read.ok && read.spec.passes !== undefined ? (
        <PassesBody key={read.spec.id} spec={read.spec} cellId={id} label={label} />
      ) : read.ok ? (
        <ExerciseBody key={read.spec.id} spec={read.spec} cellId={id} label={label} />
      ) : (
        <p className="exercise-malformed" role="alert">
          This exercise cannot be shown: {read.message}. Edit it to fix it (see AUTHORING.md, “Exercises”).
        </p>
      )}
    </section>
  )
}

type Status = { kind: 'pending' } | { kind: 'error'; message: string } | { kind: 'ready'; expected: Expected }

/** What the worker has computed for an exercise: its answer and expected mistakes, once all are in. */
function statusOf(spec: ExerciseSpec, values: readonly (ExpectedValue | undefined)[] | undefined): Status {
  const count = 1 + spec.wrong.length
  if (!values || values.length < count || values.slice(0, count).some((v) => v === undefined))
    return { kind: 'pending' }
  const answer = values[0]!
  if (!answer.ok || !('value' in answer))
    return {
      kind: 'error',
      message: `This exercise cannot be checked right now: its answer, \`${spec.answer}\`, fails (${answer.ok ? 'it gives a derivative check, not numbers' : answer.error}). Fix the cells above, then check again.`,
    }
  const wrong = spec.wrong.map((w, k) => {
    const v = values[k + 1]!
    return v.ok && 'value' in v ? { value: v.value, hint: w.hint } : { hint: w.hint }
  })
  return { kind: 'ready', expected: { answer: answer.value, wrong, hints: spec.hints, tolerance: spec.tolerance } }
}

interface Feedback {
  kind: 'right' | 'wrong' | 'info'
  message: string
}

const FRESH: ExerciseProgress = { state: 'attempted', wrong: 0, last: '', hints: 0 }
const RIGHT: Feedback = { kind: 'right', message: 'Right!' }

function ExerciseBody({ spec, cellId, label }: { spec: ExerciseSpec; cellId: string; label: string }) {
  const slug = useStore((s) => s.slug)
  const values = useStore((s) => s.expected[cellId])
  const saved = useProgress((s) => s.lessons[slug]?.[spec.id])
  const record = useProgress((s) => s.record)
  const revealAll = useView((s) => s.revealAnswers)
  const progress = saved ?? FRESH
  const [text, setText] = useState(progress.last)
  const [feedback, setFeedback] = useState<Feedback | null>(progress.state === 'solved' ? RIGHT : null)
  /** An answer submitted before the worker had the expected value; checked when it arrives. */
  const [waiting, setWaiting] = useState<string | null>(null)
  const inputId = useId()
  const status = useMemo(() => statusOf(spec, values), [spec, values])
  const solved = progress.state === 'solved'
  const revealed = progress.state === 'revealed' || revealAll
  const isChoice = spec.choices.length > 0

  const save = (update: Partial<ExerciseProgress>) => record(slug, spec.id, update)

  const checkNumbers = (answer: string) => {
    if (status.kind === 'pending') {
      setWaiting(answer)
      setFeedback({ kind: 'info', message: 'Checking… the notebook is still working out the answer.' })
      return
    }
    setWaiting(null)
    if (status.kind === 'error') {
      setFeedback({ kind: 'info', message: status.message })
      return
    }
    const hints = progress.hints ?? 0
    const j = judge(answer, status.expected, hints, progress.wrong)
    const wrong = j.kind === 'wrong' || j.kind === 'shape'
    save({
      last: answer,
      state: j.kind === 'right' ? 'solved' : 'attempted',
      wrong: progress.wrong + (wrong ? 1 : 0),
      hints: hints + (j.usedHint ? 1 : 0),
    })
    // "Close" is not counted wrong: the learner has the idea and checks the arithmetic.
    const kind = j.kind === 'right' ? 'right' : j.kind === 'unreadable' || j.kind === 'close' ? 'info' : 'wrong'
    setFeedback({ kind, message: j.message })
  }

  const checkChoice = (answer: string) => {
    const choice = spec.choices[Number(answer)]
    if (answer === '' || !choice) {
      setFeedback({ kind: 'info', message: 'Pick one of the choices first.' })
      return
    }
    const hints = progress.hints ?? 0
    const hint = choice.right ? undefined : nextHint(spec.hints, hints)
    save({
      last: answer,
      state: choice.right ? 'solved' : 'attempted',
      wrong: progress.wrong + (choice.right ? 0 : 1),
      hints: hints + (hint === undefined ? 0 : 1),
    })
    setFeedback(
      choice.right
        ? RIGHT
        : { kind: 'wrong', message: hint === undefined ? nudge(progress.wrong) : `Not that one. Hint: ${hint}` },
    )
  }

  const check = (answer = text) => (isChoice ? checkChoice(answer) : checkNumbers(answer))

  // An answer that waited for the worker is checked as soon as the expected value arrives.
  useEffect(() => {
    if (waiting !== null && status.kind !== 'pending') check(waiting)
    // check reads the latest state through this render's closure; status is what changes.
  }, [status, waiting])

  const hint = () => {
    const hints = progress.hints ?? 0
    const next = nextHint(spec.hints, hints)
    if (next === undefined) {
      setFeedback({ kind: 'info', message: 'There are no more hints. Reveal the answer if you are stuck.' })
      return
    }
    save({ hints: hints + 1 })
    setFeedback({ kind: 'info', message: `Hint ${hints + 1} of ${spec.hints.length}: ${next}` })
  }

  const reveal = () => {
    save({ state: 'revealed' })
    setFeedback(null)
  }

  return (
    <div className="exercise">
      <div className="exercise-head">
        <span className="exercise-label">{label}</span>
        {solved && <span className="exercise-badge exercise-solved">✓ Solved</span>}
        {!solved && progress.state === 'revealed' && <span className="exercise-badge">Answer revealed</span>}
        {spec.predict && <span className="exercise-badge exercise-predict">Prediction</span>}
      </div>
      <Markdown text={spec.question} />
      <form
        className="exercise-answer"
        onSubmit={(e) => {
          e.preventDefault()
          check()
        }}
      >
        {isChoice ? (
          <fieldset className="exercise-choices">
            <legend className="nb-visually-hidden">Choices for {label}</legend>
            {spec.choices.map((c, i) => (
              <label key={i} className={`exercise-choice${revealed && c.right ? ' exercise-right-choice' : ''}`}>
                <input
                  type="radio"
                  name={`${inputId}-choice`}
                  value={String(i)}
                  checked={text === String(i)}
                  onChange={() => setText(String(i))}
                />
                <Markdown text={c.text} />
                {revealed && c.right && <span className="exercise-badge">the right answer</span>}
              </label>
            ))}
          </fieldset>
        ) : (
          <div className="exercise-input">
            <label htmlFor={inputId}>Your answer</label>
            <input
              id={inputId}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={text}
              placeholder="e.g. [16, 44, 64]"
              onChange={(e) => setText(e.target.value)}
            />
          </div>
        )}
        <div className="exercise-buttons">
          <button type="submit" className="nb-button">
            Check
          </button>
          {spec.hints.length > 0 && (
            <button type="button" className="nb-button" onClick={hint}>
              Hint
            </button>
          )}
          {!revealed && !solved && (
            <button type="button" className="nb-button" onClick={reveal}>
              Reveal answer
            </button>
          )}
        </div>
      </form>
      <div
        className={`exercise-feedback${feedback ? ` exercise-${feedback.kind}` : ''}`}
        role="status"
        aria-live="polite"
      >
        {feedback && <Markdown text={feedback.message} />}
      </div>
      {revealed && !isChoice && <RevealedAnswer status={status} />}
      {(solved || revealed) && spec.explain && (
        <div className="exercise-explain">
          <Markdown text={spec.explain} />
        </div>
      )}
    </div>
  )
}

function RevealedAnswer({ status }: { status: Status }) {
  const shown =
    status.kind === 'ready'
      ? `The answer is \`${formatNumbers(status.expected.answer, 6)}\`.`
      : status.kind === 'pending'
        ? 'The answer is still being computed…'
        : status.message
  return (
    <div className="exercise-revealed">
      <Markdown text={shown} />
    </div>
  )
}

/**
 * Whether a code cell's output waits for a prediction: the nearest exercise or code cell before
 * it is an exercise with `predict: yes` that is neither solved nor revealed.
 */
export function usePredictGate(id: string): boolean {
  const before = useStore((s) => {
    // Among the cells shown: a Python variant's exercise is the one before its Julia main cell.
    const cells = shownNow(s.cells)
    const i = cells.findIndex((c) => c.id === id)
    for (let j = i - 1; j >= 0; j--) {
      const c = cells[j]!
      if (c.kind === 'code') return null
      if (c.kind === 'exercise') return `${c.info}\n${c.source}`
    }
    return null
  })
  const slug = useStore((s) => s.slug)
  const spec = useMemo(() => {
    if (before === null) return null
    const at = before.indexOf('\n')
    const read = readExercise(before.slice(0, at), before.slice(at + 1), 'julia')
    return read.ok && read.spec.predict ? read.spec : null
  }, [before])
  const state = useProgress((s) => (spec ? s.lessons[slug]?.[spec.id]?.state : undefined))
  const revealAll = useView((s) => s.revealAnswers)
  return spec !== null && state !== 'solved' && state !== 'revealed' && !revealAll
}
