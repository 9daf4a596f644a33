import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vite'
import { plotlyCompileHints } from './build/compileHints.ts'

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
 * Chunks the page imports dynamically but always needs, named for preloading in the HTML so that
 * the browser fetches them alongside the entry instead of after it: the app itself (mount.tsx,
 * which the entries load only after starting the evaluation worker, worker/early.ts), with the
 * chunks it imports; and KaTeX and markdown-it, imported with a top-level await (markdownMath.ts,
 * Markdown.tsx) so that each is evaluated in a task of its own rather than inside the page
 * bundle's one long task.
 */
function preloadAwaitedChunks(names: readonly string[]): Plugin {
  let base = './'
  return {
    name: 'preload-awaited-chunks',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    // After Vite's own tags, so that a chunk the HTML already names is not named twice.
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle ?? {}
        const files = new Set<string>()
        const add = (fileName: string) => {
          const chunk = bundle[fileName]
          if (files.has(fileName) || chunk?.type !== 'chunk') return
          files.add(fileName)
          chunk.imports.forEach(add)
        }
        for (const c of Object.values(bundle))
          if (c.type === 'chunk' && c.isDynamicEntry && names.some((n) => c.facadeModuleId?.includes(n)))
            add(c.fileName)
        return [...files]
          .filter((fileName) => !html.includes(fileName))
          .map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` },
            injectTo: 'head' as const,
          }))
      },
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
    plotlyCompileHints(),
    contentSecurityPolicy(),
    cachingHeaders(),
    preloadAwaitedChunks(['/app/mount.tsx', '/node_modules/katex/', '/node_modules/markdown-it/']),
  ],
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  worker: { format: 'es' },
})
