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

  // addMarks heads the axis tooltip of a year that has a vertical line
  // (an annotation, a series break) with the line's whole text: on the
  // chart its label is short, and hovering the plot shows the axis tooltip,
  // never the line's own. ECharts HTML-escapes the heading, so the text is
  // shown as it is.
  function addMarks(option, marks) {
    var xAxis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
    if (!xAxis) {
      return;
    }
    xAxis.axisPointer = xAxis.axisPointer || {};
    xAxis.axisPointer.label = xAxis.axisPointer.label || {};
    xAxis.axisPointer.label.formatter = function (params) {
      var year = String(params.value);
      var texts = Object.prototype.hasOwnProperty.call(marks, year) ? marks[year] : null;
      return texts ? year + ' – ' + texts.join('; ') : year;
    };
    // Let a long text wrap inside the (confined) tooltip.
    option.tooltip.extraCssText = 'max-width: 20rem; white-space: normal;';
  }

  function addFormatters(option) {
    var fmt = option.impactboard;
    if (!fmt) {
      return option;
    }
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = valueFormatter(fmt);
    if (fmt.marks) {
      addMarks(option, fmt.marks);
    }
    var suppressed = fmt.suppressed || {};
    (option.series || []).forEach(function (s) {
      if (Object.prototype.hasOwnProperty.call(suppressed, s.name)) {
        s.tooltip = s.tooltip || {};
        s.tooltip.valueFormatter = valueFormatter(fmt, suppressed[s.name]);
      }
    });
    return option;
  }

  // fitted is the part of an option that depends on the chart's width,
  // which ECharts only takes in pixels: the title and subtitle end in an
  // ellipsis (pkg/charts sets overflow "truncate") rather than run out of
  // the chart, and a bar chart's group names take at most their share of
  // the width (fmt.groupLabelShare) so the bars keep room.
  function fitted(width, fmt) {
    if (!(width > 0)) {
      return {}; // not laid out (hidden): fit on the next resize
    }
    var textWidth = Math.max(width - 16, 40);
    var part = { title: { textStyle: { width: textWidth }, subtextStyle: { width: textWidth } } };
    if (fmt && fmt.groupLabelShare > 0) {
      var labelWidth = Math.max(Math.round(width * fmt.groupLabelShare), 40);
      part.yAxis = { axisLabel: { width: labelWidth } };
      // The value axis of a narrow bar chart gets three labels (0%, 50%,
      // 100%) instead of six that run into each other.
      part.xAxis = { splitNumber: width - labelWidth < 220 ? 2 : 5 };
    }
    return part;
  }

  function merge(option, part) {
    Object.keys(part).forEach(function (key) {
      var target = option[key];
      if (Array.isArray(target)) {
        target = target[0];
      }
      if (target && typeof target === 'object' && part[key] && typeof part[key] === 'object' && !Array.isArray(part[key])) {
        merge(target, part[key]);
      } else {
        option[key] = part[key];
      }
    });
    return option;
  }

  var formats = [];

  function initChart(el) {
    var option;
    try {
      option = JSON.parse(el.dataset.echartsOption);
    } catch (e) {
      el.setAttribute('data-echarts-error', 'invalid chart option');
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(merge(addFormatters(option), fitted(chart.getWidth(), option.impactboard)));
    formats.push({ chart: chart, fmt: option.impactboard });
    if (el.id) {
      instances[el.id] = chart;
    }
  }

  function eachChart(fn) {
    formats.forEach(function (c) {
      if (!c.chart.isDisposed()) {
        fn(c.chart, c.fmt);
      }
    });
  }

  function resize(chart, fmt, size) {
    chart.resize(size);
    chart.setOption(fitted(chart.getWidth(), fmt));
  }

  // 'auto' and not a bare resize(): after resize({width}) ECharts keeps
  // that width until told to measure the element again.
  function resizeAll() {
    eachChart(function (chart, fmt) {
      resize(chart, fmt, { width: 'auto', height: 'auto' });
    });
  }

  // Legend rows in print: item = symbol (25) + gap (5) + text + itemGap
  // (10), text at ECharts' default 12px; one row is about 22px high.
  var LEGEND_ITEM_EXTRA_PX = 40;
  var LEGEND_ROW_PX = 22;
  var measure = null;

  function textWidth(text) {
    if (!measure) {
      measure = document.createElement('canvas').getContext('2d');
      measure.font = '12px sans-serif';
    }
    return measure.measureText(String(text)).width;
  }

  // legendRows estimates how many rows a plain legend of names takes in
  // width (ECharts lays items out left to right and wraps).
  function legendRows(names, width) {
    var rows = 1;
    var x = 0;
    names.forEach(function (name) {
      var w = textWidth(name) + LEGEND_ITEM_EXTRA_PX;
      if (x > 0 && x + w > width) {
        rows++;
        x = 0;
      }
      x += w;
    });
    return rows;
  }

  // A paged ("scroll") legend prints only its first page, so lines on the
  // others are unnamed on paper: print shows every name ('plain', wrapped)
  // and moves the plot down by the extra rows; restoreLegends undoes it.
  var printedLegends = [];

  // withType is the legend's settings with another type. ECharts builds a
  // legend whose type changes afresh, from its defaults, so a switch that
  // gave only the type put the legend at the very top, over the title.
  function withType(legend, type) {
    var out = {};
    Object.keys(legend).forEach(function (key) { out[key] = legend[key]; });
    out.type = type;
    return out;
  }

  function plainLegend(chart, width) {
    var o = chart.getOption();
    var legend = o.legend && o.legend[0];
    var grid = o.grid && o.grid[0];
    if (!legend || legend.show === false || legend.type !== 'scroll' || !grid) {
      return;
    }
    var names = (legend.data || []).map(function (d) { return typeof d === 'object' ? d.name : d; });
    var extra = (legendRows(names, width - 16) - 1) * LEGEND_ROW_PX;
    printedLegends.push({ chart: chart, top: grid.top, legend: legend });
    chart.setOption({ legend: withType(legend, 'plain'), grid: { top: (parseFloat(grid.top) || 0) + extra } });
  }

  function restoreLegends() {
    printedLegends.forEach(function (p) {
      if (!p.chart.isDisposed()) {
        p.chart.setOption({ legend: withType(p.legend, 'scroll'), grid: { top: p.top } });
      }
    });
    printedLegends = [];
  }

  // beforeprint fires before the print layout exists, so each chart is first
  // narrowed to what fits the paper; the media query listener below then
  // fits it to its real printed box once print styles apply.
  function resizeForPrint() {
    restoreLegends(); // a second beforeprint without afterprint
    eachChart(function (chart, fmt) {
      var width = chart.getDom().getBoundingClientRect().width;
      width = Math.min(width, PRINT_WIDTH_PX) || PRINT_WIDTH_PX;
      plainLegend(chart, width);
      resize(chart, fmt, { width: width, animation: { duration: 0 } });
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
    window.addEventListener('afterprint', function () {
      restoreLegends();
      resizeAll();
    });
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
