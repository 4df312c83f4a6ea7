// transformatiecalc app: editor gutter with located messages, tabs, sortable tables, forms.
(function () {
  "use strict";
  var actief = "resultaat";

  function regels(tekst) { return tekst.split("\n").length; }

  function meldingen() {
    var el = document.getElementById("meldingen-data");
    if (!el) return [];
    try { return JSON.parse(el.textContent || "[]"); } catch (e) { return []; }
  }

  function goot() {
    var ta = document.getElementById("yaml"), g = document.getElementById("goot");
    if (!ta || !g) return;
    var fout = {};
    meldingen().forEach(function (m) { if (m.regel) { (fout[m.regel] = fout[m.regel] || []).push(m.tekst); } });
    var n = regels(ta.value), delen = [];
    for (var i = 1; i <= n; i++) {
      delen.push(fout[i] ? '<span class="foutregel" title="' + esc(fout[i].join("\n")) + '">' + i + "</span>" : String(i));
    }
    g.innerHTML = delen.join("\n") + "\n";
    g.scrollTop = ta.scrollTop;
  }

  function esc(t) {
    return t.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  function naarRegel(n) {
    var ta = document.getElementById("yaml");
    if (!ta) return;
    var delen = ta.value.split("\n"), pos = 0;
    for (var i = 0; i < n - 1 && i < delen.length; i++) pos += delen[i].length + 1;
    ta.focus();
    ta.setSelectionRange(pos, pos + (delen[n - 1] || "").length);
    var hoogte = ta.scrollHeight / Math.max(delen.length, 1);
    ta.scrollTop = Math.max(0, (n - 5) * hoogte);
    goot();
  }

  var grafiekTimer = null;

  // Charts are drawn by the server (matplotlib) and cost more than the table: they follow
  // once the typing has paused a while, so the table is never held up by them.
  function laadGrafieken() {
    clearTimeout(grafiekTimer);
    grafiekTimer = setTimeout(function () {
      document.querySelectorAll("#resultaat .paneel:not([hidden]) img[data-src]").forEach(function (img) {
        img.src = img.dataset.src;
        img.removeAttribute("data-src");
      });
      var fonds = document.querySelector('#resultaat .paneel[data-paneel="fonds"]:not([hidden]) #fonds[data-laad]');
      if (fonds && window.htmx) {
        window.htmx.ajax("GET", fonds.dataset.laad, { target: "#fonds", swap: "innerHTML" });
        fonds.removeAttribute("data-laad");
      }
    }, 1200);
  }

  function toonTab(naam) {
    actief = naam;
    document.querySelectorAll(".tabs button").forEach(function (b) { b.classList.toggle("actief", b.dataset.tab === naam); });
    document.querySelectorAll(".paneel").forEach(function (p) { p.hidden = p.dataset.paneel !== naam; });
    var knop = document.querySelector('.tabs button[data-tab="' + naam + '"]');
    if (knop && knop.dataset.laad) laadFormulier(knop.dataset.laad);
    laadGrafieken();
  }

  function laadFormulier(url) {
    if (window.htmx) window.htmx.ajax("GET", url, { target: "#formulier", swap: "innerHTML" });
  }

  // Sorting a table by a column: numbers by their value (data-s), text in Dutch order with
  // numbers in it as numbers (P9 before P10); an empty cell ("–") last both ways. The order
  // chosen is kept when the table is drawn anew (after an edit).
  var sortering = {};

  function sleutel(cel, numeriek) {
    var s = cel ? cel.dataset.s : undefined;
    if (s === undefined || s === "" || s === "-inf") return null;
    if (!numeriek) return s;
    var f = parseFloat(s);
    return isNaN(f) ? null : f;
  }

  function sorteerTabel(tabel, kol, op) {
    var th = tabel.tHead && tabel.tHead.rows[0].cells[kol];
    if (!th || !tabel.tBodies[0]) return;
    tabel.querySelectorAll("th").forEach(function (h) { delete h.dataset.richting; h.removeAttribute("aria-sort"); });
    th.dataset.richting = op ? "op" : "neer";
    th.setAttribute("aria-sort", op ? "ascending" : "descending");
    var numeriek = th.classList.contains("num");
    var body = tabel.tBodies[0], rijen = Array.prototype.slice.call(body.rows);
    rijen.sort(function (a, b) {
      var x = sleutel(a.cells[kol], numeriek), y = sleutel(b.cells[kol], numeriek);
      if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);
      var c = numeriek ? x - y : String(x).localeCompare(String(y), "nl", { numeric: true, sensitivity: "base" });
      return op ? c : -c;
    });
    rijen.forEach(function (r) { body.appendChild(r); });
    if (tabel.id) sortering[tabel.id] = { kol: kol, op: op };
  }

  function sorteer(th) {
    var kol = Array.prototype.indexOf.call(th.parentNode.children, th);
    sorteerTabel(th.closest("table"), kol, th.dataset.richting !== "op");
  }

  function herstelSortering(binnen) {
    if (!binnen || !binnen.querySelectorAll) return;
    binnen.querySelectorAll("table.sorteerbaar[id]").forEach(function (tabel) {
      var s = sortering[tabel.id];
      if (s) sorteerTabel(tabel, s.kol, s.op);
    });
  }

  document.addEventListener("keydown", function (e) {
    var th = e.target.closest && e.target.closest("table.sorteerbaar th");
    if (th && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); sorteer(th); }
  });

  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t.matches(".tabs button")) { toonTab(t.dataset.tab); return; }
    if (t.matches("#keuzes button.schuif")) { schuif(t); return; }
    var th = t.closest("table.sorteerbaar th");
    if (th) { sorteer(th); return; }
    if (t.matches("a.naar-regel")) { e.preventDefault(); naarRegel(parseInt(t.dataset.regel, 10)); }
  });

  // The comparison's order: the checked scenarios in the order of the list, which ▲ and ▼
  // change (the form sends them in that order; the first is the basis of the differences).
  function nummerKeuzes() {
    var i = 0;
    document.querySelectorAll("#keuzes li").forEach(function (li) {
      var aan = li.querySelector("input[type=checkbox]").checked;
      li.querySelector(".positie").textContent = aan ? (++i) + "e" + (i === 1 ? " (de basis)" : "") : "";
    });
  }

  function schuif(knop) {
    var li = knop.closest("li"), op = knop.dataset.richting === "op";
    var buur = op ? li.previousElementSibling : li.nextElementSibling;
    if (!buur) return;
    li.parentNode.insertBefore(li, op ? buur : buur.nextElementSibling);
    knop.focus();
    nummerKeuzes();
  }

  document.addEventListener("change", function (e) {
    if (e.target.id === "formulier-pand") laadFormulier(e.target.dataset.laad + encodeURIComponent(e.target.value));
    if (e.target.closest && e.target.closest("#keuzes")) nummerKeuzes();
  });

  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f.id !== "pandformulier") return;
    e.preventDefault();
    var fout = document.getElementById("formulier-fout");
    fout.textContent = "";
    fout.className = "fout";
    fetch(f.dataset.doel, { method: "POST", body: new FormData(f) })
      .then(function (r) {
        if ((r.headers.get("content-type") || "").indexOf("application/json") === 0) return r.json();
        return r.text().then(function (t) { return { fout: reden({ status: r.status, responseText: t }) }; });
      })
      .then(function (d) {
        if (d.fout) { fout.className = "fout"; fout.textContent = d.fout; return; }
        var ta = document.getElementById("yaml");
        if (d.tekst !== ta.value) {
          ta.value = d.tekst;
          goot();
          window.htmx.trigger(ta, "herreken");
        }
        fout.className = "goed";
        fout.textContent = "toegepast";
      })
      .catch(function () { fout.textContent = "de app is niet bereikbaar"; });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var ta = document.getElementById("yaml");
    if (ta) {
      ta.addEventListener("input", goot);
      ta.addEventListener("scroll", function () { document.getElementById("goot").scrollTop = ta.scrollTop; });
      ta.addEventListener("keydown", function (e) {
        if (e.key === "Tab") {  // two spaces, as YAML wants, instead of leaving the editor
          e.preventDefault();
          var s = ta.selectionStart;
          ta.setRangeText("  ", s, ta.selectionEnd, "end");
          ta.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      goot();
    }
    if (document.querySelector("#resultaat")) laadGrafieken();
  });

  // A request that failed (an error status, or no answer) is never silent: the reason the
  // app gave (its Dutch error page) stands above the editor, or at the top of the page. An
  // edit the app did not take stays in the editor, and Opslaan says it was not saved.
  var wijzigingNietVerwerkt = false;

  function reden(xhr) {
    if (!xhr || !xhr.status) return "de app is niet bereikbaar";
    var tekst = "";
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
      var p = doc.querySelector(".fout");
      tekst = p ? p.textContent.trim() : "";
    } catch (e) { tekst = ""; }
    return tekst || "de app antwoordde met fout " + xhr.status;
  }

  // The box for a message about a request: above the editor, or at the top of the page.
  function meldingsvak() {
    var vak = document.getElementById("conflict");
    if (!vak) {
      vak = document.getElementById("verzoekfout");
      if (!vak) {
        vak = document.createElement("p");
        vak.id = "verzoekfout";
        vak.className = "fout";
        vak.setAttribute("role", "alert");
        var main = document.querySelector("main") || document.body;
        main.insertBefore(vak, main.firstChild);
      }
    }
    vak.className = "fout";
    vak.setAttribute("role", "alert");
    return vak;
  }

  function toonVerzoekfout(e) {
    var uitEditor = e.detail.elt && e.detail.elt.id === "yaml";
    var waarom = reden(e.detail.xhr);
    var vak = meldingsvak();
    if (uitEditor) {
      wijzigingNietVerwerkt = true;
      vak.textContent = "Uw laatste wijziging is niet verwerkt: " + waarom +
        ". De tekst staat nog in de editor, maar de app heeft hem niet; er is niets opgeslagen.";
      var opslag = document.getElementById("opslag");
      if (opslag) { opslag.className = "fout"; opslag.textContent = "laatste wijziging niet verwerkt"; }
    } else {
      vak.textContent = "Het verzoek is mislukt: " + waarom + ".";
    }
  }

  // A download (YAML, JSON, workbook) is fetched first: when the app cannot make it (the
  // scenario has errors), its located Dutch reason stands above the editor and the user
  // stays where they were, instead of on a bare error page without the editor.
  function bestandsnaam(kop, reserve) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(kop || "");
    if (m) { try { return decodeURIComponent(m[1]); } catch (e) { /* the plain name below */ } }
    m = /filename="([^"]+)"/i.exec(kop || "");
    return m ? m[1] : reserve;
  }

  function download(a) {
    if (a.getAttribute("aria-busy") === "true") return;
    a.setAttribute("aria-busy", "true");
    var tekst = a.textContent;
    if (/xlsx/.test(a.href)) a.textContent = "Werkboek maken…";
    fetch(a.href, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(reden({ status: r.status, responseText: t })); });
        var naam = bestandsnaam(r.headers.get("content-disposition"), "download");
        return r.blob().then(function (b) {
          var url = URL.createObjectURL(b), l = document.createElement("a");
          l.href = url;
          l.download = naam;
          l.hidden = true;
          document.body.appendChild(l);
          l.click();
          l.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
          var vak = document.querySelector("[data-downloadmelding]");
          if (vak) { vak.textContent = ""; delete vak.dataset.downloadmelding; }
        });
      })
      .catch(function (fout) {
        var vak = meldingsvak(), waarom = fout instanceof TypeError ? "de app is niet bereikbaar" : fout.message;
        vak.textContent = "Niet gedownload: " + waarom + ".";
        vak.dataset.downloadmelding = "1";
        vak.scrollIntoView({ block: "nearest" });
      })
      .finally(function () { a.textContent = tekst; a.removeAttribute("aria-busy"); });
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-download]");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    download(a);
  });

  document.addEventListener("htmx:responseError", toonVerzoekfout);
  document.addEventListener("htmx:sendError", toonVerzoekfout);
  document.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful && e.detail.elt && e.detail.elt.id === "yaml") wijzigingNietVerwerkt = false;
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt && e.detail.elt.id === "knop-opslaan" && wijzigingNietVerwerkt) {
      e.preventDefault();
      var opslag = document.getElementById("opslag");
      if (opslag) {
        opslag.className = "fout";
        opslag.textContent = "niet opgeslagen: uw laatste wijziging kwam niet aan bij de app (zie de melding boven de editor)";
      }
    }
  });

  document.addEventListener("htmx:oobAfterSwap", function (e) {
    goot();
    herstelSortering(e.detail && e.detail.target);  // before the browser paints the new table
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    herstelSortering(e.detail && e.detail.target);  // before the browser paints the new table
    if (e.detail.target && e.detail.target.id === "detail") {
      e.detail.target.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    goot();
    herstelSortering(e.detail && e.detail.elt);
    if (document.querySelector(".tabs")) {
      document.querySelectorAll("#resultaat .paneel").forEach(function (p) { p.hidden = p.dataset.paneel !== actief; });
      if (document.querySelector("#resultaat")) laadGrafieken();
      if (["formulier", "onzeker", "gevoelig"].indexOf(actief) >= 0) {
        document.querySelectorAll(".uitkomstkolom > .paneel").forEach(function (p) { p.hidden = p.dataset.paneel !== actief; });
      }
    }
  });
})();
