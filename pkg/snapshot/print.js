// print.js runs in a snapshot after charts.js (pkg/web's, inlined as it
// is) and keeps every chart legend where pkg/charts put it, under the
// title, when the page is printed.
//
// For print, charts.js turns a paged ("scroll") legend plain so every name
// prints, moving the plot down for the extra rows, and turns it back to
// paged after. ECharts builds a legend whose type changes afresh from its
// defaults, so both switches dropped the legend's other settings: it went
// to the very top and printed over the chart's title (and stayed there on
// screen after printing). After each switch this sets the legend's own
// settings again, from the chart's option, all but its type.
(function () {
  'use strict';

  // placements maps each chart element's id to its legend settings, less
  // the type that charts.js switches.
  var placements = {};

  function legendOf(el) {
    var option;
    try {
      option = JSON.parse(el.dataset.echartsOption);
    } catch (e) {
      return null; // charts.js marks the chart as broken
    }
    var legend = Array.isArray(option.legend) ? option.legend[0] : option.legend;
    if (!legend || typeof legend !== 'object' || legend.show === false) {
      return null;
    }
    var kept = {};
    Object.keys(legend).forEach(function (key) {
      if (key !== 'type') {
        kept[key] = legend[key];
      }
    });
    return kept;
  }

  function replace() {
    var charts = window.impactboardCharts || {};
    Object.keys(placements).forEach(function (id) {
      var chart = charts[id];
      if (chart && !chart.isDisposed()) {
        chart.setOption({ legend: placements[id] });
        // Print lays the page out before the next frame: draw now.
        chart.getZr().refreshImmediately();
      }
    });
  }

  // start runs after charts.js's own start, so these listeners run after
  // its beforeprint and afterprint ones, once the legend has switched.
  function start() {
    var els = document.querySelectorAll('[data-echarts-option]');
    Array.prototype.forEach.call(els, function (el) {
      var legend = el.id ? legendOf(el) : null;
      if (legend) {
        placements[el.id] = legend;
      }
    });
    window.addEventListener('beforeprint', replace);
    window.addEventListener('afterprint', replace);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
