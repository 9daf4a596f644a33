// plotly.js-dist-min ships no types; its API is plotly.js's, typed by @types/plotly.js.
declare module 'plotly.js-dist-min' {
  import * as Plotly from 'plotly.js'
  export default Plotly
}
