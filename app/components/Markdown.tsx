/**
 * Prose cells: Markdown with `$...$` and `$$...$$` math.
 *
 * Notebooks arrive through share links and imports, so their text is untrusted: raw HTML is shown
 * as text (html: false), links may only go to http(s), mailto and #fragments, and math goes
 * through KaTeX with trust off. What reaches dangerouslySetInnerHTML is markdown-it's own escaped
 * output. Images from other origins would be blocked by the Content-Security-Policy (img-src
 * 'self' data: blob:), so they are shown as a link to the image instead.
 *
 * Untrusted text can also be large: math past a budget stays as source until the reader asks for
 * more (see markdownMath.ts), prose that would make more than PROSE_MAX_ELEMENTS elements is
 * shown as plain text until they ask, and prose longer than LAZY_CHARS is rendered only when it
 * comes near the screen.
 */
import 'katex/dist/katex.min.css'
import type { Token } from 'markdown-it'
import type { RefObject } from 'react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import './components.css'
import type { MathEnv } from './markdownMath.ts'
import { countElements, markdownMath } from './markdownMath.ts'

const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i
const EXTERNAL = /^https?:\/\//i

// markdown-it (with its HTML entity tables and linkify's list of domains) takes tens of
// milliseconds to set up: as a chunk of its own it is evaluated in a task of its own, not inside
// the page bundle's. The top-level await keeps rendering synchronous for the components.
const { default: MarkdownIt } = await import('markdown-it')
await new Promise((resume) => setTimeout(resume, 0)) // the rest of the bundle in another task

const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
md.validateLink = (url) => SAFE_LINK.test(url.trim())
md.use(markdownMath)

// External links open in a new tab, say so to screen readers, and send no opener or referrer.
md.core.ruler.push('nb_external_links', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue
    const open: boolean[] = []
    const children: Token[] = []
    for (const t of block.children) {
      if (t.type === 'link_open') {
        const href = String(t.attrGet('href') ?? '')
        const external = EXTERNAL.test(href)
        if (external) t.attrSet('target', '_blank')
        if (external || /^mailto:/i.test(href)) t.attrSet('rel', 'noopener noreferrer')
        open.push(external)
      } else if (t.type === 'link_close' && open.pop()) {
        children.push(new state.Token('nb_new_tab_hint', '', 0))
      }
      children.push(t)
    }
    block.children = children
  }
})
md.renderer.rules.nb_new_tab_hint = () => '<span class="nb-visually-hidden"> (opens in a new tab)</span>'

const renderImage = md.renderer.rules.image!
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  const src = String(token.attrGet('src') ?? '')
  if (EXTERNAL.test(src)) {
    // The CSP would block it (and loading it would tell another site who reads the lesson).
    const alt = self.renderInlineAsText(token.children ?? [], options, env)
    const { escapeHtml } = md.utils
    // Inside a link already (a linked badge): no link in a link, the text alone.
    let depth = 0
    for (const t of tokens.slice(0, idx)) depth += t.type === 'link_open' ? 1 : t.type === 'link_close' ? -1 : 0
    if (depth > 0) return `image: ${escapeHtml(alt)}`
    return `<a href="${escapeHtml(src)}" target="_blank" rel="noopener noreferrer nofollow">image: ${escapeHtml(alt)}<span class="nb-visually-hidden"> (opens in a new tab)</span></a>`
  }
  token.attrSet('referrerpolicy', 'no-referrer')
  token.attrSet('loading', 'lazy')
  return renderImage(tokens, idx, options, env, self)
}

interface Rendered {
  /** The HTML, or null when it has too many elements to show at this scale (then the text is shown plain). */
  html: string | null
  /** Elements the HTML has. */
  elements: number
  /** Formulas left as source by the math budget. */
  held: number
}

/**
 * The most elements one prose cell puts on the page at scale 1 (a 10,000-row table from a short
 * share link is hundreds of thousands); past it the text is shown plain until the reader asks.
 */
export const PROSE_MAX_ELEMENTS = 30_000

/**
 * Rendered HTML by source text and math scale. The same prose renders again when a lesson is
 * reopened or the view changes mode; Markdown with math costs milliseconds per cell, a lookup
 * nothing.
 */
const cache = new Map<string, Rendered>()
const CACHE_SIZE = 500

function render(text: string, scale: number): Rendered {
  const key = `${scale}\u0000${text}`
  let rendered = cache.get(key)
  if (rendered === undefined) {
    const env: MathEnv = { mathScale: scale }
    const html = md.render(text, env)
    const elements = countElements(html)
    rendered = { html: elements > PROSE_MAX_ELEMENTS * scale ? null : html, elements, held: env.mathHeld ?? 0 }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
    cache.set(key, rendered)
  }
  return rendered
}

/** Prose longer than this (in characters) renders only when it comes near the screen. */
export const LAZY_CHARS = 20_000

/** False until the element is near the viewport or the page is printed (always true where that cannot be observed). */
function useNearScreen(lazy: boolean): [RefObject<HTMLDivElement | null>, boolean] {
  const ref = useRef<HTMLDivElement>(null)
  const [near, setNear] = useState(!lazy || typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    if (near || !ref.current) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true)
      },
      { rootMargin: '400px' },
    )
    observer.observe(ref.current)
    // A printed handout needs all of it, scrolled to or not.
    const print = () => flushSync(() => setNear(true))
    window.addEventListener('beforeprint', print)
    return () => {
      observer.disconnect()
      window.removeEventListener('beforeprint', print)
    }
  }, [near])
  return [ref, near]
}

export interface MarkdownProps {
  text: string
}

export function Markdown({ text }: MarkdownProps) {
  const [scale, setScale] = useState(1)
  const [ref, near] = useNearScreen(text.length > LAZY_CHARS)
  const rendered = useMemo(() => (near ? render(text, scale) : null), [text, scale, near])
  if (!rendered) {
    return (
      <div className="nb-markdown nb-markdown-waiting" ref={ref}>
        <p>{`Long text (${text.length.toLocaleString('en')} characters), shown when you scroll to it.`}</p>
      </div>
    )
  }
  const more = () => setScale((s) => s * 10)
  if (rendered.html === null) {
    return (
      <>
        <p className="nb-math-held">
          {`Formatted, this text would put ${rendered.elements.toLocaleString('en')} elements on the page, which would freeze it, so it is shown as plain text. `}
          <button type="button" onClick={more}>
            Show it formatted
          </button>
        </p>
        <pre className="nb-markdown nb-markdown-plain" style={{ whiteSpace: 'pre-wrap' }}>
          {text}
        </pre>
      </>
    )
  }
  return (
    <>
      <div className="nb-markdown" dangerouslySetInnerHTML={{ __html: rendered.html }} />
      {rendered.held > 0 && (
        <p className="nb-math-held">
          {`${rendered.held.toLocaleString('en')} formulas are shown as their source, to keep the page responsive. `}
          <button type="button" onClick={more}>
            Show more math
          </button>
        </p>
      )}
    </>
  )
}
