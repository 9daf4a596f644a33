// plotly's cartesian bundle (line, contour, heatmap: all the notebook draws, a third of the full
// bundle's size) ships no types; its API is plotly.js's, typed by @types/plotly.js.
declare module 'plotly.js-cartesian-dist-min' {
  import * as Plotly from 'plotly.js'
  export default Plotly
}
