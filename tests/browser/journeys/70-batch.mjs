// Batch and invitation. The demo requester sends one two-part request to
// three police forces at once (not the demo officer's, whose queue later
// pages read): check answers, then a confirmation with each force's
// reference. "My requests" lists all three with the force and the status in
// plain words; the administrator finds each case on the case list, and each
// case is its own force's. Then the administrator invites a requester, who
// opens the link, sets a password and sees an empty "My requests" with a
// "Make a request" button. Screenshots and axe-core on every page.

import { expect } from '../lib.mjs';

const REQUESTER = 'requester@demo.foidesk.test';
const ADMIN = 'admin@demo.foidesk.test';
// As the register names them (each also answers to "Chief Constable of …").
const FORCES = ['Kent Police', 'Nottinghamshire Police', 'Cambridgeshire Constabulary'];
const PARTS = [
  'How many speed cameras did the force operate on 1 January 2026, by road?',
  'How much did the force receive in fixed penalties from those cameras in 2025?',
];

export default async function batch(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (who, label) => {
    await run.accessible(page, `batch: ${label}`, who);
    await run.shot(page, `batch-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };

  await run.signIn(page, REQUESTER);
  await step(REQUESTER, 'my requests before');
  await page.click('main a:has-text("Make a request")');
  for (const force of FORCES) await page.check(`label:text-is("${force}")`);
  await step(REQUESTER, 'authorities');
  await page.click('main button[value=continue]');
  await page.fill('#part-1', PARTS[0]);
  await page.click('main button[value=add-part]');
  await page.fill('#part-2', PARTS[1]);
  await step(REQUESTER, 'parts');
  await page.click('main button[value=continue]');
  await page.check('input[name=environment][value=no]');
  await step(REQUESTER, 'environment');
  await page.click('main button[value=continue]');
  await step(REQUESTER, 'about you');
  await page.click('main button[value=continue]');

  const answers = await page.textContent('main .summary-list');
  for (const words of [...FORCES, ...PARTS, 'Freedom of Information Act']) {
    expect(answers.includes(words), `check answers lists "${words}": ${answers}`);
  }
  await step(REQUESTER, 'check answers');
  await page.click('main button[value=confirm]');
  expect((await page.textContent('.panel__title')).includes('Request sent'), 'a confirmation panel');
  const confirmation = await page.textContent('main');
  expect(confirmation.includes('Sent to 3 authorities'), `sent to three: ${confirmation}`);
  // Each force's heading, then its reference.
  const sent = await page.$$eval('main .summary-list a[href^="/cases/"]', (as) => as.map((a) => ({
    force: a.closest('dl').previousElementSibling.textContent.trim(),
    reference: a.textContent.trim(),
  })));
  const references = sent.map((s) => s.reference);
  expect(references.length === 3, `three references: ${references.join(', ')}`);
  expect((confirmation.match(/The authority should answer by (Monday|Tuesday|Wednesday|Thursday|Friday) \d+ \w+ \d{4}/g) ?? []).length === 3,
    `each force's answer-by day in words: ${confirmation}`);
  for (const force of FORCES) expect(confirmation.includes(force), `the confirmation names ${force}`);
  await step(REQUESTER, 'confirmation');

  await page.click('main a:has-text("My requests")');
  const rows = await page.$$eval('#my-requests ~ .table-wrap tbody tr', (trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  for (const force of FORCES) {
    const row = rows.find((r) => r.startsWith(force));
    expect(row && row.includes('How many speed cameras') && /awaiting response, due \d+ \w+/.test(row),
      `My requests lists ${force} with its status in words: ${rows.join(' | ')}`);
  }
  const header = await page.$$eval('#my-requests ~ .table-wrap thead th', (ths) => ths.map((th) => th.textContent.trim()));
  expect(!header.includes('Assigned to'), `no "Assigned to" for a requester: ${header.join(', ')}`);
  await step(REQUESTER, 'my requests after');
  // Each request names the others it was sent with.
  await page.click(`main tr:has-text("Reference ${sent[0].reference}") a[href^="/cases/"]`);
  const batchList = await page.textContent('#batch');
  for (const { force, reference } of sent.slice(1)) {
    expect(batchList.includes(force) && batchList.includes(reference), `the request names ${force} (${reference}) as sent with it: ${batchList}`);
  }
  await step(REQUESTER, 'a request of the batch');
  await context.clearCookies();

  // The administrator sees each on the list, each on its own force's case.
  await run.signIn(page, ADMIN);
  await page.goto(`${run.base}/cases?q=${encodeURIComponent('speed cameras')}`);
  const listed = await page.$$eval('.case-list tbody tr td:first-child a', (as) => as.map((a) => a.textContent.trim()));
  for (const reference of references) expect(listed.includes(reference), `the list has ${reference}: ${listed.join(', ')}`);
  await step(ADMIN, 'case list');
  expect(FORCES.every((f) => sent.some((s) => s.force === f)), `one case per force: ${JSON.stringify(sent)}`);
  for (const [i, { force, reference }] of sent.entries()) {
    await page.click(`.case-list a:text-is("${reference}")`);
    const text = await page.textContent('main');
    expect(text.includes(force), `${reference} is ${force}'s case`);
    if (i === 0) await step(ADMIN, 'one case of the batch');
    await page.goBack();
  }

  // An invitation: made by the administrator, used once by the invitee.
  await page.goto(`${run.base}/admin#requesters`);
  await page.fill('#invite-person', 'Nia Newcomer');
  await page.fill('#invite-email', 'nia@example.org');
  await page.click('main button:has-text("Make an invitation link")');
  const link = (await page.textContent('#invitation-link')).trim();
  expect(/\/join\/[0-9a-f]{64}$/.test(link), `an invitation link: ${link}`);
  // A POST's answer, with a link shown once: not one for the mobile pass to open again.
  await step(undefined, 'invitation made');
  await context.clearCookies();

  await page.goto(link);
  expect((await page.textContent('main')).includes('Nia Newcomer'), 'the invitation names the invitee');
  await step(undefined, 'join');
  await page.fill('#password', 'a password for nia');
  await page.click('main button[type=submit]');
  expect(new URL(page.url()).pathname === '/', `joined and signed in: ${page.url()}`);
  const home = await page.textContent('main');
  expect(home.includes('You have not made any requests yet'), `an empty My requests: ${home}`);
  expect(await page.isVisible('main a.button:has-text("Make a request")'), 'a Make a request button');
  await step(undefined, 'joined');
  await page.goto(link);
  expect((await page.textContent('h1')).includes('cannot be used'), 'the link works once');
  await context.close();
  return `one request to ${FORCES.length} forces: ${references.join(', ')}, each on its own force's desk and in My requests; an invitation joined once`;
}
