/// <reference lib="webworker" />
/**
 * The evaluation worker: owns the reactive notebook and runs cells off the page's thread, so a
 * long computation never freezes the page (the page cancels one by terminating this worker).
 * Exercises' expressions join the notebook as hidden cells after the code cells: the reactive
 * notebook orders by dependencies, so they run after what they use and again when it changes.
 *
 * Any uncaught error (a stack overflow deep in a library, a bug) is reported as a crash naming
 * the cell being read or run; the page then replaces this worker, whose state can no longer be
 * trusted, and sets that cell aside with the error while the others run.
 *
 * After a cell runs, the panels in its value are kept (with the function each was made with), so
 * a panel can ask for a fresh pass with the learner's vector without the cell running again.
 */
import { onProgress, scalar, vector } from '../../engine/index.ts'
import { overlayNames, overlayValue } from '../../engine/language/overlays.ts'
import type { CellInput } from '../../engine/standard.ts'
import { describeError } from '../../engine/language/errors.ts'
import type { PanelSpec } from '../../engine/panels/index.ts'
import { panelSpecOf } from '../../engine/panels/index.ts'
import { answerPanel } from '../../engine/panels/requests.ts'
import { setSideTimings } from '../../engine/panels/timing.ts'
import type { LangValue } from '../../engine/standard.ts'
import {
  BUILTINS,
  CONSTANTS,
  ReactiveNotebook,
  exerciseInput,
  exerciseLanguage,
  expectedValue,
  isRecord,
  toCellOutput,
} from '../../engine/standard.ts'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import type { ExerciseSource, FromWorker, LanguageNames, SliderValue, ToWorker } from './protocol.ts'
import { expressionCellId, parseExpressionCellId } from './protocol.ts'
import { cellsToRun } from './needed.ts'

declare const self: DedicatedWorkerGlobalScope

const post = (m: FromWorker) => self.postMessage(m)

let seq = 0
let queue: readonly string[] = []
let running = ''
/** True while the cell named by running is being read (parsed, analysed) rather than run. */
let reading = false
let cellStart = 0
/** Why each cell set aside by the page failed the previous worker (none for a cancel). */
let skipErrors = new Map<string, string>()
/** The editor's names were sent (once, after the first message's results). */
let named = false

/** The panels of each cell's value as it last ran, in the order the page meets them in its display. */
const panels = new Map<string, PanelSpec[]>()

function panelsIn(v: LangValue, into: PanelSpec[] = []): PanelSpec[] {
  const spec = panelSpecOf(v)
  if (spec) into.push(spec)
  else if (isRecord(v)) for (const field of v.fields.values()) panelsIn(field, into)
  return into
}

const notebook = new ReactiveNotebook({
  read(id) {
    running = id
    reading = true
    post({ type: 'read', seq, id })
  },
  start(ids) {
    queue = ids
    running = ids[0] ?? ''
    reading = false
    cellStart = performance.now()
    post({ type: 'start', seq, ids: [...ids] })
  },
  finish(id, outcome) {
    const error = skipErrors.get(id)
    const result = error === undefined ? outcome : { ok: false as const, error, cause: undefined }
    const expression = parseExpressionCellId(id)
    if (expression) {
      post({ type: 'expected', seq, id: expression.exercise, index: expression.index, value: expectedValue(result) })
    } else {
      panels.set(id, result.ok ? panelsIn(result.value) : [])
      post({
        type: 'result',
        seq,
        id,
        output: toCellOutput(result, notebook.sliders(id)),
        ms: performance.now() - cellStart,
      })
    }
    running = queue[queue.indexOf(id) + 1] ?? ''
    cellStart = performance.now()
  },
})

/** Assignments refused as exercise expressions, by hidden cell id, with the source refused. */
const refused = new Map<string, string>()

/**
 * The hidden cells of the exercises' expressions, in the lesson's language (the engine's rule,
 * as `--check` uses). An expression that assigns a name is left out (it would define a name in
 * the learner's notebook) and reported once as an error instead.
 */
function expressionCells(
  exercises: readonly ExerciseSource[],
  unread: ReadonlySet<string>,
  lessonLanguage: CellLanguage,
): CellInput[] {
  const cells: CellInput[] = []
  for (const { id, expressions, language: own } of exercises) {
    const language = own ?? lessonLanguage
    expressions.forEach((source, k) => {
      const cellId = expressionCellId(id, k)
      running = cellId
      reading = true
      if (unread.has(cellId)) {
        cells.push({ id: cellId, source: '', language })
        return
      }
      // The same refusal as the runner's --check (engine/course/check.ts).
      const made = exerciseInput(cellId, source, language)
      if (made.ok) {
        refused.delete(cellId)
        cells.push(made.input)
      } else if (refused.get(cellId) !== `${language}:${source}`) {
        refused.set(cellId, `${language}:${source}`)
        post({ type: 'expected', seq, id, index: k, value: { ok: false, error: made.error } })
      }
    })
  }
  return cells
}

// A progress message per 50 ms at most is plenty for a progress bar.
let lastProgress = 0
onProgress((done, total) => {
  const now = performance.now()
  if (now - lastProgress < 50 && done < total) return
  lastProgress = now
  post({ type: 'progress', seq, id: running, done, total })
})

const toValue = (s: SliderValue) => (s.shape.length === 0 ? scalar(s.value[0]!) : vector(s.value))

function receive(m: ToWorker): void {
  seq = m.seq
  running = ''
  if (m.type === 'update') {
    const skip = m.skip ?? []
    skipErrors = new Map(skip.flatMap((s) => (s.error === undefined ? [] : [[s.id, s.error]])))
    // A cell stopped while being read is given as empty, so that reading it cannot stall or
    // crash this worker too; it is marked skipped all the same.
    const unread = new Set(skip.filter((s) => s.unread).map((s) => s.id))
    for (const s of m.sliders ?? []) notebook.presetSlider(s.name, toValue(s))
    // An embed's cells: only the one shown and what it needs (needed.ts), and no timing runs
    // beside a panel's counts (three embeds on a course page must settle within seconds).
    setSideTimings(!m.cells.some((c) => c.shown))
    const code = cellsToRun(m.cells.map((c) => (unread.has(c.id) ? { ...c, source: '' } : c)))
    const cells = [...code, ...expressionCells(m.exercises ?? [], unread, exerciseLanguage(m.cells))]
    for (const id of panels.keys()) if (!m.cells.some((c) => c.id === id)) panels.delete(id)
    running = ''
    notebook.update(cells, { skip: skip.map((s) => s.id), rerun: m.rerun ?? [] })
  } else if (m.type === 'panel') {
    const spec = panels.get(m.cell)?.[m.panel]
    try {
      if (!spec) throw new Error('this panel is no longer in its cell: run the cell again')
      post({ type: 'panel', seq, id: m.id, reply: { ok: true, answer: answerPanel(spec, m.request) } })
    } catch (error) {
      post({ type: 'panel', seq, id: m.id, reply: { ok: false, error: describeError(error) } })
    }
  } else {
    notebook.setSlider(m.name, toValue(m))
  }
  running = ''
  // After the first results: an embed's cells matter more than the editor's completions.
  if (!named) {
    named = true
    post({ type: 'names', names: languageNames() })
  }
  post({ type: 'done', seq })
}

/** The names each language's cells can use without defining them, Julia's modules' members too (`Zygote.gradient`). */
function languageNames(): LanguageNames {
  const core = [...BUILTINS.keys(), ...CONSTANTS.keys()]
  const julia = new Set(core)
  for (const name of overlayNames('julia')) {
    julia.add(name)
    const value = overlayValue('julia', name)
    if (isRecord(value) && value.tag !== 'tuple') for (const field of value.fields.keys()) julia.add(`${name}.${field}`)
  }
  return { ad: core, julia: [...julia], python: [...core, ...overlayNames('python')] }
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

self.onmessage = (e: MessageEvent<ToWorker>) => {
  try {
    receive(e.data)
  } catch (error) {
    post({ type: 'crash', seq, id: running, reading, error: describe(error) })
  }
}
