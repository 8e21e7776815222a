/* Offline search over the index quietpress/site/search.py writes.

   Pages opened from file:// cannot fetch() files, so every index file is a script that hands its JSON
   to quietpressSearch.receive(kind, key, data). A query loads the manifest once, then only the term
   shards for its words, the documents of the results shown, and the list of a chosen topic, author or
   publication. Everything from the index reaches the page through textContent, never as markup. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var SNIPPET_CHARS = 240;
  var LEAD_CHARS = 90;
  var TOKEN = /[\p{L}\p{N}]+/gu;             // same as TOKEN in search.py: letters and digits
  var MIN_TOKEN = 2, MAX_TOKEN = 30;
  var FACETS = ["topic", "author", "site"];

  var container = document.getElementById("search");
  if (!container) { return; }
  var indexBase = container.getAttribute("data-index");
  var siteRoot = container.getAttribute("data-root");
  var input = document.getElementById("search-query");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var selects = {};
  FACETS.forEach(function (kind) { selects[kind] = document.getElementById("facet-" + kind); });

  /* Loading index files as scripts. */
  var loaded = {};
  var waiting = {};

  window.quietpressSearch = {
    receive: function (kind, key, data) {
      var id = kind + ":" + key;
      loaded[id] = data;
      (waiting[id] || []).forEach(function (w) { w.resolve(data); });
      delete waiting[id];
    }
  };

  function hex(text) {
    if (!text) { return "_"; }
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function fileOf(kind, key) {
    if (kind === "manifest") { return "manifest.js"; }
    if (kind === "docfacets") { return "facets.js"; }
    if (kind === "t") { return "t/" + hex(key) + ".js"; }
    return kind + "/" + key + ".js";
  }

  function load(kind, key) {
    var id = kind + ":" + key;
    if (Object.prototype.hasOwnProperty.call(loaded, id)) { return Promise.resolve(loaded[id]); }
    return new Promise(function (resolve, reject) {
      if (waiting[id]) { waiting[id].push({ resolve: resolve, reject: reject }); return; }
      waiting[id] = [{ resolve: resolve, reject: reject }];
      var script = document.createElement("script");
      script.src = indexBase + fileOf(kind, key);
      script.async = true;
      script.onload = function () { script.remove(); };
      script.onerror = function () {
        script.remove();
        (waiting[id] || []).forEach(function (w) { w.reject(new Error(script.src)); });
        delete waiting[id];
      };
      document.head.appendChild(script);
    });
  }

  /* One document: its file holds manifest.docsPerFile consecutive ids (DOCS_PER_FILE in search.py). */
  function loadDoc(id) {
    return manifest().then(function (m) {
      return load("d", String(Math.floor(id / m.docsPerFile)));
    }).then(function (documents) { return documents[String(id)]; });
  }

  /* Text: the same normalisation and tokens as the Python side. */
  function normalise(text) {
    // Soft hyphens, zero-width spaces, word joiners and byte-order marks sit inside words.
    return text.replace(/[\u00ad\u200b\u2060\ufeff]/g, "").normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  function tokenize(text) {
    return (normalise(text).match(TOKEN) || []).filter(function (t) {
      return t.length >= MIN_TOKEN && t.length <= MAX_TOKEN;
    });
  }

  // Exposed so the tests can check it against tokenize() in search.py.
  window.quietpressSearch.tokenize = tokenize;

  /* A copy of the text, normalised character by character so that offsets still match the original. */
  function alignedNormal(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      var n = normalise(c);
      out += n.length === 1 ? n : c;
    }
    return out;
  }

  /* Query terms: every word exact, the last one also as a prefix while it is being typed. */
  function parseQuery(query) {
    var words = tokenize(query);
    var typing = query.length > 0 && /[\p{L}\p{N}]$/u.test(query);
    var seen = {};
    var terms = [];
    words.forEach(function (word, i) {
      if (seen[word]) { return; }
      seen[word] = true;
      terms.push({ word: word, prefix: typing && i === words.length - 1 && word.length >= 3 });
    });
    return terms;
  }

  function shardKeysFor(term, manifest) {
    var keys = [];
    for (var n = term.word.length; n >= 0; n--) {
      var candidate = term.word.slice(0, n);
      if (manifest.shardSet[candidate]) { keys.push(candidate); break; }
    }
    if (term.prefix) {
      manifest.shards.forEach(function (key) {
        if (key.length > term.word.length && key.indexOf(term.word) === 0) { keys.push(key); }
      });
    }
    return keys;
  }

  /* BM25 of each posting of one term: [doc delta, weighted frequency, ...] from the shard; the
     number of documents, their lengths and the constants from the manifest (search.py). */
  function decodePostings(flat, m, into) {
    var k1 = m.bm25[0], b = m.bm25[1];
    var holding = flat.length / 2;
    var idf = Math.log(1 + (m.docs - holding + 0.5) / (holding + 0.5));
    var average = m.averageLength || 1;
    var doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      var tf = flat[i + 1];
      var score = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * (m.lengths[doc] || 0) / average));
      if (!(into.get(doc) >= score)) { into.set(doc, score); }
    }
  }

  function decodeIds(deltas) {
    var ids = new Set();
    var doc = 0;
    deltas.forEach(function (d) { doc += d; ids.add(doc); });
    return ids;
  }

  /* term -> Map(doc -> score), over the shards of the term (and of its completions when a prefix). */
  function matchTerm(term, manifest) {
    var keys = shardKeysFor(term, manifest);
    return Promise.all(keys.map(function (k) { return load("t", k); })).then(function (shards) {
      var scores = new Map();
      shards.forEach(function (shard) {
        if (term.prefix) {
          Object.keys(shard).forEach(function (word) {
            if (word.indexOf(term.word) === 0) { decodePostings(shard[word], manifest, scores); }
          });
        } else if (Object.prototype.hasOwnProperty.call(shard, term.word)) {
          decodePostings(shard[term.word], manifest, scores);
        }
      });
      return scores;
    });
  }

  function chosenKinds() {
    return FACETS.filter(function (kind) { return selects[kind] && selects[kind].value !== ""; });
  }

  function chosenFacets() {
    return chosenKinds().map(function (kind) { return kind + "-" + selects[kind].value; });
  }

  /* The search's result ids, best first, and what they were narrowed from: `matched`, the documents
     holding every term (null: no terms, every document), and `chosen`, the documents of each chosen
     topic, author or publication by kind. Scores add up over the terms; ties go to the higher id
     (ids are given oldest first and kept between builds, so that is mostly the newer article). */
  function rank(terms, manifest) {
    var kinds = chosenKinds();
    var facetLists = Promise.all(chosenFacets().map(function (key) { return load("f", key).then(decodeIds); }));
    var termScores = Promise.all(terms.map(function (t) { return matchTerm(t, manifest); }));
    return Promise.all([termScores, facetLists]).then(function (parts) {
      var perTerm = parts[0], facets = parts[1];
      var chosen = {};
      kinds.forEach(function (kind, n) { chosen[kind] = facets[n]; });
      var allowed = function (doc) { return facets.every(function (set) { return set.has(doc); }); };
      if (perTerm.length === 0) {
        var ids = facets.length ? Array.from(facets[0]).filter(allowed) : [];
        return { ids: ids.sort(function (a, b) { return b - a; }), matched: null, chosen: chosen };
      }
      perTerm.sort(function (a, b) { return a.size - b.size; });
      var results = [];
      var matched = [];
      perTerm[0].forEach(function (score, doc) {
        var total = score;
        for (var i = 1; i < perTerm.length; i++) {
          var s = perTerm[i].get(doc);
          if (s === undefined) { return; }
          total += s;
        }
        matched.push(doc);
        if (allowed(doc)) { results.push([total, doc]); }
      });
      results.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; });
      return { ids: results.map(function (r) { return r[1]; }), matched: matched, chosen: chosen };
    });
  }

  /* Facet counts for the search, not for the archive: each topic, author and publication counts the
     documents that hold the query's terms and match the choices of the other two menus (its own
     choice aside, so another value of the same menu shows what choosing it would give). */
  function facetCounts(ranked, manifest) {
    var noChoice = Object.keys(ranked.chosen).length === 0;
    if (ranked.matched === null && noChoice) { return Promise.resolve(null); }
    return load("docfacets", "").then(function (perDoc) {
      var counts = {};
      FACETS.forEach(function (kind) {
        var others = FACETS.filter(function (k) { return k !== kind && ranked.chosen[k]; })
          .map(function (k) { return ranked.chosen[k]; });
        var base = ranked.matched;
        if (base === null) {
          if (others.length === 0) { counts[kind] = null; return; }  // the whole archive: the manifest's
          base = Array.from(others[0]);
        }
        var tally = {};
        var values = perDoc[kind] || [];
        base.forEach(function (doc) {
          if (!others.every(function (set) { return set.has(doc); })) { return; }
          var value = values[doc];
          (typeof value === "number" ? [value] : value || []).forEach(function (v) {
            if (v >= 0) { tally[v] = (tally[v] || 0) + 1; }
          });
        });
        counts[kind] = tally;
      });
      return counts;
    });
  }

  /* Each menu's options with their counts for this search; a value the search cannot give is disabled. */
  function showCounts(counts, manifest) {
    FACETS.forEach(function (kind) {
      var select = selects[kind];
      if (!select) { return; }
      var tally = counts && counts[kind];
      var entries = manifest.facets[kind] || [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value === "") { return; }
        var n = Number(option.value);
        var count = tally ? (tally[n] || 0) : entries[n][1];
        option.textContent = entries[n][0] + " (" + count + ")";
        option.disabled = count === 0 && !option.selected;
      });
    });
  }

  /* Where the words of the query occur in a text: [[start, end], ...] in order, not overlapping. */
  function matches(text, terms) {
    var normal = alignedNormal(text);
    var found = [];
    terms.forEach(function (term, which) {
      var from = 0, at;
      while ((at = normal.indexOf(term.word, from)) !== -1) {
        var end = at + term.word.length;
        var startsWord = at === 0 || !/[\p{L}\p{N}]/u.test(normal[at - 1]);
        var endsWord = term.prefix || end >= normal.length || !/[\p{L}\p{N}]/u.test(normal[end]);
        if (startsWord && endsWord) {
          // A word being typed marks the whole word it begins ("flood" marks "floods").
          while (term.prefix && end < normal.length && /[\p{L}\p{N}]/u.test(normal[end])) { end++; }
          found.push([at, end, which]);
        }
        from = at + 1;
      }
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    return found.filter(function (m, i) { return i === 0 || m[0] >= found[i - 1][1]; });
  }

  /* Append text[start:end] to the element, the matches inside it wrapped in <mark>. */
  function appendHighlighted(element, text, start, end, found) {
    var at = start;
    found.forEach(function (m) {
      if (m[0] < start || m[1] > end) { return; }
      if (m[0] > at) { element.appendChild(document.createTextNode(text.slice(at, m[0]))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      element.appendChild(mark);
      at = m[1];
    });
    if (at < end) { element.appendChild(document.createTextNode(text.slice(at, end))); }
  }

  /* Where the snippet's first match should be: the earliest place where the most different query
     words fall within one snippet ("minister ... said" together beats "minister" alone). */
  function bestWindow(found) {
    var best = found[0][0], bestCount = 0;
    var limit = Math.min(found.length, 200);
    for (var i = 0; i < limit; i++) {
      var words = {};
      var count = 0;
      for (var j = i; j < found.length && found[j][1] <= found[i][0] + SNIPPET_CHARS - LEAD_CHARS; j++) {
        if (!words[found[j][2]]) { words[found[j][2]] = true; count++; }
      }
      if (count > bestCount) { best = found[i][0]; bestCount = count; }
    }
    return best;
  }

  /* Where a snippet showing the match at `first` begins: the text's own beginning when the match
     fits in a snippet from there; else the start of the sentence holding the match, when it begins
     within LEAD_CHARS of it; else the first word after that, never a dash, a comma or half a
     dateline ("… — Four years after" was the start of "WASHINGTON — Four years after"). */
  function snippetStart(text, first) {
    if (first <= SNIPPET_CHARS - LEAD_CHARS) { return 0; }
    var from = first - LEAD_CHARS;
    var lead = text.slice(from, first);
    var sentence = /[.!?…]["'”’»)\]]*\s+(?=["'“‘«(\[]?[\p{Lu}\p{N}])/gu;
    var cut = -1, m;
    while ((m = sentence.exec(lead)) !== null) { cut = m.index + m[0].length; }
    if (cut !== -1) { return from + cut; }
    var word = /\s["'“‘«(\[]?[\p{L}\p{N}]/u.exec(lead);
    return word ? from + word.index + 1 : from;
  }

  function snippet(text, terms) {
    var p = document.createElement("p");
    p.className = "snippet";
    var found = matches(text, terms);
    var start = found.length ? snippetStart(text, bestWindow(found)) : 0;
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    }
    if (start > 0) { p.appendChild(document.createTextNode("… ")); }
    appendHighlighted(p, text, start, end, found);
    if (end < text.length) { p.appendChild(document.createTextNode(" …")); }
    return p;
  }

  function resultItem(doc, terms) {
    var li = document.createElement("li");
    li.className = "article-item";
    var heading = document.createElement("h2");
    heading.className = "article-item-title";
    var link = document.createElement("a");
    link.href = siteRoot + doc.u;
    appendHighlighted(link, doc.t, 0, doc.t.length, matches(doc.t, terms));
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "meta";
    var date = document.createElement(doc.i ? "time" : "span");
    if (doc.i) { date.setAttribute("datetime", doc.i); } else { date.className = "undated"; }
    date.textContent = doc.d;
    meta.appendChild(date);
    [doc.s, doc.c, (doc.a || []).join(", ")].forEach(function (part) {
      if (part) { meta.appendChild(document.createTextNode(" · " + part)); }
    });
    li.appendChild(meta);
    li.appendChild(snippet(doc.x || "", terms));
    return li;
  }

  /* One search run; a newer run makes older ones stop before they touch the page. */
  var run = 0;
  var current = { ids: [], shown: 0, terms: [] };
  var manifestPromise = null;

  function manifest() {
    if (!manifestPromise) {
      manifestPromise = load("manifest", "").then(function (m) {
        m.shardSet = {};
        m.shards.forEach(function (k) { m.shardSet[k] = true; });
        return m;
      });
    }
    return manifestPromise;
  }

  function say(text) { statusLine.textContent = text; }

  function showMore(mine) {
    var ids = current.ids.slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(ids.map(loadDoc)).then(function (docs) {
      if (mine !== run) { return; }
      docs.forEach(function (doc) { list.appendChild(resultItem(doc, current.terms)); });
      current.shown += docs.length;
      more.hidden = current.shown >= current.ids.length;
    });
  }

  function describe(count, query) {
    var what = count === 1 ? "1 article" : count + " articles";
    var narrowed = chosenFacets().length ? " (narrowed)" : "";
    return query ? what + " found for “" + query + "”" + narrowed : what + narrowed;
  }

  function search() {
    var mine = ++run;
    var started = performance.now();
    var query = input.value.trim();
    var terms = parseQuery(input.value);
    rememberInAddress(query);
    container.setAttribute("data-state", "searching");
    if (terms.length === 0 && chosenFacets().length === 0) {
      list.textContent = "";
      more.hidden = true;
      manifest().then(function (m) {
        if (mine === run) { showCounts(null, m); container.setAttribute("data-facets", "counted"); }
      });
      say(query ? "Type at least two letters." : "Type words to find, or choose a topic, author or publication.");
      container.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    var m;
    container.setAttribute("data-facets", "counting");
    return manifest().then(function (loadedManifest) {
      m = loadedManifest;
      return rank(terms, m);
    }).then(function (ranked) {
      if (mine !== run) { return null; }
      var ids = ranked.ids;
      current = { ids: ids, shown: 0, terms: terms };
      list.textContent = "";
      return showMore(mine).then(function () {
        if (mine !== run) { return null; }
        say(ids.length ? describe(ids.length, query) : "Nothing found for “" + query + "”" +
          (chosenFacets().length ? " with these choices." : "."));
        // For tests and scripts/bench_search.py: how long this run took, and for which query.
        container.setAttribute("data-elapsed", (performance.now() - started).toFixed(1));
        container.setAttribute("data-query", input.value);
        container.setAttribute("data-state", "done");
        // The menus' counts follow the results rather than hold them up (their file is loaded with
        // the first query's results, about 90 kB for 10,000 articles).
        return facetCounts(ranked, m).then(function (counts) {
          if (mine !== run) { return; }
          showCounts(counts, m);
          container.setAttribute("data-facets", "counted");
        }, function () {
          // Without the file the menus keep the archive's counts; the results stand.
          if (mine === run) { container.setAttribute("data-facets", "failed"); }
        });
      });
    }).catch(function (error) {
      if (mine !== run) { return; }
      say("The search index could not be loaded (" + error.message + "). Rebuild the archive with make html.");
      container.setAttribute("data-state", "error");
    });
  }

  /* The query and choices live in the address (search.html?q=...) so results can be linked to. */
  function rememberInAddress(query) {
    try {
      var params = new URLSearchParams();
      if (query) { params.set("q", query); }
      FACETS.forEach(function (kind) {
        var select = selects[kind];
        if (select && select.value !== "") { params.set(kind, select.options[select.selectedIndex].getAttribute("data-name")); }
      });
      var text = params.toString();
      window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
    } catch (e) { /* some browsers refuse on file://: the search works the same */ }
  }

  function fillFacets(m) {
    var params = new URLSearchParams(window.location.search);
    FACETS.forEach(function (kind) {
      var select = selects[kind];
      if (!select) { return; }
      (m.facets[kind] || []).forEach(function (entry, n) {
        var option = document.createElement("option");
        option.value = String(n);
        option.setAttribute("data-name", entry[0]);
        option.textContent = entry[0] + " (" + entry[1] + ")";
        if (params.get(kind) === entry[0]) { option.selected = true; }
        select.appendChild(option);
      });
      select.addEventListener("change", search);
    });
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) { if (event.key === "Enter") { search(); } });
  more.addEventListener("click", function () { showMore(run); });

  say("Loading the index…");
  manifest().then(function (m) {
    fillFacets(m);
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; }
    if (input.value || chosenFacets().length) { return search(); }
    say("Search " + (m.docs === 1 ? "1 article" : m.docs + " articles") + ": type words to find, or choose a topic, author or publication.");
    container.setAttribute("data-state", "ready");
    return null;
  }).catch(function (error) {
    say("The search index could not be loaded (" + error.message + "). Rebuild the archive with make html.");
    container.setAttribute("data-state", "error");
  });
}());
