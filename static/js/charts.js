/* Medborger charts: draws every <figure data-chart="ID"> that
   templates/includes/chart.html renders, with Chart.js (vendored at
   static/vendor/chartjs/, loaded before this file). The chart's config is
   the JSON in the element with id ID (Django's json_script), made by
   participation/charts.py.

   - Does nothing when Chart.js is missing or a config cannot be read: the
     table beside every chart already holds the figures.
   - Right-to-left pages (dir="rtl", Arabic and Farsi) get a mirrored chart:
     years run from right to left, the value axis sits on the right, legend
     and tooltips are written right to left.
   - With "reduce motion" set in the operating system, nothing animates.
   - A hidden figure is null in the data: a gap in the line, never a zero.
   No inline styles are written by this file; the canvas is shown by adding
   the class "chart-ready" to the figure (static/css/site.css). */
(function () {
  "use strict";

  if (typeof window.Chart === "undefined" || !document.querySelectorAll) {
    return;
  }

  function reducedMotion() {
    return Boolean(
      window.matchMedia &&
        window.matchMedia("(prefers-reduced-motion: reduce)").matches
    );
  }

  function numberFormat(locale, decimals) {
    var options = {
      minimumFractionDigits: 0,
      maximumFractionDigits: decimals
    };
    try {
      return new Intl.NumberFormat(locale, options);
    } catch (error) {
      return new Intl.NumberFormat(undefined, options);
    }
  }

  function child(object, key) {
    if (!object[key] || typeof object[key] !== "object") {
      object[key] = {};
    }
    return object[key];
  }

  function configure(config, figure) {
    var root = document.documentElement;
    var holder = figure.closest ? figure.closest("[dir]") : null;
    var rtl = (holder || root).getAttribute("dir") === "rtl";
    var locale = root.getAttribute("lang") || undefined;
    var meta = config.medborger || {};
    var decimals = typeof meta.decimals === "number" ? meta.decimals : 1;
    var suffix = meta.suffix || "";
    var format = numberFormat(locale, decimals);
    delete config.medborger;

    var options = child(config, "options");
    var plugins = child(options, "plugins");
    var legend = child(plugins, "legend");
    var tooltip = child(plugins, "tooltip");
    var scales = child(options, "scales");
    var x = child(scales, "x");
    var y = child(scales, "y");

    options.locale = locale;
    if (reducedMotion()) {
      options.animation = false;
      options.transitions = { active: { animation: { duration: 0 } } };
    }
    legend.rtl = rtl;
    legend.textDirection = rtl ? "rtl" : "ltr";
    tooltip.rtl = rtl;
    tooltip.textDirection = rtl ? "rtl" : "ltr";
    child(tooltip, "callbacks").label = function (context) {
      var value = context.parsed ? context.parsed.y : null;
      if (value === null || value === undefined) {
        return context.dataset.label;
      }
      return context.dataset.label + ": " + format.format(value) + suffix;
    };
    x.reverse = rtl;
    y.position = rtl ? "right" : "left";
    child(y, "ticks").callback = function (value) {
      return format.format(value) + suffix;
    };
    return config;
  }

  function draw(figure) {
    var id = figure.getAttribute("data-chart");
    var source = id ? document.getElementById(id) : null;
    var canvas = figure.querySelector("canvas");
    var config;
    if (!source || !canvas) {
      return;
    }
    try {
      config = configure(JSON.parse(source.textContent), figure);
    } catch (error) {
      return;
    }
    // Shown first, so Chart.js measures a box that has a size.
    figure.classList.add("chart-ready");
    try {
      new window.Chart(canvas, config);
    } catch (error) {
      figure.classList.remove("chart-ready");
    }
  }

  function init() {
    var figures = document.querySelectorAll("figure[data-chart]");
    for (var i = 0; i < figures.length; i += 1) {
      draw(figures[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
