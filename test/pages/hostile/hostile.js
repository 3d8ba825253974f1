// Instrumentation every hostile page loads first, at the top of <head>. It records what the page says before
// Portolan's content script runs (document_idle comes after readyState "interactive"), keeps the page's own
// counters running, and watches long tasks and wrappers for the tests and the page benchmark.
(function () {
  if (window.__hostile) return;
  var h = (window.__hostile = {
    ticks: 0,
    frames: 0,
    longTasks: [],
    errors: [],
    wrappersAdded: 0,
    firstWrapperAt: 0,
    lastWrapperAt: 0,
    domContentLoadedAt: 0,
    roots: [],
    text: null,
    html: null,
    shadows: null,
    recordedAt: 0,
    /** Shadow roots (open or closed) the page owns and wants checked; it keeps the only reference to closed ones. */
    addRoot: function (name, root) {
      h.roots.push({ name: name, root: root });
    },
    /**
     * What the page says now: tests compare against it, so pages call it whenever they change their own content.
     * A page that changes itself after Portolan started records its own markup as it would be without wrappers.
     */
    record: function () {
      h.text = document.body.textContent;
      h.html = ownMarkup(document.body);
      h.shadows = h.roots.map(function (r) {
        return { name: r.name, text: r.root.textContent, html: ownMarkup(r.root) };
      });
      h.recordedAt = performance.now();
    },
  });
  function ownMarkup(root) {
    if (!root.querySelector('portolan-port')) return root.innerHTML;
    var copy = document.createElement('div');
    root.childNodes.forEach(function (node) {
      copy.appendChild(node.cloneNode(true));
    });
    copy.querySelectorAll('portolan-port').forEach(function (wrapper) {
      wrapper.replaceWith(document.createTextNode(wrapper.textContent));
    });
    return copy.innerHTML;
  }
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        h.longTasks.push({ start: e.startTime, duration: e.duration });
      });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    h.longTasksUnsupported = true;
  }
  setInterval(function () {
    h.ticks++;
  }, 20);
  function frame() {
    h.frames++;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  window.addEventListener('error', function (e) {
    h.errors.push(String(e.message));
  });
  function isWrapper(node) {
    return node.nodeType === 1 && node.localName === 'portolan-port';
  }
  new MutationObserver(function (records) {
    var added = 0;
    for (var i = 0; i < records.length; i++) {
      var nodes = records[i].addedNodes;
      for (var j = 0; j < nodes.length; j++) if (isWrapper(nodes[j])) added++;
    }
    if (added) {
      var now = performance.now();
      if (!h.firstWrapperAt) h.firstWrapperAt = now;
      h.lastWrapperAt = now;
      h.wrappersAdded += added;
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', function () {
    h.domContentLoadedAt = performance.now();
  });
  document.addEventListener('readystatechange', function () {
    if (document.readyState === 'interactive' && !document.documentElement.hasAttribute('data-manual-record')) h.record();
  });
})();
