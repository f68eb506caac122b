// Headless Chromium for the browser tests: the system's browser (NEWSLINE_CHROMIUM, else
// /usr/bin/chromium), a fresh profile, no network but what a test serves itself.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Opens a browser context; `close()` also deletes its profile. */
export async function openBrowser(viewport) {
  const profile = mkdtempSync(join(tmpdir(), 'newsline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.NEWSLINE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport,
    deviceScaleFactor: 1,
  });
  // The machine may be busy with other tests: wait long before calling a step failed.
  context.setDefaultTimeout(60000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records every request that leaves `allowed` (a function of the URL) and blocks it. */
export async function blockNetwork(context, allowed) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return blocked;
}
