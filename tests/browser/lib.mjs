// What every browser journey shares: assertions, screenshots, axe-core on
// each page, signing in, and the record of pages visited, which the mobile
// pass (run.mjs) revisits at 375 px.

import fs from 'node:fs';
import path from 'node:path';

export const PASSWORD = 'demo-password-not-for-real-use';
const axeSource = fs.readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export class Run {
  constructor(base, outDir) {
    this.base = base;
    this.outDir = outDir;
    // Labels of the pages axe-core passed, in order.
    this.checked = [];
    // GET pages visited, by the account that visited them: the mobile pass
    // opens each again as that account.
    this.visited = new Map();
    // What one journey leaves for the next (the case intake logged).
    this.state = {};
  }

  // axe-core is injected as an inline script, which our Content-Security-
  // Policy rightly refuses; only the contexts that run axe bypass it.
  // pagesUnderPolicy (run.mjs) checks the pages with the policy enforced.
  axeContext(browser, options = {}) {
    return browser.newContext({ ...options, bypassCSP: true });
  }

  async shot(page, name) {
    await page.screenshot({ path: path.join(this.outDir, `${name}.png`), fullPage: true });
  }

  // axe-core on the page as it stands: no serious or critical violation.
  // The page's address is kept for the mobile pass when it was reached by GET.
  async accessible(page, label, who) {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length > 0) {
      const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      fail(`${label}: accessibility violations:\n  ${detail.join('\n  ')}`);
    }
    this.checked.push(label);
    if (who) {
      const urls = this.visited.get(who) ?? new Set();
      urls.add(page.url());
      this.visited.set(who, urls);
    }
  }

  async signIn(page, email) {
    await page.goto(`${this.base}/`);
    expect(new URL(page.url()).pathname === '/sign-in', `signed out, / should lead to /sign-in, not ${page.url()}`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('main button[type=submit]');
    expect(new URL(page.url()).pathname === '/', `after signing in: ${page.url()}`);
  }
}

export function fail(message) {
  throw new Error(message);
}

export function expect(condition, message) {
  if (!condition) fail(message);
}

// Today in London as [day, month, year] strings, as a person types them.
export function londonToday() {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date());
  const get = (type) => parts.find((p) => p.type === type).value;
  return [get('day'), get('month'), get('year')];
}

// Today in London as an ISO date, for the few forms that still take one.
export function londonTodayIso() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

// Fill a GOV.UK date input whose boxes are `${id}-day`, `-month`, `-year`.
export async function fillDate(page, id, [day, month, year]) {
  await page.fill(`#${id}-day`, String(day));
  await page.fill(`#${id}-month`, String(month));
  await page.fill(`#${id}-year`, String(year));
}
