// Hostile text never runs: every payload in tests/browser/fixtures/xss-payloads.ts, arriving by a
// share link, an imported file and typing into cells, is shown as inert text, and no detector
// (marker, request, dialog, navigation, CSP violation, dangerous DOM) fires. The detectors are
// themselves checked first, on a page where script is run on purpose.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { xssPayloadCount, xssPayloads } from '../fixtures/xss-payloads.ts'
import { launchBrowser } from '../browser.ts'
import { server } from '../harness.ts'
import { payloadNotebook, probeDetectors, runImport, runShareLink, runTyped } from './xssRun.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('XSS', () => {
  it('has at least 50 distinct payloads, each in a cell of its own', () => {
    expect(xssPayloadCount).toBeGreaterThanOrEqual(50)
    expect(new Set(xssPayloads.map((p) => p.id)).size).toBe(xssPayloads.length)
    expect(new Set(xssPayloads.map((p) => p.text)).size).toBe(xssPayloads.length)
    const nb = payloadNotebook()
    expect(nb.prose.size + nb.code.size).toBe(xssPayloads.length)
  })

  it('the detectors see script that does run (marker, request, dialog, CSP, DOM, navigation)', async () => {
    expect(await probeDetectors(browser, server().url)).toEqual([])
  }, 180_000)

  it('a share link carrying every payload runs none of them', async () => {
    const r = await runShareLink(browser, server().url)
    expect(r.report.findings).toEqual([])
    expect(r.notShown).toEqual([])
  }, 180_000)

  it('an imported notebook file carrying every payload runs none of them, even without the CSP', async () => {
    const r = await runImport(browser, server().url, { stripCsp: true })
    expect(r.report.findings).toEqual([])
    expect(r.notShown).toEqual([])
  }, 180_000)

  it('payloads typed into a code cell and a text cell run none of them, even without the CSP', async () => {
    const r = await runTyped(browser, server().url, { stripCsp: true })
    expect(r.tried).toBe(xssPayloads.length)
    expect(r.report.findings).toEqual([])
    expect(r.notShown).toEqual([])
  }, 300_000)
})
