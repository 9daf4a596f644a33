/**
 * The app's page (index.html). Embeds have a page of their own: embed.html, embed.tsx. Like that
 * one, this entry starts the evaluation worker before loading the app (mount.tsx), except on the
 * landing page and the reference, which may never run a cell.
 */
import { startEvaluatorEarly } from './worker/early.ts'

const route = window.location.hash.replace(/^#\/?/, '')
if (route !== '' && !route.startsWith('reference')) startEvaluatorEarly()
const { mount } = await import('./mount.tsx')
mount()
