/**
 * The app's page (index.html). Embeds have a page of their own: embed.html, embed.tsx. Like that
 * one, this entry starts the evaluation worker before loading the app (mount.tsx), except on the
 * landing page and the reference, which may never run a cell.
 *
 * The page's bulk is evaluated in several tasks, not one, so that no single task holds the main
 * thread long (issue 14: none over 200 ms on lesson 1, on a busy machine too): KaTeX, then its
 * first formula, then the app's state (the store, which reads every lesson's file), then the
 * components, each after a pause in which the browser can paint and answer input.
 */
import { startEvaluatorEarly } from './worker/early.ts'

const route = window.location.hash.replace(/^#\/?/, '')
const lesson = route !== '' && !route.startsWith('reference')
if (lesson) startEvaluatorEarly()

const nextTask = () => new Promise<void>((resume) => setTimeout(resume, 0))

if (lesson) {
  // KaTeX's first formulas cost several times what later ones do (its code runs cold): rendered
  // here, in a task of their own, they no longer lengthen the task that renders the lesson.
  const { renderTex } = await import('./components/markdownMath.ts')
  await nextTask()
  renderTex(
    String.raw`A = \begin{pmatrix} 0 & 3 \\ 1 & 0 \end{pmatrix}, \quad \nabla f(x) = \sum_i \lVert x_i^2 \rVert \frac{a}{b}`,
    true,
  )
  renderTex(String.raw`x_1^\top \times 3`)
  await nextTask()
}
await import('./store/store.ts')
await nextTask()
const { mount } = await import('./mount.tsx')
mount()
