// kg viz: the page's behaviour. Every piece of document text (names, sentences, titles) is put on
// screen with textContent or as a DOM node, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_TIP_SENTENCES = 3;

  function $(id) { return document.getElementById(id); }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function figureText(f) {
    var value = typeof f[0] === "number" ? f[0].toLocaleString("en-US") : String(f[0]);
    return f[2] + ": " + value + " " + f[1];
  }

  // tooltips (vis-network shows an element as it is, and a string as plain text)

  function nodeTip(n) {
    var box = el("div", null, "tip");
    box.appendChild(el("strong", n.kg.name));
    box.appendChild(el("div", n.kg.typeLabel + (n.kg.date ? ", " + n.kg.date : ""), "muted"));
    if (n.kg.aliases.length) box.appendChild(el("div", "Also: " + n.kg.aliases.join("; ")));
    n.kg.figures.forEach(function (f) { box.appendChild(el("div", figureText(f))); });
    if (n.kg.sources.length) box.appendChild(el("div", "Reported by " + plural(n.kg.sources.length, "source"), "muted"));
    return box;
  }

  function edgeSummary(e) {
    return e.kg.fromLabel + " \u2014 " + e.kg.label + " \u2192 " + e.kg.toLabel;
  }

  function edgeTip(e) {
    var box = el("div", null, "tip");
    box.appendChild(el("strong", edgeSummary(e)));
    box.appendChild(el("div", plural(e.kg.support, "source") + (e.kg.modality ? ", " + e.kg.modality : ""), "muted"));
    e.kg.evidence.slice(0, MAX_TIP_SENTENCES).forEach(function (ev) {
      box.appendChild(el("blockquote", ev.sentence));
    });
    if (e.kg.evidence.length > MAX_TIP_SENTENCES) {
      box.appendChild(el("div", "and " + (e.kg.evidence.length - MAX_TIP_SENTENCES) + " more: click the edge", "muted"));
    }
    return box;
  }

  // details pane

  function showDetails(parts) {
    var pane = $("details");
    while (pane.firstChild) pane.removeChild(pane.firstChild);
    parts.forEach(function (p) { pane.appendChild(p); });
  }

  function list(items) {
    var ul = el("ul");
    items.forEach(function (text) { ul.appendChild(el("li", text)); });
    return ul;
  }

  function showNode(id) {
    var n = nodes.get(id);
    var parts = [el("h3", n.kg.name), el("p", n.kg.typeLabel + (n.kg.date ? ", announced " + n.kg.date : ""), "kind")];
    if (n.kg.aliases.length) parts.push(el("p", "Also called: " + n.kg.aliases.join("; ")));
    if (n.kg.figures.length) parts.push(el("p", "Figures:"), list(n.kg.figures.map(figureText)));
    var facts = edges.get({ filter: function (e) { return e.from === id || e.to === id; } });
    if (facts.length) parts.push(el("p", "Facts:"), list(facts.map(function (e) {
      return edgeSummary(e) + " (" + plural(e.kg.support, "source") + ")";
    })));
    if (n.kg.sources.length) parts.push(el("p", "Sources:"), list(n.kg.sources));
    showDetails(parts);
  }

  function showEdge(id) {
    var e = edges.get(id);
    var parts = [el("h3", edgeSummary(e)),
      el("p", (e.kg.denied ? "Denied claim: " : "") + e.kg.relationLabel + ", " + plural(e.kg.support, "source") +
        (e.kg.modality ? " (" + e.kg.modality + ")" : ""), "kind")];
    e.kg.evidence.forEach(function (ev) {
      var quote = el("blockquote", ev.sentence);
      quote.appendChild(el("cite", ev.source));
      parts.push(quote);
    });
    if (!e.kg.evidence.length && e.kg.sources.length) parts.push(el("p", "Sources:"), list(e.kg.sources));
    showDetails(parts);
  }

  // header, legend, sources

  document.title = data.title;
  $("title").textContent = data.title;
  $("subtitle").textContent = data.subtitle;
  $("sources").querySelector("summary").textContent = plural(data.sources.length, "source") + " in the store";
  data.sources.forEach(function (title) { $("sources").querySelector("ol").appendChild(el("li", title)); });

  data.legend.types.forEach(function (t) {
    var li = el("li");
    var swatch = el("span", null, "swatch " + t.shape);
    if (t.shape === "triangle") swatch.style.borderBottomColor = t.colour;
    else swatch.style.background = t.colour;
    li.appendChild(swatch);
    li.appendChild(el("span", t.label));
    $("legend-types").appendChild(li);
  });

  var shown = {};
  var showDenied = true;

  function relationRow(label, colour, dashed, directed, onToggle) {
    var li = el("li"), box = el("input"), line = el("span", null, "line" + (dashed ? " dashed" : "") + (directed ? " directed" : ""));
    var wrap = el("label");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onToggle(box.checked); });
    line.style.borderTopColor = colour;
    line.style.borderLeftColor = colour;
    wrap.appendChild(box);
    wrap.appendChild(line);
    wrap.appendChild(el("span", label));
    li.appendChild(wrap);
    return li;
  }

  data.legend.relations.forEach(function (r) {
    shown[r.relation] = true;
    $("legend-relations").appendChild(relationRow(r.label, r.colour, r.dashed, r.directed, function (on) {
      shown[r.relation] = on;
      refresh();
    }));
  });
  if (data.legend.denied) {
    $("legend-relations").appendChild(relationRow("denied claim (\u201cnot \u2026\u201d)", data.legend.deniedColour, true, false, function (on) {
      showDenied = on;
      refresh();
    }));
  }

  // the graph

  var container = $("graph");
  var nodes = new vis.DataSet(data.nodes.map(function (n) { n.title = nodeTip(n); return n; }));
  var edges = new vis.DataSet(data.edges.map(function (e) { e.title = edgeTip(e); return e; }));
  var degree = {};

  function edgeShown(e) { return shown[e.kg.relation] !== false && (showDenied || !e.kg.denied); }

  function countDegrees() {
    degree = {};
    edges.forEach(function (e) {
      if (!edgeShown(e)) return;
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    });
  }

  // a node whose every fact is hidden is hidden too; one that never had facts shows its figures
  function nodeShown(n) { return n.kg.bare || degree[n.id] > 0; }

  countDegrees();
  var edgeView = new vis.DataView(edges, { filter: edgeShown });
  var nodeView = new vis.DataView(nodes, { filter: nodeShown });

  function refresh() {
    countDegrees();
    edgeView.refresh();
    nodeView.refresh();
  }

  if (!data.nodes.length) {
    var empty = el("p", "Nothing to show: no entity is left after the filters.");
    empty.id = "empty";
    container.appendChild(empty);
  }

  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  function ready() { document.body.setAttribute("data-ready", "1"); }
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // find by name

  var names = [];
  data.nodes.forEach(function (n) {
    [n.kg.name].concat(n.kg.aliases).forEach(function (name) { names.push([name.toLowerCase(), n.id]); });
    var option = el("option");
    option.value = n.kg.name;
    $("names").appendChild(option);
  });

  function findNode(text) {
    var key = text.trim().toLowerCase();
    if (!key) return null;
    var tests = [
      function (name) { return name === key; },
      function (name) { return name.indexOf(key) === 0; },
      function (name) { return name.indexOf(key) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      for (var j = 0; j < names.length; j++) {
        if (tests[i](names[j][0]) && nodeView.get(names[j][1])) return names[j][1];
      }
    }
    return null;
  }

  $("find").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("search").value, id = findNode(text);
    if (id === null) {
      $("find-status").textContent = "No shown entity matches \u201c" + text + "\u201d.";
      return;
    }
    $("find-status").textContent = "";
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  });

  // for tests and the curious: the page's data sets and network
  window.kg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    findNode: findNode, showNode: showNode, showEdge: showEdge };
})();
