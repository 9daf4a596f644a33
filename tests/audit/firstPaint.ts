/**
 * First paint and main-thread tasks on a first visit, measured in Chromium on the production
 * build: every task over 50 ms (a PerformanceObserver for 'longtask' installed before the page's
 * own scripts), the first contentful paint, when the first plot was on screen (PlotPreview draws it
 * without plotly) and when plotly was requested, from navigation until the lesson has run and,
 * where the lesson plots, the reader has scrolled to its first plot and plotly has drawn it
 * (plotly loads once a plot is near the screen and the reader pauses, or when they point at a
 * plot: app/components/plotlyLoading.ts). Figures, not verdicts: a busy
 * machine stretches every task. `npm run audit:budgets` prints them (budgets.ts calls
 * printFirstPaint); tests/browser/landing.test.ts records them and checks only the order of
 * events (plotly after the first paint).
 */
import type { Browser } from 'playwright-core'

export interface FirstPaint {
  slug: string
  /** first-contentful-paint, ms after navigation. */
  firstPaintMs: number
  /** When the first plot was drawn (preview or plotly), ms after navigation; null if none was. */
  plotShownMs: number | null
  /** When the page asked for plotly's chunk, ms after navigation; null if it never did. */
  plotlyRequestedMs: number | null
  longestTaskMs: number
  /** Every task over 50 ms: start (ms after navigation) and length. */
  tasks: { startMs: number; ms: number }[]
}

/** Lesson 1, and the first lesson with plots (measured until they are drawn). */
export const FIRST_VISITS = [
  { slug: 'seed-session', plots: false },
  { slug: 'derivatives', plots: true },
]

export async function measureFirstPaint(
  browser: Browser,
  url: string,
  slug: string,
  plots = false,
): Promise<FirstPaint> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __tasks: { startMs: number; ms: number }[]; __plotShown: number | null }
      w.__tasks = []
      w.__plotShown = null
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          w.__tasks.push({ startMs: Math.round(e.startTime), ms: Math.round(e.duration) })
      }).observe({ type: 'longtask', buffered: true })
      const shown = new MutationObserver(() => {
        if (!document.querySelector('.nb-plot-preview svg, .nb-plot svg.main-svg')) return
        w.__plotShown = Math.round(performance.now())
        shown.disconnect()
      })
      shown.observe(document, { childList: true, subtree: true })
    })
    await page.goto(new URL(`#/${slug}`, url).href)
    await page.locator('main .cell').first().waitFor({ timeout: 60_000 })
    // Settled: the lesson has run, and a lesson with plots has drawn them.
    await page.locator('.nb-running, [data-running]').first().waitFor({ state: 'detached', timeout: 60_000 })
    if (plots) {
      await page.locator('.nb-plot').first().scrollIntoViewIfNeeded()
      await page.locator('.nb-plot[data-status="ready"]').first().waitFor({ timeout: 120_000 })
    }
    await page.waitForTimeout(1000)
    const measured = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0]
      const plotly = performance
        .getEntriesByType('resource')
        .find((r) => /\/plotly[^/]*\.js$/.test(new URL(r.name).pathname))
      const w = window as unknown as { __tasks: { startMs: number; ms: number }[]; __plotShown: number | null }
      return {
        firstPaintMs: Math.round(paint?.startTime ?? NaN),
        plotShownMs: w.__plotShown,
        plotlyRequestedMs: plotly ? Math.round(plotly.startTime) : null,
        tasks: w.__tasks,
      }
    })
    return { slug, ...measured, longestTaskMs: Math.max(0, ...measured.tasks.map((t) => t.ms)) }
  } finally {
    await page.close()
  }
}

export function firstPaintLines(results: FirstPaint[]): string[] {
  return results.flatMap((r) => [
    `first visit to ${r.slug}: first paint at ${r.firstPaintMs} ms; longest main-thread task ${r.longestTaskMs} ms;${r.plotShownMs === null ? '' : ` first plot shown at ${r.plotShownMs} ms;`} plotly ${r.plotlyRequestedMs === null ? 'not loaded' : `requested at ${r.plotlyRequestedMs} ms`}`,
    `  tasks over 200 ms: ${
      r.tasks
        .filter((t) => t.ms > 200)
        .map((t) => `${t.ms} ms at ${t.startMs} ms`)
        .join(', ') || 'none'
    }`,
  ])
}

/** Measures the first visits one after the other and prints their figures. */
export async function printFirstPaint(browser: Browser, url: string, json = false): Promise<FirstPaint[]> {
  const results: FirstPaint[] = []
  for (const { slug, plots } of FIRST_VISITS) results.push(await measureFirstPaint(browser, url, slug, plots))
  if (json) console.log(JSON.stringify({ firstVisits: results }))
  else for (const line of firstPaintLines(results)) console.log(line)
  return results
}
