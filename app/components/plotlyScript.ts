/**
 * Loads plotly.js-dist-min's file as it ships, as a classic script (it sets window.Plotly), not
 * bundled as a module: a bundled CommonJS file runs inside a wrapper function that the main
 * thread compiles (4.6 MB) when the chunk is evaluated, while a classic script is compiled as it
 * downloads, off the main thread. Its evaluation stays one task, about 40 % shorter (measured in
 * Chromium: 6.4 s against 10.4 s at a load average of 19); the build adds V8's compile hint to the
 * file (build/compileHints.ts), which takes another third off. A file that fails to load is reported
 * by loader.js like any file of the site. A module of its own, so that tests can stand in for it.
 */
import type * as PlotlyApi from 'plotly.js'
import plotlyUrl from 'plotly.js-dist-min/plotly.min.js?url'

export type Plotly = typeof PlotlyApi

export function plotlyScript(): Promise<Plotly> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = plotlyUrl
    script.async = true
    script.onload = () => {
      const api = (window as unknown as { Plotly?: Plotly }).Plotly
      if (api) resolve(api)
      else reject(new Error('plotly loaded but did not define Plotly'))
    }
    script.onerror = () => {
      script.remove()
      reject(new Error(`plotly could not be loaded (${plotlyUrl})`))
    }
    document.head.append(script)
  })
}
