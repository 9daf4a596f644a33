/**
 * The embed page (embed.html): the same app, always in embed mode, whatever its URL's hash says
 * (a link inside the lesson cannot turn the frame into the full app). A page of its own lets a
 * host send `frame-ancestors 'none'` with index.html and allow its course site for embed.html
 * only: routes live in the hash, which the server never sees.
 */
import { mount } from './mount.tsx'
import { useView } from './store/view.ts'

useView.setState({ embed: true })
// The router sets the view from each hash; here that never leaves embed mode.
useView.subscribe((view) => {
  if (!view.embed) useView.setState({ embed: true })
})

mount()
