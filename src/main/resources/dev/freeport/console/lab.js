/* Freeport console: the migration page (the migration lab's report per alias: GET /admin/migrate/...). */
"use strict";
var Lab = (function () {
  var chosen = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function cut(s, n) {
    s = s === null || s === undefined ? "" : String(s);
    return s.length > n ? s.substring(0, n) + "…" : s;
  }

  /** The report of one alias: a row per candidate, then each check's failure rates, then the worst examples. */
  function render(c, r) {
    var d = document.getElementById("lab-summary");
    d.textContent = r.alias + ": " + c.count(r.samples) + " samples; " + c.count(r.volume.requests)
      + " requests cost " + c.usd(r.volume.cost_nanos) + " in the last 30 days";
    c.table(document.getElementById("table-lab-candidates"), [{ label: "candidate" },
      { label: "compared", num: true }, { label: "as good or better", num: true }, { label: "95 % CI", num: true },
      { label: "failed", num: true }, { label: "cost / request", num: true }, { label: "incumbent", num: true },
      { label: "latency p50", num: true }, { label: "incumbent", num: true }, { label: "saving / 30 days", num: true },
      { label: "suggestion" }], r.candidates.map(function (k) {
      return { key: k.name, cells: [k.name, c.count(k.compared), c.pct(100 * k.share_as_good_or_better),
        c.pct(100 * k.interval.low) + " – " + c.pct(100 * k.interval.high), c.count(k.failed),
        c.usd(k.cost_per_request_nanos), c.usd(k.incumbent_cost_per_request_nanos), c.ms(k.latency.p50),
        c.ms(k.incumbent_latency.p50), c.usd(k.monthly_saving_nanos), k.suggestion] };
    }), "No candidate results yet: shadow traffic (shadow: under the alias) or freeport replay.");
    var checks = [];
    var worst = [];
    r.candidates.forEach(function (k) {
      Object.keys(k.failure_rates || {}).sort().forEach(function (name) {
        var f = k.failure_rates[name];
        checks.push({ key: k.name + ":" + name, cells: [k.name, name, c.pct(100 * f.candidate), c.pct(100 * f.incumbent)] });
      });
      (k.worst || []).forEach(function (w) {
        worst.push({ key: k.name + ":" + w.sample_id, cells: [k.name, cut(w.prompt, 160),
          (w.failures || []).join(", ") || w.judge_reason || "–", cut(w.candidate, 160), cut(w.incumbent, 160)] });
      });
    });
    c.table(document.getElementById("table-lab-checks"), [{ label: "candidate" }, { label: "check" },
      { label: "candidate fails", num: true }, { label: "incumbent fails", num: true }], checks, "No checks ran.");
    c.table(document.getElementById("table-lab-worst"), [{ label: "candidate" }, { label: "prompt" },
      { label: "why" }, { label: "candidate's answer" }, { label: "incumbent's answer" }], worst,
      "No examples where a candidate did worse.");
  }

  function load(c) {
    return c.api("GET", "/admin/migrate/aliases?since=30d").catch(function (e) {
      // without the lab module there is no /admin/migrate: say so on the page instead of failing it
      document.getElementById("lab-report").hidden = true;
      document.getElementById("table-lab-aliases").textContent = "The migration lab did not answer: " + e.message;
      return null;
    }).then(function (j) {
      if (!j) { return null; }
      var names = j.data.map(function (a) { return a.alias; });
      c.table(document.getElementById("table-lab-aliases"), [{ label: "alias" }, { label: "results", num: true },
        { label: "candidates", num: true }, { label: "last result" }], j.data.map(function (a) {
        return { key: a.alias, cells: [a.alias, c.count(a.results), c.count(a.candidates), a.last_result] };
      }), "No migration-lab results in the last 30 days: add shadow: to an alias, or run freeport replay.");
      var select = document.getElementById("lab-alias");
      select.textContent = "";
      names.forEach(function (n) { select.appendChild(el("option", n)); });
      document.getElementById("lab-report").hidden = names.length === 0;
      if (!names.length) { return null; }
      if (names.indexOf(chosen) < 0) { chosen = names[0]; }
      select.value = chosen;
      return c.api("GET", "/admin/migrate/report?alias=" + encodeURIComponent(chosen)).then(function (r) {
        render(c, r);
      });
    });
  }

  function choose(alias) { chosen = alias; }

  return { load: load, choose: choose };
})();
