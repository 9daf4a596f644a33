/**
 * What a name means in one language where it differs from the core table: Julia's `gradient`
 * returns a tuple and `reshape` fills columns, so a Julia cell's bare names are looked up here
 * first (the front-end marks them with their dialect), then in the core builtins. The learner's
 * own definitions come before both. Modules (`Zygote`, `ForwardDiff`) are records of functions
 * registered here too.
 */
import type { Dialect } from './syntax/tree.ts'
import type { LangValue } from './values.ts'

const overlays = new Map<Dialect, Map<string, LangValue>>()

export function registerOverlay(dialect: Dialect, entries: Iterable<readonly [string, LangValue]>): void {
  let table = overlays.get(dialect)
  if (table === undefined) overlays.set(dialect, (table = new Map()))
  for (const [name, value] of entries) {
    if (table.has(name) && table.get(name) !== value)
      throw new Error(`two ${dialect} overlays are registered as ${name}`)
    table.set(name, value)
  }
}

export function overlayValue(dialect: Dialect, name: string): LangValue | undefined {
  return overlays.get(dialect)?.get(name)
}

/** The names a language adds or changes, for suggestions and the language reference. */
export function overlayNames(dialect: Dialect): string[] {
  return [...(overlays.get(dialect)?.keys() ?? [])]
}

type Importer = (path: readonly string[], alias: string | null) => [string, LangValue][]

const importers = new Map<Dialect, Importer>()

/**
 * What `import` binds in a language whose modules are built from the whole library (Python's
 * jax, numpy): registered from the top of the engine (standard.ts), so that building them never
 * runs while the interpreter's own modules are still loading.
 */
export function registerImporter(dialect: Dialect, importer: Importer): void {
  importers.set(dialect, importer)
}

export function importerOf(dialect: Dialect): Importer {
  const importer = importers.get(dialect)
  if (importer === undefined) throw new Error(`no ${dialect} modules are registered: load engine/standard.ts`)
  return importer
}
