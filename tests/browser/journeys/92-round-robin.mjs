// Round robin. The demo officer opens the Met's copy of the demo round robin
// (RR-IOT, sent to 47 police bodies) and sees the grid of every force's
// answers, part by part, and the precedent panel where there is one. They
// plan a response that neither confirms nor denies part 1 under s.31(3),
// as most forces did, and discloses part 2, which most forces neither
// confirmed nor denied: the letter's page warns and lists those forces.
// Sending without a reason is refused with an error summary and records
// nothing; with a reason the response is sent and the reason is on the
// case's timeline. Then the coordinator (the national police FOI unit)
// finds the round robin, sees the Met's part 2 cell updated and records
// its advice on part 2. Screenshots and axe-core on every page.

import { expect } from '../lib.mjs';
import { answerAll } from './20-response.mjs';

const OFFICER = 'officer@demo.foidesk.test';
const COORDINATOR = 'coordinator@demo.foidesk.test';
const REFERENCE = 'RR-IOT';

// The Met's row of the grid, as text, cell by cell.
async function metRow(page) {
  return page.$$eval('#round-robin-grid tbody tr', (trs) => {
    const row = trs.find((tr) => tr.querySelector('th').textContent.includes('Metropolitan Police Service'));
    return row ? [...row.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim()) : null;
  });
}

export default async function roundRobin(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  // A page reached by a POST is checked but not revisited at 375 px.
  const step = async (who, label, posted = false) => {
    await run.accessible(page, `round robin: ${label}`, posted ? undefined : who);
    await run.shot(page, `round-robin-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };

  await run.signIn(page, OFFICER);
  await page.goto(`${run.base}/cases`);
  await page.click(`main a:text-is("${REFERENCE}")`);
  const caseUrl = page.url().split('?')[0];
  const rows = await page.$$eval('#round-robin-grid tbody tr', (trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  expect(rows.length >= 40, `the grid has a row per force: ${rows.length}`);
  for (const force of ['Durham Constabulary', 'Kent Police', 'British Transport Police']) {
    expect(rows.some((r) => r.includes(force)), `the grid lists ${force}`);
  }
  expect(rows.some((r) => r.includes('neither confirm nor deny') && r.includes('section 31(3)')),
    `the grid shows NCND answers with their provisions: ${rows.slice(0, 3).join(' | ')}`);
  const before = await metRow(page);
  expect(before && before.every((c) => c.includes('pending')), `the Met's own row is pending: ${before}`);
  const caption = await page.textContent('#round-robin-grid caption');
  expect(caption.trim().length > 0, 'the grid has a caption');
  const text = await page.textContent('main');
  for (const requesterField of ['Demo Requester', 'requester@demo.foidesk.test']) {
    const grid = await page.textContent('#round-robin');
    expect(!grid.includes(requesterField), `the round-robin panel never names the requester (${requesterField})`);
  }
  // The precedent panel: the Commissioner's decisions on what the other
  // forces relied on (s.23(5), s.24(2), s.31(3)) come first.
  const first = await page.$('section.precedents .precedents__list > li');
  expect(first, 'the case page lists precedents');
  const said = await first.innerText();
  expect(/On [^.]*s\.(23\(5\)|24\(2\)|31\(3\))/.test(said), `the first precedent is on a provision in play: ${said}`);
  expect(text.includes('Round robin'), 'the case page has the round-robin panel');
  await step(OFFICER, 'the case with its grid');

  // The response: part 1 as most forces answered, part 2 disclosed.
  await page.click('#next-actions >> text=Send the response');
  await page.check('input[name="outcome-1"][value=ncnd]');
  await page.fill('#provisions-1', 'section 31(3)');
  await page.check('input[name="outcome-2"][value=disclosed]');
  for (const id of ['public_interest_reasons', 'states_review_procedure', 'states_complaint_right']) {
    await page.check(`#${id}`);
  }
  await step(OFFICER, 'the planned response');
  await page.click('main button[value=letter]');
  await answerAll(page, (label) => step(OFFICER, label), 'response', {
    request_summary: 'connected devices in investigations',
  });

  const warnings = await page.textContent('#consistency-warnings');
  expect(/Part 2/.test(warnings) && /neither confirm nor deny/i.test(warnings), `a warning on part 2: ${warnings}`);
  const peers = await page.$$eval('#consistency-warnings li a[href^="/cases/"], #consistency-warnings li', (els) => els.length);
  expect(peers >= 3, `the warning lists the forces that neither confirmed nor denied: ${warnings}`);
  await step(OFFICER, 'the letter with its warning');

  // No reason: refused, with the error summary, and nothing recorded.
  await page.click('main button:has-text("Send the letter")');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('Enter why you are departing'), `the error summary asks for a reason: ${summary}`);
  expect(await page.$('.error-summary a[href="#consistency_reason"]'), 'the summary links to the reason');
  await step(OFFICER, 'no reason given', true);
  const unsent = await context.newPage();
  await unsent.goto(caseUrl);
  const timelineBefore = await unsent.$('#timeline');
  expect(!timelineBefore || !(await timelineBefore.innerText()).includes('Response sent'), 'nothing was recorded without a reason');
  await unsent.close();

  const reason = 'Our force published its training syllabus for digital evidence last year, so saying we hold it reveals nothing new.';
  await page.fill('#consistency_reason', reason);
  await page.click('main button:has-text("Send the letter")');
  expect((await page.textContent('.notification-banner')).includes('Response sent'), 'a banner confirms the response');
  const timeline = await page.textContent('#timeline');
  expect(timeline.includes('Reason for departing from a consistent answer') && timeline.includes(reason),
    `the reason is on the timeline: ${timeline}`);
  const after = await metRow(page);
  expect(after && /confirmed held/.test(after[1]) && /disclosed/.test(after[1]), `the Met's part 2 now reads disclosed: ${after}`);
  await step(OFFICER, 'the case after sending');
  await context.close();

  // The coordinator: the round robins it coordinates, then this one's grid.
  const coordinator = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const cpage = await coordinator.newPage();
  await run.signIn(cpage, COORDINATOR);
  await run.accessible(cpage, 'round robin: coordinator dashboard', COORDINATOR);
  await run.shot(cpage, 'round-robin-coordinator-dashboard');
  await cpage.click('header a:text-is("Round robins")');
  await run.accessible(cpage, 'round robin: coordinator list', COORDINATOR);
  await run.shot(cpage, 'round-robin-coordinator-list');
  await cpage.click('main a:has-text("Internet of Things")');
  const seen = await metRow(cpage);
  expect(seen && /confirmed held/.test(seen[1]) && /disclosed/.test(seen[1]), `the coordinator sees the Met's part 2 updated: ${seen}`);
  const page2 = await cpage.textContent('main');
  for (const requesterField of ['Demo Requester', 'requester@demo.foidesk.test', 'Member of the public']) {
    expect(!page2.includes(requesterField), `the coordinator never sees ${requesterField}`);
  }
  expect(!(await cpage.$('#round-robin-grid a[href^="/cases/"]')), 'the coordinator cannot open cases');
  await run.accessible(cpage, 'round robin: coordinator grid', COORDINATOR);
  await run.shot(cpage, 'round-robin-coordinator-grid');

  // Advice on part 2, as most forces answered it.
  await cpage.check('input[name="outcome-2"][value=ncnd]');
  await cpage.fill('#provisions-2', 'section 23(5), section 24(2), section 31(3)');
  await cpage.fill('#note-2', 'Neither confirm nor deny, as most forces have.');
  await cpage.click('main button:has-text("Record advice on part 2")');
  expect((await cpage.textContent('.notification-banner')).includes('Advice recorded'), 'a banner confirms the advice');
  const advice = await cpage.textContent('#round-robin-advice');
  expect(advice.includes('Part 2') && advice.includes('section 23(5)'), `the advice is shown: ${advice}`);
  await run.accessible(cpage, 'round robin: advice recorded', COORDINATOR);
  await run.shot(cpage, 'round-robin-advice-recorded');
  await coordinator.close();
  return `${REFERENCE}: the grid of ${rows.length} forces, a disclosure on part 2 warned, refused without a reason, sent with one; the coordinator sees the cell updated and advises on part 2`;
}
