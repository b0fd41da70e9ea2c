// Decision: the Commissioner's caseworker takes the demo complaint made after an internal
// review (synthetic-complaint-after-review, no other journey uses it) and issues a decision
// notice through the guided form: upheld (the force was not entitled to neither confirm
// nor deny under s.31(3)), with one step, to confirm or deny, within the usual 35 days.
// The case page then shows the decision with the step's date in words; the notice's PDF
// reads as it should (pdftotext); and the requester who made the request sees that the
// Commissioner decided in their favour. Screenshots and axe-core on every page.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, fillDate, londonToday } from '../lib.mjs';

const CASEWORKER = 'caseworker@demo.foidesk.test';
const REQUESTER = 'requester@demo.foidesk.test';
const CASE = 'synthetic-complaint-after-review';
const REFERENCE = 'IC-123456-A1B2';
const STEP = 'Confirm or deny whether the information requested in part 2 is held.';

// A date `days` after today in London, as people write it: "4 January 2027".
function inWords(days) {
  const [d, m, y] = londonToday().map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

// The choice that fits an upheld complaint: the force was not entitled to rely on the
// provision, which was engaged (so the public interest decided it).
const CHOICES = [['.conclusion', 'not_upheld'], ['.engaged', 'yes']];

// Accept the complaint on its page, for investigation of the whole request.
export async function acceptComplaint(page, step) {
  await page.click('#accept-complaint');
  await step('accept the complaint');
  const button = (await page.$('main button[value=check]')) ? 'check' : 'record';
  await page.click(`main button[value=${button}]`);
  if (button === 'check') await page.click('main button[value=record]');
  expect((await page.textContent('.notification-banner')).includes('accepted'), 'the complaint is accepted');
}

export async function answerPages(page, step) {
  for (let n = 0; n < 12 && new URL(page.url()).pathname.includes('/questions/'); n++) {
    await step(`questions ${n + 1}`);
    for (const field of await page.$$('main form textarea, main form input[type=text]')) {
      const name = await field.getAttribute('name');
      if (!name || (await field.inputValue()) !== '') continue;
      await field.fill(name === 'request_summary' ? 'facial recognition products' : `The Commissioner's answer for ${name}.`);
    }
    for (const group of await page.$$('main form .radios')) {
      const first = await group.$('input[type=radio]');
      const name = await first.getAttribute('name');
      if ((await page.$$(`input[name="${name}"]:checked`)).length > 0) continue;
      const choice = CHOICES.find(([end]) => name.endsWith(end));
      if (choice) await page.check(`input[name="${name}"][value="${choice[1]}"]`);
      else await first.check();
    }
    await page.click('main button:has-text("Save and continue")');
  }
  expect(!new URL(page.url()).pathname.includes('/questions/'), `the notice's questions ended on its page: ${page.url()}`);
}

export default async function decision(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `decision: ${label}`, CASEWORKER);
    await run.shot(page, `decision-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, CASEWORKER);
  await page.goto(`${run.base}/cases?q=facial`);
  await page.click(`text=${CASE}`);
  const caseUrl = page.url();
  await step('case with the Commissioner');
  const documents = await page.$$('a[href*="/documents/"]');
  expect(documents.length === 0, 'the case page does not send the caseworker to the TOML facts page');

  await acceptComplaint(page, step);
  await page.click('#next-actions >> text=Issue the decision notice');
  await fillDate(page, 'date', londonToday());
  await page.fill('#reference', REFERENCE);
  const outcomes = await page.textContent('main form');
  expect(outcomes.includes('Upheld') && outcomes.includes('Partly upheld') && outcomes.includes('Not upheld'), `the outcome is asked in the Commissioner's words: ${outcomes}`);
  await page.check('input[name=outcome][value=authority_not_entitled]');
  await page.fill('#steps', STEP);
  const hint = await page.textContent('#steps_days-hint');
  expect(hint.includes('35 calendar days'), `the steps period defaults to the law's 35 days: ${hint}`);
  await step('decision notice event');
  await page.click('main button[value=letter]');

  await answerPages(page, step);
  const notice = await page.textContent('#letter');
  expect(notice.includes(REFERENCE) && notice.includes('section 31(3)') && notice.includes(inWords(35)), `the notice names its reference, the provision and the steps' date: ${notice}`);
  await step('decision notice to issue');
  await page.click('main button:has-text("Issue the notice")');
  expect((await page.textContent('.notification-banner')).includes('Decision notice issued'), 'a banner confirms the notice');

  const summary = await page.textContent('#decision-summary');
  expect(summary.includes(REFERENCE) && summary.includes('Upheld'), `the decision shows its reference and outcome: ${summary}`);
  const steps = await page.textContent('#decision-steps');
  expect(steps.includes(STEP) && steps.includes(inWords(35)) && steps.includes('due in 35 days'), `the step shows its date: ${steps}`);
  await step('case with the decision');

  const link = page.locator('#decision-summary a[href*="/attachments/"]').first();
  const pdf = await page.request.get(new URL(await link.getAttribute('href'), run.base).toString());
  expect(pdf.ok(), `the notice downloads: ${pdf.status()}`);
  const file = path.join(run.outDir, 'decision-notice.pdf');
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  for (const needed of [REFERENCE, 'Decision notice', 'section 31(3)', STEP, inWords(35), 'PO Box 11230']) {
    expect(text.includes(needed), `the notice's PDF says ${needed}: ${text}`);
  }
  await context.close();

  const mine = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const requester = await mine.newPage();
  await run.signIn(requester, REQUESTER);
  await requester.goto(caseUrl);
  const words = await requester.textContent('#decision');
  expect(words.includes('The Commissioner decided in your favour') && words.includes(STEP) && words.includes(inWords(35)), `the requester reads the decision in words: ${words}`);
  await run.accessible(requester, 'decision: the requester sees it', REQUESTER);
  await run.shot(requester, 'decision-requester');
  await mine.close();
  return `${CASE}: the caseworker issued notice ${REFERENCE} (upheld, one step due ${inWords(35)}) through the guided form, its PDF reads, and the requester sees the Commissioner decided in their favour`;
}
