// The official return: the officer opens Statistics and the return, sees last quarter's,
// picks another quarter from the links, types a period holding one of the force's requests
// (November 2019) and sees its figures, each with its definition and source; the figures
// equal the API's, and the CSV downloaded from the page holds the same. A date that does
// not exist is named in the error summary. Then the Commissioner's figures for the force.
// Screenshots and axe-core on every page.

import fs from 'node:fs';
import { expect, fillDate } from '../lib.mjs';

const OFFICER = 'officer@demo.foidesk.test';

// The figures the page shows, by their key in the JSON ("timeliness.in_time").
async function shownFigures(page) {
  return page.$$eval('td[data-figure]', (cells) =>
    Object.fromEntries(cells.map((c) => [c.dataset.figure, Number(c.textContent.trim())])));
}

function flatten(json) {
  const out = {};
  for (const [group, value] of Object.entries(json)) {
    if (typeof value === 'number') out[group] = value;
    else if (value && typeof value === 'object') {
      for (const [key, n] of Object.entries(value)) out[`${group}.${key}`] = n;
    }
  }
  return out;
}

export default async function returns(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `returns: ${label}`, OFFICER);
    await run.shot(page, `returns-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, OFFICER);

  await page.click('header >> text=Statistics');
  // The statistics page links to the return for the period it shows.
  await page.click('main a[href^="/statistics/return"]');
  await step('from the statistics page');
  expect((await page.textContent('h1')).includes('Official FOI return'), 'the return page opens');

  const quarters = await page.$$eval('nav[aria-label=Quarters] a', (as) => as.map((a) => a.textContent));
  expect(quarters.length === 4, `four quarters offered: ${quarters.join(' | ')}`);
  await page.click(`nav[aria-label=Quarters] a:has-text("${quarters[1]}")`);
  const lead = await page.textContent('#return-of');
  const [firstMonth] = quarters[1].split(' ');
  expect(lead.includes(firstMonth), `the quarter chosen is shown: ${lead} for ${quarters[1]}`);

  await fillDate(page, 'from', [1, 10, 2019]);
  await fillDate(page, 'to', [31, 12, 2019]);
  await page.click('main form button:has-text("Show the return")');
  await step('October to December 2019');
  const shown = await shownFigures(page);
  expect(shown.received >= 1, `the force's November 2019 request is counted: ${JSON.stringify(shown)}`);
  const definitions = await page.$$eval('main table tbody tr', (rows) => rows.map((r) => r.cells[2]?.textContent ?? ''));
  expect(definitions.every((d) => d.trim().length > 20), 'each figure has its definition beside it');
  const api = await page.request.get(`${run.base}/api/v1/statistics/return?from=2019-10-01&to=2019-12-31`);
  expect(api.ok(), `the API answers: ${api.status()}`);
  const fromApi = flatten(await api.json());
  expect(JSON.stringify(Object.entries(fromApi).sort()) === JSON.stringify(Object.entries(shown).sort()),
    `the page's figures are the API's: ${JSON.stringify(shown)} vs ${JSON.stringify(fromApi)}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  expect(/^return-.*-2019-10-01-to-2019-12-31\.csv$/.test(download.suggestedFilename()), `the CSV's name: ${download.suggestedFilename()}`);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const received = csv.split('\n').find((line) => line.includes(',received,'));
  expect(received && received.includes(`,${shown.received},`), `the CSV holds the same received figure: ${received}`);

  await fillDate(page, 'from', [30, 2, 2024]);
  await page.click('main form button:has-text("Show the return")');
  await step('a date that does not exist');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('The start of the period must be a real date'), `the error names the start: ${summary}`);

  await page.goto(`${run.base}/statistics/commissioner`);
  await step('the Commissioner figures');
  expect((await page.$$('#complaints tbody tr')).length === 2, 'complaints received and closed');
  await context.close();
  return `returns: the officer's return for October to December 2019 (${shown.received} received) matched the API and the CSV`;
}
