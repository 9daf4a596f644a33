// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LAZY_CHARS, Markdown, PROSE_MAX_ELEMENTS } from '../../../app/components/Markdown.tsx'
import { MATH_BUDGET } from '../../../app/components/markdownMath.ts'

afterEach(cleanup)

const show = (text: string) => render(<Markdown text={text} />).container

describe('Markdown', () => {
  it('renders $x^2$ with KaTeX, carrying MathML for screen readers', () => {
    const root = show('The square $x^2$ grows.')
    const math = root.querySelector('p .katex math')!
    expect(math).not.toBeNull()
    expect(math.querySelector('msup')).not.toBeNull()
    expect(root.querySelector('.katex-html')!.getAttribute('aria-hidden')).toBe('true')
  })

  it('renders $$...$$ blocks in display mode, on one line or several', () => {
    expect(show('$$f(x) = \\lVert Ax \\rVert^2 .$$').querySelector('.nb-math-display .katex-display')).not.toBeNull()
    const multi = show('Before\n$$\n\\sum_i x_i\n$$\nafter')
    expect(multi.querySelector('.katex-display math')).not.toBeNull()
    expect(multi.textContent).toContain('after')
  })

  it('leaves dollars in code spans, escaped dollars and prices alone', () => {
    const root = show('Code `$x$`, a literal \\$5, and prices $5 or $6.')
    expect(root.querySelector('.katex')).toBeNull()
    expect(root.querySelector('code')!.textContent).toBe('$x$')
    expect(root.textContent).toContain('literal $5, and prices $5 or $6.')
  })

  it('shows raw HTML as text, never as elements', () => {
    const root = show('<script>alert(1)</script>\n\nInline <img src=x onerror=alert(1)> here')
    expect(root.querySelector('script')).toBeNull()
    expect(root.querySelector('img')).toBeNull()
    expect(root.textContent).toContain('<script>alert(1)</script>')
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('keeps math from injecting markup', () => {
    const root = show('$\\href{javascript:alert(1)}{x}$ and $\\htmlClass{evil}{y}$ and $<b>z</b>$')
    expect(root.querySelector('a')).toBeNull()
    expect(root.querySelector('.evil')).toBeNull()
    expect(root.querySelector('b')).toBeNull()
  })

  it('rejects javascript: (and other non-web) links, and opens web links safely', () => {
    const root = show(
      '[bad](javascript:alert(1)) <javascript:alert(2)> [up](JavaScript:alert(3)) [data](data:text/html,hi) [rel](other.md) [web](https://example.org) [mail](mailto:a@b.c) [here](#part)',
    )
    const links = [...root.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org', 'mailto:a@b.c', '#part'])
    expect(root.querySelector('[href*="script:" i]')).toBeNull()
    expect(root.textContent).toContain('[bad](javascript:alert(1))') // shown as the text it is
    const web = links[0]!
    expect(web.getAttribute('target')).toBe('_blank')
    expect(web.getAttribute('rel')).toBe('noopener noreferrer')
    expect(web.textContent).toContain('(opens in a new tab)')
    expect(links[2]!.getAttribute('target')).toBeNull()
  })
})

describe('Markdown images', () => {
  it('shows an image from another origin as a link to it, never as an <img> the CSP would block', () => {
    const root = show('See ![a plot of *f*](https://example.org/plot.png "Plot") here.')
    expect(root.querySelector('img')).toBeNull()
    const link = root.querySelector('a')!
    expect(link.getAttribute('href')).toBe('https://example.org/plot.png')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.textContent).toBe('image: a plot of f (opens in a new tab)')
  })

  it('escapes what it writes into the link', () => {
    const root = show('![<b>x</b>" onclick="alert(1)](https://example.org/a.png?q="x"&y=<z>)')
    expect(root.querySelector('b, [onclick]')).toBeNull()
    const link = root.querySelector('a')!
    expect(link.getAttribute('href')).toBe('https://example.org/a.png?q=%22x%22&y=%3Cz%3E')
    expect(link.textContent).toBe('image: <b>x</b>" onclick="alert(1) (opens in a new tab)')
  })

  it('puts no link inside a link: a linked image from elsewhere is the link with its text', () => {
    const root = show('[![badge](https://example.org/b.svg)](https://example.org)')
    expect(root.querySelectorAll('a')).toHaveLength(1)
    expect(root.querySelector('a a, img')).toBeNull()
    expect(root.querySelector('a')!.getAttribute('href')).toBe('https://example.org')
    expect(root.querySelector('a')!.textContent).toContain('image: badge')
  })

  it('still rejects images from script and other non-web URLs', () => {
    const root = show('![x](javascript:alert(1)) ![y](data:text/html,hi)')
    expect(root.querySelector('img, a')).toBeNull()
  })
})

describe('Markdown under the math budget', () => {
  const formulas = (root: HTMLElement) => root.querySelectorAll('.katex').length

  it('renders at most the paragraph budget of formulas, keeps the rest as source, and shows more on request', () => {
    const n = 300
    const root = show(Array.from({ length: n }, (_, i) => `$x_{${i}}$`).join(' '))
    const { formulas: perParagraph } = MATH_BUDGET.paragraph
    expect(formulas(root)).toBe(perParagraph)
    expect(root.textContent).toContain(`$x_{${n - 1}}$`) // nothing the author wrote is lost
    const held = root.querySelector('.nb-math-held')!
    expect(held.textContent).toContain(`${n - perParagraph} formulas are shown as their source`)
    fireEvent.click(held.querySelector('button')!)
    expect(formulas(root)).toBe(n)
    expect(root.querySelector('.nb-math-held')).toBeNull()
  }, 60_000)

  it('keeps a formula too large to show (a 300×300 matrix) as source', () => {
    const row = Array.from({ length: 300 }, () => '1').join('&')
    const matrix = `$\\begin{matrix}${Array.from({ length: 300 }, () => row).join('\\\\')}\\end{matrix}$`
    const root = show(`A big one: ${matrix} and a small one: $y$.`)
    expect(formulas(root)).toBe(1)
    expect(root.querySelectorAll('*').length).toBeLessThan(MATH_BUDGET.paragraph.nodes)
  })

  it('caps the elements KaTeX adds to a paragraph, not only the count of formulas', () => {
    // Each 6×6 matrix is a few hundred elements: the node budget is reached before 200 formulas.
    const m = `$\\begin{pmatrix}${Array.from({ length: 6 }, () => '1&2&3&4&5&6').join('\\\\')}\\end{pmatrix}$`
    const root = show(Array.from({ length: 150 }, () => m).join(' '))
    expect(formulas(root)).toBeGreaterThan(0)
    expect(formulas(root)).toBeLessThan(150)
    expect(root.querySelectorAll('*').length).toBeLessThan(MATH_BUDGET.paragraph.nodes + 100)
  }, 60_000)

  it('renders prose longer than LAZY_CHARS when it comes near the screen', () => {
    const observers: { callback: IntersectionObserverCallback }[] = []
    class Observer {
      constructor(readonly callback: IntersectionObserverCallback) {
        observers.push(this)
      }
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', Observer)
    try {
      const text = `Long prose with $z$. ${'word '.repeat(LAZY_CHARS / 5)}`
      const root = show(text)
      expect(formulas(root)).toBe(0)
      expect(root.textContent).toContain('shown when you scroll to it')
      act(() =>
        observers[0]!.callback([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver),
      )
      expect(formulas(root)).toBe(1)
      // Printing renders it too, seen or not.
      const other = show(`Printed with $w$. ${'word '.repeat(LAZY_CHARS / 5)}`)
      expect(other.querySelector('.nb-markdown-waiting')).not.toBeNull()
      act(() => void window.dispatchEvent(new Event('beforeprint')))
      expect(other.querySelector('.nb-markdown-waiting')).toBeNull()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('shows prose that would make too many elements (a 12,000-row table) as plain text, until asked', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `| ${i} | b |`).join('\n')
    const root = show(`| a | b |\n|---|---|\n${rows}`)
    expect(root.querySelectorAll('td').length).toBe(0)
    expect(root.querySelector('pre')!.textContent).toContain('| 11999 | b |') // nothing lost
    expect(root.querySelectorAll('*').length).toBeLessThan(PROSE_MAX_ELEMENTS)
    fireEvent.click(root.querySelector('.nb-math-held button')!)
    expect(root.querySelectorAll('td').length).toBe(24_000)
  }, 60_000)
})
