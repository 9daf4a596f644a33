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
  md.renderer.rules.math_inline = (tokens, idx) => renderTex(tokens[idx]!.content, false)
  md.renderer.rules.math_inline_display = (tokens, idx) => renderTex(tokens[idx]!.content, true)
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="nb-math-display">${renderTex(tokens[idx]!.content, true)}</div>\n`
}
