/**
 * Prose cells: Markdown with `$...$` and `$$...$$` math.
 *
 * Notebooks arrive through share links and imports, so their text is untrusted: raw HTML is shown
 * as text (html: false), links may only go to http(s), mailto and #fragments, and math goes
 * through KaTeX with trust off. What reaches dangerouslySetInnerHTML is markdown-it's own escaped
 * output.
 */
import 'katex/dist/katex.min.css'
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import { useMemo } from 'react'
import './components.css'
import { markdownMath } from './markdownMath.ts'

const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i
const EXTERNAL = /^https?:\/\//i

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
  tokens[idx]!.attrSet('referrerpolicy', 'no-referrer')
  tokens[idx]!.attrSet('loading', 'lazy')
  return renderImage(tokens, idx, options, env, self)
}

export interface MarkdownProps {
  text: string
}

export function Markdown({ text }: MarkdownProps) {
  const html = useMemo(() => md.render(text), [text])
  return <div className="nb-markdown" dangerouslySetInnerHTML={{ __html: html }} />
}
