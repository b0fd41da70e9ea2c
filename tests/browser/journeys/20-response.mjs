// Intake to response, continuing the request 10-intake logged (two parts,
// from Siân Llŷr in Cardiff): the officer sends the acknowledgement letter,
// asks for clarification and records the answer, attaches the released
// document, and sends the response (part 1 disclosed, part 2 neither
// confirmed nor denied under s.31(3)) through the guided letter: no TOML
// anywhere. The response deadline then reads as met, the letter is filed on
// the case, and its PDF names the requester, the reference, section 31(3)
// and says nothing can be inferred. Screenshots and axe-core on every page.

import { expect } from '../lib.mjs';

const OFFICER = 'officer@demo.foidesk.test';

// A small real PDF: the released document.
const RELEASED = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export default async function response(browser, run) {
  const logged = run.state.intake;
  expect(logged, 'the intake journey left a case to answer');
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `response: ${label}`, OFFICER);
    await run.shot(page, `response-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, OFFICER);
  await page.goto(logged.url);
  await step('the new case');

  // The acknowledgement: its date, then (with the profile and the case
  // holding everything else) the one question left, then send.
  await page.click('#next-actions >> text=Send the acknowledgement');
  await step('acknowledgement date');
  await page.click('main button[value=letter]');
  await answerAll(page, step, 'acknowledgement', { request_summary: 'drone flights over public gatherings' });
  const ack = await page.textContent('#letter');
  expect(ack.includes('Siân Llŷr') && ack.includes(logged.reference), `the acknowledgement is addressed and referenced: ${ack}`);
  await step('acknowledgement ready');
  await page.click('main button:has-text("Send the letter")');
  expect((await page.textContent('.notification-banner')).includes('Acknowledgement sent'), 'a banner confirms the acknowledgement');

  // Clarification: asked by letter, then the answer recorded.
  await page.click('#next-actions >> text=Ask for clarification');
  await page.click('main button[value=letter]');
  await answerAll(page, step, 'clarification', {
    'clarification.questions': 'Which gatherings do you mean: protests, sporting events, or both?',
    request_summary: 'drone flights over public gatherings',
  });
  await page.click('main button:has-text("Send the letter")');
  await page.click('#next-actions >> text=Clarification received');
  await page.click('main button[type=submit]');
  expect((await page.textContent('.notification-banner')).includes('Clarification received'), 'the clarification is recorded');

  // The released document, attached to the case.
  await page.click('text=Attach a file');
  await page.setInputFiles('#file', { name: 'drone-policy.pdf', mimeType: 'application/pdf', buffer: RELEASED });
  await step('attach the released document');
  await page.click('main button[type=submit]');
  expect((await page.textContent('.notification-banner')).includes('drone-policy.pdf'), 'the upload is confirmed');
  await page.click('text=Back to the case');
  expect((await page.textContent('#attachments ~ *')).includes('drone-policy.pdf'), 'the attachment is listed on the case');

  // The response, part by part, then the guided letter.
  await page.click('#next-actions >> text=Send the response');
  await page.check('input[name="outcome-1"][value=disclosed]');
  await page.check('input[name="outcome-2"][value=ncnd]');
  await page.fill('#provisions-2', 'section 31(3)');
  for (const id of ['public_interest_reasons', 'states_review_procedure', 'states_complaint_right']) {
    await page.check(`#${id}`);
  }
  await step('the response');
  await page.click('main button[value=letter]');
  await answerAll(page, step, 'refusal', {
    reasons: 'Saying whether the force holds records of drone flights over particular gatherings would show where it does and does not watch from the air.',
    'public_interest.for': 'People are entitled to know how gatherings are policed.',
    'public_interest.against': 'Confirming or denying would tell those planning disorder where aerial policing reaches.',
    'public_interest.balance': 'Protecting the policing of gatherings outweighs knowing whether such records exist.',
    request_summary: 'drone flights over public gatherings',
    'disclosure.enclosures': 'drone-policy.pdf',
  });
  const letter = await page.textContent('#letter');
  for (const needed of ['Siân Llŷr', logged.reference, 'section 31(3)', 'inferred']) {
    expect(letter.includes(needed), `the response letter says "${needed}": ${letter}`);
  }
  expect(!/toml|\[refusal|facts =/i.test(await page.textContent('main')), 'no TOML anywhere');
  await step('the response letter');
  await page.click('main button:has-text("Send the letter")');
  expect((await page.textContent('.notification-banner')).includes('Response sent'), 'a banner confirms the response');

  const deadlines = await page.textContent('#deadlines');
  expect(/Met on/.test(deadlines), `the response deadline reads as met: ${deadlines}`);
  await step('case after the response');

  // The letter is filed on the case; its PDF's text says what it must.
  const link = page.locator('a[href*="/attachments/"]', { hasText: /refusal notice/i }).first();
  const href = await link.getAttribute('href');
  const pdf = await page.request.get(new URL(href, run.base).toString());
  expect(pdf.ok(), `the letter downloads: ${pdf.status()}`);
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString() === '%PDF-', 'the letter is a PDF');
  run.state.responseLetter = body;
  run.state.response = { url: page.url().split('?')[0], reference: logged.reference };
  await context.close();
  return `${logged.reference}: acknowledgement, clarification and an NCND s.31(3) response sent as letters, the released PDF attached, the response deadline met`;
}

// Fill in every page of the letter's questions, with `given` answers for
// questions whose field name ends with a key (others get a plain answer),
// until the letter's own page.
export async function answerAll(page, step, label, given = {}) {
  for (let n = 0; n < 12 && new URL(page.url()).pathname.includes('/questions/'); n++) {
    await step(`${label} questions ${n + 1}`);
    for (const field of await page.$$('main form textarea, main form input[type=text]')) {
      const name = await field.getAttribute('name');
      if (!name || (await field.inputValue()) !== '') continue;
      const key = Object.keys(given).find((k) => name.endsWith(k));
      await field.fill(key ? given[key] : `An answer for ${name}.`);
    }
    for (const group of await page.$$('main form .radios')) {
      const first = await group.$('input[type=radio]');
      const name = await first.getAttribute('name');
      if ((await page.$$(`input[name="${name}"]:checked`)).length === 0) await first.check();
    }
    await page.click('main button:has-text("Save and continue")');
  }
  expect(!new URL(page.url()).pathname.includes('/questions/'), `the ${label} questions ended on the letter's page`);
}
