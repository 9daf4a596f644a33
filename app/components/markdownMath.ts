/**
 * Math in Markdown: a markdown-it plugin for `$...$` (inline) and `$$...$$` (display), rendered
 * with KaTeX, and the one KaTeX setup every component uses (`renderTex`).
 *
 * The rules follow Pandoc, so that prices and code do not turn into math:
 * - `$` inside a code span is text (the code span is parsed first);
 * - `\$` is a literal dollar (markdown-it's escape rule consumes it first);
 * - an inline `$` opens only before a non-space, and closes only after a non-space and not before
 *   a digit: "costs $5 or $6" has no math, `$x^2$` is math.
 * - a line starting with `$$` opens display math that ends at a line ending in `$$` (same line or
 *   a later one, before any blank line).
 *
 * KaTeX runs with `trust: false` (no \href, \includegraphics, \htmlClass ...) and escapes
 * everything it outputs, so notebook text from share links cannot inject markup through math.
 *
 * Math is rendered under a budget (MATH_BUDGET): so many formulas and KaTeX elements per
 * paragraph and per prose cell, and so many characters per formula. Past it, formulas stay as
 * their source text, and the page offers to show more: 60,000 × `$x^2$`, or one 300×300 matrix,
 * would otherwise put hundreds of thousands of elements on the page and freeze it for a minute.
 */
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it'

// KaTeX is a large library whose setup (thousands of symbol definitions) takes tens of
// milliseconds. Imported dynamically, it is its own chunk, evaluated in its own task instead of
// inside the one long task that runs the page's bundle; the top-level await keeps renderTex
// synchronous for everything that imports this module (which waits for KaTeX). The pause after
// it lets the browser breathe before the rest of the bundle runs, in a task of its own.
const { default: katex } = await import('katex')
await new Promise((resume) => setTimeout(resume, 0))

const KATEX_OPTIONS = {
  output: 'htmlAndMathml', // MathML for screen readers, HTML for the eye
  throwOnError: false, // a mistake shows the source in red instead of breaking the page
  trust: false,
  strict: 'ignore',
  maxSize: 20, // em: no page-sized \rule or \hspace
  maxExpand: 1000, // macro expansion limit (against \def loops)
} as const

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

/** TeX as KaTeX HTML (with MathML). Anything KaTeX cannot render comes back as escaped source. */
export function renderTex(tex: string, displayMode = false): string {
  try {
    return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode })
  } catch {
    return `<code class="nb-math-error">${escapeHtml(tex)}</code>`
  }
}

/** What is rendered at scale 1; "show more" multiplies every figure by the scale. */
export const MATH_BUDGET = {
  paragraph: { formulas: 200, nodes: 20_000 },
  cell: { formulas: 2_000, nodes: 200_000 },
  /** TeX characters in one formula (a 50×50 matrix is about 5,000). */
  texChars: 5_000,
}

interface Tally {
  formulas: number
  nodes: number
}

/**
 * markdown-it's env for one render: the scale asked for, and (filled in) how many formulas were
 * left as source.
 */
export type MathEnv = {
  mathScale?: number
  mathHeld?: number
  mathCell?: Tally
  mathParagraphs?: WeakMap<object, Tally>
}

/** Elements in an HTML string: each opens with `<` and a letter. */
export function countElements(html: string): number {
  let n = 0
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1)
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) n++
  }
  return n
}

/**
 * A formula's HTML if the budget has room for it, else its source as text. paragraph: the token
 * list it belongs to (a paragraph's inline children, or the cell's blocks for display blocks).
 */
function renderBudgeted(tex: string, marker: string, display: boolean, paragraph: object, env: MathEnv): string {
  const scale = env.mathScale ?? 1
  const cell = (env.mathCell ??= { formulas: 0, nodes: 0 })
  const paragraphs = (env.mathParagraphs ??= new WeakMap())
  let here = paragraphs.get(paragraph)
  if (!here) paragraphs.set(paragraph, (here = { formulas: 0, nodes: 0 }))
  const { paragraph: p, cell: c, texChars } = MATH_BUDGET
  const room = (t: Tally, limit: Tally, nodes: number) =>
    t.formulas + 1 <= limit.formulas * scale && t.nodes + nodes <= limit.nodes * scale
  const held = () => {
    env.mathHeld = (env.mathHeld ?? 0) + 1
    return escapeHtml(marker + tex + marker)
  }
  if (tex.length > texChars * scale || !room(here, p, 0) || !room(cell, c, 0)) return held()
  const html = renderTex(tex, display)
  const nodes = countElements(html)
  if (!room(here, p, nodes) || !room(cell, c, nodes)) return held()
  for (const t of [here, cell]) {
    t.formulas++
    t.nodes += nodes
  }
  return html
}

const DOLLAR = 0x24
const BACKSLASH = 0x5c
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c)
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src
  const pos = state.pos
  if (src.charCodeAt(pos) !== DOLLAR) return false
  const display = src.charCodeAt(pos + 1) === DOLLAR
  const marker = display ? '$$' : '$'
  const start = pos + marker.length
  if (start >= state.posMax || isSpace(src[start])) return false
  let end = start
  for (;;) {
    end = src.indexOf(marker, end)
    if (end < 0 || end + marker.length > state.posMax) return false
    const closes =
      src.charCodeAt(end - 1) !== BACKSLASH && (display || (!isSpace(src[end - 1]) && !isDigit(src[end + 1])))
    if (closes) break
    end++
  }
  if (end === start) return false
  if (!silent) {
    const token = state.push(display ? 'math_inline_display' : 'math_inline', 'math', 0)
    token.content = src.slice(start, end)
    token.markup = marker
  }
  state.pos = end + marker.length
  return true
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false // an indented code block
  const first = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]).trimEnd()
  if (!first.startsWith('$$')) return false
  const lines: string[] = []
  let line = startLine
  const rest = first.slice(2)
  if (rest.length >= 2 && rest.endsWith('$$')) {
    lines.push(rest.slice(0, -2)) // $$ ... $$ on one line
  } else {
    if (rest.includes('$$')) return false // "$$a$$ and more": inline display math in a paragraph
    lines.push(rest)
    for (line = startLine + 1; ; line++) {
      if (line >= endLine) return false
      const begin = state.bMarks[line]! + state.tShift[line]!
      const text = state.src.slice(begin, state.eMarks[line]).trimEnd()
      if (text === '' || state.sCount[line]! < state.blkIndent) return false // never runs past a blank line
      if (text.endsWith('$$')) {
        lines.push(text.slice(0, -2))
        break
      }
      lines.push(text)
    }
  }
  if (silent) return true
  const token = state.push('math_block', 'math', 0)
  token.block = true
  token.content = lines.join('\n').trim()
  token.markup = '$$'
  token.map = [startLine, line + 1]
  state.line = line + 1
  return true
}

/** The plugin: `md.use(markdownMath)`. */
export function markdownMath(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline)
  md.block.ruler.after('blockquote', 'math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  })
  md.renderer.rules.math_inline = (tokens, idx, _o, env) =>
    renderBudgeted(tokens[idx]!.content, '$', false, tokens, env as MathEnv)
  md.renderer.rules.math_inline_display = (tokens, idx, _o, env) =>
    renderBudgeted(tokens[idx]!.content, '$$', true, tokens, env as MathEnv)
  md.renderer.rules.math_block = (tokens, idx, _o, env) =>
    `<div class="nb-math-display">${renderBudgeted(tokens[idx]!.content, '$$', true, tokens, env as MathEnv)}</div>\n`
}
