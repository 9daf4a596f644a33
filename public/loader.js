/*
 * The page's loader: a plain script, not hashed, served no-cache (AUTHORING.md), that runs before
 * the app. After a site update a browser may still hold the old index.html or embed.html, which
 * names hashed files that no longer exist; then no app code runs at all, and the strict CSP
 * allows no inline handler to notice. This script notices (a script, style or preload of this
 * site failing to load, or Vite's `vite:preloadError` for a lazily loaded chunk), says so on the
 * page, and reloads it once (a reload revalidates the cached page; where session storage is
 * disabled, a query that bypasses the cache marks the reload instead). A second failure right
 * after that reload is shown and left alone: no reload loop.
 */
;(function () {
  'use strict'
  var FLAG = 'adnb-reload'
  var KEY = 'adnb:reloaded'
  /** A reload this recent (ms) means the current version failed too. */
  var RECENT = 60000
  var failed = false

  function session() {
    try {
      return window.sessionStorage
    } catch (_) {
      return null // storage disabled (sandboxed frame): the query flag still guards
    }
  }

  function reloadedRecently() {
    if (new URLSearchParams(location.search).has(FLAG)) return true
    var s = session()
    var at = s ? Number(s.getItem(KEY)) : 0
    return at > 0 && Date.now() - at < RECENT
  }

  function show(text, withLink) {
    var put = function () {
      var box = document.getElementById('adnb-load-error')
      if (!box) {
        box = document.createElement('div')
        box.id = 'adnb-load-error'
        box.setAttribute('role', 'alert')
        box.style.cssText =
          'margin:1rem;padding:0.75rem 1rem;border:1px solid #b45309;border-radius:6px;background:#fffbeb;color:#1f2937;font:16px/1.5 system-ui,sans-serif'
        document.body.insertBefore(box, document.body.firstChild)
      }
      box.textContent = text + ' '
      if (withLink) {
        var a = document.createElement('a')
        a.href = bustedUrl()
        a.textContent = 'Load the current version'
        box.appendChild(a)
      }
    }
    if (document.body) put()
    else document.addEventListener('DOMContentLoaded', put)
  }

  /** This page's address with a query the cache has never seen; the hash (the route) is kept. */
  function bustedUrl() {
    var url = new URL(location.href)
    url.searchParams.set(FLAG, String(Date.now()))
    return url.href
  }

  function fail(what) {
    if (failed) return
    failed = true
    if (navigator.onLine === false) {
      // A reload would only show the browser's offline page; saved work stays saved.
      show('The notebook could not load a part of itself (' + what + '): this browser seems to be offline.', true)
      return
    }
    if (reloadedRecently()) {
      show(
        'The notebook could not load its files (' +
          what +
          ') even after loading the current version of the page. The site may be in the middle of an update: try again in a minute.',
        true,
      )
      return
    }
    show(
      'This page was updated since your browser saved it (' + what + ' is gone). Loading the current version…',
      false,
    )
    var s = session()
    try {
      s.setItem(KEY, String(Date.now()))
      // A reload revalidates the page against the server, and the browser's cache then holds
      // the current page for later visits too.
      location.reload()
    } catch (_) {
      // No session storage (a sandboxed frame): the flag in a fresh address guards instead.
      location.replace(bustedUrl())
    }
  }

  /** A file of this site's build: a script, a stylesheet or a module preload. */
  function ownFile(el) {
    if (!el || !el.tagName) return null
    var tag = el.tagName.toLowerCase()
    var url = tag === 'script' ? el.src : tag === 'link' && /stylesheet|modulepreload/.test(el.rel) ? el.href : ''
    if (!url) return null
    try {
      var u = new URL(url, location.href)
      return u.origin === location.origin ? u.pathname.replace(/^.*\//, '') : null
    } catch (_) {
      return null
    }
  }

  // Load errors of elements do not bubble: listen while they travel down (capture).
  window.addEventListener(
    'error',
    function (e) {
      var file = ownFile(e.target)
      if (file) fail(file)
    },
    true,
  )

  window.addEventListener('vite:preloadError', function (e) {
    var error = e.payload
    var name = (error && error.message && /[\w.-]+\.(js|css)/.exec(error.message)) || null
    // Reloading is the answer: the chunk's own import must not fail on top of it.
    if (!reloadedRecently()) e.preventDefault()
    fail(name ? name[0] : 'a part of the app')
  })
})()
