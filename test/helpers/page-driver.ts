// Driving the built page in headless Chromium: fields, files, waiting for a run, reading charts.

import type { ElementHandle, Page } from 'puppeteer-core';

/** Sets an input or select (by id, or id and more selector) and fires input and change, as a user's edit would. */
export async function setField(page: Page, id: string, value: string | boolean): Promise<void> {
  await page.$eval(
    `#${id}`,
    (el, v) => {
      const input = el as HTMLInputElement;
      if (typeof v === 'boolean') input.checked = v;
      else input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );
}

export async function uploadFile(page: Page, file: string, name: string): Promise<void> {
  const input = (await page.$('#file-input')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await page.waitForFunction(
    (n) => document.getElementById('data-summary')!.textContent!.startsWith(`Loaded ${n}`) || [...document.querySelectorAll('.message.error')].some((e) => e.textContent!.includes(`${n}:`)),
    { timeout: 20_000 },
    name,
  );
}

export async function loadBundled(page: Page, id: string): Promise<void> {
  await page.select('#bundled', id);
  // The example at page load may have loaded the same file: the summary is cleared so that the
  // wait below is for this load.
  await page.$eval('#data-summary', (e) => (e.textContent = ''));
  await page.click('#load-bundled');
  await page.waitForFunction((n) => document.getElementById('data-summary')!.textContent!.startsWith(`Loaded ${n}`), { timeout: 120_000 }, `${id}.csv`);
}

/** Waits for the example fit of page load to end (drawn and no longer running). */
export async function waitExample(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.example === 'true' && document.body.dataset.running === 'false', { timeout });
}

/** The messages shown in one place of the page ('data' or 'run'). */
export function messagesIn(page: Page, place: 'data' | 'run'): Promise<string[]> {
  return page.$$eval(`#${place}-messages .message`, (els) => els.map((e) => e.textContent ?? ''));
}

/** Presses Fit and waits until the run ends (done, failed or cancelled); returns the status line. */
export async function fitAndWait(page: Page, timeout = 30_000): Promise<string> {
  await page.click('#fit');
  await page.waitForFunction(() => document.body.dataset.running === 'false', { timeout });
  return page.$eval('#run-status', (el) => el.textContent ?? '');
}

export const waitDrawn = (page: Page, id: string, timeout = 120_000) => page.waitForSelector(`#${id}[data-state="drawn"]`, { timeout });

/** Pixels of a chart's canvas that are painted (not transparent, not white). */
export function paintedPixels(page: Page, id: string): Promise<number> {
  return page.$eval(`#${id} canvas`, (el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) painted++;
    return painted;
  });
}

export function errorMessages(page: Page): Promise<string[]> {
  return page.$$eval('.message.error', (els) => els.map((e) => e.textContent ?? ''));
}

/** The coefficients table as name → full-precision value, and the caption's intercept. */
export async function shownCoefficients(page: Page): Promise<{ beta: Record<string, number>; intercept: number; selected: number }> {
  return page.evaluate(() => {
    const beta: Record<string, number> = {};
    document.querySelectorAll('#coef-table tbody tr').forEach((tr) => {
      beta[tr.querySelector('th')!.textContent!] = Number((tr.querySelector('td') as HTMLElement).dataset.value);
    });
    return {
      beta,
      intercept: Number(document.getElementById('coef-intercept')!.dataset.value),
      selected: Number(document.getElementById('path-chart')!.dataset.selected),
    };
  });
}

/** Whether anything sticks out sideways (a horizontal scrollbar at this viewport width). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
