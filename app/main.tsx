/** The app's page (index.html). Embeds have a page of their own: embed.html, embed.tsx. */
import { mount } from './mount.tsx'

mount()
