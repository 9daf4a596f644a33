/**
 * What an embed computes, worked out in the worker: the cells the one it shows needs, by the
 * notebook's dependency analysis (the names each cell defines and uses), not the whole lesson.
 * Here rather than on the page, because the analysis reads cells with every front-end's parser
 * (mathjs, the Julia and Python grammars) and the builtins' table: the page would load and
 * evaluate the whole engine for it, in each of a course page's embeds.
 */
import { analyzeCell } from '../../engine/language/analysis.ts'
import type { CellLanguage } from '../../engine/language/frontends/languages.ts'
import type { CellSource } from './protocol.ts'

const analyses = new Map<string, { defines: string[]; uses: string[]; ruleUses: string[] }>()
function analysis(source: string, language: CellLanguage | undefined) {
  const key = `${language ?? 'ad'}\n${source}`
  let a = analyses.get(key)
  if (!a) {
    const { defines, uses, ruleUses } = analyzeCell(source, language)
    a = { defines, uses, ruleUses }
    if (analyses.size > 500) analyses.clear()
    analyses.set(key, a)
  }
  return a
}

/**
 * Whether a cell's text can define a name at all: only through `=` (assignments, `f(x) = ...`,
 * `+=`, `:=`), a macro, or a binding keyword (Julia's and Python's: `function`, `for`, `def`,
 * `import`, `with`, `catch`...). A cell with none of them (a call like `g(x1)`, a
 * panel's `show_hessian(f, x1)`) is not read when looking for definitions: reading every cell
 * of the lesson was most of an embed's work in its worker. `def` anywhere also covers JAX's
 * `f.defvjp(...)`, which gives f its rules.
 */
const MAY_DEFINE =
  /[=@]|def|\b(?:function|macro|struct|mutable|abstract|primitive|module|baremodule|for|let|do|begin|global|local|const|catch|import|using|class|with|except|nonlocal|match|case|del)\b/

/**
 * The cells the targets need, themselves included, in document order: the cells defining the
 * names they use, and theirs in turn (cells are linked by names, in any order, as the reactive
 * notebook links them).
 */
export function neededCells<S extends CellSource>(sources: readonly S[], targets: readonly string[]): S[] {
  const definers = new Map<string, string[]>()
  for (const s of sources) {
    if (!MAY_DEFINE.test(s.source)) continue
    for (const name of analysis(s.source, s.language).defines) definers.set(name, [...(definers.get(name) ?? []), s.id])
  }
  const byCell = new Map(sources.map((s) => [s.id, s]))
  const needed = new Set<string>()
  const todo = [...targets]
  while (todo.length) {
    const id = todo.pop()!
    const s = byCell.get(id)
    if (!s || needed.has(id)) continue
    needed.add(id)
    const a = analysis(s.source, s.language)
    // ruleUses: the rules (rrule(f)...) of what it calls, which a cell of the notebook may define.
    for (const name of [...a.uses, ...a.ruleUses]) todo.push(...(definers.get(name) ?? []))
  }
  return sources.filter((s) => needed.has(s.id))
}

/** The cells to run: with a cell marked shown (an embed's), only what it needs; else all. */
export function cellsToRun<S extends CellSource>(sources: readonly S[]): readonly S[] {
  const shown = sources.filter((s) => s.shown).map((s) => s.id)
  return shown.length ? neededCells(sources, shown) : sources
}
