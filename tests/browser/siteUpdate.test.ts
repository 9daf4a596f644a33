/**
 * A site update with pages still in browsers' caches. A course page frames an embed; the browser
 * keeps the embed's page (sent with a long max-age, as a careless host might); then the site is
 * updated: the page's entry script gets a new hashed name and the old one is gone. The cached
 * page's loader (public/loader.js, the only script that runs when the entry is gone) must say
 * so and load the current version, once; a deploy broken for good, or a lazily loaded chunk
 * that is gone, gets one reload and then a message, never a loop.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import type { CourseSite, Rewrite } from './courseSite.ts'
import { PREFIX, serveCourseSite } from './courseSite.ts'
import { codeCellNumbers, readText, root, server } from './harness.ts'

const cell = codeCellNumbers(readText(join(root, 'content/seed-session.md')))[1]!
const assets = () => readdirSync(join(server().dist, 'assets'))
/** The embed page's entry script, e.g. embed-AbC123.js. */
const entry = () => assets().find((f) => /^embed-.*\.js$/.test(f))!

/** How the site answers now: before the update, after it, or broken. */
let phase: 'before' | 'after' | 'broken' | 'no-hessian' = 'before'
const renamed = () => entry().replace(/\.js$/, 'v2.js')

function rewrite(rel: string, url: URL): Rewrite | undefined {
  const old = `assets/${entry()}`
  if (phase === 'before') return undefined
  if (phase === 'no-hessian') return /^assets\/HessianPanel-/.test(rel) ? { gone: true } : undefined
  // After the update the entry has a new name; the old name is gone. Broken: the new name too.
  if (rel === old) return { gone: true }
  if (rel === `assets/${renamed()}`) return phase === 'broken' ? { gone: true } : { rel: old }
  if (rel === 'embed.html' && !url.pathname.endsWith('/')) return { edit: (html) => html.replace(entry(), renamed()) }
  return undefined
}

const host = (src: string) => `<!doctype html><link rel="icon" href="data:,"><body><p>Course page</p>
<iframe id="nb" title="notebook" src="${src}" style="width:720px;height:400px;border:0"></iframe></body>`

let browser: Browser
let site: CourseSite
beforeAll(async () => {
  browser = await launchBrowser()
  site = await serveCourseSite(
    server().dist,
    () => ({
      '/host.html': host(`${PREFIX}embed.html#/seed-session?cell=${cell}`),
      '/host-panel.html': host(`${PREFIX}embed.html#/seed-session?panel=3`),
    }),
    // Before the update the page is cached for an hour and its scripts not at all (as if the
    // browser had let them go: the old ones are gone from the server too); after it, the rules
    // of AUTHORING.md.
    (rel) =>
      rel.endsWith('.html')
        ? { 'cache-control': phase === 'before' ? 'max-age=3600' : 'no-cache' }
        : rel.startsWith('assets/')
          ? { 'cache-control': phase === 'before' ? 'no-store' : 'public, max-age=31536000, immutable' }
          : { 'cache-control': 'no-cache' },
    rewrite,
  )
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** Requests for the embed's page since request number `from`. */
const embedRequests = (from: number) => site.requests.slice(from).filter((r) => r.startsWith(`${PREFIX}embed.html`))
const frame = (page: Page) => page.frameLocator('#nb')
const value = (page: Page) => frame(page).getByRole('img', { name: 'vector of 3: 16, 44, 64' })

describe('a site update', () => {
  it('an embed whose page is cached from before the update says so and loads the current version once', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      phase = 'before'
      await page.goto(`${site.origin}/host.html`)
      await value(page).waitFor()

      phase = 'after'
      const before = site.requests.length
      // A later visit: the frame's page comes from the browser's cache, naming the old entry.
      await page.goto(`${site.origin}/host.html`)
      await value(page).waitFor()
      const during = site.requests.slice(before)
      expect(during).toContain(`${PREFIX}assets/${entry()}`)
      // One reload (the cached page made no request), which revalidated the page.
      expect(during.filter((r) => r.startsWith(`${PREFIX}embed.html`)).length).toBe(1)
      expect(during).toContain(`${PREFIX}assets/${renamed()}`)

      // The next visit needs no reload: the cache holds the current page now.
      const next = site.requests.length
      await page.goto(`${site.origin}/host.html`)
      await value(page).waitFor()
      expect(site.requests.slice(next)).not.toContain(`${PREFIX}assets/${entry()}`)
    } finally {
      await context.close()
    }
  })

  it('a deploy whose entry is gone for good: one reload, then a message with a link, no loop', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      phase = 'broken'
      const before = site.requests.length
      await page.goto(`${site.origin}/host.html`)
      const message = frame(page).getByRole('alert')
      await message.getByText(/could not load its files .* even after loading the current version/).waitFor()
      await message.getByRole('link', { name: 'Load the current version' }).waitFor()
      // The page and one reload of it.
      expect(embedRequests(before).length).toBe(2)
      if (process.env.E2E_SHOTS) await page.screenshot({ path: join(process.env.E2E_SHOTS, 'site-update-broken.png') })
    } finally {
      await context.close()
    }
  })

  it('a lazily loaded chunk that is gone (vite:preloadError): one reload, then a message', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      phase = 'no-hessian'
      const before = site.requests.length
      await page.goto(`${site.origin}/host-panel.html`)
      await frame(page)
        .getByRole('alert')
        .getByText(/could not load its files \(HessianPanel-.*\.js\)/)
        .waitFor()
      expect(embedRequests(before).length).toBe(2)
    } finally {
      await context.close()
      phase = 'before'
    }
  })
})
