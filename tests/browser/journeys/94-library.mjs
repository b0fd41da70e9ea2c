// Library: the officer searches the decision notices for s.31 and "neither confirm nor
// deny" (the demo's made-up police notices), opens one with its numbered paragraphs,
// follows a provision to its law page, reads the outcomes chart and its table, and sees
// the precedent panel on a police case and on its response form, notices citing
// s.23(5), s.24(2) or s.31(3) first. The administrator then opens the library to the
// public and someone not signed in reads it, until it is closed again. Screenshots and
// axe-core on every page.

import { expect } from '../lib.mjs';

const OFFICER = 'officer@demo.foidesk.test';
const ADMIN = 'admin@demo.foidesk.test';
const CASE = '2020-06-23_metropolitan-police-service';
// The made-up police notices where the force neither confirmed nor denied under s.31(3).
const NCND_S31 = ['IC-900101-DM01', 'IC-900102-DM02', 'IC-900103-DM03', 'IC-900104-DM04'];
const CITED = /s\.(23\(5\)|24\(2\)|31\(3\))/;

async function setPublic(browser, run, on) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await run.signIn(page, ADMIN);
  await page.goto(`${run.base}/admin#library`);
  await page.check(`input[name=public][value=${on ? 'on' : 'off'}]`);
  await run.accessible(page, `library: admin sets public ${on}`, ADMIN);
  await page.click('main button:has-text("Save who may read the library")');
  expect(new URL(page.url()).pathname === '/admin', `saved, back on /admin: ${page.url()}`);
  await context.close();
}

export default async function library(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `library: ${label}`, OFFICER);
    await run.shot(page, `library-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, OFFICER);

  await page.click('header >> text=Library');
  await step('search page');
  await page.fill('#provision', 's.31');
  await page.selectOption('#ncnd', 'yes');
  await page.click('main form button:has-text("Search")');
  await step('s.31 and NCND');
  const titles = await page.$$eval('.library-results__title a', (as) => as.map((a) => a.textContent));
  for (const ref of NCND_S31) {
    expect(titles.some((t) => t.startsWith(ref)), `searching s.31 and NCND lists ${ref}: ${titles.join(' | ')}`);
  }
  expect((await page.textContent('main')).includes('made up for the demo'), 'the demo notices say they are made up');

  await page.click(`.library-results__title a:has-text("${NCND_S31[0]}")`);
  await step('a notice');
  const paragraphs = await page.$$('ol.library-notice li');
  expect(paragraphs.length >= 5, `the notice shows its numbered paragraphs: ${paragraphs.length}`);
  await page.click('main a[href^="/law/s.31"]');
  await step('law page');
  expect((await page.textContent('h1')).startsWith('s.31'), 'the provision has its law page');

  await page.goto(`${run.base}/library/outcomes?provision=s.31`);
  await step('outcomes chart');
  expect((await page.$$('svg.chart rect')).length > 0, 'the chart draws bars');
  expect((await page.$$('main table tbody tr')).length > 0, 'the figures are in a table');

  await page.goto(`${run.base}/cases?q=`);
  await page.click(`text=${CASE}`);
  const caseUrl = page.url();
  await step('precedents on the case');
  const panel = await page.$$eval('.precedents li', (lis) => lis.map((li) => li.innerText));
  expect(panel.length > 0, 'the case page shows decisions on similar requests');
  expect(CITED.test(panel[0]), `the first precedent cites s.23(5), s.24(2) or s.31(3): ${panel[0]}`);
  await page.goto(`${caseUrl}/record/response`);
  await step('precedents on the response form');
  expect((await page.$$('.precedents li')).length > 0, 'the response form shows the precedents too');
  await context.close();

  // Closed to the public by default; open, then closed again for the journeys after.
  const outside = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const anon = await outside.newPage();
  await anon.goto(`${run.base}/library`);
  expect(new URL(anon.url()).pathname === '/sign-in', `not signed in, the library asks for sign-in: ${anon.url()}`);
  await setPublic(browser, run, true);
  await anon.goto(`${run.base}/library?provision=s.24`);
  expect(new URL(anon.url()).pathname === '/library', `the public library opens: ${anon.url()}`);
  await run.accessible(anon, 'library: public search');
  await run.shot(anon, 'library-public');
  await setPublic(browser, run, false);
  await outside.close();
  return `the officer found the ${NCND_S31.length} made-up NCND s.31 notices, read one, its law page and the outcomes chart, and saw precedents citing s.23(5), s.24(2) or s.31(3) first; the public read the library only while it was open`;
}
