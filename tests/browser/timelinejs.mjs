// Loads newsline's exports into TimelineJS itself (the npm package @knight-lab/timelinejs),
// served on 127.0.0.1, in headless Chromium, and prints what TimelineJS drew as one JSON object
// on standard output; tests/browser.rs checks it. Usage:
//   node timelinejs.mjs DIR FILE...
// Each FILE (a .timeline.json or a sheet .csv in DIR) is loaded by URL, as a reader's page
// would load it. The language is `en` (another one makes TimelineJS fetch a locale file);
// dates show as newsline's Vietnamese display_date.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, blockNetwork } from './chromium.mjs';

const [dir, ...files] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'node_modules', '@knight-lab', 'timelinejs', 'dist');

const PAGE = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<link rel="stylesheet" href="/tl/css/timeline.css"><script src="/tl/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1200px; height: 650px"></div>
<script>
  window.loaded = false;
  window.timeline = new TL.Timeline('timeline', new URLSearchParams(location.search).get('data'),
    { language: 'en', font: null, script_path: '/tl/js/', hash_bookmark: false });
  window.timeline.on('loaded', function () { window.loaded = true; });
</script></body></html>`;

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2' };

// Serves the test page, TimelineJS's files and the exports: nothing else, and only here.
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  let file = null;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(PAGE);
  } else if (path.startsWith('/tl/')) {
    file = join(dist, normalize(path.slice(4)));
  } else if (path.startsWith('/data/')) {
    file = join(dir, normalize(path.slice(6)));
  }
  try {
    if (!file || file.includes('..')) throw new Error('not served');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await openBrowser({ width: 1300, height: 800 });
const out = { files: {} };
try {
  out.blocked = await blockNetwork(browser.context, (url) => url.startsWith(origin + '/') || url.startsWith('data:'));
  for (const name of files) {
    const facts = { dialogs: [], errors: [] };
    const page = await browser.context.newPage();
    page.on('dialog', (d) => { facts.dialogs.push(d.message()); d.dismiss(); });
    page.on('pageerror', (e) => facts.errors.push(String(e)));
    await page.goto(`${origin}/?data=${encodeURIComponent('/data/' + name)}`);
    await page.waitForFunction(() => window.loaded, null, { timeout: 60000 })
      .catch(() => facts.errors.push('TimelineJS did not finish loading'));
    Object.assign(facts, await page.evaluate(() => ({
      loaded: window.loaded,
      message: (document.querySelector('.tl-message-full') || {}).textContent || null,
      markers: document.querySelectorAll('.tl-timemarker').length,
      marker_texts: [...document.querySelectorAll('.tl-timemarker .tl-timemarker-text')].map((el) => el.textContent.trim()),
      groups: [...document.querySelectorAll('.tl-timegroup .tl-timegroup-message')].map((el) => el.textContent.trim()),
      title: (document.querySelector('.tl-slide-titleslide .tl-headline') || {}).textContent || null,
      display_dates: [...document.querySelectorAll('.tl-slide .tl-headline-date')].map((el) => el.textContent.trim()),
      bold_tags: document.querySelectorAll('.tl-timeline b').length,
      scripts: document.scripts.length,
    })));
    // For a person checking by eye: NEWSLINE_SHOTS=DIR keeps a screenshot of each.
    if (process.env.NEWSLINE_SHOTS) {
      await page.screenshot({ path: join(process.env.NEWSLINE_SHOTS, name.replace(/[^\w.-]/g, '_') + '.png') });
    }
    out.files[name] = facts;
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
