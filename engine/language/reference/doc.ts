/**
 * What the language reference says about one name or syntax form: a line and an example that
 * runs as typed in its cell language. The words live in core.ts, julia.ts and syntax.ts; which
 * names exist comes from the builtin table and the overlays (index.ts).
 */

/** The cell languages the reference covers. */
export type ReferenceLanguage = 'ad' | 'julia'

export interface Doc {
  /** One line: what it is or does. */
  summary: string
  /** A cell that runs as typed in the entry's language (several lines allowed). */
  example: string
}

export interface SyntaxDoc extends Doc {
  /** The form as a learner writes it: `x -> body`. */
  form: string
  /** The kinds of the language's own syntax tree it lowers to (syntax/tree.ts). */
  kinds: string[]
  language: ReferenceLanguage
}
