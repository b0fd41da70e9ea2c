// Intake: an officer logs a two-part request through the question pages,
// with the date received typed in day, month and year boxes (a date after
// today is refused first), checks the answers and sees the confirmation
// with the case reference and the response deadline. Screenshots and
// axe-core on every page.

import { expect, fillDate, londonToday } from '../lib.mjs';

const OFFICER = 'officer@demo.foidesk.test';

// [day, month, year] strings for London's today moved by `days`.
function shifted([day, month, year], days) {
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + days));
  return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())];
}

export default async function intake(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `intake: ${label}`, OFFICER);
    await run.shot(page, `intake-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  const proceed = () => page.click('main button[value=continue]');
  await run.signIn(page, OFFICER);
  await page.goto(`${run.base}/cases`);
  await page.click('text=Log a new request');
  expect(new URL(page.url()).pathname === '/requests/new', `"Log a new request" leads to /requests/new, not ${page.url()}`);
  expect((await page.textContent('h1')).includes('How did the request come in?'), 'the first question asks how it came in');
  await step('how it came in');
  await page.check('input[name=channel][value=email]');
  await proceed();

  expect((await page.textContent('h1')).includes('Who made the request?'), 'the second question asks who');
  await page.fill('#requester_name', 'Siân Llŷr');
  await page.fill('#contact', '12 Heol y Frenhines\nCardiff CF10 2BH');
  await page.check('input[name=requester_type][value=journalist]');
  await step('the requester');
  await proceed();

  expect((await page.textContent('h1')).includes('When was the request received?'), 'the third question asks when');
  const today = londonToday();
  expect((await page.inputValue('#received-day')) === today[0], 'the date received defaults to today');
  await fillDate(page, 'received', shifted(today, 1));
  await proceed();
  const refused = await page.textContent('.error-summary');
  expect(refused.includes('The date received must be today or in the past'), `a date after today is refused: ${refused}`);
  await step('a date after today refused');
  const received = shifted(today, -2);
  await fillDate(page, 'received', received);
  await proceed();

  expect((await page.textContent('h1')).includes('What did they ask for?'), 'the fourth question asks for the request');
  await page.fill('#part-1', 'A copy of the policy on flying drones over public gatherings.');
  await page.click('main button[value=add-part]');
  await page.fill('#part-2', 'The number of drone flights over gatherings in 2025.');
  await step('the request in two parts');
  await proceed();

  expect((await page.textContent('h1')).includes('Which law'), 'the fifth question asks the regime');
  await page.check('input[name=regime][value=FOIA]');
  await step('the regime');
  await proceed();

  const check = await page.textContent('main');
  expect(check.includes('Check your answers'), 'check answers comes before logging');
  for (const shown of ['Siân Llŷr', 'Cardiff CF10 2BH', 'Journalist', 'Email', 'policy on flying drones', 'drone flights over gatherings', 'Part 2']) {
    expect(check.includes(shown), `check answers shows "${shown}"`);
  }
  await step('check answers');
  await page.click('main button[value=confirm]');

  expect((await page.textContent('h1')).includes('Request logged'), 'a confirmation panel follows');
  const panel = await page.textContent('.panel');
  const reference = (panel.match(/[A-Z0-9-]+-\d{4}-\d{4}/) || [])[0];
  expect(reference, `the panel gives the reference: ${panel}`);
  const deadline = await page.textContent('main');
  expect(/Respond by (Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} [A-Z][a-z]+ \d{4}/.test(deadline), `the confirmation gives the deadline in words: ${deadline}`);
  await step('confirmation');
  await page.click(`text=Go to case ${reference}`);
  run.state.intake = { url: page.url(), reference };
  const casePage = await page.textContent('main');
  expect(casePage.includes(reference) && casePage.includes('policy on flying drones'), 'the case opens with the request');
  await context.close();
  return `the officer logged ${reference}, two parts received ${received.join('/')}, and saw check answers and the deadline`;
}
