import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vite'

/**
 * The built app ships a strict Content-Security-Policy: no inline or eval'd script, nothing
 * loaded from other origins. (The dev server injects inline scripts for hot reload, so the
 * policy is added to the production build only.)
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  }
}

/**
 * KaTeX and markdown-it are imported dynamically with a top-level await (markdownMath.ts,
 * Markdown.tsx), so that each is evaluated in a task of its own rather than inside the page
 * bundle's one long task. The page cannot render without them, so the HTML names them for
 * preloading: the browser fetches them alongside the bundle instead of after it.
 */
function preloadAwaitedChunks(names: readonly string[]): Plugin {
  let base = './'
  return {
    name: 'preload-awaited-chunks',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml(_html, ctx) {
      const chunks = Object.values(ctx.bundle ?? {}).filter(
        (c) => c.type === 'chunk' && c.isDynamicEntry && names.some((n) => c.facadeModuleId?.includes(n)),
      )
      return chunks.map((c) => ({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${c.fileName}` },
        injectTo: 'head' as const,
      }))
    },
  }
}

// Relative asset URLs (base './') so the static build works from any path and a plain file
// server; BASE_PATH overrides it for hosts that want an absolute base. Two pages: the app
// (index.html) and embeds (embed.html), so that a host can allow framing for embeds only.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    preloadAwaitedChunks(['/node_modules/katex/', '/node_modules/markdown-it/']),
  ],
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  worker: { format: 'es' },
})
