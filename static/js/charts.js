/* Medborger charts: draws every <figure data-chart="ID"> that
   templates/includes/chart.html renders, with Chart.js (vendored at
   static/vendor/chartjs/, loaded before this file). The chart's config is
   the JSON in the element with id ID (Django's json_script), made by
   participation/stats/charts.py; its "medborger" part is read here and
   removed before Chart.js sees the rest.

   - Does nothing when Chart.js is missing or a config cannot be read: the
     table beside every chart already holds the figures.
   - Right-to-left pages (dir="rtl", Arabic and Farsi): legend and tooltips
     are written right to left (Chart.js's rtl option). A chart whose spec
     says it may follow the reading direction (medborger.mirror: bars by
     group) is mirrored: its bars start from the right, where their labels
     stand. A time axis never is: years run from left to right in every
     language, with the value axis at their start, on the left.
   - Numbers are written as the page's tables write them when the spec says
     how (medborger.number: decimal separator and per cent pattern), so a
     tooltip reads "42,9 %" where the cell does; otherwise by the browser's
     Intl for the page's language.
   - Text is drawn in the page's own font (the vendored Noto Sans Arabic and
     Ethiopic on Arabic, Farsi and Tigrinya pages), once that font has
     loaded: a canvas never falls back to another font later, and
     Chart.js's default (Helvetica, Arial) has no Ethiopic letters.
   - With "reduce motion" set in the operating system, nothing animates.
   - A hidden figure is null in the data: a gap, never a zero.
   The canvas is shown by adding the class "chart-ready" to the figure
   (static/css/site.css); a spec's medborger.height (CSS pixels, enough for
   every label's lines) is set on the canvas's box through the CSSOM, which
   the Content-Security-Policy allows (no style attribute is written). */
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

  function numberFormat(locale, places) {
    var options = {
      minimumFractionDigits: places,
      maximumFractionDigits: places
    };
    try {
      return new Intl.NumberFormat(locale, options);
    } catch (error) {
      return new Intl.NumberFormat(undefined, options);
    }
  }

  /* write(value, places): the number as the page writes it, with its unit. */
  function writer(meta, locale) {
    var number = meta.number;
    var suffix = meta.suffix || "";
    var percent = meta.unit === "percent";
    if (number && typeof number.decimal === "string") {
      return function (value, places) {
        var text = Number(value).toFixed(places).replace(".", number.decimal);
        if (percent && typeof number.percent === "string") {
          return number.percent.replace("{number}", text);
        }
        return text + suffix;
      };
    }
    return function (value, places) {
      return numberFormat(locale, places).format(value) + suffix;
    };
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
    var write = writer(meta, locale);
    delete config.medborger;

    var options = child(config, "options");
    var plugins = child(options, "plugins");
    var legend = child(plugins, "legend");
    var tooltip = child(plugins, "tooltip");
    var scales = child(options, "scales");
    // Horizontal bars (indexAxis "y") have their groups on y and their
    // numbers on x; a line by year has the years on x.
    var horizontal = options.indexAxis === "y";
    var index = child(scales, horizontal ? "y" : "x");
    var value = child(scales, horizontal ? "x" : "y");

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
      var parsed = context.parsed || {};
      var number = horizontal ? parsed.x : parsed.y;
      if (number === null || number === undefined) {
        return context.dataset.label;
      }
      return context.dataset.label + ": " + write(number, decimals);
    };
    if (rtl && meta.mirror) {
      if (horizontal) {
        value.reverse = true;
        index.position = "right";
      } else {
        index.reverse = true;
        value.position = "right";
      }
    } else {
      // Never mirrored (a time axis): the first year on the left and the
      // value axis at the start of the years, also right to left.
      index.reverse = false;
      value.position = horizontal ? "bottom" : "left";
    }
    child(value, "ticks").callback = function (tick) {
      return write(tick, Number.isInteger(tick) ? 0 : decimals);
    };
    return config;
  }

  /* Every text of a config (labels, dataset names, axis titles; a few
     codes and colours besides, which do no harm), so that the font's
     letters for them are loaded before drawing. */
  function texts(value, out) {
    if (typeof value === "string") {
      out.push(value);
    } else if (value && typeof value === "object") {
      for (var key in value) {
        if (Object.prototype.hasOwnProperty.call(value, key)) {
          texts(value[key], out);
        }
      }
    }
    return out;
  }

  /* callback() once the page's font can draw ``sample``, at once where the
     browser cannot tell, and after three seconds at the latest. */
  function whenFontReady(family, sample, callback) {
    var done = false;
    function once() {
      if (!done) {
        done = true;
        callback();
      }
    }
    if (!document.fonts || !document.fonts.load) {
      once();
      return;
    }
    Promise.all([
      document.fonts.load("12px " + family, sample),
      document.fonts.load("bold 12px " + family, sample)
    ]).then(once, once);
    window.setTimeout(once, 3000);
  }

  function draw(figure) {
    var id = figure.getAttribute("data-chart");
    var source = id ? document.getElementById(id) : null;
    var canvas = figure.querySelector("canvas");
    var config;
    var height;
    if (!source || !canvas) {
      return;
    }
    try {
      config = JSON.parse(source.textContent);
      height = config.medborger && config.medborger.height;
      config = configure(config, figure);
    } catch (error) {
      return;
    }
    var family = window.getComputedStyle(figure).fontFamily;
    // Chart.js reads ticks' and titles' fonts from its defaults, not from a
    // chart's own options.font; every chart of a page is in its language.
    if (family) {
      window.Chart.defaults.font.family = family;
    }
    whenFontReady(family || "sans-serif", texts(config, []).join(" "), function () {
      if (typeof height === "number" && height > 0) {
        canvas.parentNode.style.height = height + "px";
      }
      // Shown first, so Chart.js measures a box that has a size.
      figure.classList.add("chart-ready");
      try {
        new window.Chart(canvas, config);
      } catch (error) {
        figure.classList.remove("chart-ready");
      }
    });
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
