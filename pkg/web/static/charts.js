// charts.js starts every chart on a page from its data-echarts-option
// attribute. It is the only script the pages run besides ECharts itself, so
// pages can keep a strict Content-Security-Policy (script-src 'self'): the
// server never writes JavaScript, only JSON that html/template escapes into
// an attribute, and nothing in that JSON is ever evaluated as code.
//
// Renderer: SVG. Charts are vector shapes, so a printed page or a PDF is
// sharp at any resolution (a canvas prints as a screen-resolution bitmap),
// and our charts have tens of points, far below the size where canvas is
// faster.
//
// window.impactboardCharts maps each chart element's id to its ECharts
// instance so browser tests can read instance.getOption().series.
(function () {
  'use strict';

  // Printable width of A4 and US Letter with the 15 mm side margins of
  // app.css (@page): 180 mm at 96 CSS px per inch, rounded down.
  var PRINT_WIDTH_PX = 680;

  var instances = {};
  window.impactboardCharts = instances;

  // formatNumber mirrors the server's report.Number: fixed decimals, then
  // trailing zeros trimmed, so a tooltip shows "84%" where the table does.
  function formatNumber(v, decimals) {
    var s = Number(v).toFixed(decimals);
    if (s.indexOf('.') >= 0) {
      s = s.replace(/0+$/, '').replace(/\.$/, '');
    }
    return s === '-0' ? '0' : s;
  }

  // valueFormatter builds the tooltip formatter that ECharts cannot take as
  // JSON. fmt is the option's "impactboard" key, written by pkg/charts;
  // suppressedIdx lists data indices whose value is hidden on purpose.
  function valueFormatter(fmt, suppressedIdx) {
    return function (value, dataIndex) {
      if (Array.isArray(value)) {
        value = value[value.length - 1];
      }
      if (value === null || value === undefined || value === '-' || Number.isNaN(value)) {
        return suppressedIdx && suppressedIdx.indexOf(dataIndex) >= 0 ? 'suppressed (small number)' : 'no data';
      }
      return formatNumber(value, fmt.decimals || 0) + (fmt.suffix || '');
    };
  }

  function addFormatters(option) {
    var fmt = option.impactboard;
    if (!fmt) {
      return option;
    }
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = valueFormatter(fmt);
    var suppressed = fmt.suppressed || {};
    (option.series || []).forEach(function (s) {
      if (Object.prototype.hasOwnProperty.call(suppressed, s.name)) {
        s.tooltip = s.tooltip || {};
        s.tooltip.valueFormatter = valueFormatter(fmt, suppressed[s.name]);
      }
    });
    return option;
  }

  function initChart(el) {
    var option;
    try {
      option = JSON.parse(el.dataset.echartsOption);
    } catch (e) {
      el.setAttribute('data-echarts-error', 'invalid chart option');
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(addFormatters(option));
    if (el.id) {
      instances[el.id] = chart;
    }
  }

  function eachChart(fn) {
    Object.keys(instances).forEach(function (id) {
      var chart = instances[id];
      if (!chart.isDisposed()) {
        fn(chart);
      }
    });
  }

  // 'auto' and not a bare resize(): after resize({width}) ECharts keeps
  // that width until told to measure the element again.
  function resizeAll() {
    eachChart(function (chart) {
      chart.resize({ width: 'auto', height: 'auto' });
    });
  }

  // beforeprint fires before the print layout exists, so each chart is first
  // narrowed to what fits the paper; the media query listener below then
  // fits it to its real printed box once print styles apply.
  function resizeForPrint() {
    eachChart(function (chart) {
      var width = chart.getDom().getBoundingClientRect().width;
      chart.resize({ width: Math.min(width, PRINT_WIDTH_PX) || PRINT_WIDTH_PX, animation: { duration: 0 } });
      // Draw now: the page is laid out for paper before the next frame, and
      // an SVG still drawn for the screen's width would be cut off.
      chart.getZr().refreshImmediately();
    });
  }

  var resizeTimer = 0;
  function onResize() {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(resizeAll, 100);
  }

  function start() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var els = document.querySelectorAll('[data-echarts-option]');
    Array.prototype.forEach.call(els, initChart);
    window.addEventListener('resize', onResize);
    window.addEventListener('beforeprint', resizeForPrint);
    window.addEventListener('afterprint', resizeAll);
    var print = window.matchMedia ? window.matchMedia('print') : null;
    if (print && print.addEventListener) {
      print.addEventListener('change', resizeAll);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
