// The reviewer's HTML report in a real browser (Debian's Chromium, driven by playwright-core):
// built from real engine findings (the samples and one group of the labelled corpus), it renders
// its charts and tables, applies its stylesheet under its own Content-Security-Policy, asks the
// network for nothing, and escapes hostile text. Screenshots go to test-output/report.png (screen)
// and test-output/report-print.png (print media), and the printed page to test-output/report.pdf,
// for a person to look at.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanText } from '../../engine/report/escape.js';
import { DEFAULT_FEE_90853, formatCents, revenueAtRisk, toHtml, toJUnit } from '../../engine/report/index.js';
import { lintFolders } from '../report/engine-findings.js';
import { finding, NASTY, RULE_INFOS } from '../report/fixtures.js';
import { outputDir } from './paths.js';

// Browser globals used inside page.evaluate callbacks (which run in the page); the project's
// tsconfig has no DOM lib, so declare just what is used, for this file only.
interface XmlNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface XmlDocument {
  querySelector(selector: string): XmlNode | null;
  querySelectorAll(selector: string): ArrayLike<XmlNode> & Iterable<XmlNode>;
}
declare const document: { scripts: { length: number }; querySelectorAll(selector: string): { length: number } };
declare function getComputedStyle(element: unknown): { fill: string; backgroundColor: string };
declare const DOMParser: new () => { parseFromString(source: string, type: string): XmlDocument };

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

let browser: Browser;

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
});

interface Watched {
  page: Page;
  /** every request the page made, the document's own included */
  requests: string[];
  /** requests to anything but file: URLs, aborted before they leave the browser */
  blocked: string[];
  errors: string[];
}

async function open(file: string, html: string, viewport = { width: 1280, height: 1800 }): Promise<Watched> {
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const watched: Watched = { page: await context.newPage(), requests: [], blocked: [], errors: [] };
  // nothing may leave the machine even if the page did ask: abort every non-file request
  await context.route(
    (url) => url.protocol !== 'file:',
    (route) => {
      watched.blocked.push(route.request().url());
      return route.abort();
    },
  );
  watched.page.on('request', (request) => watched.requests.push(request.url()));
  watched.page.on('console', (message) => message.type() === 'error' && watched.errors.push(message.text()));
  watched.page.on('pageerror', (error) => watched.errors.push(String(error)));
  await watched.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return watched;
}

describe('HTML report in Chromium', () => {
  const { findings, files } = lintFolders('samples', 'test/corpus/anxiety-grief');
  const html = toHtml(findings, RULE_INFOS, {
    title: 'Group note audit: anxiety and grief groups',
    generatedAt: '2026-06-01 09:30 UTC',
    feeSchedule: {},
    defaultAllowedAmount: DEFAULT_FEE_90853.amount,
    filesChecked: files.length,
  });
  const reportFile = join(outputDir, 'report.html');

  it('has real findings to show', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(findings.length).toBeGreaterThan(50);
    expect(new Set(findings.map((f) => f.date?.slice(0, 7))).size).toBeGreaterThan(3);
  });

  it('renders the charts and tables, styled, with no network request and no error', async () => {
    const { page, requests, blocked, errors } = await open(reportFile, html);
    const url = pathToFileURL(reportFile).href;

    for (const selector of ['#chart-rules', '#chart-months', '#table-rules', '#table-members', '#table-clinicians', '#table-months', '#table-findings', '#revenue-total']) {
      await expect(page.locator(selector).isVisible(), selector).resolves.toBe(true);
    }
    const chart = await page.locator('#chart-rules').boundingBox();
    expect(chart!.width).toBeGreaterThan(500);
    expect(chart!.height).toBeGreaterThan(100);
    expect(await page.locator('#chart-rules rect.bar').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#chart-months rect.bar').count()).toBeGreaterThanOrEqual(4);
    // every bar is drawn with its colour from the stylesheet (which the CSP allows by hash)
    const fills = await page.locator('#chart-rules rect.bar').evaluateAll((rects) => [...new Set(rects.map((r) => getComputedStyle(r).fill))]);
    expect(fills).not.toContain('rgb(0, 0, 0)');
    expect(await page.locator('.card').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(246, 248, 250)');

    expect(await page.locator('#table-findings tbody tr').count()).toBe(findings.length);
    expect(await page.locator('#table-rules tbody tr').count()).toBe(RULE_INFOS.length);
    const revenue = revenueAtRisk(findings, {}, DEFAULT_FEE_90853.amount);
    expect(revenue.claims.length).toBeGreaterThan(10);
    expect(await page.locator('#revenue-total').textContent()).toBe(formatCents(revenue.totalCents));
    expect(await page.locator('#revenue').textContent()).toContain('seed 002_0117d5fd0a9e3224.txt figures');
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);

    await page.screenshot({ path: join(outputDir, 'report.png') });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(outputDir, 'report-print.png'), clip: { x: 0, y: 0, width: 1280, height: 1800 } });
    // on paper: A4, the page's own @page margins
    const pdf = await page.pdf({ path: join(outputDir, 'report.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expect(requests.filter((r) => r !== url)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('its Content-Security-Policy blocks a fetch before it reaches the network', async () => {
    const { page, requests, blocked, errors } = await open(reportFile, html);
    const outcome = await page.evaluate(() =>
      fetch('http://127.0.0.1:9/beacon').then(
        () => 'fetched',
        (e: unknown) => `refused: ${String(e)}`,
      ),
    );
    expect(outcome).toMatch(/^refused/);
    expect(errors.join('\n')).toMatch(/Content Security Policy/);
    expect(requests.filter((r) => !r.startsWith('file:'))).toEqual([]);
    expect(blocked).toEqual([]);
    await page.context().close();
  });

  it('the request watch does see requests (control page without the report or its policy)', async () => {
    const { page, requests, blocked } = await open(join(outputDir, 'report-control.html'), '<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:9/pixel.png" alt="">');
    await page.waitForTimeout(200);
    expect(requests).toContain('http://127.0.0.1:9/pixel.png');
    expect(blocked).toContain('http://127.0.0.1:9/pixel.png');
    await page.context().close();
  });
});

describe('hostile text in a real browser', () => {
  it('shows markup in findings as text, runs nothing and loads nothing', async () => {
    const hostile = finding({
      file: `notes/<img src=x onerror="document.title='pwned'">.md`,
      ruleId: 'response-missing',
      line: 3,
      member: 'M-1',
      memberName: '<b>Bold</b> Name',
      clinician: `<img src="http://127.0.0.1:9/c.png" onerror="document.title='pwned'">`,
      date: '2026-03-04',
      message: NASTY,
      claimAtRisk: true,
    });
    const html = toHtml([hostile], RULE_INFOS, {
      title: `Audit <script>document.title='pwned'</script>`,
      generatedAt: '<b>now</b>',
      feeSchedule: {},
      defaultAllowedAmount: DEFAULT_FEE_90853.amount,
      filesChecked: 1,
    });
    const file = join(outputDir, 'report-hostile.html');
    const { page, requests, blocked, errors } = await open(file, html);
    expect(await page.title()).toBe(`Audit <script>document.title='pwned'</script>`);
    expect(await page.evaluate(() => document.querySelectorAll('script, img, b').length)).toBe(0);
    const cells = await page.locator('#table-findings tbody td').allTextContents();
    expect(cells[0]).toBe(`notes/<img src=x onerror="document.title='pwned'">.md:3:1`);
    expect(cells[3]).toBe('<b>Bold</b> Name (M-1)');
    expect(cells[5]).toContain(`=HYPERLINK("http://x.example","a") <script>alert(1)</script> & "quoted" 'single' \\u0007bell\\u0000nul`);
    expect(requests.filter((r) => r !== pathToFileURL(file).href)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("Chromium's XML parser reads the JUnit output, hostile text included, exactly as written", async () => {
    const hostile = finding({ file: `dir/"a" & <b>'s\u0007.md`, ruleId: 'response-missing', line: 3, column: 4, message: NASTY, severity: 'error' });
    const xml = toJUnit([hostile], RULE_INFOS, [hostile.file, 'clean.md']);
    const context = await browser.newContext();
    const page = await context.newPage();
    const read = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      const error = doc.querySelector('parsererror');
      return {
        error: error ? error.textContent : null,
        suites: [...doc.querySelectorAll('testsuite')].map((s) => s.getAttribute('name')),
        message: doc.querySelector('failure')?.getAttribute('message'),
        body: doc.querySelector('failure')?.textContent,
        cases: doc.querySelectorAll('testcase').length,
      };
    }, xml);
    expect(read.error).toBeNull();
    expect(read.suites).toEqual([cleanText(hostile.file), 'clean.md']);
    expect(read.message).toBe(cleanText(NASTY));
    expect(read.body).toBe(`3:4 error response-missing: ${cleanText(NASTY)}`);
    expect(read.cases).toBe(2 * RULE_INFOS.length);
    await context.close();
  });
});
