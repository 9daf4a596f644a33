/**
 * Running the notebook: the one evaluation worker, what it reports per cell (outputs, running,
 * progress, timing), the values of exercises' expressions, sliders, Cancel, and panels' requests
 * for a fresh pass. Slider drags go straight to the worker; only their values are kept here, to
 * be saved.
 */
import type { ExpectedValue } from '../../engine/course/answers.ts'
import { exerciseExpressions, exerciseIn, parseExercise } from '../../engine/course/exercises.ts'
import { exerciseIdOf } from '../../engine/notebook/notebookFile.ts'
import type { PanelRequest } from '../../engine/panels/requests.ts'
import { Evaluator } from '../worker/client.ts'
import type { PanelReply } from '../worker/protocol.ts'
import type { EditableCell } from './cells.ts'
import { cellLanguage, notebookLanguage, shownCells } from './cells.ts'
import type { CodeLanguage } from './codeLanguage.ts'
import { useCodeLanguage } from './codeLanguage.ts'
import { embedSources } from './focus.ts'
import { byId, withEntry } from './records.ts'
import { isScratch } from './scratchCell.ts'
import type { RunSlice, Slice } from './state.ts'

let evaluator: Evaluator | null = null

/**
 * The code cells as last run, each in its language, and of a two-variant cell only the variant in
 * the learner's language; the scratch cell runs in a scope of its own.
 */
export const codeSources = (
  cells: readonly EditableCell[],
  submitted: Record<string, string>,
  language: CodeLanguage = useCodeLanguage.getState().language,
) =>
  shownCells(cells, language)
    .filter((c) => c.kind === 'code')
    .map((c) => ({
      id: c.id,
      source: submitted[c.id] ?? c.source,
      language: cellLanguage(c),
      ...(isScratch(c) ? { scope: 'private' as const } : {}),
    }))

/**
 * Panel `panel` of cell `cell` asks the worker for a fresh pass (an HVP with a typed v, the
 * pullback of a typed ȳ); the reply is new panel data with its trace, or why there is none.
 */
export function requestPanel(cell: string, panel: number, request: PanelRequest): Promise<PanelReply> {
  if (!evaluator) return Promise.resolve({ ok: false, error: 'the notebook has not run yet: run its cells first' })
  return evaluator.requestPanel(cell, panel, request)
}

/**
 * The expressions of each readable exercise, with the language they are written in: the learner's
 * where the exercise gives it (`answer-python:`), else the lesson's, from its main cells (the
 * worker sees only the chosen variants, which may be mostly Python); a malformed exercise shows
 * its error and has none.
 */
export const exerciseSources = (
  cells: readonly EditableCell[],
  submitted: Record<string, string>,
  language: CodeLanguage = useCodeLanguage.getState().language,
) =>
  cells.flatMap((c) => {
    if (c.kind !== 'exercise') return []
    try {
      const seen = exerciseIn(parseExercise(exerciseIdOf(c.info), submitted[c.id] ?? c.source), language)
      return [
        { id: c.id, expressions: exerciseExpressions(seen.spec), language: seen.language ?? notebookLanguage(cells) },
      ]
    } catch {
      return []
    }
  })

/** A copy of an exercise's values with some forgotten (about to be evaluated again) or set. */
function withExpected(
  all: Record<string, (ExpectedValue | undefined)[]>,
  exercise: string,
  index: number,
  value: ExpectedValue | undefined,
): Record<string, (ExpectedValue | undefined)[]> {
  const values = [...(all[exercise] ?? [])]
  values[index] = value
  return withEntry(all, exercise, values)
}

export const runSlice: Slice<RunSlice> = (set, get) => {
  // Another language chosen: its variants run instead (only what changed runs again).
  useCodeLanguage.subscribe((now, before) => {
    if (now.language !== before.language && get().cells.length > 0) get().evaluate()
  })
  const worker = (): Evaluator => {
    evaluator ??= new Evaluator({
      start: (ids, expressions) =>
        set((s) => ({
          running: byId(
            Object.entries(s.running),
            ids.map((id) => [id, true] as const),
          ),
          expected: expressions.reduce((all, e) => withExpected(all, e.exercise, e.index, undefined), s.expected),
        })),
      expected: (exercise, index, value) =>
        set((s) => ({ expected: withExpected(s.expected, exercise, index, value) })),
      result: (id, output, ms) =>
        set((s) => {
          const running = byId(Object.entries(s.running).filter(([r]) => r !== id))
          return { outputs: withEntry(s.outputs, id, output), running, ms: withEntry(s.ms, id, ms), progress: null }
        }),
      progress: (id, done, total) => set({ progress: { id, done, total } }),
      idle: () => set({ busy: false, running: byId(), progress: null }),
      names: (names) => set({ names }),
    })
    return evaluator
  }

  return {
    outputs: byId(),
    running: byId(),
    progress: null,
    ms: byId(),
    busy: false,
    expected: byId(),
    names: { ad: [], julia: [], python: [] },

    evaluate(rerun = []) {
      const { cells, submitted } = get()
      set({ busy: true })
      const sources = codeSources(cells, submitted)
      // An embed runs only the cells its one cell needs (focus.ts).
      const focused = embedSources(cells, sources)
      worker().update(focused ?? sources, focused ? [] : exerciseSources(cells, submitted), rerun)
    },

    restartWorker(sliders) {
      set({ outputs: byId(), running: byId(), ms: byId(), progress: null, expected: byId() })
      // A fresh worker: nothing from the previous notebook may leak into this one.
      evaluator?.dispose()
      evaluator = null
      worker().presetSliders(
        Object.entries(sliders).map(([name, value]) => ({
          name,
          value,
          shape: value.length === 1 ? [] : [value.length],
        })),
      )
    },

    setSlider(name, value, shape) {
      set((s) => ({ sliders: withEntry(s.sliders, name, value), busy: true, edited: true }))
      worker().slider({ name, value, shape })
    },

    cancel() {
      const stopped = worker().cancel()
      set({ progress: null, running: byId() })
      if (stopped)
        get().notify('Stopped the running cell. Run it again (Shift+Enter) when you are ready.', { info: true })
    },
  }
}
