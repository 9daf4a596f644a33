/**
 * What the panel tests share, in the engine and in jsdom: the spec of the panel a cell ends with,
 * narrowed by its kind (the PanelSpec union, so no test casts), a session with the seed notebook
 * run, and the seed f's Hessian, which several panels compute.
 */
import type { PanelKind, PanelSpec } from '../../../engine/panels/index.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import type { Session } from '../language/helpers.ts'
import { SEED_PRELUDE, session } from '../language/helpers.ts'

export type SpecOf<K extends PanelKind> = Extract<PanelSpec, { kind: K }>

/** The spec of the `kind` panel that `source` evaluates to, in `s` (a fresh session by default). */
export function panelOf<K extends PanelKind>(kind: K, source: string, s: Session = session()): SpecOf<K> {
  const spec = panelSpecOf(s.value(source))
  if (spec?.kind !== kind) throw new Error(`expected a ${kind} panel from ${source}, got ${spec?.kind ?? 'no panel'}`)
  return spec as SpecOf<K>
}

/** A session with the seed notebook's cells (A, x1, f) run, then `more`. */
export function seedSession(more = ''): Session {
  const s = session()
  s.run(more ? `${SEED_PRELUDE}\n${more}` : SEED_PRELUDE)
  return s
}

/** The Hessian of the seed's f(x) = sum(abs2, A * x): 2AᵀA at every x. */
export const SEED_HESSIAN = [
  [10, 4, 6],
  [4, 20, 12],
  [6, 12, 26],
]
