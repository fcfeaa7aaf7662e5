// marble ui: one server-sent-event stream per page; on a change the page fetches its own content once and swaps it
// in. The buttons POST to the JSON API with the page's CSRF token, each after a confirmation.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="marble-csrf"]').content;
  var main = document.getElementById("main");
  var live = document.getElementById("live");
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.pathname + location.search, { headers: { "X-Marble-Fragment": "1" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var open = Array.prototype.map.call(main.querySelectorAll("details[open] > summary"),
          function (s) { return s.textContent; });
        var next = document.createElement("div");
        next.innerHTML = html;
        var fresh = next.querySelectorAll("[data-live]");
        var stale = main.querySelectorAll("[data-live]");
        if (fresh.length === 0 || fresh.length !== stale.length) {
          main.innerHTML = html;
        } else {
          // only the live regions change: buttons, a search being typed and the action's answer stay as they are
          fresh.forEach(function (region) {
            var old = main.querySelector('[data-live="' + region.getAttribute("data-live") + '"]');
            if (old) old.replaceWith(region);
          });
        }
        main.querySelectorAll("details > summary").forEach(function (s) {
          if (open.indexOf(s.textContent) >= 0) s.parentNode.open = true;
        });
      })
      .finally(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  if (window.EventSource) {
    var source = new EventSource("/events");
    source.addEventListener("change", refresh);
    source.onopen = function () { live.className = "live on"; };
    source.onerror = function () { live.className = "live off"; };
  }

  main.addEventListener("click", function (event) {
    var button = event.target.closest("button.act");
    if (!button) return;
    var chain = button.parentNode.getAttribute("data-chain");
    if (!window.confirm(button.getAttribute("data-confirm"))) return;
    var out = document.getElementById("action-result");
    out.textContent = "…";
    fetch("/api/chains/" + encodeURIComponent(chain) + "/" + button.getAttribute("data-action"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-Marble-Csrf": csrf }
    })
      .then(function (r) { return r.json(); })
      .then(function (body) { out.textContent = body.message; refresh(); })
      .catch(function (e) { out.textContent = "failed: " + e; });
  });
})();
