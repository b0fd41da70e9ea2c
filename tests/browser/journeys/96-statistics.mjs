// Statistics at 375 px: the administrator reads the twelve months to today
// (every month a row of the chart, its text page-sized and never cut off,
// the same figures in a table, every authority by name), chooses a period
// and one authority with the date inputs and the select, follows the
// official return's link for the same period, and types an end date before
// the start, which comes back with an error on the field. The officer's
// dashboard chart is read at 375 px too. Screenshots and axe-core on every
// page.

import { expect, fillDate, londonToday } from '../lib.mjs';

const ADMIN = 'admin@demo.foidesk.test';
const OFFICER = 'officer@demo.foidesk.test';
// Smallest text a chart may show, in CSS pixels.
const MIN_TEXT_PX = 14;

// The chart as the page lays it out: its name, each row's label and
// value, their font size, and whether any text is cut off.
async function chart(page) {
  return page.$eval('#timeliness-chart', (figure) => {
    const caption = document.getElementById(figure.getAttribute('aria-labelledby'));
    const rows = [...figure.querySelectorAll('.bar-chart__row')].map((row) => {
      const texts = [...row.querySelectorAll('.bar-chart__label, .bar-chart__value')];
      return {
        label: row.querySelector('.bar-chart__label').textContent,
        value: row.querySelector('.bar-chart__value').textContent,
        bar: row.querySelector('.bar-chart__fill') !== null,
        smallest: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize))),
        cut: texts.some((t) => t.scrollWidth > t.clientWidth || t.getBoundingClientRect().right > window.innerWidth),
      };
    });
    return { name: caption && caption.textContent, rows };
  });
}

function readable(seen, who) {
  expect(seen.name && seen.name.includes('answered in time'), `${who}: the chart is named: ${seen.name}`);
  expect(seen.rows.length === 12, `${who}: twelve months in the chart: ${seen.rows.map((r) => r.label)}`);
  for (const r of seen.rows) {
    expect(r.smallest >= MIN_TEXT_PX, `${who}: ${r.label}'s text is ${r.smallest} px`);
    expect(!r.cut, `${who}: ${r.label} (${r.value}) is cut off`);
    expect(r.bar || /no requests|none answered yet/.test(r.value), `${who}: ${r.label} has a bar or says why not: ${r.value}`);
  }
}

async function narrowWidth(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 375, `${label}: ${width} px wide at 375 px`);
}

export default async function statistics(browser, run) {
  const context = await run.axeContext(browser, { viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const step = async (label, who) => {
    await run.accessible(page, `statistics: ${label}`, who);
    await run.shot(page, `statistics-${label.replace(/[^a-z0-9]+/gi, '-')}`);
    await narrowWidth(page, label);
  };
  await run.signIn(page, ADMIN);
  await page.click('header >> text=Statistics');
  await step('administrator at 375 px', ADMIN);
  const all = await chart(page);
  readable(all, 'every authority');
  expect(all.rows.some((r) => r.bar), `the demo's last twelve months have answered requests: ${JSON.stringify(all.rows)}`);
  const tableRows = await page.$$eval('#timeliness-chart + .figures-table tbody tr', (rows) => rows.length);
  expect(tableRows === 12, `the table has every month: ${tableRows}`);
  const names = await page.$$eval('#by-authority + .figures-table tbody th', (ths) => ths.map((t) => [t.textContent, t.scrollWidth <= t.clientWidth]));
  expect(names.length > 1 && names.every(([, whole]) => whole), `every authority named in full: ${JSON.stringify(names)}`);

  // One authority over a period typed in the date inputs.
  const [day, month, year] = londonToday();
  await fillDate(page, 'from', [1, 1, year]);
  await fillDate(page, 'to', [day, month, year]);
  const met = await page.$eval('#authority', (s) => [...s.options].find((o) => o.text.includes('Metropolitan')).value);
  await page.selectOption('#authority', met);
  await page.click('main button:has-text("Show figures")');
  await step('one authority', ADMIN);
  const heading = await page.textContent('#figures-title');
  expect(heading.includes('Metropolitan Police Service') && heading.includes(`1 January ${year}`), `the figures say whose and when: ${heading}`);
  expect(!(await page.$('#by-authority')), 'one authority has no table by authority');
  const ret = await page.getAttribute('a:has-text("The official return")', 'href');
  const pad = (n) => String(n).padStart(2, '0');
  expect(ret === `/statistics/return?from=${year}-01-01&to=${year}-${pad(month)}-${pad(day)}&authority=${met}`, `the return's link: ${ret}`);

  // The end before the start: the form again, with the error on "to".
  await fillDate(page, 'from', [1, 6, year]);
  await fillDate(page, 'to', [1, 5, year]);
  await page.click('main button:has-text("Show figures")');
  const summary = await page.textContent('.error-summary');
  expect(summary.includes('The end date must be the same as or after the start date'), `the error is summarised: ${summary}`);
  expect(await page.$('.error-summary a[href="#to"]'), 'the summary links to the end date');
  expect(!(await page.$('#timeliness-chart')), 'no figures for a period that is not one');
  await step('end before start', ADMIN);
  await context.close();

  const officer = await run.axeContext(browser, { viewport: { width: 375, height: 800 } });
  const desk = await officer.newPage();
  await run.signIn(desk, OFFICER);
  await run.accessible(desk, 'statistics: officer dashboard at 375 px', OFFICER);
  await run.shot(desk, 'dashboard-375');
  await narrowWidth(desk, 'officer dashboard');
  readable(await chart(desk), 'the officer dashboard');
  await officer.close();
  return 'the administrator read the statistics at 375 px, chose a period and an authority, and was told an end date before the start is wrong; the officer read the dashboard chart at 375 px';
}
