// Browser test of foidesk's web pages in headless Chromium (playwright-core),
// with axe-core on every page. Run by crates/cli/tests/browser.rs against a
// `foidesk serve --demo`:
//
//   node tests/browser/run.mjs BASE_URL SCREENSHOT_DIR
//
// First the journeys in journeys/*.mjs, in name order, each a default export
// taking (browser, run) and returning a line saying what it did. Then an
// officer records a response that neither confirms nor denies under s.31(3)
// and generates the refusal notice; the same officer works with JavaScript
// disabled; the pages are checked to need nothing their Content-Security-
// Policy forbids; and every page visited is opened again 375 px wide, where
// none may be wider than the viewport. Screenshots go to SCREENSHOT_DIR.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { Run, expect, fillDate, londonToday } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node run.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const run = new Run(base, outDir);
const checked = run.checked;
const shot = (page, name) => run.shot(page, name);
const axeContext = (browser, options) => run.axeContext(browser, options);
let caseUrl;

async function accessible(page, label) {
  await run.accessible(page, label, currentAccount);
}

// Which account the page in hand is signed in as, for the mobile pass.
let currentAccount;
async function signIn(page, email) {
  currentAccount = email;
  await run.signIn(page, email);
}

const FACTS = `
requester = "Ms R. Demo"
request_summary = "the force's use of drones"
requester_address = ["r.demo@example.org"]

[authority]
short_name = "the force"
email = "foi@demo.example.police.uk"
address = ["1 Demo Street", "London SW1A 1AA"]
review_procedure = "Write to the information rights unit within the time below, saying what you disagree with."

[commissioner]
contact = ["Information Commissioner's Office", "Wycliffe House, Water Lane", "Wilmslow, Cheshire SK9 5AF"]

[refusal.signatory]
name = "Demo Officer"
role = "Disclosure Officer"

[[refusal.exemption]]
provision = "s.31(3)"
reasons = "Saying whether the force holds a policy on flying drones over gatherings would show where it does and does not use them, which would help those planning disorder."
likelihood = "would_be_likely"

[refusal.exemption.public_interest]
for = ["People are entitled to know how the police watch public gatherings."]
against = ["Confirming or denying would reveal the reach of aerial policing to those who want to avoid it."]
balance = "The force finds that protecting its ability to police gatherings outweighs the interest in knowing whether a policy exists."
`;

async function officerWithJavaScript(browser) {
  const context = await axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await accessible(page, 'sign-in');
  await page.fill('#email', 'officer@demo.foidesk.test');
  await page.fill('#password', 'wrong password entirely');
  await page.click('main button[type=submit]');
  expect((await page.textContent('.error-summary')).includes('There is a problem'), 'a wrong password shows an error summary');
  await accessible(page, 'sign-in with an error');
  await signIn(page, 'officer@demo.foidesk.test');
  await accessible(page, 'dashboard');
  await shot(page, 'dashboard');
  // The README shows this screenshot: it must have work on it.
  const queued = await page.$$eval('main h2', (hs) => Object.fromEntries(hs
    .filter((h) => h.querySelector('.tag'))
    .map((h) => [h.firstChild.textContent.trim(), Number(h.querySelector('.tag').textContent)])));
  expect(queued['Overdue'] > 0 && queued['Due today'] + queued['Due this week'] > 0,
    `the officer's dashboard shows overdue and due work: ${JSON.stringify(queued)}`);
  // And a chart with data: at least one month of the twelve has a bar.
  const bars = await page.$$eval('#timeliness-chart .bar-chart__fill', (b) => b.length);
  expect(bars > 0, "the officer's dashboard charts at least one month with answered requests");
  const dashboard = await page.textContent('main');
  // DEMO-4 has been answered by the corrections journey.
  expect(['DEMO-1', 'DEMO-2', 'DEMO-3'].every((r) => dashboard.includes(r)), 'the dashboard lists the live requests');

  await page.click('text=DEMO-2');
  caseUrl = page.url();
  await accessible(page, 'case page');
  const before = await page.textContent('#deadlines');
  expect(/Response/.test(before) && /running/.test(before), 'the response deadline is running');
  expect(/working day|Due today/.test(before), `days left are shown in working days: ${before}`);
  await shot(page, 'case-before');

  await page.click('#other-actions summary');
  await page.click('#other-actions >> text=Response sent (without a letter)');
  await accessible(page, 'response form');
  await shot(page, 'response-form');
  // First with an impossible date: the form comes back with an error summary.
  await fillDate(page, 'date', [30, 2, 2026]);
  await page.check('#outcome-1-ncnd');
  await page.fill('#provisions-1', 'section 31(3)');
  await page.check('#outcome-2-ncnd');
  await page.fill('#provisions-2', 's.31(3)');
  await page.check('#public_interest_reasons');
  await page.check('#states_review_procedure');
  await page.check('#states_complaint_right');
  await page.click('main button[value=check]');
  expect((await page.textContent('.error-summary')).includes('There is a problem'), 'a bad date shows an error summary');
  expect((await page.inputValue('#provisions-1')) === 'section 31(3)', 'the form keeps what was typed');
  await accessible(page, 'response form with an error');
  await shot(page, 'response-form-error');
  await fillDate(page, 'date', londonToday());
  await page.click('main button[value=check]');
  const answers = await page.textContent('#answers');
  expect(answers.includes('neither confirm nor deny, under section 31(3)'), `the answers are in words: ${answers}`);
  await accessible(page, 'response check answers');
  await shot(page, 'response-check-answers');
  await page.click('main button[value=record]');
  expect(page.url() === `${caseUrl}?saved=response`, `after recording, back on the case page: ${page.url()}`);
  expect((await page.textContent('.notification-banner')).includes('Recorded: Response sent'), 'a banner confirms the save');
  const after = await page.textContent('main');
  expect(/responded/.test(after), 'the status is now responded');
  const deadlines = await page.textContent('#deadlines');
  expect(!/response due\s*running/.test(deadlines), 'the response deadline no longer runs');
  expect(/internal review/.test(deadlines), 'the internal review deadlines appear');
  // Met or missed by the response, depending on the day the demo runs (its
  // requests are dated in working days back from today): never time left.
  expect(/Response[^]*?(Met on|Missed)/.test(deadlines), `the response deadline reads as met or missed: ${deadlines}`);
  const findings = await page.textContent('#findings');
  expect(findings.includes('section 31(3)'), `a finding names section 31(3): ${findings}`);
  await accessible(page, 'case page after the response');
  await shot(page, 'case-after');

  // The TOML form stays for those who keep facts in files; the case page
  // offers the guided letter instead (journeys/20-response.mjs).
  await page.goto(`${caseUrl}/documents/refusal`);
  await accessible(page, 'refusal notice form');
  // Without the reasons: the missing fact is named.
  await page.fill('#facts', FACTS.replace(/^reasons = .*$/m, 'reasons = ""'));
  await page.click('main button[type=submit]');
  const missing = await page.textContent('.error-summary');
  expect(missing.includes('Missing fact: refusal.exemption[s.31(3)].reasons'), `the missing reasons are named: ${missing}`);
  await accessible(page, 'refusal notice form with missing facts');
  await page.fill('#facts', FACTS);
  await page.selectOption('#format', 'html');
  await page.click('main button[type=submit]');
  const notice = await page.textContent('body');
  for (const needed of [
    'section 31(3)',
    'Nothing can be inferred',
    'Your right to ask for an internal review',
    'Write to the information rights unit',
    'section 50',
    'Wycliffe House',
    'People are entitled to know how the police watch public gatherings.',
  ]) {
    expect(notice.includes(needed), `the refusal notice says "${needed}"`);
  }
  await accessible(page, 'refusal notice');
  await shot(page, 'refusal-notice');

  for (const [url, label] of [[`${base}/cases`, 'case list'], [`${base}/statistics`, 'statistics']]) {
    await page.goto(url);
    await accessible(page, label);
  }
  await shot(page, 'statistics');
  await context.close();

  const admin = await axeContext(browser);
  const adminPage = await admin.newPage();
  await signIn(adminPage, 'admin@demo.foidesk.test');
  await adminPage.goto(`${base}/admin`);
  await accessible(adminPage, 'administration');
  await adminPage.goto(`${base}/cases/2/record/assigned`);
  await accessible(adminPage, 'assignment form');
  await adminPage.goto(`${base}/cases/2/documents/decision`);
  await accessible(adminPage, 'decision notice form');
  await adminPage.goto(`${base}/cases/999999`);
  await accessible(adminPage, 'not found page');
  await admin.close();

  for (const [who, label] of [['caseworker', "caseworker's dashboard"], ['requester', "requester's dashboard"]]) {
    const context = await axeContext(browser);
    const page = await context.newPage();
    await signIn(page, `${who}@demo.foidesk.test`);
    await accessible(page, label);
    await context.close();
  }
}

async function officerWithoutJavaScript(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'officer@demo.foidesk.test');
  await page.click('text=DEMO-1');
  await page.click('text=Other actions');
  await page.click('text=Assign the case');
  await fillDate(page, 'date', londonToday());
  // An assignee is one of the authority's accounts.
  await page.fill('#assignee', 'officer@demo.foidesk.test');
  await page.click('main button[type=submit]');
  const text = await page.textContent('main');
  expect(text.includes('officer@demo.foidesk.test'), 'without JavaScript the assignment is recorded and shown');
  await shot(page, 'no-javascript-case');
  await context.close();
}

// With the policy enforced, as a visitor's browser does: the pages and the
// generated notice show with their styles and the browser reports no
// violation.
async function pagesUnderPolicy(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  const styled = async (label) => {
    const margin = await page.evaluate(() => getComputedStyle(document.body).marginTop);
    expect(margin === '0px', `${label}: the stylesheet is applied under the policy (body margin ${margin})`);
  };
  await page.goto(`${base}/sign-in`);
  await styled('sign-in');
  await signIn(page, 'officer@demo.foidesk.test');
  await styled('dashboard');
  for (const url of [`${base}/cases`, caseUrl, `${base}/statistics`, `${base}/cases/999999`, `${caseUrl}/documents/refusal`]) {
    await page.goto(url);
    await styled(url);
  }
  await page.fill('#facts', FACTS);
  await page.selectOption('#format', 'html');
  await page.click('main button[type=submit]');
  const width = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
  expect(width !== 'none', `the refusal notice's own style is applied under its policy (max-width ${width})`);
  expect(violations.length === 0, `the policy was violated:\n  ${violations.join('\n  ')}`);
  await context.close();
}

// Every page the tests visited, again at 375 px wide as the account that
// visited it: nothing may make the page scroll sideways.
async function mobile(browser) {
  let pages = 0;
  for (const [email, urls] of run.visited) {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await run.signIn(page, email);
    for (const url of urls) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 375, `at 375 px, ${url} (as ${email}) is ${width} px wide`);
      pages += 1;
    }
    const first = [...urls][0];
    await page.goto(first);
    await shot(page, `mobile-${email.split('@')[0]}`);
    await context.close();
  }
  return pages;
}

async function journeys(browser) {
  const dir = new URL('./journeys/', import.meta.url);
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.mjs')).sort();
  const said = [];
  for (const name of names) {
    const journey = (await import(new URL(name, dir))).default;
    said.push(`${name}: ${await journey(browser, run)}`);
  }
  return said;
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const said = await journeys(browser);
  await officerWithJavaScript(browser);
  await officerWithoutJavaScript(browser);
  await pagesUnderPolicy(browser);
  const narrow = await mobile(browser);
  for (const line of said) console.log(`browser: ${line}`);
  console.log(`browser: ${narrow} pages were no wider than 375 px at 375 px`);
  console.log(`browser: ${checked.length} pages passed axe-core with no serious or critical violations: ${checked.join('; ')}`);
  console.log('browser: the officer recorded an NCND s.31(3) response and generated the refusal notice; the no-JavaScript run recorded an assignment; the pages showed under their Content-Security-Policy with no violation');
} catch (e) {
  console.error(`browser test failed: ${e.message}`);
  process.exitCode = 1;
  // What the browser showed when it failed, for the test artefacts.
  let n = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      n += 1;
      console.error(`  page ${n} at failure: ${page.url()}`);
      await page.screenshot({ path: path.join(outDir, `failure-${n}.png`), fullPage: true }).catch(() => {});
    }
  }
} finally {
  await browser.close();
}
