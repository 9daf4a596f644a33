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
 * The caching rules (AUTHORING.md; public/_headers gives them to hosts that read one): the pages
 * and the loader are revalidated on every visit, so a site update reaches every browser; the
 * hashed files under assets/ never change, so they are kept for good. `path` is relative to the
 * site's base.
 */
export function cacheControl(path: string): string | null {
  if (path.startsWith('assets/')) return 'public, max-age=31536000, immutable'
  if (path === '' || path.endsWith('.html') || path === 'loader.js') return 'no-cache'
  return null
}

/** `vite preview` sends the caching rules, as the real host should. */
function cachingHeaders(): Plugin {
  return {
    name: 'caching-headers',
    configurePreviewServer(server) {
      const base = server.config.base.startsWith('/') ? server.config.base : '/'
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname
        const rule = path.startsWith(base) ? cacheControl(path.slice(base.length)) : null
        if (rule) {
          // The static server passes its own Cache-Control to writeHead: the rule goes in there.
          const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res
          res.writeHead = ((code: number, ...rest: unknown[]) => {
            const headers = rest.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
            if (headers) headers['Cache-Control'] = rule
            else res.setHeader('Cache-Control', rule)
            return writeHead(code, ...rest)
          }) as typeof res.writeHead
        }
        next()
      })
    },
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
    cachingHeaders(),
    preloadAwaitedChunks(['/node_modules/katex/', '/node_modules/markdown-it/']),
  ],
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  worker: { format: 'es' },
})
