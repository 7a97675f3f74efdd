/* Freeport console: the budgets page (keys' and teams' budgets; the ledger's spend and the limits' counters). */
"use strict";
var Budgets = (function () {
  /** One row per budget: who, the ledger's spend in its current period, and its counter line for the limits. */
  function items(list, spent, kind) {
    var out = [];
    (list || []).forEach(function (x) {
      var b = x.budget;
      if (!b) { return; }
      var name = kind === "key" ? x.prefix : x.name;
      out.push({
        key: kind + ":" + name,
        label: kind + " " + name + (kind === "key" && x.name ? " (" + x.name + ")" : ""),
        budget: b,
        ledger: (spent[name] || {})[b.period + "_nanos"] || 0,
        limit: Math.round(Number(b.amount_usd) * 1e9),
        line: (kind === "key" ? "key:" + x.id : "team:" + x.name) + ":" + b.period
      });
    });
    return out;
  }

  /** The counters' state of every line, or null without the limits module (or when it cannot answer). */
  function counters(c, all) {
    if (!all.length) { return Promise.resolve(null); }
    var lines = all.map(function (i) { return i.line; }).join(",");
    return c.api("GET", "/admin/limits/budgets?lines=" + encodeURIComponent(lines)).then(function (j) {
      var bySubject = {};
      j.data.forEach(function (d) { bySubject[d.subject + ":" + d.period] = d; });
      return bySubject;
    }).catch(function () { return null; });
  }

  function load(c) {
    return Promise.all([c.api("GET", "/admin/keys"), c.api("GET", "/admin/teams")]).then(function (r) {
      var total = r[0].data.concat(r[1].data).some(function (x) { return x.budget && x.budget.period === "total"; });
      return c.api("GET", "/admin/usage/budgets" + (total ? "?total=true" : "")).then(function (u) {
        r.push(u);
        return r;
      });
    }).then(function (r) {
      var all = items(r[1].data, r[2].teams, "team").concat(items(r[0].data, r[2].keys, "key"));
      return counters(c, all).then(function (state) {
        c.table(c.table_, [{ label: "budget of" }, { label: "period" }, { label: "kind" },
          { label: "spent (ledger)", num: true }, { label: "counted", num: true }, { label: "reserved", num: true },
          { label: "limit", num: true }, { label: "used" }], all.map(function (i) {
          var s = state && state[i.line];
          var used = s ? s.spent_nanos + s.reserved_nanos : i.ledger;
          var share = document.createElement("span");
          share.appendChild(Charts.meter(used, i.limit));
          share.appendChild(document.createTextNode(i.limit > 0 ? c.pct(100 * used / i.limit) : "–"));
          return { key: i.key, cells: [i.label, i.budget.period, i.budget.hard ? "hard" : "soft", c.usd(i.ledger),
            s ? c.usd(s.spent_nanos) : "–", s ? c.usd(s.reserved_nanos) : "–", "$" + i.budget.amount_usd, share] };
        }), "No key or team has a budget.");
      });
    });
  }

  return { load: load };
})();
