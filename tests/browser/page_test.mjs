#!/usr/bin/env node
// Drives Debian's chromium (through playwright-core) over the bigbrotr page and checks
// what a person would see against a file of expected values.
//
//   node tests/browser/page_test.mjs BASE_URL EXPECTED_JSON ARTIFACT_DIR
//
// BASE_URL      where the server serves the page, e.g. http://127.0.0.1:8080/
// EXPECTED_JSON the expected figures (format in docs/web.md; the suite's
//               tests/integration/api/web_page_test.cpp writes one for its database)
// ARTIFACT_DIR  screenshots go there: overview.png, relay.png (and failure.png on failure)
//
// Fails (exit 1, with the reasons) on any mismatch, console error, page error, dialog,
// failed request, HTTP error answer, or request to another origin. Every wait is bounded and
// the whole run is stopped after PAGE_TEST_DEADLINE_MS (default 55 000 ms).
// CHROMIUM overrides the browser binary (default /usr/bin/chromium).

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];
const WAIT_MS = 10000;

const [BASE, EXPECTED_PATH, ARTIFACTS] = process.argv.slice(2);
if (!BASE || !EXPECTED_PATH || !ARTIFACTS) {
  console.error('usage: node page_test.mjs BASE_URL EXPECTED_JSON ARTIFACT_DIR');
  process.exit(2);
}
const started = Date.now() - Math.round(process.uptime() * 1000); // from process start, imports included
const deadline = Number(process.env.PAGE_TEST_DEADLINE_MS || 55000);
const expected = JSON.parse(readFileSync(EXPECTED_PATH, 'utf8'));
mkdirSync(ARTIFACTS, { recursive: true });
const origin = new URL(BASE).origin;
const base = BASE.replace(/#.*$/, '');

let passed = 0;
const failures = [];   // mismatches
const problems = [];   // console errors, page errors, failed requests...
let allowed = [];      // [predicate] for problems a step expects (the 404 of a missing relay)
let browser = null;
let page = null;

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
function ok(what) { passed++; console.log(`ok - ${what}`); }
function check(cond, what, detail) {
  if (cond) ok(what);
  else { failures.push(`${what}: ${detail}`); console.log(`not ok - ${what}: ${detail}`); }
}
function problem(text) {
  if (allowed.some((allow) => allow(text))) return;
  problems.push(text);
  console.log(`not ok - ${text}`);
}

async function finish(code) {
  clearTimeout(hardStop);
  if (code !== 0 && page) {
    await page.screenshot({ path: join(ARTIFACTS, 'failure.png'), fullPage: true, timeout: 5000 }).catch(() => {});
  }
  if (browser) await browser.close().catch(() => {});
  const failed = failures.length + problems.length;
  if (failed) {
    console.error(`\nFAIL (${elapsed()}):`);
    for (const line of [...failures, ...problems]) console.error(`  - ${line}`);
  } else if (code === 0) {
    console.log(`\nPASS in ${elapsed()}; screenshots in ${ARTIFACTS}`);
  }
  console.log(`page_test: ${passed} passed, ${failed + (code !== 0 && !failed ? 1 : 0)} failed`);
  process.exit(code !== 0 || failed ? 1 : 0);
}

const hardStop = setTimeout(() => {
  failures.push(`the run took longer than ${deadline} ms`);
  finish(1);
}, deadline);

const text = (testid) => page.locator(`[data-testid="${testid}"]`).first().textContent({ timeout: WAIT_MS }).then((t) => (t || '').trim());

// The rows of the relay table as the page shows them.
const tableRows = () => page.$$eval('[data-testid="relay-row"]', (rows) => rows.map((row) => ({
  url: row.dataset.relayUrl,
  status: (row.querySelector('[data-testid="relay-status"]') || {}).textContent || '',
})));

// Waits until the table shows exactly `urls` (any order); returns what it shows last.
async function waitForTable(urls, what) {
  try {
    await page.waitForFunction((want) => {
      const shown = [...document.querySelectorAll('[data-testid="relay-row"]')].map((r) => r.dataset.relayUrl).sort();
      const empty = document.querySelector('[data-testid="empty"]');
      if (want.length === 0) return !!empty && shown.length === 0;
      return JSON.stringify(shown) === JSON.stringify(want.slice().sort());
    }, urls, { timeout: WAIT_MS });
    ok(what);
  } catch {
    const shown = (await tableRows()).map((r) => r.url);
    check(false, what, `expected ${JSON.stringify(urls)}, the table shows ${JSON.stringify(shown)}`);
  }
}

// No markup from relay-supplied text may become elements.
async function checkNoInjectedMarkup(where) {
  const injected = await page.$$eval('main img, main script, main iframe, main marquee, main svg [onload], main b, main i',
    (nodes) => nodes.map((n) => n.outerHTML.slice(0, 80)));
  check(injected.length === 0, `${where}: relay-supplied text stays text`, `found elements ${JSON.stringify(injected)}`);
  for (const literal of expected.literal_texts?.[where] || []) {
    const shown = await page.evaluate((t) => document.querySelector('main').innerText.includes(t), literal);
    check(shown, `${where}: shows ${JSON.stringify(literal)} literally`, 'not found in the page text');
  }
}

// Waits for `selector` or for the page's error message, whichever comes first; an error
// message stops the run with its text.
async function waitForView(selector, what) {
  try {
    await page.locator(`${selector}, [data-testid="error"]`).first().waitFor({ timeout: WAIT_MS });
  } catch {
    throw new Error(`waiting for ${what} (${selector}): nothing within ${WAIT_MS} ms`);
  }
  const error = page.locator('[data-testid="error"]');
  if (await error.count()) throw new Error(`waiting for ${what}, the page shows an error: "${((await error.first().textContent()) || '').trim()}"`);
}

async function run() {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: LAUNCH_ARGS,
    headless: true,
    timeout: 20000,
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, serviceWorkers: 'block' });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  page = await context.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problem(`console error: ${msg.text()} (${msg.location().url || 'no url'})`); });
  page.on('pageerror', (err) => problem(`page error: ${err.message}`));
  page.on('dialog', (dialog) => { problem(`a dialog opened: ${dialog.type()} ${dialog.message()}`); dialog.dismiss().catch(() => {}); });
  page.on('requestfailed', (req) => {
    const why = req.failure() ? req.failure().errorText : 'failed';
    if (why === 'net::ERR_ABORTED' && req.url().includes('/relays?')) return; // a search superseded by the next keystroke
    problem(`request failed: ${req.method()} ${req.url()} (${why})`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problem(`request outside ${origin}: ${req.url()}`);
  });
  page.on('response', (res) => { if (res.status() >= 400) problem(`HTTP ${res.status()} for ${res.url()}`); });

  // ---- the overview
  await page.goto(base, { waitUntil: 'load' });
  ok(`loaded ${base}`);
  await waitForView('[data-testid="stat-up"]', 'the network figures');
  for (const [key, want] of Object.entries(expected.stats || {})) {
    const shown = (await text(`stat-${key}`)).replace(/,/g, '');
    check(shown === String(want), `stat ${key} shows ${want}`, `it shows "${shown}"`);
  }

  await waitForView('[data-testid="relay-row"]', 'the relay table');
  const total = await page.locator('[data-testid="relay-count"]').getAttribute('data-total');
  const wantTotal = expected.relays_total ?? expected.stats?.total;
  if (wantTotal !== undefined) check(String(total) === String(wantTotal), `the table counts ${wantTotal} relays`, `it counts ${total}`);

  let rows = await tableRows();
  if ((expected.relays || []).some((r) => !rows.some((row) => row.url === r.url)) && Number(total) > rows.length) {
    await page.goto(base + '#/?limit=200');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="relay-row"]').length > n, rows.length, { timeout: WAIT_MS });
    rows = await tableRows();
  }
  for (const want of expected.relays || []) {
    const row = rows.find((r) => r.url === want.url);
    if (!row) check(false, `row ${want.url}`, 'not in the table');
    else check(row.status.trim() === want.status, `row ${want.url} is ${want.status}`, `its badge says "${row.status.trim()}"`);
  }
  await checkNoInjectedMarkup('overview');
  await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
  ok('screenshot overview.png');

  // ---- search, filters, sort: each from the unfiltered table and back to it
  if (expected.search) {
    await page.locator('[data-testid="relay-search"]').fill(expected.search.q);
    await waitForTable(expected.search.urls, `search q=${JSON.stringify(expected.search.q)} shows ${expected.search.urls.length} relays`);
    await page.locator('[data-testid="relay-search"]').fill('');
    await page.waitForFunction((n) => document.querySelector('[data-testid="relay-count"]')?.dataset.total === String(n), total, { timeout: WAIT_MS });
  }
  for (const filter of expected.filters || []) {
    const [[key, value]] = Object.entries(filter).filter(([k]) => k !== 'urls');
    await page.locator(`[data-testid="filter-${key}"]`).selectOption(String(value));
    await waitForTable(filter.urls, `filter ${key}=${value} shows ${filter.urls.length} relays`);
    await page.locator('[data-testid="filters-clear"]').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="relay-count"]')?.dataset.total === String(n), total, { timeout: WAIT_MS });
  }
  if (expected.check_sort_by_url) {
    await page.locator('[data-testid="sort-relay_url"]').click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"] [data-testid="sort-relay_url"]'), null, { timeout: WAIT_MS });
    await page.waitForFunction(() => !document.querySelector('.table-box[aria-busy]'), null, { timeout: WAIT_MS });
    const urls = (await tableRows()).map((r) => r.url);
    const sorted = urls.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    check(JSON.stringify(urls) === JSON.stringify(sorted), 'sorting by relay URL orders the rows', `got ${JSON.stringify(urls)}`);
  }

  // ---- the relay page, opened as a person would: by its link in the table
  const rp = expected.relay_page;
  if (rp) {
    await page.goto(base);
    await waitForView('[data-testid="relay-row"]', 'the relay table');
    let index = (await tableRows()).findIndex((r) => r.url === rp.url);
    if (index < 0) {
      await page.locator('[data-testid="relay-search"]').fill(rp.url);
      await waitForTable([rp.url], 'search finds the relay to open');
      index = 0;
    }
    await page.locator('[data-testid="relay-row"]').nth(index).locator('[data-testid="relay-link"]').click();
    await waitForView('[data-testid="uptime-24h"]', 'the relay page');
    const hash = await page.evaluate(() => location.hash);
    check(hash === '#/relay/' + encodeURIComponent(rp.url), 'the hash route holds the percent-encoded URL', `it is ${hash}`);
    await checkRelayPage(rp);
    await page.screenshot({ path: join(ARTIFACTS, 'relay.png'), fullPage: true });
    ok('screenshot relay.png');

    // a deep link loads the same page from scratch
    await page.reload({ waitUntil: 'load' });
    await waitForView('[data-testid="uptime-24h"]', 'the reloaded relay page');
    const heading = await text('relay-url');
    check(heading === rp.url, 'reloading the deep link shows the same relay', `the heading says "${heading}"`);

    await page.locator('.crumbs a').click();
    await page.locator('[data-testid="relay-row"]').first().waitFor({ timeout: WAIT_MS });
    ok('the "All relays" link leads back to the table');
  }

  // ---- a relay the server does not know: a clear message (its 404 is expected)
  if (expected.missing_relay) {
    const encoded = encodeURIComponent(expected.missing_relay);
    allowed = [(t) => t.includes(encoded) || (t.startsWith('console error: Failed to load resource') && t.includes('404'))];
    await page.goto(base + '#/relay/' + encoded);
    const message = page.locator('[data-testid="error"]');
    await message.waitFor({ timeout: WAIT_MS });
    const shown = (await message.textContent()) || '';
    check(/not found/i.test(shown) && shown.includes(expected.missing_relay), 'an unknown relay gets a "not found" message', `it says "${shown}"`);
    allowed = [];
  }
}

async function checkRelayPage(rp) {
  const heading = await text('relay-url');
  check(heading === rp.url, 'the relay page is headed with the relay URL', `it says "${heading}"`);
  const status = await text('relay-status');
  if (rp.status) check(status === rp.status, `the relay is shown ${rp.status}`, `its badge says "${status}"`);
  for (const key of ['24h', '7d', '30d']) {
    const want = rp[`uptime_${key}`];
    if (want === undefined) continue;
    const shown = await text(`uptime-${key}`);
    check(shown === want, `uptime ${key} shows ${want}`, `it shows "${shown}"`);
  }
  for (const [testid, fragment] of Object.entries(rp.contains || {})) {
    const shown = await text(testid);
    check(shown.includes(fragment), `${testid} shows "${fragment}"`, `it shows "${shown}"`);
  }
  for (const [testid, min] of [['rtt-chart', rp.min_rtt_marks ?? 1], ['uptime-chart', rp.min_uptime_marks ?? 1]]) {
    try {
      await page.locator(`svg[data-testid="${testid}"]`).waitFor({ timeout: WAIT_MS });
      const marks = await page.locator(`svg[data-testid="${testid}"] .mark`).count();
      check(marks >= min, `${testid} drew ${min}+ marks`, `it drew ${marks}`);
    } catch {
      check(false, `${testid} drew an SVG`, 'no such SVG appeared');
    }
  }
  if (rp.min_uptime_days !== undefined) {
    const days = await page.locator('svg[data-testid="uptime-chart"] .day:has(rect:not(.bar-none))').count();
    check(days >= rp.min_uptime_days, `the uptime chart has ${rp.min_uptime_days}+ days with checks`, `it has ${days}`);
  }
  await checkNoInjectedMarkup('relay');
}

run().then(() => finish(0), (err) => {
  failures.push(`stopped: ${err && err.message ? err.message.split('\n')[0] : err}`);
  finish(1);
});
