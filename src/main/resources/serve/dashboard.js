// hypertrader serve: the dashboard's only script (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';
  // Forms marked data-confirm (stop, stop and flatten, the emergency stop) ask first; the answer
  // goes with the form, and without this script the server asks on a page of its own instead.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form.getAttribute('data-confirm');
    if (!question) {
      return;
    }
    if (!window.confirm(question)) {
      e.preventDefault();
      return;
    }
    var field = form.querySelector('input[name="confirmed"]');
    if (field) {
      field.value = 'yes';
    }
  });

  // The part of the page marked #live is fetched again every data-refresh-ms and swapped in,
  // so figures move without a reload (the forms outside it keep what is typed in them).
  var live = document.getElementById('live');
  if (!live || !live.getAttribute('data-refresh-ms')) {
    return;
  }
  var every = parseInt(live.getAttribute('data-refresh-ms'), 10);
  var refreshes = 0;
  function refresh() {
    fetch(window.location.pathname, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
          if (fresh) {
            live.replaceWith(fresh);
            live = fresh;
            refreshes++;
            document.body.setAttribute('data-refreshes', String(refreshes));
          }
        }
      })
      .catch(function () { /* the server went away; the next tick tries again */ })
      .then(function () { window.setTimeout(refresh, every); });
  }
  window.setTimeout(refresh, every);
}());
