/**
 * Two-variant cells: one logical code cell written in two languages, of which only the learner's
 * chosen one runs (so both may define `f`). In a notebook file the variant is its own fenced block
 * marked `variant`, right after the cell it is a version of (blank lines may come between):
 *
 *     ```julia id=seed
 *     f(x) = sum((A * x) .^ 2)
 *     ```
 *     ```python variant
 *     def f(x): return jnp.sum((A @ x) ** 2)
 *     ```
 *
 * The file stays a flat list of cells (so it round-trips like any other); this groups them. The
 * page's store and `--check` both group with these functions, on their own cell types.
 */
import type { CellLanguage } from '../language/frontends/cell.ts'
import type { Cell } from './notebookFile.ts'

/** What grouping needs to know of a cell, whatever the caller's cell type. */
export interface VariantShape {
  kind: string
  /** A code cell's language; null for prose and exercises. */
  language: CellLanguage | null
  /** A code cell's flags (the words after the language). */
  flags: readonly string[]
  /** Prose that is only blank lines: it may come between a cell and its variant. */
  blank: boolean
}

export const VARIANT_FLAG = 'variant'

/**
 * For each cell, the index of the logical cell it belongs to: a main code cell's own index, a
 * variant's main cell's index, -1 for prose and exercises. A `variant` with no code cell before
 * it, or in a language its group already has, is a main cell of its own (variantProblems says why).
 */
export function variantOwners(cells: readonly VariantShape[]): number[] {
  const owners: number[] = []
  let main = -1
  let languages = new Set<CellLanguage>()
  cells.forEach((c, i) => {
    if (c.kind !== 'code' || c.language === null) {
      owners.push(-1)
      if (!(c.kind === 'prose' && c.blank)) main = -1
      return
    }
    if (c.flags.includes(VARIANT_FLAG) && main >= 0 && !languages.has(c.language)) {
      owners.push(main)
      languages.add(c.language)
      return
    }
    owners.push(i)
    main = i
    languages = new Set([c.language])
  })
  return owners
}

/**
 * The indices of the code cells that run when `language` is chosen: per logical cell, its
 * variant in that language, else its main cell. Null chooses every main cell.
 */
export function chosenCells(cells: readonly VariantShape[], language: CellLanguage | null): Set<number> {
  const owners = variantOwners(cells)
  const chosen = new Map<number, number>()
  owners.forEach((owner, i) => {
    if (owner < 0) return
    if (owner === i) chosen.set(owner, chosen.get(owner) ?? i)
    if (language !== null && cells[i]!.language === language) chosen.set(owner, i)
  })
  return new Set(chosen.values())
}

/** The languages that some logical cell has a variant in, besides its main cell's (for `--check`). */
export function variantLanguages(cells: readonly VariantShape[]): CellLanguage[] {
  const owners = variantOwners(cells)
  const languages = new Set<CellLanguage>()
  owners.forEach((owner, i) => {
    if (owner >= 0 && owner !== i) languages.add(cells[i]!.language!)
  })
  return [...languages]
}

/** Why a `variant` cell is not a variant: the index of each such cell with the reason. */
export function variantProblems(cells: readonly VariantShape[]): { index: number; problem: string }[] {
  const owners = variantOwners(cells)
  return owners.flatMap((owner, i) => {
    const c = cells[i]!
    if (owner !== i || !c.flags.includes(VARIANT_FLAG)) return []
    const before = cells.slice(0, i).findLastIndex((b) => !(b.kind === 'prose' && b.blank))
    const previous = before >= 0 && cells[before]!.kind === 'code'
    return [
      {
        index: i,
        problem: previous
          ? `it is marked variant, but the cell before it already has a ${c.language} version`
          : 'it is marked variant, but no code cell comes right before it: put it directly after the cell it is a version of',
      },
    ]
  })
}

/** A notebook file's cell as grouping sees it. */
export function fileCellShape(cell: Cell): VariantShape {
  return cell.kind === 'code'
    ? { kind: 'code', language: cell.language, flags: cell.flags, blank: false }
    : { kind: cell.kind, language: null, flags: [], blank: cell.kind === 'prose' && cell.text.trim() === '' }
}
