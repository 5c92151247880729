/* kg's HTML page (kg/views/page.py): the date, category and context filter, finding an actor and
   its panel of events, a dyad's panel with its timeline, the replay, plain JS over the embedded events (#kg-data); titles are strings and the
   status and panel are textContent: text stays text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var from = document.getElementById("kg-from"), to = document.getElementById("kg-to");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#kg-categories input"));
  var status = document.getElementById("kg-status");
  var context = document.getElementById("kg-context");
  var total = 0;
  data.ties.forEach(function (tie) { total += tie.events.length; });

  function tenths(sum, n) {             /* sum / n to one decimal, halves away from 0, as Python */
    var t = n ? Math.floor((20 * Math.abs(sum) + n) / (2 * n)) : 0;
    return (sum < 0 && t ? "-" : "+") + Math.floor(t / 10) + "." + (t % 10);
  }
  function stance(score) {
    return score >= data.band ? "cooperative" : score <= -data.band ? "hostile" : "neutral";
  }
  function look(tie, kept) {
    var counts = {}, sum = 0, asserted = 0, negated = 0, failed = {};
    kept.forEach(function (e) {
      if (e[2]) { negated += 1; failed[e[1]] = true; return; }
      asserted += 1; sum += data.weights[e[1]]; counts[e[1]] = (counts[e[1]] || 0) + 1;
    });
    var score = asserted ? sum / asserted : 0;
    var listed = data.categories.filter(function (c) { return counts[c]; })
        .map(function (c) { return c + " " + counts[c]; }).join(", ");
    var lines = [tie.names[0] + " \u2192 " + tie.names[1] + ": " + kept.length + " event"
                 + (kept.length === 1 ? "" : "s") + ", score " + tenths(sum, asserted),
                 (listed || "no events asserted") + (negated ? "; " + negated + " negated" : "")];
    kept.slice(0, data.listed).forEach(function (e) { lines.push("", e[3]); });
    if (kept.length > data.listed) {
      lines.push("", "\u2026 and " + (kept.length - data.listed) + " more");
    }
    return {id: tie.id, hidden: false, title: lines.join("\n"),
            color: data.colours[stance(score)], dashes: negated === kept.length,
            label: failedLabel(failed),
            width: Math.round(100 * width(kept.length, score)) / 100};
  }
  function failedLabel(failed) {
    var names = data.categories.filter(function (c) { return failed[c]; });
    return names.length ? "failed: " + names.join(", ") : "";
  }
  function width(count, score) {
    return Math.min(data.maxWidth, 1 + 0.5 * Math.abs(score) + 1.2 * Math.log2(Math.max(count, 1)));
  }
  function apply() {
    var lo = from.value || null, hi = to.value || null;
    if (lo === data.dates[0] && hi === data.dates[1]) { lo = hi = null; }
    var chosen = {}, all = true;
    boxes.forEach(function (box) { chosen[box.value] = box.checked; all = all && box.checked; });
    var about = context.value;
    var active = lo || hi || !all || about, shown = 0, seen = {}, updates = [];
    data.ties.forEach(function (tie) {
      var kept = tie.events.filter(function (e) {
        if (!chosen[e[1]]) { return false; }
        if (about && e[4].indexOf(about) < 0) { return false; }
        if (lo || hi) { return e[0] && (!lo || e[0] >= lo) && (!hi || e[0] <= hi); }
        return true;
      });
      shown += kept.length;
      if (!kept.length) { updates.push({id: tie.id, hidden: true}); return; }
      seen[tie.from] = seen[tie.to] = true;
      updates.push(look(tie, kept));
    });
    edges.update(updates);
    nodes.update(nodes.getIds().map(function (id) {
      return {id: id, hidden: Boolean(active && !seen[id])};
    }));
    status.textContent = (active ? shown + " of " : "all ") + total + " events on ties";
    document.body.setAttribute("data-filtered", active ? "true" : "false");
  }
  [from, to, context].concat(boxes).forEach(function (input) { input.addEventListener("change", apply); });
  document.getElementById("kg-reset").addEventListener("click", function () {
    from.value = data.dates[0] || ""; to.value = data.dates[1] || "";
    boxes.forEach(function (box) { box.checked = true; });
    context.value = "";
    apply();
  });
  window.kgFilter = apply;

  /* Replay: the network as it stood on each date of its events in turn, from the "from" date on
     (the "to" date steps through them, one a second or window.kgReplayMs; pressing again stops). */
  var replay = document.getElementById("kg-replay"), timer = null;
  function days() {
    var seen = {};
    data.ties.forEach(function (tie) { tie.events.forEach(function (e) { if (e[0]) { seen[e[0]] = true; } }); });
    return Object.keys(seen).sort().filter(function (d) { return !from.value || d >= from.value; });
  }
  function stop() { clearInterval(timer); timer = null; replay.textContent = "replay"; }
  replay.addEventListener("click", function () {
    if (timer) { stop(); return; }
    var steps = days(), k = 0;
    if (!steps.length) { return; }
    replay.textContent = "stop";
    function step() {
      to.value = steps[k]; apply();
      document.body.setAttribute("data-replayed", steps[k]);
      k += 1;
      if (k >= steps.length) { stop(); }
    }
    step();
    if (timer === null && k < steps.length) { timer = setInterval(step, window.kgReplayMs || data.replayMs); }
  });

  /* An actor's panel: every event on its ties (the filter's too), newest first, as text. */
  var panel = document.getElementById("kg-panel"), search = document.getElementById("kg-search");
  function showActor(id) {
    var mine = [];
    hideActor();
    data.ties.forEach(function (tie) {
      if (tie.from !== id && tie.to !== id) { return; }
      var other = tie.from === id ? "\u2192 " + tie.names[1] : "\u2190 " + tie.names[0];
      if (tie.from === id && tie.to === id) { other = "(itself)"; }
      tie.events.forEach(function (e) { mine.push([e[0], other, e[3]]); });
    });
    mine.sort(function (a, b) { return a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0; });
    var node = nodes.get(id);
    fill(node ? String(node.label) : id, " on its ties", mine);
    panel.setAttribute("data-actor", id);
  }
  /* The panel's title, count and list of [date, side, text] rows, as text; then it shows. */
  function fill(title, where, rows) {
    document.getElementById("kg-panel-title").textContent = title;
    document.getElementById("kg-panel-summary").textContent =
        rows.length + " event" + (rows.length === 1 ? "" : "s") + where;
    var list = document.getElementById("kg-panel-events");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    rows.forEach(function (row) {
      var item = document.createElement("li");
      item.textContent = row[1] + " \u00b7 " + row[2];
      list.appendChild(item);
    });
    panel.hidden = false;
    return list;
  }
  function hideActor() {
    panel.hidden = true; panel.removeAttribute("data-actor"); panel.removeAttribute("data-dyad");
    var old = document.getElementById("kg-timeline");
    if (old) { old.parentNode.removeChild(old); }
  }
  /* A dyad's panel: the events of both its ties, oldest first, and a timeline of each day's
     cooperation (green, up) and conflict (red, down): the summed weights of the events asserted. */
  var SVG = "http://www.w3.org/2000/svg";
  function showDyad(id) {
    var tie = data.ties.filter(function (t) { return t.id === id; })[0];
    if (!tie) { return; }
    var rows = [], days = {};
    data.ties.forEach(function (t) {
      if (!((t.from === tie.from && t.to === tie.to) || (t.from === tie.to && t.to === tie.from))) { return; }
      t.events.forEach(function (e) {
        rows.push([e[0], t.names[0] + " \u2192 " + t.names[1], e[3]]);
        if (e[0] && !e[2]) { days[e[0]] = (days[e[0]] || 0) + data.weights[e[1]]; }
      });
    });
    rows.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    hideActor();
    var list = fill(tie.names[0] + " \u2194 " + tie.names[1], " between them", rows);
    list.parentNode.insertBefore(timeline(days), list);
    panel.setAttribute("data-dyad", tie.from + "|" + tie.to);
  }
  function timeline(days) {
    var dates = Object.keys(days).sort(), svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("id", "kg-timeline"); svg.setAttribute("width", "320"); svg.setAttribute("height", "80");
    var t0 = dates.length ? Date.parse(dates[0]) : 0, span = dates.length ? Date.parse(dates[dates.length - 1]) - t0 : 0;
    var axis = document.createElementNS(SVG, "line");
    [["x1", 8], ["x2", 312], ["y1", 40], ["y2", 40], ["stroke", "#999"]].forEach(function (a) { axis.setAttribute(a[0], a[1]); });
    svg.appendChild(axis);
    dates.forEach(function (d) {
      var sum = days[d], h = Math.min(36, 4 + 4 * Math.abs(sum)), bar = document.createElementNS(SVG, "rect");
      var x = 8 + (span ? 300 * (Date.parse(d) - t0) / span : 150);
      bar.setAttribute("x", x.toFixed(1)); bar.setAttribute("width", "4");
      bar.setAttribute("y", sum >= 0 ? (40 - h).toFixed(1) : "40"); bar.setAttribute("height", h.toFixed(1));
      bar.setAttribute("fill", data.colours[stance(sum)]);
      bar.setAttribute("data-date", d); bar.setAttribute("data-sum", String(sum));
      var tip = document.createElementNS(SVG, "title");
      tip.textContent = d + ": " + (sum > 0 ? "+" : "") + sum;
      bar.appendChild(tip);
      svg.appendChild(bar);
    });
    return svg;
  }
  function find() {
    var wanted = search.value.trim().toLowerCase();
    if (!wanted) { hideActor(); return; }
    var all = nodes.get(), hit = null;
    all.forEach(function (n) { if (!hit && String(n.label).toLowerCase() === wanted) { hit = n; } });
    all.forEach(function (n) { if (!hit && String(n.label).toLowerCase().indexOf(wanted) === 0) { hit = n; } });
    if (!hit) { return; }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.2});
    showActor(hit.id);
  }
  search.addEventListener("change", find);
  document.getElementById("kg-panel-close").addEventListener("click", hideActor);
  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) { showActor(params.nodes[0]); }
    else if (params.edges && params.edges.length) { showDyad(params.edges[0]); }
    else { hideActor(); }
  });
  window.kgShowActor = showActor;

  /* Colour by actor type (as drawn) or by bloc: the communities of the cooperative network. */
  var byType = {};
  nodes.get().forEach(function (n) { byType[n.id] = n.color; });
  var colour = document.getElementById("kg-colour");
  colour.addEventListener("change", function () {
    nodes.update(nodes.getIds().map(function (id) {
      var bloc = data.blocs[id];
      return {id: id, color: colour.value !== "bloc" ? byType[id]
              : (bloc && bloc <= data.blocColours.length ? data.blocColours[bloc - 1] : data.otherColour)};
    }));
    document.body.setAttribute("data-colour", colour.value);
  });

  /* Labels at the first view: the most central actor's first (biggest dot), each at a readable
     size on screen (data.labelPx) where it overlaps no label already placed (a box a little wider
     than the text, under the dot); the others shrink just below the size vis-network draws at
     this zoom, so they appear as one zooms in. Returns how many were shrunk. */
  window.kgDeclutter = function () {
    var scale = network.getScale(), limit = data.labelLimit, kept = [], hidden = 0, updates = [];
    var font = data.labelPx / scale, small = 0.95 * limit / scale;
    var all = nodes.get().sort(function (a, b) { return (b.size || 0) - (a.size || 0) || (a.id < b.id ? -1 : 1); });
    all.forEach(function (n) {
      var body = network.body.nodes[n.id];
      if (!body) { return; }
      var w = 0.62 * font * String(n.label).length + 10 / scale, h = 1.35 * font;
      var box = [body.x - w / 2, body.y + (n.size || 10), body.x + w / 2, body.y + (n.size || 10) + h];
      var clash = kept.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; });
      if (clash) { updates.push({id: n.id, font: {size: small}}); hidden += 1; }
      else { kept.push(box); updates.push({id: n.id, font: {size: font}}); }
    });
    nodes.update(updates);
    return hidden;
  };
  window.kgShowDyad = showDyad;
})();
