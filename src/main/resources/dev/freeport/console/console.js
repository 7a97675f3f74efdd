/* Freeport console: reads the admin API with the session cookie; every state change sends the CSRF token. */
"use strict";
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var LIVE = { spend: true, health: true, vendors: true };
  var current = null;
  var busy = false;
  var pending = false;

  function $(id) { return document.getElementById(id); }

  function status(text, isError) {
    var s = $("status");
    s.textContent = text || "";
    s.className = isError ? "status error" : "status";
  }

  function api(method, path, body) {
    var opts = { method: method, credentials: "same-origin", headers: { "x-csrf-token": csrf, accept: "application/json" } };
    if (body !== undefined) {
      opts.headers["content-type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      if (r.status === 401) {
        location.assign("/ui/login");
        throw new Error("The session has expired; log in again.");
      }
      return r.json().then(function (j) {
        if (!r.ok) { throw new Error((j.error && j.error.message) || ("HTTP " + r.status)); }
        return j;
      });
    });
  }

  function windowParam() { return $("window").value; }

  /** Nano-dollars as exact decimal dollars (the server's cost_usd form). */
  function plainUsd(n) {
    var neg = n < 0;
    n = Math.abs(n);
    var whole = String(Math.floor(n / 1e9));
    var frac = String(n % 1e9).padStart(9, "0").replace(/0+$/, "");
    return (neg ? "-" : "") + whole + (frac ? "." + frac : "");
  }

  function usd(n) { return "$" + plainUsd(n); }

  function axisUsd(n) {
    if (n === 0) { return "$0"; }
    var d = n / 1e9;
    return "$" + (d >= 100 ? d.toFixed(0) : d >= 1 ? d.toFixed(2) : d >= 0.01 ? d.toFixed(3) : d.toPrecision(2));
  }

  function count(n) { return Number(n).toLocaleString("en-US"); }

  function pct(x) { return (Math.round(x * 10) / 10).toFixed(1) + " %"; }

  function ms(v) { return v === null || v === undefined ? "–" : count(v) + " ms"; }

  /** Fills a table: columns [{label, num}], rows [{key, cells: [text or Node]}]. */
  function table(t, columns, rows, emptyText) {
    t.textContent = "";
    var head = t.createTHead().insertRow();
    columns.forEach(function (c) {
      var th = document.createElement("th");
      th.textContent = c.label;
      if (c.num) { th.className = "num"; }
      head.appendChild(th);
    });
    var body = t.createTBody();
    if (!rows.length) {
      var td = body.insertRow().insertCell();
      td.colSpan = columns.length;
      td.className = "hint";
      td.textContent = emptyText || "Nothing in this window.";
      return;
    }
    rows.forEach(function (r) {
      var tr = body.insertRow();
      if (r.key !== undefined) { tr.setAttribute("data-key", r.key); }
      r.cells.forEach(function (c, i) {
        var cell = tr.insertCell();
        if (columns[i].num) { cell.className = "num"; }
        if (c instanceof Node) { cell.appendChild(c); } else { cell.textContent = c === null || c === undefined ? "–" : String(c); }
      });
    });
  }

  function swatch(k, text) {
    var span = document.createElement("span");
    var sw = document.createElement("span");
    sw.className = "swatch";
    var box = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    box.setAttribute("width", "10");
    box.setAttribute("height", "10");
    var r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    r.setAttribute("width", "10");
    r.setAttribute("height", "10");
    r.setAttribute("fill", Charts.color(k));
    box.appendChild(r);
    sw.appendChild(box);
    span.appendChild(sw);
    span.appendChild(document.createTextNode(text));
    return span;
  }

  // ---- pages ----------------------------------------------------------------------------------------------

  /** Requests recorded at an unknown cost: their own line, never part of a dollar figure. */
  function unpriced(el, unk) {
    el.hidden = !unk || unk.requests === 0;
    el.textContent = el.hidden ? "" : "Cost unknown (no price, not in the spend above): " + count(unk.requests)
      + " request(s), " + count(unk.input_tokens) + " / " + count(unk.output_tokens) + " tokens; "
      + unk.by_model.map(function (g) { return g.key + " \u00d7 " + count(g.requests); }).join(", ");
  }

  function loadSpend() {
    return api("GET", "/admin/usage?since=" + encodeURIComponent(windowParam())).then(function (u) {
      $("total-spend").textContent = "$" + u.totals.cost_usd;
      $("total-requests").textContent = count(u.totals.requests);
      $("total-errors").textContent = count(u.totals.errors);
      $("total-tokens").textContent = count(u.totals.input_tokens) + " / " + count(u.totals.output_tokens);
      unpriced($("cost-unknown"), u.cost_unknown);
      ["alias", "vendor", "team", "key"].forEach(function (dim) {
        var groups = u.spend[dim];
        var top = groups.slice(0, 8);
        var series = top.map(function (g) { return { name: g.key, values: g.series }; });
        if (groups.length > 8) {
          var rest = u.buckets.map(function (_, i) {
            return groups.slice(8).reduce(function (a, g) { return a + g.series[i]; }, 0);
          });
          series.push({ name: "other", values: rest });
        }
        Charts.stacked($("chart-" + dim), u.buckets, series, axisUsd);
        var total = u.totals.cost_nanos;
        table($("table-" + dim), [{ label: dim }, { label: "requests", num: true }, { label: "spend", num: true },
          { label: "share", num: true }], groups.map(function (g, k) {
          return { key: g.key, cells: [swatch(Math.min(k, 8), g.key), count(g.requests), "$" + g.cost_usd,
            total > 0 ? pct(100 * g.cost_nanos / total) : "–"] };
        }));
      });
    });
  }

  /** Shares of spend; {@code byKey}: name rows by key (jurisdictions: "US / US"), else by label ("OpenAI"). */
  function shares(box, t, list, byKey) {
    function name(s) { return byKey ? s.key : s.label || s.key; }
    Charts.bars(box, list.map(function (s) {
      return { name: name(s), value: s.spend_pct, label: pct(s.spend_pct) };
    }), pct);
    table(t, [{ label: "name" }, { label: "requests", num: true }, { label: "spend", num: true },
      { label: "spend share", num: true }, { label: "request share", num: true }], list.map(function (s) {
      return { key: s.key, cells: [name(s), count(s.requests), "$" + s.cost_usd, pct(s.spend_pct), pct(s.request_pct)] };
    }));
  }

  function loadConcentration() {
    return api("GET", "/admin/audit?since=" + encodeURIComponent(windowParam())).then(function (a) {
      var c = a.concentration;
      $("hhi").textContent = count(c.hhi);
      $("hhi-reading").textContent = c.hhi_reading;
      shares($("chart-shares"), $("table-shares"), c.vendors, false);
      shares($("chart-jurisdictions"), $("table-jurisdictions"), c.jurisdictions, true);
      table($("table-spof"), [{ label: "alias" }, { label: "vendors" }, { label: "why" }],
        c.single_points_of_failure.map(function (s) {
          return { key: s.alias, cells: [s.alias, (s.vendors || []).join(", "), s.reason] };
        }), "None: every alias can fail over to another vendor.");
    });
  }

  function loadHealth() {
    return api("GET", "/admin/usage?since=" + encodeURIComponent(windowParam())).then(function (u) {
      var t = u.totals;
      $("error-rate").textContent = t.requests > 0 ? pct(100 * t.errors / t.requests) : "–";
      $("latency").textContent = [u.latency.p50_ms, u.latency.p95_ms, u.latency.p99_ms].map(ms).join(" / ");
      $("ttft").textContent = [u.ttft.p50_ms, u.ttft.p95_ms, u.ttft.p99_ms].map(ms).join(" / ");
      var ok = u.traffic.requests.map(function (n, i) { return n - u.traffic.errors[i]; });
      Charts.stacked($("chart-traffic"), u.buckets, [{ name: "answered", values: ok },
        { name: "errors", values: u.traffic.errors }], function (v) { return count(Math.round(v)); });
      table($("table-errors"), [{ label: "error kind" }, { label: "requests", num: true }],
        u.errors.map(function (e) { return { key: e.kind, cells: [e.kind, count(e.count)] }; }), "No errors in this window.");
      table($("table-providers"), [{ label: "provider" }, { label: "vendor" }, { label: "requests", num: true },
        { label: "errors", num: true }, { label: "latency p50", num: true }, { label: "p95", num: true },
        { label: "TTFT p50", num: true }, { label: "p95", num: true }], u.providers.map(function (p) {
        return { key: p.key, cells: [p.key, p.vendor, count(p.requests), count(p.errors), ms(p.latency.p50_ms),
          ms(p.latency.p95_ms), ms(p.ttft.p50_ms), ms(p.ttft.p95_ms)] };
      }));
    });
  }

  function loadVendors() {
    return Promise.all([api("GET", "/admin/vendors"), api("GET", "/admin/usage?since=" + encodeURIComponent(windowParam()))])
      .then(function (r) {
        var switches = {};
        r[0].data.forEach(function (s) { switches[s.vendor] = s; });
        var names = Object.keys(r[1].jurisdictions).concat(Object.keys(switches)).filter(function (v, i, a) {
          return a.indexOf(v) === i;
        }).sort();
        var requests = {};
        r[1].spend.vendor.forEach(function (g) { requests[g.key] = g.requests; });
        table($("table-vendors"), [{ label: "vendor" }, { label: "jurisdiction" }, { label: "status" },
          { label: "reason" }, { label: "since" }, { label: "by" }, { label: "requests", num: true }, { label: "" }],
          names.map(function (v) {
            var s = switches[v] || { enabled: true };
            var state = document.createElement("span");
            state.className = s.enabled ? "on" : "off";
            state.textContent = s.enabled ? "enabled" : "disabled";
            var b = document.createElement("button");
            b.type = "button";
            b.id = "toggle-" + v;
            b.className = s.enabled ? "danger" : "primary";
            b.textContent = s.enabled ? "Disable…" : "Enable…";
            b.addEventListener("click", function () { confirmSwitch(v, !s.enabled); });
            return { key: v, cells: [v, r[1].jurisdictions[v] || "", state, s.reason, s.since, s.by,
              count(requests[v] || 0), b] };
          }), "No vendors configured.");
      });
  }

  function confirmSwitch(vendor, enable) {
    var d = $("confirm");
    $("confirm-title").textContent = (enable ? "Enable " : "Disable ") + vendor + "?";
    $("confirm-text").textContent = enable
      ? "Requests may go to " + vendor + "'s targets again."
      : "New requests stop going to " + vendor + "'s targets at once and move to the aliases' other targets.";
    $("confirm-reason").value = "";
    $("confirm-error").textContent = "";
    $("confirm-ok").textContent = enable ? "Enable " + vendor : "Disable " + vendor;
    $("confirm-ok").className = enable ? "primary" : "danger";
    d.setAttribute("data-vendor", vendor);
    d.setAttribute("data-action", enable ? "enable" : "disable");
    d.showModal();
  }

  function onConfirm(ev) {
    ev.preventDefault();
    var d = $("confirm");
    var vendor = d.getAttribute("data-vendor");
    var action = d.getAttribute("data-action");
    var reason = $("confirm-reason").value.trim();
    if (action === "disable" && !reason) {
      $("confirm-error").textContent = "Say why (it is recorded with the switch).";
      return;
    }
    api("POST", "/admin/vendors/" + encodeURIComponent(vendor) + "/" + action, reason ? { reason: reason } : {})
      .then(function () {
        d.close();
        status(vendor + " " + action + "d.");
        return loadVendors();
      })
      .catch(function (e) { $("confirm-error").textContent = e.message; });
  }

  function keyValues(obj) {
    var rows = [];
    Object.keys(obj || {}).forEach(function (k) {
      var v = obj[k];
      if (v === null || typeof v !== "object") { rows.push({ key: k, cells: [k, v === null ? "–" : String(v)] }); }
    });
    return rows;
  }

  function explain(ev) {
    ev.preventDefault();
    var id = $("request-id").value.trim();
    var out = $("request-result");
    out.textContent = "";
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      status("A request id is 1-64 letters, digits, '_' or '-'.", true);
      return;
    }
    api("GET", "/admin/requests/" + encodeURIComponent(id)).then(function (j) {
      status("");
      var h = document.createElement("h3");
      h.textContent = "Request";
      out.appendChild(h);
      var t = document.createElement("table");
      t.className = "data";
      t.id = "request-event";
      out.appendChild(t);
      table(t, [{ label: "field" }, { label: "value" }], keyValues(j.event));
      var d = j.decision;
      var h2 = document.createElement("h3");
      h2.textContent = "Routing decision";
      out.appendChild(h2);
      if (!d) {
        var p = document.createElement("p");
        p.className = "hint";
        p.textContent = "No routing decision was recorded for this request.";
        out.appendChild(p);
        return;
      }
      var dt = document.createElement("table");
      dt.className = "data";
      dt.id = "request-decision";
      out.appendChild(dt);
      table(dt, [{ label: "field" }, { label: "value" }], keyValues(d));
      Object.keys(d).forEach(function (k) {
        var v = d[k];
        if (Array.isArray(v) && v.length && typeof v[0] === "object") {
          var hk = document.createElement("h3");
          hk.textContent = k;
          out.appendChild(hk);
          var ct = document.createElement("table");
          ct.className = "data";
          ct.id = "request-" + k;
          out.appendChild(ct);
          var cols = Object.keys(v[0]);
          table(ct, cols.map(function (c) { return { label: c }; }), v.map(function (row) {
            return { key: row.target || undefined, cells: cols.map(function (c) {
              return row[c] === null || typeof row[c] !== "object" ? row[c] : JSON.stringify(row[c]);
            }) };
          }));
        }
      });
    }).catch(function (e) { status(e.message, true); });
  }

  function loadAudit() {
    return api("GET", "/admin/audit?since=" + encodeURIComponent(windowParam())).then(function (a) {
      $("audit-spend").textContent = "$" + a.totals.cost_usd;
      $("audit-requests").textContent = count(a.totals.requests);
      $("audit-saving").textContent = "$" + a.savings.saving_usd;
      table($("table-findings"), [{ label: "finding" }, { label: "requests", num: true }, { label: "cost", num: true },
        { label: "share", num: true }], a.findings.map(function (f) {
        return { key: f.id, cells: [f.title, count(f.count), "$" + f.dollars_usd,
          f.share_pct === null || f.share_pct === undefined ? "–" : f.share_pct + " %"] };
      }), "No findings in this window.");
      table($("table-models"), [{ label: "model" }, { label: "requests", num: true }, { label: "spend", num: true }],
        a.spend.by_model.map(function (g) { return { key: g.key, cells: [g.key, count(g.requests), "$" + g.cost_usd] }; }));
      table($("table-savings"), [{ label: "alias" }, { label: "now", num: true }, { label: "on open models", num: true },
        { label: "saving", num: true }, { label: "suggestion" }], a.savings.per_alias.map(function (s) {
        return { key: s.alias, cells: [s.alias, "$" + s.current_usd, "$" + s.projected_usd, "$" + s.saving_usd, s.suggestion] };
      }));
    });
  }

  var LOADERS = { spend: loadSpend, concentration: loadConcentration, health: loadHealth,
    budgets: function () { return Budgets.load({ api: api, table: table, usd: usd, pct: pct, table_: $("table-budgets") }); },
    vendors: loadVendors, request: function () { return Promise.resolve(); }, audit: loadAudit,
    migration: function () { return Lab.load({ api: api, table: table, usd: usd, pct: pct, count: count, ms: ms }); } };

  function refresh() {
    if (!current) { return; }
    if (busy) { pending = true; return; }
    busy = true;
    var page = current;
    LOADERS[page]().then(function () {
      if (page === current && $("status").className !== "status error") { status("Updated " + new Date().toLocaleTimeString()); }
      document.body.setAttribute("data-loaded", page);
    }).catch(function (e) { status(e.message, true); }).then(function () {
      busy = false;
      if (pending) { pending = false; refresh(); }
    });
  }

  function show() {
    var page = (location.hash || "#spend").substring(1);
    if (!LOADERS[page]) { page = "spend"; }
    current = page;
    document.body.removeAttribute("data-loaded");
    status("");
    document.querySelectorAll(".page").forEach(function (p) { p.classList.toggle("active", p.id === "page-" + page); });
    document.querySelectorAll("nav a").forEach(function (a) {
      a.classList.toggle("active", a.getAttribute("data-page") === page);
    });
    refresh();
  }

  window.addEventListener("hashchange", show);
  $("window").addEventListener("change", refresh);
  $("request-form").addEventListener("submit", explain);
  $("lab-alias").addEventListener("change", function () { Lab.choose($("lab-alias").value); refresh(); });
  $("confirm-form").addEventListener("submit", onConfirm);
  $("confirm-cancel").addEventListener("click", function () { $("confirm").close(); });
  var SHORT = { "15m": true, "1h": true, "6h": true };
  setInterval(function () {
    if (LIVE[current] && SHORT[windowParam()] && !$("confirm").open) { refresh(); }
  }, 5000);
  show();
})();
