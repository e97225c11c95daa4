(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var quotes = Array.prototype.slice.call(document.querySelectorAll("mark.q.first"));
  var shown = null;
  var byMouse = false; // a tooltip opened by the keyboard stays until focus moves
  function quoteOf(el) {
    return el && el.closest ? el.closest("mark.q") : null;
  }
  function show(q, mouse) {
    if (!q || !tip) return;
    shown = q;
    byMouse = !!mouse;
    tip.textContent = q.getAttribute("data-tip") || "";
    tip.hidden = false;
    var r = q.getBoundingClientRect();
    var w = document.documentElement.clientWidth;
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
    tip.style.right = Math.max(4, Math.min(w - r.right, w - 200)) + "px";
  }
  function hide() {
    shown = null;
    if (tip) tip.hidden = true;
  }
  document.addEventListener("mouseover", function (e) {
    var q = quoteOf(e.target);
    if (q) show(q, true); else if (shown && byMouse) hide();
  });
  document.addEventListener("focusin", function (e) {
    var q = quoteOf(e.target);
    if (q) show(q); else hide();
  });
  function go(step) {
    if (!quotes.length) return;
    var cur = quotes.indexOf(quoteOf(document.activeElement));
    var next = cur < 0 ? (step > 0 ? 0 : quotes.length - 1)
      : (cur + step + quotes.length) % quotes.length;
    quotes[next].focus();
    quotes[next].scrollIntoView({ block: "center" });
    show(quotes[next]);
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Escape") { hide(); return; }
    if (e.key === "n" || e.key === "j") { e.preventDefault(); go(1); }
    else if (e.key === "p" || e.key === "k") { e.preventDefault(); go(-1); }
  });
  // Following a link to a quote moves the keyboard focus there too.
  window.addEventListener("hashchange", function () {
    var id = location.hash.slice(1);
    var el = id && document.getElementById(id);
    if (el && el.matches("mark.q")) { el.focus(); show(el); }
  });
})();
