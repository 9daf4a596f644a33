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

// Relative asset URLs (base './') so the static build works from any path and a plain file
// server; BASE_PATH overrides it for hosts that want an absolute base.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react(), contentSecurityPolicy()],
  build: { target: 'es2022' },
  worker: { format: 'es' },
})
