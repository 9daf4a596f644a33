/**
 * A reactive notebook, in the manner of Pluto: cells are linked by the names they define and
 * use, and changing a cell re-runs exactly that cell and the cells that depend on it, in
 * dependency order. A name defined in two cells, or cells that depend on each other in a cycle,
 * are errors on the cells involved; nothing else stops working.
 *
 * A private cell (the presentation's scratch cell) reads the notebook's names but keeps its own
 * definitions in a child scope: they shadow the notebook's for that cell only, clash with
 * nothing, and no other cell can depend on them. It re-runs when a name it reads changes.
 */
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import type { CellAnalysis } from '../language/analysis.ts'
import { analyzeCell } from '../language/analysis.ts'
import { describeError } from '../language/errors.ts'
import type { CellLanguage } from '../language/frontends/cell.ts'
import { HeldScope } from './heldScope.ts'
import type { CellResult } from './run.ts'
import { runCell } from './run.ts'
import type { SliderSpec } from '../language/sliders.ts'
import { collectSliders } from '../language/sliders.ts'

export interface CellInput {
  id: string
  source: string
  /** The cell's language ('ad' when absent: notebooks saved before Julia cells). */
  language?: CellLanguage
  /** 'private': it reads the notebook's names, and what it defines is its own (see above). */
  scope?: CellScope
}

export type CellScope = 'notebook' | 'private'

interface CellState {
  source: string
  language: CellLanguage
  scope: CellScope
  analysis: CellAnalysis
  result?: CellResult
  sliders: SliderSpec[]
  /** A private cell's own names, over the notebook's; made afresh each time it runs. */
  local?: HeldScope
}

/** The names a cell defines for the whole notebook: none for a private cell. */
const shared = (cell: CellState): readonly string[] => (cell.scope === 'private' ? [] : cell.analysis.defines)

const failed = (error: string): CellResult => ({ ok: false, error, cause: undefined })

export interface UpdateOptions {
  /** Cells to leave unrun, marked as stopped (after the learner cancelled a long computation). */
  skip?: readonly string[]
  /** Cells to run again even though their source did not change (the learner pressed Run). */
  rerun?: readonly string[]
}

/** Told as cells start and finish, so a worker can post each result as soon as it exists. */
export interface RunListener {
  /** About to read (parse and analyse) a new or edited cell: a worker can say which one stalls. */
  read?(id: string): void
  start?(ids: readonly string[]): void
  finish?(id: string, result: CellResult): void
}

export class ReactiveNotebook {
  constructor(private readonly listener: RunListener = {}) {}

  private readonly scope = new HeldScope()
  private skip = new Set<string>()
  private readonly cells = new Map<string, CellState>()
  private order: string[] = []
  /** Slider values set by the learner, by variable name; they replace the value in the source. */
  private readonly sliderValues = new Map<string, Value>()

  result(id: string): CellResult | undefined {
    return this.cells.get(id)?.result
  }

  /** The sliders the cell made when it last ran, with their current values. */
  sliders(id: string): SliderSpec[] {
    return this.cells.get(id)?.sliders ?? []
  }

  /**
   * Makes the notebook's cells these, in this order, and re-runs what the change affects.
   * Returns the ids of the cells that ran, in the order they ran.
   */
  update(cells: readonly CellInput[], options: UpdateOptions = {}): string[] {
    this.skip = new Set(options.skip ?? [])
    const changed = new Set<string>(options.rerun?.filter((id) => cells.some((c) => c.id === id)) ?? [])
    const affected = new Set<string>()
    const next = new Set(cells.map((c) => c.id))
    for (const [id, old] of this.cells) {
      if (!next.has(id)) {
        shared(old).forEach((n) => affected.add(n))
        this.forget(old)
        this.cells.delete(id)
      }
    }
    for (const { id, source, language = 'ad', scope = 'notebook' } of cells) {
      const old = this.cells.get(id)
      if (old && old.source === source && old.language === language && old.scope === scope) {
        if (changed.has(id)) shared(old).forEach((n) => affected.add(n))
        continue
      }
      if (old) shared(old).forEach((n) => affected.add(n))
      if (old) this.forget(old)
      // An edited slider cell starts again from the value written in it.
      old?.analysis.sliders.forEach((n) => this.sliderValues.delete(n))
      this.listener.read?.(id)
      const analysis = analyzeCell(source, language)
      const state: CellState = { source, language, scope, analysis, sliders: [] }
      shared(state).forEach((n) => affected.add(n))
      this.cells.set(id, state)
      changed.add(id)
    }
    this.order = cells.map((c) => c.id)
    return this.rerun(changed, affected)
  }

  /** Sets a slider's value without running anything (the next run uses it). */
  presetSlider(name: string, value: Value): void {
    this.sliderValues.set(name, value)
  }

  /** Moves a slider: its cell and everything downstream re-run with the new value. */
  setSlider(name: string, value: Value): string[] {
    this.sliderValues.set(name, value)
    const id = this.order.find((i) => this.cells.get(i)!.analysis.sliders.includes(name))
    return id === undefined ? [] : this.rerun(new Set([id]), new Set([name]))
  }

  private forget(cell: CellState): void {
    if (cell.scope === 'private') delete cell.local
    else for (const n of cell.analysis.defines) this.scope.forget(n)
  }

  private rerun(changed: Set<string>, affected: Set<string>): string[] {
    const definers = new Map<string, string[]>()
    // A private cell's definitions are its own: no other cell reads them, so they define nothing here.
    for (const id of this.order) {
      for (const n of shared(this.cells.get(id)!)) definers.set(n, [...(definers.get(n) ?? []), id])
    }
    const deps = (id: string) =>
      this.cells
        .get(id)!
        .analysis.uses.concat(this.cells.get(id)!.analysis.ruleUses)
        .flatMap((n) => definers.get(n) ?? [])
        .filter((d) => d !== id)

    // Dirty: the changed cells, the cells reading or defining an affected name (a clash may have
    // appeared or gone), and everything downstream of them.
    const dirty = new Set(changed)
    for (const id of this.order) {
      const cell = this.cells.get(id)!
      const reads = (n: string) => affected.has(n)
      if (cell.analysis.uses.some(reads) || cell.analysis.ruleUses.some(reads) || shared(cell).some(reads))
        dirty.add(id)
    }
    let grew = true
    while (grew) {
      grew = false
      for (const id of this.order) {
        if (!dirty.has(id) && deps(id).some((d) => dirty.has(d))) {
          dirty.add(id)
          grew = true
        }
      }
    }
    for (const id of dirty) this.forget(this.cells.get(id)!)

    const { sorted, cyclic } = this.sortByDependencies([...dirty], deps)
    const label = (id: string) => `cell ${this.order.indexOf(id) + 1}`
    this.listener.start?.(sorted)
    for (const id of sorted) {
      const cell = this.cells.get(id)!
      cell.result = this.runOne(id, cell, cyclic, definers, deps, label)
      if (!cell.result.ok) this.forget(cell)
      this.listener.finish?.(id, cell.result)
    }
    return sorted
  }

  private runOne(
    id: string,
    cell: CellState,
    cyclic: ReadonlySet<string>,
    definers: ReadonlyMap<string, string[]>,
    deps: (id: string) => string[],
    label: (id: string) => string,
  ): CellResult {
    // With its cause, so the page can mark the syntax error's line and column in the editor.
    const syntax = cell.analysis.syntaxError
    if (syntax) return { ok: false, error: describeError(syntax), cause: syntax }
    if (this.skip.has(id)) return failed('stopped before it finished; run the cell again to retry')
    if (cyclic.has(id)) {
      const others = deps(id).filter((d) => cyclic.has(d))
      return failed(
        `this cell and ${others.map(label).join(', ')} depend on each other in a cycle, so neither can run first`,
      )
    }
    for (const n of shared(cell)) {
      const where = definers.get(n)!
      if (where.length > 1)
        return failed(
          `${n} is defined in more than one cell (${where.map(label).join(' and ')}): define it in one place`,
        )
    }
    for (const n of [...cell.analysis.uses, ...cell.analysis.ruleUses]) {
      const where = definers.get(n)
      if (where && where.length > 1)
        return failed(
          `${n} is defined in more than one cell (${where.map(label).join(' and ')}), so this cell cannot tell which to use`,
        )
      const upstream = where?.[0]
      if (upstream !== undefined && upstream !== id && this.cells.get(upstream)!.result?.ok === false) {
        return failed(`not run: it uses ${n}, and ${label(upstream)}, which defines ${n}, has an error`)
      }
    }
    // Sliders assigned as x = slider(...) are named in the order they are made; a moved one
    // returns the learner's value, so the rest of its cell computes with it.
    const names = cell.analysis.sliders
    const moved = (i: number) => {
      const v = names[i] === undefined ? undefined : this.sliderValues.get(names[i]!)
      return v === undefined ? undefined : Array.from(concrete(v).data)
    }
    // A private cell's scope is a child of the notebook's: lookups fall through, definitions stay.
    const scope = cell.scope === 'private' ? (cell.local = new HeldScope(this.scope)) : this.scope
    const { result, sliders } = collectSliders(() => runCell(cell.source, scope, cell.language), moved)
    cell.sliders = sliders.map((s, i) => ({ ...s, name: sliders.length === names.length ? names[i]! : '' }))
    return result
  }

  /** Dependencies first, document order among equals; cells on a cycle are reported apart. */
  private sortByDependencies(ids: string[], deps: (id: string) => string[]): { sorted: string[]; cyclic: Set<string> } {
    const set = new Set(ids)
    const inOrder = this.order.filter((id) => set.has(id))
    const sorted: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const cyclic = new Set<string>()
    const visit = (id: string, path: string[]) => {
      if (state.get(id) === 'done') return
      if (state.get(id) === 'visiting') {
        path.slice(path.indexOf(id)).forEach((c) => cyclic.add(c))
        return
      }
      state.set(id, 'visiting')
      for (const d of deps(id)) if (set.has(d)) visit(d, [...path, id])
      state.set(id, 'done')
      sorted.push(id)
    }
    for (const id of inOrder) visit(id, [])
    return { sorted, cyclic }
  }
}
