/**
 * What the URL hash asks for, parsed without touching the page (so it is tested in isolation):
 *
 *   #/<slug>                        a lesson
 *   #/<slug>?nb=<payload>           a shared notebook (share.ts)
 *   ?mode=reader | present          reader view, or the instructor's presentation
 *   ?slide=<n>                      presentation: start at slide n (1-based)
 *   ?step=<k>                       presentation: at step k of that slide (0 = its start)
 *   ?embed=1                        for an iframe: no navigation
 *   ?cell=<name or number>          one cell: its `id=` name, or its number among code cells
 *   ?panel=<n>                      the n-th cell whose output is a panel (1-based; 0 is kept, to be named)
 *   #/reference, #/reference/<name> the language reference, at one entry
 *
 * A value that makes no sense is dropped with a message saying so; the lesson still opens.
 */
import type { Mode } from './store/view.ts'

export interface Route {
  slug: string
  /** The compressed notebook of a share link. */
  share?: string
  mode: Mode
  embed: boolean
  cell: string | null
  panel: number | null
  /** 0-based. */
  slide: number
  /** The presentation's step on that slide: 0 is the slide as it opens. */
  step: number
  /** What was wrong with the link, one sentence each, for the notices. */
  problems: string[]
  /** The language reference is shown, at this entry ('' for the top). */
  reference?: string
}

const KEYS = new Set(['nb', 'mode', 'slide', 'step', 'embed', 'cell', 'panel'])
const MODES: Record<string, Mode> = { learner: 'learner', reader: 'reader', present: 'present' }

/** A positive whole number written plainly ("3"), else null. */
function positive(text: string): number | null {
  return /^[1-9]\d{0,5}$/.test(text) ? Number(text) : null
}

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '')
  const q = body.indexOf('?')
  const problems: string[] = []
  let slug = q < 0 ? body : body.slice(0, q)
  try {
    slug = decodeURIComponent(slug)
  } catch {
    problems.push('The lesson name in this link is garbled.')
  }
  const route: Route = {
    slug: slug.slice(0, 100),
    mode: 'learner',
    embed: false,
    cell: null,
    panel: null,
    slide: 0,
    step: 0,
    problems,
  }
  if (route.slug === 'reference' || route.slug.startsWith('reference/'))
    route.reference = route.slug.slice('reference/'.length)
  if (q < 0) return route
  const params = new URLSearchParams(body.slice(q + 1))
  const quote = (s: string) => `“${s.slice(0, 40)}”`

  const share = params.get('nb')
  if (share !== null) route.share = share

  const mode = params.get('mode')
  if (mode !== null) {
    if (MODES[mode]) route.mode = MODES[mode]
    else problems.push(`There is no view called ${quote(mode)} (try reader or present); the notebook is shown.`)
  }

  const embed = params.get('embed')
  if (embed !== null) {
    if (embed === '1' || embed === 'true' || embed === '') route.embed = true
    else if (embed !== '0' && embed !== 'false') problems.push(`embed=${quote(embed)} should be embed=1.`)
  }

  const cell = params.get('cell')
  if (cell !== null) {
    if (/^[\w-]{1,100}$/.test(cell)) route.cell = cell
    else problems.push(`cell=${quote(cell)} names no cell: use a cell's id or its number.`)
  }

  const panel = params.get('panel')
  if (panel !== null) {
    const n = positive(panel)
    if (n !== null) route.panel = n
    // Counting from 0 is a likely slip: the embed says there is no panel 0 and lists the panels.
    else if (/^0+$/.test(panel)) route.panel = 0
    else problems.push(`panel=${quote(panel)} should be a panel's number, counting from 1.`)
  }

  const slide = params.get('slide')
  if (slide !== null) {
    const n = positive(slide)
    if (n !== null) route.slide = n - 1
    else problems.push(`slide=${quote(slide)} should be a slide's number, counting from 1.`)
  }

  const step = params.get('step')
  if (step !== null) {
    const n = step === '0' ? 0 : positive(step)
    if (n !== null) route.step = n
    else problems.push(`step=${quote(step)} should be a step's number, counting from 0.`)
  }

  for (const key of new Set(params.keys()))
    if (!KEYS.has(key)) problems.push(`This link has an option the notebook does not know: ${quote(key)}.`)
  return route
}

/**
 * The current hash with some options changed (null removes one), keeping the rest: switching to
 * reader view keeps a share link's notebook and the cell it points at.
 */
export function withOptions(hash: string, options: Record<string, string | null>): string {
  const body = hash.replace(/^#\/?/, '')
  const q = body.indexOf('?')
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1))
  for (const [key, value] of Object.entries(options)) {
    if (value === null) params.delete(key)
    else params.set(key, value)
  }
  const query = params.toString()
  return `#/${q < 0 ? body : body.slice(0, q)}${query ? `?${query}` : ''}`
}

/** The cells a link can name: code cells carry their fence's flags (`id=<name>`). */
export interface NamedCell {
  id: string
  kind: string
  flags?: readonly string[]
}

/**
 * The cell that `cell=` names: `id=<name>` among its flags, or, for a number, the n-th code
 * cell (as the notebook numbers them: "Cell 3").
 */
export function findCell(cells: readonly NamedCell[], ref: string): NamedCell | undefined {
  const code = cells.filter((c) => c.kind === 'code')
  const n = positive(ref)
  if (n !== null) return code[n - 1]
  return code.find((c) => c.flags?.includes(`id=${ref}`))
}
