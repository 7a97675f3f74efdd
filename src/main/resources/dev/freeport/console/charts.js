/* Freeport console: small SVG charts, drawn with DOM calls only (no inline styles or scripts; CSP-safe). */
"use strict";
var Charts = (function () {
  var NS = "http://www.w3.org/2000/svg";
  var COLORS = ["#1d4ed8", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#84cc16", "#ec4899", "#9ca3af"];

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function title(parent, text) {
    var t = el("title", {}, parent);
    t.textContent = text;
  }

  function empty(box, text) {
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = text || "No data in this window.";
    box.appendChild(p);
  }

  function timeLabel(ms, spanMs) {
    var d = new Date(ms);
    var iso = d.toISOString();
    return spanMs > 2 * 86400000 ? iso.substring(5, 10) : iso.substring(11, 16);
  }

  /**
   * Stacked columns over time: buckets (epoch ms), series [{name, values}], fmt(value) for tooltips and the axis.
   */
  function stacked(box, buckets, series, fmt) {
    var total = 0;
    series.forEach(function (s) { s.values.forEach(function (v) { total += v; }); });
    if (!series.length || total === 0) { empty(box); return; }
    box.textContent = "";
    var W = Math.max(320, box.clientWidth || 640), H = 200, L = 64, B = 22, T = 8, R = 8;
    var sums = buckets.map(function (_, i) {
      return series.reduce(function (a, s) { return a + s.values[i]; }, 0);
    });
    var max = Math.max.apply(null, sums) || 1;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img" }, box);
    var cw = (W - L - R) / buckets.length;
    [0, 0.5, 1].forEach(function (f) {
      var y = T + (H - T - B) * (1 - f);
      el("line", { x1: L, x2: W - R, y1: y, y2: y, stroke: "#e5e7eb" }, svg);
      var t = el("text", { x: L - 4, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#6b7280" }, svg);
      t.textContent = fmt(max * f);
    });
    buckets.forEach(function (b, i) {
      var y = H - B;
      series.forEach(function (s, k) {
        var v = s.values[i];
        if (v > 0) {
          var h = (H - T - B) * v / max;
          y -= h;
          var r = el("rect", { x: L + i * cw + cw * 0.1, y: y, width: Math.max(1, cw * 0.8), height: Math.max(0.5, h),
            fill: COLORS[k % COLORS.length], "class": "bar" }, svg);
          title(r, s.name + " at " + new Date(b).toISOString().substring(0, 16).replace("T", " ") + ": " + fmt(v));
        }
      });
    });
    var span = buckets[buckets.length - 1] - buckets[0];
    [0, Math.floor(buckets.length / 2), buckets.length - 1].forEach(function (i) {
      var t = el("text", { x: L + i * cw + cw / 2, y: H - 6, "text-anchor": "middle", "font-size": 10, fill: "#6b7280" }, svg);
      t.textContent = timeLabel(buckets[i], span);
    });
  }

  /** Horizontal bars: items [{name, value, label}], fmt(value). */
  function bars(box, items, fmt) {
    if (!items.length) { empty(box); return; }
    box.textContent = "";
    var W = Math.max(320, box.clientWidth || 640), row = 24, L = 150, R = 90;
    var H = items.length * row + 8;
    var max = Math.max.apply(null, items.map(function (i) { return i.value; })) || 1;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, role: "img" }, box);
    items.forEach(function (it, k) {
      var y = 4 + k * row;
      var name = el("text", { x: L - 6, y: y + 15, "text-anchor": "end", "font-size": 12, fill: "#111827" }, svg);
      name.textContent = it.name;
      var r = el("rect", { x: L, y: y + 3, width: Math.max(1, (W - L - R) * it.value / max), height: row - 8,
        fill: COLORS[k % COLORS.length], "class": "bar" }, svg);
      title(r, it.name + ": " + (it.label || fmt(it.value)));
      var v = el("text", { x: W - R + 6, y: y + 15, "font-size": 12, fill: "#111827" }, svg);
      v.textContent = it.label || fmt(it.value);
    });
  }

  /** A small meter of used / limit (red past 100 %). */
  function meter(used, limit) {
    var span = document.createElement("span");
    span.className = "meter";
    var svg = el("svg", { viewBox: "0 0 120 8", width: 120, height: 8 }, span);
    var f = limit > 0 ? Math.min(1, used / limit) : 0;
    el("rect", { x: 0, y: 0, width: 120 * f, height: 8, rx: 4, fill: used > limit ? "#b91c1c" : f > 0.8 ? "#f59e0b" : "#15803d" }, svg);
    return span;
  }

  function color(k) { return COLORS[k % COLORS.length]; }

  return { stacked: stacked, bars: bars, meter: meter, color: color, empty: empty };
})();
