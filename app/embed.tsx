/**
 * The embed page (embed.html): the same app, always in embed mode, whatever its URL's hash says
 * (a link inside the lesson cannot turn the frame into the full app). A page of its own lets a
 * host send `frame-ancestors 'none'` with index.html and allow its course site for embed.html
 * only: routes live in the hash, which the server never sees.
 *
 * This entry is tiny on purpose: it starts the evaluation worker first and only then loads the
 * app (mount.tsx, which the HTML already preloads), so the two load side by side.
 */
import { startEvaluatorEarly } from './worker/early.ts'

startEvaluatorEarly()
const { mountEmbed } = await import('./mount.tsx')
mountEmbed()
