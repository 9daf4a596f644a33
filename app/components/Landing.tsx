/**
 * The page at `#/`: what this is, in two sentences, and the three ways in: learn the course
 * from its first lesson, teach it with the presentation, or embed a cell or panel in a course
 * page. The first lesson is opened behind it (router.ts), so starting is instant.
 */
import { useEffect, useState } from 'react'
import { lessons } from '../lessons.ts'
import { parseRoute } from '../route.ts'
import './landing.css'

/** The hash names no lesson, shared notebook or reference, and no embed: the landing page. */
function isLanding(hash: string): boolean {
  const route = parseRoute(hash)
  return route.slug === '' && route.share === undefined && route.reference === undefined && !route.embed
}

/** Whether the landing page is shown, following the hash. */
export function useLanding(): boolean {
  const [landing, setLanding] = useState(() => isLanding(window.location.hash))
  useEffect(() => {
    const follow = () => setLanding(isLanding(window.location.hash))
    window.addEventListener('hashchange', follow)
    return () => window.removeEventListener('hashchange', follow)
  }, [])
  return landing
}

/** An iframe for one panel of a lesson, as a course page would write it (relative to this page). */
function embedSnippet(slug: string, title: string): string {
  const src = new URL(`embed.html#/${slug}?panel=1`, window.location.href.replace(/#.*$/, '')).href
  return `<iframe src="${src}"\n        title="${title.replace(/"/g, '&quot;')}" width="100%" height="600"></iframe>`
}

export function Landing() {
  const first = lessons[0]
  const embedded = lessons.find((l) => l.slug === 'sum-trap') ?? first
  if (!first || !embedded) return null
  return (
    <article className="landing" aria-labelledby="landing-title">
      <h1 id="landing-title">Automatic differentiation, by running it</h1>
      <p className="landing-lede">
        An interactive notebook for learning how gradients, pullbacks, Jacobians and Hessians are computed, and the
        traps between them. You write Julia, as with Zygote and ForwardDiff; it runs in this browser, with nothing to
        install, and each step of the engine can be replayed. {lessons.length} lessons start from one forum question:
        why does the gradient of a gradient fail?
      </p>
      <ul className="landing-ways">
        <li>
          <h2>Learn from the start</h2>
          <p>
            Live cells to edit and run, panels that replay each pass, exercises with hints. Your edits and answers stay
            in this browser.
          </p>
          <a className="landing-go" href={`#/${first.slug}`}>
            Start lesson 1: {first.title}
          </a>
        </li>
        <li>
          <h2>Teach with presentation mode</h2>
          <p>
            One cell or panel per slide, in type big enough for a lecture hall. Arrow keys, space or a presenter’s
            remote step through the panels and slides; S opens a scratch cell, R reveals the answers.
          </p>
          <a className="landing-go" href={`#/${first.slug}?mode=present`}>
            Present lesson 1
          </a>
        </li>
        <li>
          <h2>Embed in a course</h2>
          <p>
            One cell or one panel of a lesson on your course page, alone, sized to fit. Name the cell with{' '}
            <code>?cell=</code> or the panel with <code>?panel=</code>:
          </p>
          <pre className="landing-snippet">
            <code>{embedSnippet(embedded.slug, embedded.title)}</code>
          </pre>
          <a className="landing-go" href={`embed.html#/${embedded.slug}?panel=1`} target="_blank" rel="noreferrer">
            See that embed
          </a>
        </li>
      </ul>
      <p className="landing-more">
        Every lesson is in the contents; the <a href="#/reference">language reference</a> lists what cells can call.
      </p>
    </article>
  )
}
