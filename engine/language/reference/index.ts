/**
 * The language reference, generated: every builtin of the core table (with the plots and panels
 * registered into it), every constant, every name the Julia overlay adds or changes (packages
 * with their members), and every syntax form, each with its words from core.ts, julia.ts and
 * syntax.ts. Names and parameters come from the tables themselves, so the reference lists what
 * the language has, and the tests fail when something has no words (missingDocs) or words
 * describe a name that is gone (staleDocs).
 */
import { BUILTINS, CONSTANTS } from '../builtins.ts'
import { overlayNames, overlayValue } from '../overlays.ts'
import type { LangValue } from '../values.ts'
import { isFunction, isRecord } from '../values.ts'
import { CORE_DOCS } from './core.ts'
import type { Doc, ReferenceLanguage } from './doc.ts'
import { JULIA_DOCS } from './julia.ts'
import { SYNTAX_DOCS } from './syntax.ts'

export type { Doc, ReferenceLanguage, SyntaxDoc } from './doc.ts'
export { CORE_DOCS, JULIA_DOCS, SYNTAX_DOCS }

export type EntryKind = 'function' | 'transform' | 'notebook' | 'constant' | 'package' | 'syntax'

export interface ReferenceEntry {
  /** What it is looked up by: `gradient`, `ForwardDiff.gradient`, or a syntax form. */
  name: string
  /** Its place on the page, `#/reference/<anchor>`: the name, or `syntax-<n>` for a form. */
  anchor: string
  language: ReferenceLanguage
  kind: EntryKind
  /** How it is called, from its parameters: `gradient(f, x)`. */
  usage: string
  summary: string
  example: string
  /** A package's members, from the overlay's record. */
  members?: string[]
}

const TRANSFORMS = new Set([
  'derivative',
  'gradient',
  'jacobian',
  'jacfwd',
  'jacrev',
  'hessian',
  'hessian_reverse',
  'hvp',
  'jvp',
  'vjp',
  'pullback',
  'withgradient',
  'tf_gradients',
])
const NOTEBOOK = /^(slider|plot|contour|show_|cost_explorer|check_gradient|test_rrule|test_frule)/

function usageOf(name: string, value: LangValue): string {
  if (!isFunction(value)) return name
  const params = value.params.filter((p) => p !== 'options')
  return `${name}(${params.join(', ').replace(', ...', '...')})`
}

function kindOf(name: string, value: LangValue): EntryKind {
  const bare = name.slice(name.lastIndexOf('.') + 1)
  if (TRANSFORMS.has(bare)) return 'transform'
  if (NOTEBOOK.test(bare)) return 'notebook'
  if (isRecord(value)) return 'package'
  return isFunction(value) ? 'function' : 'constant'
}

function entry(name: string, value: LangValue, language: ReferenceLanguage, doc: Doc | undefined): ReferenceEntry {
  return {
    name,
    anchor: name,
    language,
    kind: kindOf(name, value),
    usage: usageOf(name, value),
    summary: doc?.summary ?? '',
    example: doc?.example ?? '',
  }
}

/** The members of a package that mean their own thing in the reference, or that of a bare name. */
function memberDoc(pkg: string, member: string): Doc | undefined {
  return JULIA_DOCS[`${pkg}.${member}`] ?? JULIA_DOCS[member] ?? CORE_DOCS[member]
}

/** Every entry, ad first (the core table, then constants), then Julia's, then the syntax forms. */
export function referenceEntries(): ReferenceEntry[] {
  const out: ReferenceEntry[] = []
  for (const [name, f] of BUILTINS) out.push(entry(name, f, 'ad', CORE_DOCS[name]))
  for (const [name, v] of CONSTANTS) out.push(entry(name, v, 'ad', CORE_DOCS[name]))
  for (const name of overlayNames('julia')) {
    const value = overlayValue('julia', name)
    const e = entry(name, value, 'julia', JULIA_DOCS[name])
    out.push(e)
    if (isRecord(value)) {
      // The package, then the members that mean their own thing (ForwardDiff.gradient's array).
      e.members = [...value.fields.keys()]
      for (const [member, v] of value.fields) {
        const own = JULIA_DOCS[`${name}.${member}`]
        if (own) out.push(entry(`${name}.${member}`, v, 'julia', own))
      }
    }
  }
  SYNTAX_DOCS.forEach((s, i) =>
    out.push({
      name: s.form,
      anchor: `syntax-${s.language}-${i + 1}`,
      language: s.language,
      kind: 'syntax',
      usage: s.form,
      summary: s.summary,
      example: s.example,
    }),
  )
  return out
}

/** Names the language has that the reference has no words for (each is a test failure). */
export function missingDocs(kinds: readonly string[]): string[] {
  const missing: string[] = []
  for (const name of [...BUILTINS.keys(), ...CONSTANTS.keys()]) if (!CORE_DOCS[name]) missing.push(name)
  for (const name of overlayNames('julia')) {
    if (!JULIA_DOCS[name]) missing.push(`julia ${name}`)
    const value = overlayValue('julia', name)
    if (isRecord(value))
      for (const member of value.fields.keys()) if (!memberDoc(name, member)) missing.push(`julia ${name}.${member}`)
  }
  const covered = new Set(SYNTAX_DOCS.flatMap((s) => s.kinds))
  for (const kind of kinds) if (!covered.has(kind)) missing.push(`syntax ${kind}`)
  return missing
}

/** Words for names the language no longer has. */
export function staleDocs(): string[] {
  const julia = new Set(overlayNames('julia'))
  const stale = Object.keys(CORE_DOCS).filter((n) => !BUILTINS.has(n) && !CONSTANTS.has(n))
  for (const name of Object.keys(JULIA_DOCS)) {
    const dot = name.indexOf('.')
    if (dot < 0 ? !julia.has(name) : !isRecord(overlayValue('julia', name.slice(0, dot)))) stale.push(`julia ${name}`)
  }
  return stale
}
