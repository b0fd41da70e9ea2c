// Request to complaint, across the three desks (issue 13). The demo
// requester makes a two-part request to the demo officer's force. The
// officer answers: part 1 disclosed, part 2 neither confirmed nor denied
// under s.31(3). The requester reads the refusal letter in their thread and
// asks for an internal review from its button; the officer upholds the
// refusal; the requester complains to the Commissioner. The caseworker
// accepts the complaint and issues a decision notice through the guided
// form (upheld: the force must confirm or deny within 35 calendar days).
// The requester then reads that the Commissioner decided in their favour,
// with the step and its date, and the officer sees the step due on their
// dashboard. Screenshots and axe-core on every page.

import { expect, fillDate, londonToday } from '../lib.mjs';
import { answerAll } from './20-response.mjs';
import { acceptComplaint, answerPages } from './85-decision.mjs';

const REQUESTER = 'requester@demo.foidesk.test';
const OFFICER = 'officer@demo.foidesk.test';
const CASEWORKER = 'caseworker@demo.foidesk.test';
const FORCE = 'Metropolitan Police Service';
const PARTS = [
  'Your policy on the use of live facial recognition at football matches.',
  'Whether the force used live facial recognition at any match in October 2026.',
];
const NOTICE = 'IC-424242-E2E9';
const STEP = 'Confirm or deny whether the force holds the information requested in part 2.';

// A date `days` after today in London, as people write it: "4 January 2027".
function inWords(days) {
  const [d, m, y] = londonToday().map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export default async function requestToComplaint(browser, run) {
  const as = async (who) => {
    const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await run.signIn(page, who);
    const step = async (label) => {
      await run.accessible(page, `request to complaint: ${label}`, who);
      await run.shot(page, `e2e-${label.replace(/[^a-z0-9]+/gi, '-')}`);
    };
    return { context, page, step };
  };

  // The requester makes the request.
  let { context, page, step } = await as(REQUESTER);
  await page.click('main a:has-text("Make a request")');
  await page.check(`label:text-is("${FORCE}")`);
  await page.click('main button[value=continue]');
  await page.fill('#part-1', PARTS[0]);
  await page.click('main button[value=add-part]');
  await page.fill('#part-2', PARTS[1]);
  await page.click('main button[value=continue]');
  await page.check('input[name=environment][value=no]');
  await page.click('main button[value=continue]');
  await page.click('main button[value=continue]');
  await step('check answers');
  await page.click('main button[value=confirm]');
  const sent = page.locator('main .summary-list a[href^="/cases/"]').first();
  const reference = (await sent.textContent()).trim();
  const caseUrl = new URL(await sent.getAttribute('href'), run.base).toString();
  expect(/should answer by (Monday|Tuesday|Wednesday|Thursday|Friday) \d+ \w+ \d{4}/.test(await page.textContent('main')), 'the confirmation gives the day to answer by');
  await step('request sent');
  await context.close();

  // The officer answers: part 2 neither confirmed nor denied.
  ({ context, page, step } = await as(OFFICER));
  await page.goto(caseUrl);
  await page.click('#next-actions >> text=Send the response');
  await page.check('input[name="outcome-1"][value=disclosed]');
  await page.check('input[name="outcome-2"][value=ncnd]');
  await page.fill('#provisions-2', 'section 31(3)');
  for (const id of ['public_interest_reasons', 'states_review_procedure', 'states_complaint_right']) {
    await page.check(`#${id}`);
  }
  await page.click('main button[value=letter]');
  await answerAll(page, step, 'e2e refusal', {
    reasons: 'Saying whether the force used the technology at particular matches would show where it is and is not deployed.',
    'public_interest.for': 'People are entitled to know how crowds are policed.',
    'public_interest.against': 'Confirming or denying would help those who want to avoid it.',
    'public_interest.balance': 'Protecting the policing of matches outweighs knowing whether such records exist.',
    request_summary: 'live facial recognition at football matches',
  });
  await page.click('main button:has-text("Send the letter")');
  expect((await page.textContent('.notification-banner')).includes('Response sent'), 'the response is sent');
  await context.close();

  // The requester reads the refusal letter and asks for a review.
  ({ context, page, step } = await as(REQUESTER));
  await page.goto(caseUrl);
  const thread = await page.textContent('#thread');
  expect(thread.includes('neither confirmed nor denied') && thread.includes('section 31(3)'), `the refusal is in the thread: ${thread}`);
  const letters = await page.$$eval('#thread a[href*="/attachments/"]', (as) => as.map((a) => a.textContent));
  expect(letters.some((l) => /refusal notice/i.test(l)), `the refusal letter is in the thread: ${letters.join(', ')}`);
  await step('the refusal in the thread');
  await page.click('#requester-actions >> text=Ask for an internal review');
  await page.fill('#message', 'Confirming or denying would reveal nothing operational: please review part 2.');
  await page.click('main button[type=submit]');
  await step('review asked for');
  await context.close();

  // The officer upholds the refusal.
  ({ context, page, step } = await as(OFFICER));
  await page.goto(caseUrl);
  await page.click('#next-actions >> text=Send the review outcome');
  await page.check('input[name=result][value=upheld]');
  await page.click('main button[value=letter]');
  await answerAll(page, step, 'e2e review', {
    'review.reasons': 'The reviewer found the exemption was rightly relied on.',
    'review.actions': 'None.',
    request_summary: 'live facial recognition at football matches',
  });
  await page.click('main button:has-text("Send the letter")');
  expect((await page.textContent('.notification-banner')).includes('Internal review outcome'), 'the review is sent');
  await context.close();

  // The requester complains to the Commissioner.
  ({ context, page, step } = await as(REQUESTER));
  await page.goto(caseUrl);
  await page.click('#requester-actions >> text=Complain to the Information Commissioner');
  await step('complaint');
  await page.fill('#message', 'The force should confirm or deny whether it used the technology.');
  await page.click('main button[type=submit]');
  await page.click('text=Back to your request');
  expect((await page.textContent('#requester-status')).includes('with the Commissioner'), 'the request is with the Commissioner');
  await context.close();

  // The caseworker accepts the complaint and issues the decision notice.
  ({ context, page, step } = await as(CASEWORKER));
  await findComplaint(page, step, reference);
  await acceptComplaint(page, step);
  await step('complaint accepted');
  await page.click('#next-actions >> text=Issue the decision notice');
  await fillDate(page, 'date', londonToday());
  await page.fill('#reference', NOTICE);
  await page.check('input[name=outcome][value=authority_not_entitled]');
  await page.fill('#steps', STEP);
  await page.click('main button[value=letter]');
  await answerPages(page, step);
  await page.click('main button:has-text("Issue the notice")');
  expect((await page.textContent('.notification-banner')).includes('Decision notice issued'), 'the notice is issued');
  await step('decision issued');
  await context.close();

  // The requester reads the decision; the officer sees the step due.
  ({ context, page, step } = await as(REQUESTER));
  await page.goto(caseUrl);
  const decision = await page.textContent('#decision');
  for (const words of ['The Commissioner decided in your favour', STEP, inWords(35)]) {
    expect(decision.includes(words), `the requester reads "${words}": ${decision}`);
  }
  await step('the requester reads the decision');
  await context.close();

  ({ context, page, step } = await as(OFFICER));
  await stepsDue(page, step, reference, inWords(35));
  await context.close();
  return `${reference}: requested by the requester, refused in part (NCND s.31(3)), reviewed, complained of, accepted and decided (${NOTICE}, upheld, a step due ${inWords(35)}); the requester reads it in their favour and the officer sees the step due`;
}

// The caseworker finds the complaint in the live queue by its reference,
// with its age and authority, and opens it: the review was done and the
// complaint came in time, so nothing stands in its way (s.50(2)).
async function findComplaint(page, step, reference) {
  const row = page.locator('#live-complaints tr', { hasText: reference });
  const rowText = (await row.innerText()).replace(/\s+/g, ' ');
  expect(/0 days \(0 weeks\)/.test(rowText) && rowText.includes('Metropolitan Police Service'),
    `the queue shows today's complaint with its age and authority: ${rowText}`);
  await step('the complaint in the queue');
  await row.locator('a[href^="/cases/"]').first().click();
  const panel = (await page.textContent('#eligibility')).replace(/\s+/g, ' ');
  expect(panel.includes('The internal review was completed on') && panel.includes('within it'),
    `the review was done and the complaint came in time: ${panel}`);
  await step('eligibility');
}

// The officer's dashboard lists the step with its date.
async function stepsDue(page, step, reference, due) {
  const panel = page.locator('#steps-due + table tr', { hasText: reference });
  const text = (await panel.innerText()).replace(/\s+/g, ' ');
  expect(text.includes(STEP) && text.includes(due), `the officer's dashboard shows the step due ${due}: ${text}`);
  await step('steps due on the officer dashboard');
}
