// Review, continuing the request 20-response answered: the requester's
// request for an internal review is recorded, the officer sends the review
// outcome through the guided letter, and every deadline so far reads as met.
// The response letter's PDF (from 20-response) and the review letter's are
// saved beside the screenshots, where crates/cli/tests/browser.rs reads
// their text. Screenshots and axe-core on every page.

import fs from 'node:fs';
import path from 'node:path';
import { expect } from '../lib.mjs';
import { answerAll } from './20-response.mjs';

const OFFICER = 'officer@demo.foidesk.test';

export default async function review(browser, run) {
  const answered = run.state.response;
  expect(answered, 'the response journey left an answered case');
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `review: ${label}`, OFFICER);
    await run.shot(page, `review-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, OFFICER);
  await page.goto(answered.url);

  await page.click('#next-actions >> text=Internal review requested');
  await step('review requested');
  await page.click('main button[type=submit]');
  expect((await page.textContent('.notification-banner')).includes('Internal review requested'), 'the review request is recorded');

  await page.click('#next-actions >> text=Send the review outcome');
  await page.check('input[name=result][value=upheld]');
  await step('review outcome');
  await page.click('main button[value=letter]');
  await answerAll(page, step, 'review', {
    'review.reasons': 'The reviewer read the request, the response and the records afresh, and found the exemption was rightly relied on.',
    'review.actions': 'None.',
    request_summary: 'drone flights over public gatherings',
  });
  const letter = await page.textContent('#letter');
  expect(letter.includes(answered.reference) && letter.includes('Siân Llŷr'), `the review letter is addressed and referenced: ${letter}`);
  await step('review letter');
  await page.click('main button:has-text("Send the letter")');
  expect((await page.textContent('.notification-banner')).includes('Internal review outcome'), 'a banner confirms the review');

  const rows = await page.$$eval('#deadlines tbody tr', (trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  for (const name of ['Response', 'Internal review']) {
    const row = rows.find((r) => r.startsWith(name));
    expect(row && /Met on/.test(row), `the ${name.toLowerCase()} deadline reads as met: ${rows.join(' | ')}`);
  }
  await step('case after the review');

  const link = page.locator('a[href*="/attachments/"]', { hasText: /internal review outcome/i }).first();
  const pdf = await page.request.get(new URL(await link.getAttribute('href'), run.base).toString());
  expect(pdf.ok(), `the review letter downloads: ${pdf.status()}`);
  fs.writeFileSync(path.join(run.outDir, 'review-letter.pdf'), await pdf.body());
  fs.writeFileSync(path.join(run.outDir, 'response-letter.pdf'), run.state.responseLetter);
  fs.writeFileSync(path.join(run.outDir, 'letters.json'), JSON.stringify({ reference: answered.reference }));
  await context.close();
  return `${answered.reference}: the review was requested and its outcome sent as a letter; the response and review deadlines read as met`;
}
