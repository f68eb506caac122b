// The timeline page's behaviour: details of an event on hover or keyboard focus (Enter or
// Space keeps them open, Escape closes them), lane switches (click, Enter or Space), and
// nothing else. Text from the news is only ever set as text, never as HTML.
(function () {
  'use strict';
  var svg = document.getElementById('timeline');
  var chart = document.getElementById('chart');
  var tip = document.getElementById('tip');
  var data = JSON.parse(document.getElementById('newsline-events').textContent);
  var details = {};
  data.events.forEach(function (e) { details[e.event] = e; });
  var shown = null;   // the element whose event's details are shown
  var pinned = false; // kept open by a click, Enter or Space
  var hideTimer = 0;

  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function fill(e) {
    var meta = node('div', 'tip-meta');
    meta.append(node('span', 'tip-date', e.date), ' · ', node('span', 'tip-topic', e.topic),
      ' · ', node('span', 'tip-confidence', 'độ tin cậy ' + Math.round(e.confidence * 100) + '%'));
    if (e.role) meta.append(' · ', node('span', 'tip-role', e.role));
    var sources = node('div', 'tip-sources', 'Nguồn: ');
    e.sources.forEach(function (s, i) {
      if (i > 0) sources.append('; ');
      if (s.url) {
        var a = node('a', null, s.name);
        a.href = s.url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        sources.append(a);
      } else {
        sources.append(s.name);
      }
      if (s.published) sources.append(' (' + s.published + ')');
    });
    tip.replaceChildren(meta, node('div', 'tip-headline', e.headline), node('p', 'tip-text', e.text), sources);
  }

  // Where the details go: under the event if they fit on the screen, else beside it (its own
  // label, which hangs above it, stays in sight), else above it.
  function place(anchor) {
    var box = chart.getBoundingClientRect();
    var r = anchor.getBoundingClientRect();
    tip.style.left = '0px';
    tip.style.top = '0px';
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight, gap = 10;
    var left, top;
    if (r.bottom + gap + h <= window.innerHeight) {
      left = r.left + r.width / 2 - w / 2;
      top = r.bottom + gap;
    } else if (r.left - gap - w >= box.left + 4 || r.right + gap + w <= box.right - 4) {
      left = r.left - gap - w >= box.left + 4 ? r.left - gap - w : r.right + gap;
      top = r.bottom - h;
    } else {
      left = r.left + r.width / 2 - w / 2;
      top = r.top - gap - h;
    }
    left = Math.max(box.left + 4, Math.min(left, box.right - w - 4));
    tip.style.left = (left - box.left) + 'px';
    tip.style.top = Math.max(4, top - box.top) + 'px';
  }

  function mark(active) {
    if (!shown) return;
    var id = shown.getAttribute('data-event');
    document.querySelectorAll('[data-event="' + id + '"]').forEach(function (el) {
      el.classList.toggle('active', active);
    });
  }

  function show(el) {
    var e = details[el.getAttribute('data-event')];
    if (!e) return;
    clearTimeout(hideTimer);
    mark(false);
    shown = el;
    mark(true);
    fill(e);
    place(el);
  }

  function hide() {
    clearTimeout(hideTimer);
    mark(false);
    shown = null;
    pinned = false;
    tip.hidden = true;
  }

  function hideSoon() {
    if (pinned) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function eventOf(target) {
    var el = target.closest ? target.closest('.marker, .label') : null;
    return el && svg.contains(el) ? el : null;
  }

  svg.addEventListener('pointerover', function (ev) {
    var el = eventOf(ev.target);
    if (el && !pinned) show(el);
  });
  svg.addEventListener('pointerout', function (ev) {
    if (eventOf(ev.target) && !eventOf(ev.relatedTarget || svg)) hideSoon();
  });
  tip.addEventListener('pointerenter', function () { clearTimeout(hideTimer); });
  tip.addEventListener('pointerleave', hideSoon);
  svg.addEventListener('focusin', function (ev) {
    var el = eventOf(ev.target);
    if (el) {
      pinned = false;
      show(el);
    }
  });
  svg.addEventListener('focusout', function (ev) {
    if (eventOf(ev.target) && !pinned && !tip.contains(ev.relatedTarget)) hide();
  });

  function toggle(el) {
    var again = pinned && shown && shown.getAttribute('data-event') === el.getAttribute('data-event');
    show(el);
    pinned = !again;
    if (again) hide();
  }

  function switchLane(k) {
    var off = !svg.querySelector('.lane-switch[data-lane="' + k + '"].lane-off');
    document.querySelectorAll('[data-event][data-lane="' + k + '"]').forEach(function (el) {
      el.classList.toggle('off', off);
    });
    svg.querySelectorAll('.lane-switch[data-lane="' + k + '"]').forEach(function (el) {
      el.classList.toggle('lane-off', off);
      el.setAttribute('aria-pressed', String(!off));
    });
    if (off && shown && shown.getAttribute('data-lane') === String(k)) hide();
  }

  function activate(ev) {
    var lane = ev.target.closest ? ev.target.closest('.lane-switch') : null;
    if (lane) {
      switchLane(lane.getAttribute('data-lane'));
      return true;
    }
    var el = eventOf(ev.target);
    if (el) {
      toggle(el);
      return true;
    }
    return false;
  }

  svg.addEventListener('click', function (ev) {
    if (!activate(ev) && pinned) hide();
  });
  svg.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' || ev.key === ' ') {
      if (activate(ev)) ev.preventDefault();
    } else if (ev.key === 'Escape' && shown) {
      var back = shown;
      hide();
      if (back.classList.contains('marker')) back.focus();
    }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && shown && !svg.contains(ev.target)) hide();
  });
  document.addEventListener('click', function (ev) {
    if (pinned && !svg.contains(ev.target) && !tip.contains(ev.target)) hide();
  });

  // A link to one event (page.html#event-12, which is no element's id, so the page does not
  // scroll) opens with that event's details kept open.
  function fromHash() {
    var m = /^#event-(\d+)$/.exec(location.hash);
    var el = m ? document.getElementById('marker-' + m[1]) : null;
    if (el) {
      show(el);
      pinned = true;
    }
  }
  window.addEventListener('hashchange', fromHash);
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(fromHash);
  } else {
    fromHash();
  }
})();
