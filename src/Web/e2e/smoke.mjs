// End-to-end smoke test of the SPA in real headless Chromium (Debian's /usr/bin/chromium, no download).
// Needs a running Host with the built SPA reachable at BASE (default http://127.0.0.1:5100; use
// `npx vite preview --port 4173` with BASE=http://127.0.0.1:4173 to serve the build with /api proxied).
//   node e2e/smoke.mjs         (or: npm run e2e)
// Flow: sign up -> create lead -> duplicate e-mail error on the field -> quick-add deal -> drag it to Won
// (header count and total change) -> drag another to Lost (reason required) -> keyboard move -> a second
// browser sees a move live -> reload keeps the session and the order.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const BASE = process.env.BASE ?? 'http://127.0.0.1:5100';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.SHOTS; // a directory to save screenshots in, optional
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const stamp = Date.now();
const email = `e2e-${stamp}@example.test`;
const password = 'e2e-password-2026';

const browser = await chromium.launch({ executablePath: CHROMIUM, args });
const errors = [];
async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}
const col = (stage) => `.column[data-stage="${stage}"]`;
const count = async (page, stage) => Number(await page.textContent(`${col(stage)} .column-count`));
const total = (page, stage) => page.textContent(`${col(stage)} .column-total`);
async function drag(page, from, to) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + 20, a.y + a.height - 8);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 30, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 5, { steps: 15 });
  await page.mouse.up();
}
const step = (s) => console.log(`- ${s}`);

try {
  const page = await newPage();
  await page.goto(`${BASE}/`);
  await page.waitForURL('**/sign-in');
  step('sign up');
  await page.click('a[href="/sign-up"]');
  await page.fill('input[autocomplete=organization]', `E2E Workshop ${stamp}`);
  await page.fill('input[autocomplete=name]', 'E2E Owner');
  await page.fill('input[autocomplete=email]', email);
  await page.fill('input[type=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.column');
  assert.equal(await page.locator('.column').count(), 7);

  step('create two leads, then a duplicate e-mail shows on the field');
  await page.goto(`${BASE}/leads`);
  for (const [name, mail] of [['Lead One', `one-${stamp}@example.test`], ['Lead Two', `two-${stamp}@example.test`], ['Dup', `one-${stamp}@example.test`]]) {
    await page.click('.toolbar button.primary');
    await page.fill('[role=dialog] input >> nth=0', name);
    await page.fill('[role=dialog] input[type=email]', mail);
    await page.click('[role=dialog] button[type=submit]');
    if (name === 'Dup') {
      await page.waitForSelector('[role=dialog] .field-invalid input[type=email]');
      assert.ok((await page.textContent('[role=dialog] .field-error')).length > 0);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/e2e-duplicate.png` });
      await page.keyboard.press('Escape');
    } else {
      await page.waitForSelector('[role=dialog]', { state: 'detached' });
    }
  }

  step('quick-add three deals');
  await page.goto(`${BASE}/`);
  await page.waitForSelector('.column');
  for (const [title, value] of [['Deal A', '1.000,00'], ['Deal B', '250,50'], ['Deal C', '99']]) {
    await page.click('.toolbar button.primary');
    await page.waitForSelector('#qa-lead option >> nth=1', { state: 'attached' });
    await page.selectOption('#qa-lead', { index: 1 });
    await page.fill('[role=dialog] input >> nth=1', title);
    await page.fill('[role=dialog] input[inputmode=decimal]', value);
    await page.click('[role=dialog] button[type=submit]');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
  }
  await page.waitForFunction(() => document.querySelectorAll('.column[data-stage="New Lead"] .card').length === 3);

  step('drag Deal A to Won: header count and total change');
  const wonBefore = await count(page, 'Won');
  await drag(page, page.locator(`${col('New Lead')} .card`, { hasText: 'Deal A' }), page.locator(`${col('Won')} .column-cards`));
  await page.waitForFunction((n) => Number(document.querySelector('.column[data-stage="Won"] .column-count')?.textContent) === n, wonBefore + 1);
  assert.match(await total(page, 'Won'), /1[.,]000[.,]00/);
  await page.reload();
  await page.waitForSelector(`${col('Won')} .card`);
  assert.equal(await count(page, 'Won'), 1, 'the move persisted and the session survived a reload');

  step('drag Deal B to Lost: a reason is required');
  await drag(page, page.locator(`${col('New Lead')} .card`, { hasText: 'Deal B' }), page.locator(`${col('Lost')} .column-cards`));
  await page.waitForSelector('[role=dialog]');
  assert.equal(await page.isDisabled('[role=dialog] button[type=submit]'), true);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/e2e-lost-reason.png` });
  await page.fill('[role=dialog] input', 'Too expensive');
  await page.click('[role=dialog] button[type=submit]');
  await page.waitForFunction(() => document.querySelector('.column[data-stage="Lost"] .column-count')?.textContent === '1');

  step('a second browser sees a keyboard move live');
  const other = await newPage();
  await other.goto(`${BASE}/sign-in`);
  await other.fill('input[type=email]', email);
  await other.fill('input[type=password]', password);
  await other.click('button[type=submit]');
  await other.waitForSelector('.live.on');
  const card = page.locator(`${col('New Lead')} .card`, { hasText: 'Deal C' });
  await card.focus();
  await page.keyboard.press('Space'); await page.waitForTimeout(250);
  await page.keyboard.press('ArrowRight'); await page.waitForTimeout(250);
  await page.keyboard.press('Space');
  await other.waitForFunction(() => document.querySelector('.column[data-stage="Contacted"] .column-count')?.textContent === '1', null, { timeout: 10000 });
  if (SHOTS) await other.screenshot({ path: `${SHOTS}/e2e-board.png` });

  assert.deepEqual(errors, [], 'no page errors');
  console.log('e2e smoke: OK');
} catch (e) {
  console.error('e2e smoke: FAILED', e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
