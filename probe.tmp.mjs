import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(process.argv[3] || 1024), height: 850 } });
await p.goto('http://127.0.0.1:3627' + process.argv[2]);
await p.waitForSelector('main table tbody tr[data-testid=row]');
for (const delay of [0, 500, 2000]) {
  await p.waitForTimeout(delay);
  const info = await p.evaluate(() => ({
    heads: [...document.querySelectorAll('main table thead th')].map((th) => `${th.innerText.trim()}:${th.clientWidth}/${th.scrollWidth}`).join(' '),
    box: document.querySelector('[data-testid=resources-table],[data-testid=nodes-table]')?.clientWidth,
    rows: document.querySelectorAll('main table tbody tr').length,
  }));
  console.log(delay, JSON.stringify(info));
}
await p.screenshot({ path: process.argv[4] || '/tmp/wt-tables-probe.png' });
await b.close();
