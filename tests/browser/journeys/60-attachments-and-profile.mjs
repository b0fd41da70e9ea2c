// An administrator sets an authority's letter profile, and an officer
// attaches a released PDF to a case, downloads it byte for byte, and has a
// file of the wrong type refused by name (issue 12).

import { expect } from '../lib.mjs';

const ADMIN = 'admin@demo.foidesk.test';
const OFFICER = 'officer@demo.foidesk.test';

export default async function (browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();

  // The register: from the admin page; one force, three names.
  await run.signIn(page, ADMIN);
  await page.goto(`${run.base}/admin`);
  await page.click('a:has-text("Open the register of authorities")');
  await run.accessible(page, 'register of authorities', ADMIN);
  await run.shot(page, 'register-of-authorities');
  const met = page.locator('tr', { hasText: 'Metropolitan Police Service' });
  expect((await met.textContent()).includes('Commissioner of Police of the Metropolis'), 'the Met\'s legal name is one of its names');
  await page.click('a:has-text("Add another name"):has(span:text-matches("Metropolitan"))');
  await page.fill('#alias', 'commissioner of police of the metropolis');
  await page.click('main button[type=submit]');
  const taken = await page.textContent('.error-summary');
  expect(taken.includes('already means Metropolitan Police Service'), `a name is never given twice: ${taken}`);
  await run.accessible(page, 'another name, refused');
  await run.shot(page, 'register-another-name-refused');
  await page.fill('#alias', 'The Met');
  await page.click('main button[type=submit]');
  expect((await page.locator('tr', { hasText: 'Metropolitan Police Service' }).textContent()).includes('The Met'), 'the new name is listed');

  // The profile: linked from the register, filled in by the demo loader.
  await page.click('a:has-text("Letter profile"):has(span:text-matches("Metropolitan"))');
  await run.accessible(page, 'letter profile', ADMIN);
  expect((await page.inputValue('#signatory-1-role')) === 'Information Rights Manager', 'the demo profile is shown');
  await page.fill('#email', 'not an address');
  await page.click('main button[type=submit]');
  const problem = await page.textContent('.error-summary');
  expect(problem.includes('email address'), `a bad email is refused, naming the field: ${problem}`);
  await run.accessible(page, 'letter profile with an error');
  await page.fill('#email', 'foi@met.demo.foidesk.test');
  await page.fill('#signatory-2-name', 'Siân Llŷr');
  await page.fill('#signatory-2-role', 'Disclosure Officer');
  await page.click('main button[type=submit]');
  expect((await page.textContent('.notification-banner')).includes('The letter profile has been saved'), 'a saved profile is confirmed');
  expect((await page.inputValue('#signatory-2-name')) === 'Siân Llŷr', 'the second signatory is kept');
  await run.accessible(page, 'letter profile saved', ADMIN);
  await run.shot(page, 'letter-profile');
  await context.clearCookies();

  // An attachment, on a live request of the officer's.
  await run.signIn(page, OFFICER);
  await page.goto(`${run.base}/cases`);
  await page.click('text=DEMO-3');
  const caseUrl = page.url();
  await page.click('text=Attach a file');
  await run.accessible(page, 'attach a file', OFFICER);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256))]);
  await page.setInputFiles('#file', { name: 'released-documents.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.click('main button[type=submit]');
  expect((await page.textContent('.notification-banner')).includes('released-documents.pdf'), 'the upload is confirmed');
  await run.accessible(page, 'file attached');
  await run.shot(page, 'attachment-uploaded');

  // A file of a type not kept is refused by its name; nothing is added.
  await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes') });
  await page.click('main button[type=submit]');
  const refused = await page.textContent('.error-summary');
  expect(refused.includes('notes.txt'), `a wrong type is refused by name: ${refused}`);
  await run.accessible(page, 'attach a file with an error');
  await run.shot(page, 'attachment-refused');

  await page.goto(caseUrl);
  const listed = await page.textContent('#attachments + *');
  expect(listed.includes('released-documents.pdf') && !listed.includes('notes.txt'), `the case lists the file: ${listed}`);
  await run.accessible(page, 'case with an attachment', OFFICER);
  const href = await page.getAttribute('a:has-text("released-documents.pdf")', 'href');
  const download = await page.request.get(`${run.base}${href}`);
  expect(download.status() === 200, `download: ${download.status()}`);
  expect(download.headers()['content-type'] === 'application/pdf', 'served as a PDF');
  expect((download.headers()['content-disposition'] || '').startsWith('attachment;'), 'served as an attachment');
  expect(Buffer.compare(await download.body(), pdf) === 0, 'the download is the upload, byte for byte');
  await context.close();
  return 'an administrator saved a letter profile (a bad email refused by field); an officer attached a PDF, downloaded it byte for byte, and a .txt was refused by name';
}
