// Corrections (issue 12): on the demo's overdue request DEMO-4 an officer
// finds the demo accounts on the sign-in page, is refused a clarification
// dated after today, records a response with a mistyped date (today, so
// late), then corrects it with a reason: the response deadline turns from
// missed to met and the original stays on the timeline marked as corrected.

import { expect, fillDate } from '../lib.mjs';

const OFFICER = 'officer@demo.foidesk.test';

// A day `offset` days from today in London, as [day, month, year] strings.
function londonDay(offset) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date(Date.now() + offset * 86400000));
  const get = (type) => parts.find((p) => p.type === type).value;
  return [get('day'), get('month'), get('year')];
}

export default async function corrections(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();

  await page.goto(`${run.base}/sign-in`);
  const accounts = await page.textContent('#demo-accounts');
  expect(accounts.includes(OFFICER) && accounts.includes('demo-password-not-for-real-use'), `the demo's sign-in page lists its accounts: ${accounts}`);
  await run.accessible(page, 'sign-in with the demo accounts');
  await run.shot(page, 'sign-in-demo');

  await run.signIn(page, OFFICER);
  await page.click('text=DEMO-4');
  const caseUrl = page.url();
  await run.accessible(page, 'DEMO-4 case page', OFFICER);
  const overdue = await page.textContent('#deadlines');
  expect(/Overdue/.test(overdue), `DEMO-4's response is overdue: ${overdue}`);

  // A clarification dated after today is refused, in plain words.
  await page.click('#other-actions summary');
  await page.click('#other-actions >> text=Clarification sought (s.1(3)) (without a letter)');
  await fillDate(page, 'date', londonDay(1));
  await page.click('main button[value=record]');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('The date must be today or in the past'), `a date after today is refused: ${summary}`);
  await run.accessible(page, 'clarification dated after today');
  await run.shot(page, 'corrections-future-date');
  await page.goto(caseUrl);
  expect(!(await page.textContent('main')).includes('Clarification sought (s.1(3)),'), 'nothing was recorded');

  // The response, with today's date typed by mistake: late.
  await page.click('#other-actions summary');
  await page.click('#other-actions >> text=Response sent (without a letter)');
  await page.check('#outcome-1');
  await page.check('#outcome-2');
  await page.click('main button[value=check]');
  await run.accessible(page, 'response check answers (DEMO-4)');
  await page.click('main button[value=record]');
  const missed = await page.textContent('#deadlines');
  expect(/Missed by/.test(missed), `answered today, the response is late: ${missed}`);
  await run.shot(page, 'corrections-before');

  // Corrected: it was sent two weeks ago.
  await page.locator('#timeline > li', { hasText: 'Response sent' }).locator('a[href*="/correct/"]').click();
  await run.accessible(page, 'correction form', OFFICER);
  expect((await page.inputValue('#date-day')) === londonDay(0)[0], 'the form opens with the event as recorded');
  await fillDate(page, 'date', londonDay(-14));
  await page.fill('#reason', 'The date was mistyped: the response went out two weeks ago.');
  await page.click('main button[value=check]');
  const answers = await page.textContent('#answers');
  expect(answers.includes('The date was mistyped'), `the check page shows the reason: ${answers}`);
  await run.accessible(page, 'correction check answers');
  await run.shot(page, 'corrections-check');
  await page.click('main button[value=record]');
  expect((await page.textContent('.notification-banner')).includes('Recorded: Correction'), 'a banner confirms the correction');
  const met = await page.textContent('#deadlines');
  expect(/Met on/.test(met) && !/Missed/.test(met), `the corrected response meets its deadline: ${met}`);
  const timeline = await page.textContent('#timeline');
  expect(timeline.includes('Corrected') && timeline.includes('The date was mistyped'), `the original shows as corrected: ${timeline}`);
  await run.accessible(page, 'DEMO-4 after the correction');
  await run.shot(page, 'corrections-after');
  await context.close();
  return 'a future clarification was refused; a mistyped response date was corrected with a reason and the deadline turned from missed to met';
}
