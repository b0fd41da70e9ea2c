// Eligibility: the demo's complaint made before any internal review
// (synthetic-complaint-before-review, the demo requester's). The caseworker
// finds it in the queue with its age, sees the s.50(2)(a) flag explained,
// and declines it with a reason; the requester reads the reason on their
// request. Then the caseworker opens a complaint by hand for an authority
// that is not listed. Screenshots and axe-core on every page.

import { expect, fillDate, londonTodayIso } from '../lib.mjs';

const CASEWORKER = 'caseworker@demo.foidesk.test';
const REQUESTER = 'requester@demo.foidesk.test';
const CASE = 'synthetic-complaint-before-review';
const REASON = 'You complained before asking Borsetshire Police for an internal review. Ask it for one first; if you are still unhappy with its answer, come back to us.';

// Calendar days from an ISO date to today in London, in the queue's words.
function ageWords(from) {
  const days = Math.round((Date.parse(londonTodayIso()) - Date.parse(from)) / 86400000);
  const weeks = Math.floor(days / 7);
  return `${days} ${days === 1 ? 'day' : 'days'} (${weeks} ${weeks === 1 ? 'week' : 'weeks'})`;
}

export default async function eligibility(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  let who = CASEWORKER;
  const step = async (label) => {
    await run.accessible(page, `eligibility: ${label}`, who);
    await run.shot(page, `eligibility-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, CASEWORKER);

  // The dashboard's queue: the complaint of 20 February 2024, with its age.
  const row = page.locator('#live-complaints tr', { hasText: CASE });
  const rowText = (await row.innerText()).replace(/\s+/g, ' ');
  const age = ageWords('2024-02-20');
  expect(rowText.includes(age) && rowText.includes('Borsetshire Police') && rowText.includes('eligibility'),
    `the queue shows the complaint's age (${age}), authority and stage: ${rowText}`);
  await step('queue');
  await page.click('a[href="/complaints"]');
  await step('complaints');

  await page.click(`#live-complaints a:has-text("${CASE}")`);
  const panel = (await page.textContent('#eligibility')).replace(/\s+/g, ' ');
  expect(panel.includes('check this') && panel.includes('before any internal review was asked for'),
    `the s.50(2)(a) flag is explained: ${panel}`);
  expect(panel.includes('it ended on 22 March 2024'), `the window and its end are shown: ${panel}`);
  expect((await page.$$('#decline-complaint input[name=ground]:checked')).length === 0, 'no ground is chosen for the caseworker');
  await step('eligibility');
  await page.check('#decline-complaint input[name=ground][value=not_exhausted]');
  await page.fill('#decline-complaint #message', REASON);
  await page.click('#decline-complaint button:has-text("Decline the complaint")');
  expect((await page.textContent('.notification-banner')).includes('Complaint declined'), 'the refusal is recorded');
  await step('declined');
  const caseUrl = page.url().split('?')[0];

  // The requester reads the reason.
  await context.clearCookies();
  who = REQUESTER;
  await run.signIn(page, REQUESTER);
  await page.goto(caseUrl);
  expect((await page.textContent('main')).includes(REASON), 'the requester reads the reason');
  await step('requester reads the reason');

  // A complaint opened by hand, for an authority not yet listed.
  await context.clearCookies();
  who = CASEWORKER;
  await run.signIn(page, CASEWORKER);
  await page.goto(`${run.base}/complaints/new`);
  await step('open: authority');
  await page.check('#authority-new');
  await page.fill('#authority_name', 'Ambridge Parish Council');
  await page.click('main button:has-text("Continue")');
  await step('open: request');
  await page.fill('#request', 'The minutes of the council\'s meetings in 2026.\nIts budget for 2026.');
  await page.check('input[name=regime][value=FOIA]');
  await page.click('main button:has-text("Continue")');
  await step('open: dates');
  await fillDate(page, 'sent', [3, 8, 2026]);
  await fillDate(page, 'response', [28, 8, 2026]);
  await page.check('input[name=outcome][value=withheld]');
  await page.fill('#provisions', 'section 40(2)');
  await fillDate(page, 'complained', [2, 10, 2026]);
  await page.click('main button:has-text("Continue")');
  const answers = (await page.textContent('#answers')).replace(/\s+/g, ' ');
  expect(answers.includes('Ambridge Parish Council (to be added)') && answers.includes('2 October 2026') && answers.includes('under section 40(2)'), `check answers: ${answers}`);
  await step('open: check');
  await page.click('main button:has-text("Open the complaint")');
  const confirmation = (await page.textContent('.panel')).replace(/\s+/g, ' ');
  expect(confirmation.includes('Complaint opened') && /IC-\d{4}-\d{4}/.test(confirmation), `the confirmation panel: ${confirmation}`);
  await step('open: confirmation');
  await page.click('main a.button');
  expect((await page.textContent('#eligibility')).includes('Can the Commissioner decide'), 'the opened complaint awaits the eligibility check');
  await step('opened complaint');
  await context.close();
  return `${CASE}: queued at ${age}, flagged under s.50(2)(a) and declined with reasons the requester read; a complaint about Ambridge Parish Council opened by hand`;
}
