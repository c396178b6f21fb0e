// Package charts turns plain report series into Apache ECharts options, as
// JSON, built with go-echarts. It never renders HTML: go-echarts' Render
// writes chart strings into an inline <script> with escaping off, so a
// hostile series name would run in the page. Pages instead put the JSON
// returned here into a data-echarts-option attribute through html/template,
// and one static script (pkg/web/static/charts.js) starts every chart.
//
// Options hold only data and string formatters, never JavaScript: the
// client parses them with JSON.parse, so nothing in them is ever evaluated.
// Values stay exact in the series data; rounding to an indicator's decimals
// happens in the browser: ECharts takes a tooltip value formatter only as
// a JavaScript function, so each option carries an "impactboard" key
// (unit suffix, decimals, suppressed data indices per series) that
// charts.js turns into formatters. ECharts keeps unknown top-level keys
// and ignores them.
package charts
