// Opens newsline's HTML timeline from file:// in headless Chromium, uses it as a reader would
// (pointer, keyboard, lane switches, find in page) and prints what it saw as one JSON object
// on standard output; tests/browser.rs checks it. Usage:
//   node page.mjs PAGE.html CHART.png
// CHART.png gets a screenshot of the picture (the <svg>) as first shown.
import { pathToFileURL } from 'node:url';
import { openBrowser, blockNetwork } from './chromium.mjs';

const [page_path, shot_path] = process.argv.slice(2);
const browser = await openBrowser({ width: 1700, height: 1000 });
const facts = { dialogs: [], errors: [] };
try {
  const { context } = browser;
  facts.blocked = await blockNetwork(context, (url) => url.startsWith('file:') || url.startsWith('data:'));
  const page = await context.newPage();
  page.on('dialog', (d) => { facts.dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => facts.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') facts.errors.push(m.text()); });
  await page.goto(pathToFileURL(page_path).href);
  await page.evaluate(() => document.fonts.ready);

  // What is in the DOM: markers, labels, rows, scripts, the embedded font.
  Object.assign(facts, await page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
    const marker = [...document.querySelectorAll('#timeline .marker')].map((el) => ({
      event: +el.dataset.event, lane: +el.dataset.lane, id: el.id, box: box(el),
      focusable: el.tabIndex === 0, name: el.getAttribute('aria-label'),
    }));
    const label = [...document.querySelectorAll('#timeline .label')].map((el) => {
      const rect = el.querySelector('rect').getBBox();
      const texts = [...el.querySelectorAll('text')];
      const right = Math.max(...texts.map((t) => t.getBBox().x + t.getComputedTextLength()));
      return { event: +el.dataset.event, lane: +el.dataset.lane, text: texts.map((t) => t.textContent).join(' '),
        box_right: rect.x + rect.width, text_right: right };
    });
    const rows = [...document.querySelectorAll('.list tbody tr')].map((el) => ({
      event: +el.dataset.event, lane: +el.dataset.lane, text: el.textContent,
      links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    }));
    const svg = document.getElementById('timeline').getBoundingClientRect();
    return {
      markers: marker, labels: label, rows,
      svg_size: [svg.width, svg.height],
      scripts: document.scripts.length,
      font_loaded: document.fonts.check('bold 16px "newsline DejaVu Sans"') && [...document.fonts].some((f) => f.status === 'loaded'),
      title: document.title,
      lane_switches: [...document.querySelectorAll('#timeline .lane-switch')].map((el) => +el.dataset.lane),
    };
  }));
  await page.locator('#timeline').screenshot({ path: shot_path });

  // Hover: the details of the first marker.
  const tipText = () => page.evaluate(() => { const t = document.getElementById('tip'); return t.hidden ? null : t.textContent; });
  const first = facts.markers[0];
  if (first) {
    await page.hover('#' + first.id);
    facts.hover_tip = await tipText();
    facts.hover_links = await page.evaluate(() => [...document.querySelectorAll('#tip a')].map((a) => a.getAttribute('href')));
    await page.mouse.move(1, 1);
    await page.waitForTimeout(400);
    facts.tip_after_leave = await tipText();
  }

  // Keyboard: Tab to the first marker, its details show; Enter keeps them, Escape closes.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  let tabs = 0;
  while (tabs < 50) {
    await page.keyboard.press('Tab');
    tabs += 1;
    if (await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('marker'))) break;
  }
  facts.focused_marker = await page.evaluate(() => document.activeElement.classList.contains('marker') ? +document.activeElement.dataset.event : null);
  facts.focus_tip = await tipText();
  await page.keyboard.press('Enter');
  facts.pinned_tip = await tipText();
  await page.keyboard.press('Escape');
  facts.escaped_tip = await tipText();

  // Lane switches: each lane hides and comes back, by click and by keyboard.
  const visible = () => page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
    const by_lane = {};
    for (const el of document.querySelectorAll('#timeline .marker, #timeline .label, .list tbody tr')) {
      const k = el.dataset.lane;
      by_lane[k] = by_lane[k] || { shown: 0, hidden: 0 };
      by_lane[k][shown(el) ? 'shown' : 'hidden'] += 1;
    }
    return by_lane;
  });
  facts.lanes = [];
  for (const k of [...new Set(facts.lane_switches)]) {
    const sel = `#timeline g.lane-switch:not(.legend)[data-lane="${k}"]`;
    const before = await visible();
    await page.click(sel);
    const hidden = await visible();
    const pressed = await page.getAttribute(sel, 'aria-pressed');
    await page.focus(sel);
    await page.keyboard.press('Enter');
    const back = await visible();
    facts.lanes.push({ lane: k, before, hidden, pressed, back });
  }

  // Find in page (what Ctrl-F does): a label's words and a full headline from the list.
  facts.find = await page.evaluate((needles) => needles.map((n) => {
    window.getSelection().removeAllRanges();
    return { needle: n, found: window.find(n, false, false, true) };
  }), [facts.labels[0] ? facts.labels[0].text.split(' ').slice(1, 4).join(' ') : '', 'không có chuỗi này đâu']);

  // A link to one event (#event-N) opens the page with that event's details shown.
  const linked = facts.markers[facts.markers.length - 1];
  if (linked) {
    const again = await context.newPage();
    await again.goto(pathToFileURL(page_path).href + '#event-' + linked.event);
    await again.evaluate(() => document.fonts.ready);
    await again.waitForFunction(() => !document.getElementById('tip').hidden).catch(() => {});
    facts.linked_event = linked.event;
    facts.linked_tip = await again.evaluate(() => { const t = document.getElementById('tip'); return t.hidden ? null : t.textContent; });
    await again.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(facts) + '\n');
