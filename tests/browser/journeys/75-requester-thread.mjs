// The requester's request page (issue 13): the demo requester opens a
// request the authority has answered, reads it as a thread, asks for an
// internal review from its button with a message, and sees the message in
// the thread and the status change; then withdraws a live request.
// Cases used: synthetic-ncnd-under-s21 (answered) and DEMO-5 (live, the
// demo's for this journey), which no other journey changes. Screenshots and axe-core on every page.

import { expect } from '../lib.mjs';

const REQUESTER = 'requester@demo.foidesk.test';
const ANSWERED = 'synthetic-ncnd-under-s21';
const LIVE = 'DEMO-5';

export default async function requesterThread(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `requester thread: ${label}`, REQUESTER);
    await run.shot(page, `requester-thread-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  const open = async (reference) => {
    await page.goto(`${run.base}/cases`);
    await page.click(`main tr:has-text("Reference ${reference}") a[href^="/cases/"]`);
    expect(/\/cases\/\d+$/.test(page.url()), `${reference} opens: ${page.url()}`);
  };
  await run.signIn(page, REQUESTER);

  await open(ANSWERED);
  const caseUrl = page.url();
  await step('answered request');
  const thread = await page.textContent('#thread');
  expect(thread.includes('You made the request') && thread.includes('The authority answered your request'), `the thread has the request and the answer: ${thread}`);
  const before = await page.textContent('#requester-status');
  const main = await page.textContent('main');
  for (const hidden of ['Version', 'Recorded by', 'Findings', '@demo.foidesk.test']) {
    expect(!main.includes(hidden), `the requester's page does not show "${hidden}"`);
  }
  const why = await page.textContent('#complaint-not-yet');
  expect(why.includes('internal review first'), `the page says why a complaint must wait: ${why}`);

  await page.click('#requester-actions >> text=Ask for an internal review');
  const guidance = await page.textContent('#guidance');
  expect(/working days/.test(guidance) && /\d{1,2} [A-Z][a-z]+ \d{4}/.test(guidance), `the time limit is given with its date: ${guidance}`);
  await step('ask for a review');
  await page.click('main button[type=submit]');
  const problem = await page.textContent('.error-summary');
  expect(problem.includes('Enter why you want the response reviewed'), `an empty message is refused: ${problem}`);
  await step('ask for a review with an error');
  const grounds = 'Section 21 cannot apply: the information is not reasonably accessible to me. Please review part 1.';
  await page.fill('#message', grounds);
  await page.click('main button[type=submit]');
  const panel = await page.textContent('.panel');
  expect(panel.includes('Your request for an internal review has been sent'), `a confirmation panel: ${panel}`);
  await step('review sent');

  await page.click('text=Back to your request');
  expect(page.url() === caseUrl, `back on the request: ${page.url()}`);
  const after = await page.textContent('#thread');
  expect(after.includes(grounds) && after.includes('You asked for an internal review'), `the message is in the thread: ${after}`);
  const status = await page.textContent('#requester-status');
  expect(status !== before && /review/.test(status), `the status changed from "${before}" to "${status}"`);
  await step('thread after the review request');

  await open(LIVE);
  await page.click('#requester-actions >> text=Withdraw your request');
  await step('withdraw');
  await page.fill('#message', 'I found the figures in the annual report.');
  await page.click('main button[type=submit]');
  expect((await page.textContent('.panel')).includes('Your request has been withdrawn'), 'the withdrawal is confirmed');
  await step('withdrawn');
  await page.click('text=Back to your request');
  expect((await page.textContent('#requester-status')).includes('withdrawn'), 'the request reads as withdrawn');
  expect((await page.textContent('#thread')).includes('You withdrew your request'), 'the withdrawal is in the thread');
  expect((await page.$('#requester-actions')) === null, 'nothing more to send on a withdrawn request');
  await step('live request withdrawn');
  await context.close();
  return `${ANSWERED}: an internal review asked for from its button, in the thread with the status changed; ${LIVE} withdrawn`;
}
