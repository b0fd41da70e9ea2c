// Lists: the officer takes an overdue case, filters their list to overdue
// cases assigned to them, searches a word of the request, and downloads
// the CSV, whose rows equal the filtered list's. Screenshots and axe-core
// on every page.

import { expect, fillDate, londonToday } from '../lib.mjs';

const OFFICER = 'officer@demo.foidesk.test';

// RFC 4180 CSV: quoted cells may hold commas, quotes and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') { quoted = false; } else { cell += c; }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell); cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

async function tableRows(page) {
  return page.$$eval('table.case-list tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

export default async function lists(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const step = async (label) => {
    await run.accessible(page, `lists: ${label}`, OFFICER);
    await run.shot(page, `lists-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  };
  await run.signIn(page, OFFICER);

  // DEMO-3 is overdue; the officer takes it.
  await page.goto(`${run.base}/cases?q=number-plate`);
  await page.click('text=DEMO-3');
  const caseUrl = page.url();
  await page.goto(`${caseUrl}/record/assigned`);
  await fillDate(page, 'date', londonToday());
  const tag = await page.$eval('#assignee', (el) => `${el.tagName}:${el.type || ''}`);
  if (tag.startsWith('SELECT')) {
    await page.selectOption('#assignee', OFFICER);
  } else if (tag.endsWith(':radio')) {
    await page.check(`input[name=assignee][value="${OFFICER}"]`);
  } else {
    await page.fill('#assignee', OFFICER);
  }
  await page.click('main button[type=submit]');
  expect(page.url().startsWith(caseUrl), `the assignment is saved: ${page.url()}`);

  await page.goto(`${run.base}/cases`);
  await step('all cases');
  const all = await tableRows(page);
  expect(all.length >= 4, `the officer's list shows their cases: ${all.length}`);

  await page.click('text=My cases');
  await page.check('#overdue');
  await page.click('form.filter button[type=submit]');
  const params = new URL(page.url()).searchParams;
  expect(params.get('assignee') === 'me' && params.get('overdue') === 'yes', `the filter is in the address: ${page.url()}`);
  const mine = await tableRows(page);
  expect(mine.length >= 1 && mine.every((r) => r[0] !== 'DEMO-1'), `overdue and mine: ${JSON.stringify(mine)}`);
  expect(mine.some((r) => r[0] === 'DEMO-3' && r[r.length - 1].startsWith('Overdue by')), `DEMO-3 is listed as overdue: ${JSON.stringify(mine)}`);
  await step('my overdue cases');

  await page.fill('#q', 'recognition');
  await page.click('form.filter button[type=submit]');
  const found = await tableRows(page);
  expect(found.length === 1 && found[0][0] === 'DEMO-3', `searching a word of the request finds DEMO-3: ${JSON.stringify(found)}`);
  await step('searched');

  // Sorting by a column header keeps the filters.
  await page.click('th >> text=Received');
  expect(new URL(page.url()).searchParams.get('q') === 'recognition', 'sorting keeps the search');
  const sorted = await page.getAttribute('th[aria-sort]', 'aria-sort');
  expect(['ascending', 'descending'].includes(sorted), `the sorted column says so: ${sorted}`);

  const href = await page.getAttribute('a[href^="/cases.csv"]', 'href');
  const reply = await context.request.get(`${run.base}${href}`);
  expect(reply.ok() && reply.headers()['content-type'].startsWith('text/csv'), `the CSV downloads: ${reply.status()}`);
  const csv = parseCsv(await reply.text());
  const header = await page.$$eval('table.case-list thead th', (ths) => ths.map((th) => th.innerText.replace(/[▲▼]/g, '').trim()));
  expect(JSON.stringify(csv[0]) === JSON.stringify(header), `the CSV's header is the table's: ${JSON.stringify(csv[0])} vs ${JSON.stringify(header)}`);
  const shown = await tableRows(page);
  expect(JSON.stringify(csv.slice(1)) === JSON.stringify(shown), `the CSV's rows equal the list's: ${JSON.stringify(csv.slice(1))} vs ${JSON.stringify(shown)}`);
  await context.close();
  return `the officer filtered to their ${mine.length} overdue case(s), searched "recognition" and downloaded a CSV of the same ${shown.length} row(s)`;
}
