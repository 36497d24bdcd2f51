// Renders a PDF's first page in Chromium with pdf.js (pdfjs-dist), so a test can look at a receipt as a person would:
// the PNG is saved with the screenshots, and the page's text is returned for the test to check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, screenshots } from './app.mjs';

const pdfjs = join(repo, 'tests', 'e2e', 'node_modules', 'pdfjs-dist', 'build');
const PAGE = `<!doctype html><html lang="en"><head><title>PDF</title></head><body style="margin:0;background:#888">
<canvas id="page" style="display:block;margin:0 auto;background:#fff"></canvas>
<script type="module">
  import * as pdfjs from '/pdf.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  try {
    const doc = await pdfjs.getDocument({ url: new URL('/document.pdf', location.href).href }).promise;
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: 1.5 });
    const canvas = document.getElementById('page');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
    const text = (await page.getTextContent()).items.map((i) => i.str).join(' ');
    window.rendered = { pages: doc.numPages, text };
  } catch (e) {
    window.rendered = { error: String(e) };
  }
</script></body></html>`;

export async function renderPdf(browser, bytes, name) {
  const context = await browser.newContext({ viewport: { width: 960, height: 1220 } });
  const page = await context.newPage();
  const files = {
    '/index.html': ['text/html', PAGE],
    '/pdf.mjs': ['text/javascript', readFileSync(join(pdfjs, 'pdf.mjs'))],
    '/pdf.worker.mjs': ['text/javascript', readFileSync(join(pdfjs, 'pdf.worker.mjs'))],
    '/document.pdf': ['application/pdf', bytes],
  };
  await page.route('http://pdf.test/**', (route) => {
    const [contentType, body] = files[new URL(route.request().url()).pathname] ?? [];
    return body ? route.fulfill({ contentType, body }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto('http://pdf.test/index.html');
  await page.waitForFunction(() => window.rendered, null, { timeout: 30_000 });
  const rendered = await page.evaluate(() => window.rendered);
  if (rendered.error) throw new Error(`pdf.js could not render the PDF: ${rendered.error}`);
  await page.locator('#page').screenshot({ path: join(screenshots, `${name}.png`) });
  await context.close();
  return rendered;
}
