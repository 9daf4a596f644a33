/**
 * Mounts the app on #root: loaded by the app's page (main.tsx) and the embed page (embed.tsx)
 * once each has started the evaluation worker (worker/early.ts), so that the worker loads while
 * this, the page's bulk, is fetched and evaluated.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { loadEditorOnlyWhenUsed } from './components/EditorSlot.tsx'
import { useView } from './store/view.ts'
import './styles.css'

export function mount(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

/** The embed page: always in embed mode, whatever its URL's hash says (see embed.tsx). */
export function mountEmbed(): void {
  loadEditorOnlyWhenUsed()
  useView.setState({ embed: true })
  // The router sets the view from each hash; here that never leaves embed mode.
  useView.subscribe((view) => {
    if (!view.embed) useView.setState({ embed: true })
  })
  mount()
}
