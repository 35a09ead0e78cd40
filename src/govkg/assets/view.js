/* govkg view: every string from the data is shown with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("govkg-data").textContent);
  var kinds = {};
  data.legend.forEach(function (k) { kinds[k.key] = k; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  var state = { settled: false, settledMs: null, hiddenKinds: {} };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function kindTag(key) {
    var kind = kinds[key];
    var tag = el("span", "kind", kind ? kind.label : key);
    if (kind) { tag.style.background = kind.color; }
    return tag;
  }

  function quoteBlock(quote) {
    var block = el("blockquote", "quote");
    block.appendChild(el("span", "exact", "\u201c" + quote.exact + "\u201d"));
    var where = quote.report || "report";
    if (quote.start !== null && quote.end !== null) { where += ", characters " + quote.start + "\u2013" + quote.end; }
    block.appendChild(el("cite", null, where));
    return block;
  }

  function factBlock(fact) {
    var box = el("div", "fact");
    box.appendChild(el("p", "fact-text", fact.text));
    if (fact.inferred) { box.appendChild(el("p", "inferred", "Inferred, not stated in words: " + fact.inferred)); }
    fact.quotes.forEach(function (q) { box.appendChild(quoteBlock(data.quotes[q])); });
    if (!fact.quotes.length) { box.appendChild(el("p", "help", "(no quote: a note by the curator)")); }
    return box;
  }

  function nodeLink(id) {
    var info = data.info[id];
    var button = el("button", "link", info ? info.label : id);
    button.type = "button";
    button.addEventListener("click", function () { select(id); });
    return button;
  }

  function showNode(id) {
    var info = data.info[id];
    var panel = document.getElementById("info");
    clear(panel);
    if (!info) { return; }
    panel.appendChild(el("h2", null, "Details"));
    panel.appendChild(kindTag(info.kind));
    panel.appendChild(el("h3", "label", info.label));
    panel.appendChild(el("div", "iri", info.iri));
    info.facts.forEach(function (f) { panel.appendChild(factBlock(f)); });
    var links = network.getConnectedEdges(id);
    if (links.length) {
      panel.appendChild(el("h2", null, "Links (" + links.length + ")"));
      links.slice().sort().forEach(function (edgeId) {
        var e = data.edgeInfo[edgeId];
        if (!e) { return; }
        var row = el("div", "fact");
        var line = el("p");
        if (e.from === id) {
          line.appendChild(document.createTextNode(e.label + " \u2192 "));
          line.appendChild(nodeLink(e.to));
        } else {
          line.appendChild(nodeLink(e.from));
          line.appendChild(document.createTextNode(" \u2192 " + e.label));
        }
        row.appendChild(line);
        e.facts.forEach(function (f) {
          if (f.inferred) { row.appendChild(el("p", "inferred", "Inferred, not stated in words: " + f.inferred)); }
          f.quotes.forEach(function (q) { row.appendChild(quoteBlock(data.quotes[q])); });
        });
        panel.appendChild(row);
      });
    }
  }

  function showEdge(id) {
    var e = data.edgeInfo[id];
    var panel = document.getElementById("info");
    clear(panel);
    if (!e) { return; }
    panel.appendChild(el("h2", null, "Details"));
    panel.appendChild(el("span", "kind", "relation")).style.background = "#666";
    var head = el("h3", "label");
    head.appendChild(nodeLink(e.from));
    head.appendChild(document.createTextNode(" \u2014 " + e.label + " \u2192 "));
    head.appendChild(nodeLink(e.to));
    panel.appendChild(head);
    panel.appendChild(el("div", "iri", e.relation));
    e.facts.forEach(function (f) { panel.appendChild(factBlock(f)); });
  }

  function select(id) {
    var item = nodes.get(id);
    if (!item) { return; }
    if (item.hidden) { setKindHidden(item.kind, false); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.1, animation: false });
    showNode(id);
  }

  function search(text) {
    var wanted = String(text).trim().toLowerCase();
    if (!wanted) { return []; }
    return Object.keys(data.info).filter(function (id) {
      return data.info[id].label.toLowerCase().indexOf(wanted) >= 0 || id.toLowerCase().indexOf(wanted) >= 0;
    }).sort(function (a, b) {
      var la = data.info[a].label.toLowerCase(), lb = data.info[b].label.toLowerCase();
      var sa = la.indexOf(wanted) === 0 ? 0 : 1, sb = lb.indexOf(wanted) === 0 ? 0 : 1;
      return sa - sb || (la < lb ? -1 : la > lb ? 1 : 0);
    });
  }

  function showResults(text) {
    var box = document.getElementById("results");
    clear(box);
    var found = search(text);
    if (!String(text).trim()) { box.hidden = true; return found; }
    box.hidden = false;
    box.appendChild(el("h2", null, found.length ? "Found " + found.length : "Nothing found for \u201c" + text + "\u201d"));
    var list = el("ul");
    found.slice(0, 25).forEach(function (id) {
      var li = el("li");
      li.appendChild(kindTag(data.info[id].kind));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(nodeLink(id));
      list.appendChild(li);
    });
    box.appendChild(list);
    return found;
  }

  function setKindHidden(key, hidden) {
    state.hiddenKinds[key] = hidden;
    var box = document.querySelector('#legend-list input[data-kind="' + key + '"]');
    if (box) { box.checked = !hidden; }
    nodes.update(nodes.get({ filter: function (n) { return n.kind === key; } }).map(function (n) {
      return { id: n.id, hidden: hidden };
    }));
  }

  var legend = document.getElementById("legend-list");
  data.legend.forEach(function (k) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-kind", k.key);
    box.addEventListener("change", function () { setKindHidden(k.key, !box.checked); });
    var swatch = el("span", "swatch " + k.shape);
    swatch.style.background = k.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, k.label));
    label.appendChild(el("span", "count", "(" + k.count + ")"));
    li.appendChild(label);
    legend.appendChild(li);
  });

  var omitted = Object.keys(data.omitted);
  if (omitted.length) {
    var banner = document.getElementById("banner");
    banner.hidden = false;
    banner.textContent = "Showing the " + data.nodes.length + " most connected of " + data.totalNodes +
      " nodes. Left out: " + omitted.map(function (k) { return data.omitted[k] + " " + (kinds[k] ? kinds[k].label : k); }).join(", ") + ".";
  }

  var input = document.getElementById("search");
  input.addEventListener("input", function () { showResults(input.value); });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var found = showResults(input.value);
    if (found.length) { select(found[0]); }
  });

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  function settle() {
    if (state.settled) { return; }
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    state.settled = true;
    state.settledMs = Math.round(performance.now());
    document.body.setAttribute("data-settled", "true");
  }
  network.on("stabilizationIterationsDone", settle);
  network.on("stabilized", settle);
  if (!data.nodes.length) { settle(); }
  // A large view comes laid out, without physics: it is settled once it is drawn.
  else if (data.options.physics.enabled === false) { network.once("afterDrawing", settle); }

  window.govkgView = {
    network: network, nodes: nodes, edges: edges, state: state,
    nodeCount: function () { return nodes.length; },
    edgeCount: function () { return edges.length; },
    search: search, showResults: showResults, select: select, showNode: showNode, showEdge: showEdge,
    setKindHidden: setKindHidden
  };
})();
