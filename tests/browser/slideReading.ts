/**
 * Reading a presentation's slide as the room sees it (presentation.test.ts, projector.test.ts):
 * the smallest body text and label in screen pixels (the computed font size times the slide's
 * scale, and a drawing's own scale), what scrolls sideways, and whether the slide ends above the
 * bar. Labels are table and row headings, captions, sub- and superscripts, tags, input labels, a
 * drawing's text (the graph, a plot), the controls and the step counter; the rest is body text.
 * Text only screen readers get (visually hidden, KaTeX's MathML) is skipped.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export interface Reading {
  scale: number
  /** The smallest body text and label on the slide, in screen pixels, with the text that has it. */
  body: { px: number; text: string }
  label: { px: number; text: string }
  /** Elements that scroll sideways, and whether the slide ends above the bar. */
  scrolling: string[]
  fits: boolean
}

export function readSlide(page: Page): Promise<Reading> {
  return page.evaluate(() => {
    const slide = document.querySelector<HTMLElement>('.slide')!
    const scale = Number(slide.dataset.scale ?? 1)
    const LABEL =
      'button, select, th, caption, sub, sup, legend, label, figcaption, svg, .mtight, .panel-step-count, [class*="tag"], [class*="label"]'
    const UNSEEN = '.panel-summary, .nb-visually-hidden, .katex-mathml'
    const body = { px: Infinity, text: '' }
    const label = { px: Infinity, text: '' }
    for (const el of slide.querySelectorAll<HTMLElement>('*')) {
      if (el.closest(UNSEEN) || el.getClientRects().length === 0) continue
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && /[^\s\u200b]/.test(n.textContent ?? ''))
      if (!own) continue
      let px = parseFloat(getComputedStyle(el).fontSize) * scale
      const svg = el.closest('svg')
      if (svg && svg.viewBox.baseVal?.width) px *= svg.getBoundingClientRect().width / scale / svg.viewBox.baseVal.width
      const kind = el.closest(LABEL) ? label : body
      if (px < kind.px) {
        kind.px = Math.round(px * 10) / 10
        kind.text = (el.textContent ?? '').trim().slice(0, 40)
      }
    }
    // KaTeX's own boxes overflow by a pixel or two by design (italic corrections) without scrolling.
    const scrolling = [...slide.querySelectorAll<HTMLElement>(':not(svg *, .katex *)')]
      .filter((e) => !e.closest(UNSEEN) && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
    const frame = document.querySelector('.slide-frame')!.getBoundingClientRect()
    const fits =
      slide.getBoundingClientRect().bottom <= frame.bottom + 1 && document.documentElement.scrollHeight <= innerHeight
    return { scale, body, label, scrolling, fits }
  })
}

/** Body text at least 24 px and labels at least 18 px, nothing scrolling, the whole slide on screen. */
export function expectReadable(r: Reading, where: string) {
  expect(r.body.px, `${where}: body text “${r.body.text}”`).toBeGreaterThanOrEqual(24)
  expect(r.label.px, `${where}: label “${r.label.text}”`).toBeGreaterThanOrEqual(18)
  expect(r.scrolling, `${where}: scrolls sideways`).toEqual([])
  expect(r.fits, `${where}: fits the screen`).toBe(true)
}
