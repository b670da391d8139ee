// run.mjs drives a running Jupyter Notebook 6 server through headless
// Chromium and checks the page a learner works in: a lesson run from the
// Cell menu, then interrupt, long output, display updates and tab completion
// in a scratch notebook.
//
// Usage: node run.mjs CONFIG.json
//
// The Go test in this folder starts the server, writes CONFIG.json and reads
// the check results that this script writes to config.resultsPath. The script
// exits with 0 when every check passed, 1 when a check failed and 2 when the
// run itself broke.

import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

// Chromium flags: no sandbox (tests run as root in containers), no GPU, and
// no traffic of the browser's own to any host.
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Selectors of the classic Notebook 6 page (notebook/templates/notebook.html).
const sel = {
  cell: '#notebook-container .cell',
  codeCell: '#notebook-container .code_cell',
  kernelIcon: '#kernel_indicator_icon',
  cellMenu: '#celllink',
  runAll: '#run_all_cells a',
  interrupt: 'button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]',
  completions: '.completions select',
  modal: '.modal-dialog',
};

const config = JSON.parse(await readFile(process.argv[2], 'utf8'));
const results = [];

// cellMs bounds page loads, clicks and the short cells of the scratch
// notebook. It is generous because a loaded 2-core machine can slow the
// server, kernel and browser tenfold.
const cellMs = config.cellSeconds * 1000;

function check(name, ok, detail) {
  results.push({ name, ok: Boolean(ok), detail: String(detail ?? '') });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${detail ?? ''}`);
}

function log(message) {
  console.log(`     ${message}`);
}

// withTimeout rejects when promise has not settled after ms milliseconds.
function withTimeout(promise, ms, label) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// openNotebook opens a notebook of the server root and waits until its
// kernel reports idle. On failure it reports the dialog that the page shows,
// such as "Kernel not found".
async function openNotebook(page, name) {
  const url = `${config.baseURL}/notebooks/${encodeURIComponent(name)}?token=${config.token}`;
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector(sel.cell, { timeout: cellMs });
  try {
    await waitKernelIdle(page, config.kernelStartSeconds * 1000);
  } catch (err) {
    const dialog = await page.locator(sel.modal).allInnerTexts();
    throw new Error(`kernel of ${name} did not become idle: ${err.message}; dialogs: ${JSON.stringify(dialog)}`);
  }
}

async function waitKernelIdle(page, ms) {
  await page.waitForFunction(
    (icon) => document.querySelector(icon)?.classList.contains('kernel_idle_icon'),
    sel.kernelIcon,
    { timeout: ms, polling: 250 },
  );
}

// cellStates returns, for each code cell, its prompt and whether its source
// is empty. A queued or running cell shows "In [*]".
async function cellStates(page) {
  return page.$$eval(sel.codeCell, (cells) =>
    cells.map((cell) => ({
      prompt: cell.querySelector('.input_prompt')?.textContent.trim() ?? '',
      empty: (cell.querySelector('.CodeMirror')?.CodeMirror?.getValue() ?? '').trim() === '',
    })),
  );
}

// waitAllDone waits until no code cell is queued or running and the kernel
// is idle, which is also the state after a failed cell stopped "Run All".
async function waitAllDone(page, ms) {
  await page.waitForFunction(
    ({ codeCell, kernelIcon }) => {
      const prompts = [...document.querySelectorAll(`${codeCell} .input_prompt`)];
      const running = prompts.some((p) => p.textContent.includes('*'));
      const idle = document.querySelector(kernelIcon)?.classList.contains('kernel_idle_icon');
      return !running && idle;
    },
    { codeCell: sel.codeCell, kernelIcon: sel.kernelIcon },
    { timeout: ms, polling: 500 },
  );
}

// waitCellDone waits until code cell index shows an execution count and the
// kernel is idle.
async function waitCellDone(page, index, ms) {
  await page.waitForFunction(
    ({ codeCell, kernelIcon, index }) => {
      const cell = document.querySelectorAll(codeCell)[index];
      const prompt = cell?.querySelector('.input_prompt')?.textContent ?? '';
      const idle = document.querySelector(kernelIcon)?.classList.contains('kernel_idle_icon');
      return /\[\d+\]/.test(prompt) && idle;
    },
    { codeCell: sel.codeCell, kernelIcon: sel.kernelIcon, index },
    { timeout: ms, polling: 200 },
  );
}

// runCell puts code cell index in edit mode with a click and runs it with
// Shift+Enter, as a user would. It does not wait for the result.
async function runCell(page, index) {
  await page.locator(sel.codeCell).nth(index).locator('.CodeMirror').click();
  await page.keyboard.press('Shift+Enter');
}

function cellPrompt(page, index) {
  return page.locator(sel.codeCell).nth(index).locator('.input_prompt').innerText();
}

// cellOutputText returns the text of every output of code cell index.
async function cellOutputText(page, index) {
  const texts = await page.locator(sel.codeCell).nth(index).locator('.output_area').allInnerTexts();
  return texts.join('').trim();
}

// errorOutputs returns the text of every error output on the page.
function errorOutputs(page) {
  return page.$$eval('.output_error', (nodes) => nodes.map((n) => n.innerText.trim().slice(0, 800)));
}

// renderedSizes returns the rendered width and height of every node that
// matches selector, and for images whether they decoded.
function renderedSizes(page, selector) {
  return page.$$eval(selector, (nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      const decoded = n.tagName !== 'IMG' || (n.complete && n.naturalWidth > 0);
      return { tag: n.tagName.toLowerCase(), width: r.width, height: r.height, decoded };
    }),
  );
}

function describeSizes(sizes) {
  return sizes.map((s) => `${s.tag} ${Math.round(s.width)}x${Math.round(s.height)}${s.decoded ? '' : ' (not decoded)'}`).join(', ');
}

async function checkLesson(context) {
  const lesson = config.lesson;
  const page = await context.newPage();
  page.on('pageerror', (err) => log(`page error in ${lesson.name}: ${err.message}`));
  const messages = recordKernelMessages(page);
  await openNotebook(page, lesson.name);
  log(`${lesson.name}: kernel idle, running all cells from the Cell menu`);

  await page.click(sel.cellMenu);
  await page.click(sel.runAll);
  await waitAllDone(page, lesson.timeoutSeconds * 1000);

  // A prompt number alone does not prove that a cell ran, because a kernel
  // may number the cells it aborts after an error. The execute_reply status
  // tells which cells ran.
  const states = await cellStates(page);
  const withSource = states.filter((s) => !s.empty);
  const replies = messages.filter((m) => m.type === 'execute_reply');
  const ok = replies.filter((m) => m.status === 'ok');
  check(`${lesson.name}: every code cell ran`, ok.length === withSource.length,
    `${ok.length} of ${withSource.length} non-empty code cells replied ok (replies by status: ${countBy(replies, 'status') || 'none'})`);

  const errors = await errorOutputs(page);
  check(`${lesson.name}: no error outputs`, errors.length === 0,
    errors.length === 0 ? 'none' : `${errors.length} error outputs, first: ${errors[0]}`);

  const stderr = await page.$$eval('.output_stderr', (nodes) => nodes.map((n) => n.innerText.slice(0, 300)));
  if (stderr.length > 0) {
    log(`${lesson.name}: ${stderr.length} stderr outputs, first: ${stderr[0]}`);
  }

  const tables = await renderedSizes(page, '.output_html table');
  const visibleTables = tables.filter((s) => s.width > 0 && s.height > 0);
  check(`${lesson.name}: HTML tables rendered`,
    tables.length >= lesson.minTables && visibleTables.length === tables.length,
    `${tables.length} tables (at least ${lesson.minTables} expected): ${describeSizes(tables)}`);

  const images = await renderedSizes(page, '.output_png img, .output_jpeg img, .output_svg svg');
  const visibleImages = images.filter((s) => s.width > 0 && s.height > 0 && s.decoded);
  check(`${lesson.name}: plot images rendered`,
    images.length >= lesson.minImages && visibleImages.length === images.length,
    `${images.length} images (at least ${lesson.minImages} expected): ${describeSizes(images)}`);

  await fullPageScreenshot(page, lesson.screenshot);
  log(`screenshot of ${lesson.name}: ${lesson.screenshot}`);
  await page.close();
}

// fullPageScreenshot saves the whole notebook. The classic page scrolls
// inside #site, which has a fixed height, so the style is relaxed first to
// let the page grow to the notebook's length.
async function fullPageScreenshot(page, path) {
  await page.addStyleTag({
    content: `html, body { height: auto !important; overflow: visible !important; }
      body { position: static !important; }
      #site { height: auto !important; overflow: visible !important; }`,
  });
  await page.screenshot({ path, fullPage: true });
}

// recordKernelMessages records the type and reply status of every kernel
// message that the page receives on its websockets, in arrival order.
function recordKernelMessages(page) {
  const messages = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') {
        messages.push({ type: 'binary' });
        return;
      }
      try {
        const msg = JSON.parse(payload);
        messages.push({ type: msg.header?.msg_type ?? msg.msg_type, status: msg.content?.status });
      } catch {
        messages.push({ type: 'invalid' });
      }
    });
  });
  return messages;
}

// countBy returns how many messages have each value of key, as "a 2, b 1".
function countBy(messages, key) {
  const counts = new Map();
  for (const m of messages) {
    counts.set(m[key], (counts.get(m[key]) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

// checkInterrupt runs the long cell, interrupts it from the toolbar, and
// then runs the after cell, which must run normally.
async function checkInterrupt(page, scratch, cell) {
  await runCell(page, cell.index);
  // Let the cell run for a moment, so the interrupt lands inside it.
  await page.waitForTimeout(3000);
  const before = await cellPrompt(page, cell.index);
  if (!before.includes('*')) {
    const text = await cellOutputText(page, cell.index);
    check(`scratch: ${cell.label} is running before the interrupt`, false,
      `prompt ${before} 3s after the run, output ${JSON.stringify(text)}`);
    return;
  }
  check(`scratch: ${cell.label} is running before the interrupt`, true, `prompt ${before}`);

  await page.click(sel.interrupt);
  try {
    await waitCellDone(page, cell.index, scratch.interruptSeconds * 1000);
    check(`scratch: interrupt button stops the ${cell.label}`, true, `prompt ${await cellPrompt(page, cell.index)}`);
  } catch (err) {
    check(`scratch: interrupt button stops the ${cell.label}`, false,
      `cell still running ${scratch.interruptSeconds}s after the interrupt: ${err.message}`);
    return;
  }

  await runCell(page, scratch.afterCell);
  let text = '';
  try {
    await waitCellDone(page, scratch.afterCell, cellMs);
    text = await cellOutputText(page, scratch.afterCell);
  } catch (err) {
    text = `cell did not finish: ${err.message}`;
  }
  check(`scratch: next cell runs after interrupting the ${cell.label}`,
    String(text).includes(scratch.afterText), `output ${JSON.stringify(text)}`);
}

async function checkLongOutput(page, scratch, messages) {
  const first = messages.length;
  await runCell(page, scratch.longCell);
  try {
    await waitCellDone(page, scratch.longCell, cellMs);
  } catch (err) {
    check('scratch: long output finishes', false, err.message);
    return;
  }
  const streams = messages.slice(first).filter((m) => m.type === 'stream').length;

  const stream = page.locator(sel.codeCell).nth(scratch.longCell).locator('.output_stream');
  const text = (await stream.allInnerTexts()).join('');
  const lines = text.split('\n').filter((l) => l !== '');
  check('scratch: long output shows every line',
    lines.length === scratch.longLines && lines.at(-1) === scratch.longLastLine,
    `${lines.length} lines (${scratch.longLines} expected), last ${JSON.stringify(lines.at(-1))}`);

  check('scratch: long output arrives in few stream messages',
    streams > 0 && streams <= scratch.maxStreamMessages,
    `${streams} stream messages for ${scratch.longLines} lines (at most ${scratch.maxStreamMessages} allowed)`);

  // A page that froze while rendering would not return from a trivial
  // evaluation.
  let responsive = true;
  let detail = 'page answered';
  try {
    await withTimeout(page.evaluate(() => document.querySelectorAll('.cell').length), cellMs, 'evaluation');
  } catch (err) {
    responsive = false;
    detail = err.message;
  }
  check('scratch: page responds after long output', responsive, detail);

  const area = await page.locator(sel.codeCell).nth(scratch.longCell).locator('.output').evaluate((n) => ({
    scrolled: n.classList.contains('output_scroll'),
    height: n.getBoundingClientRect().height,
  }));
  check('scratch: long output is collapsed to a scroll box', area.scrolled,
    `output_scroll ${area.scrolled}, rendered height ${Math.round(area.height)}px`);
}

// checkDisplayUpdate runs a cell that shows one display and updates it many
// times by its display_id. The page must show one output with the last value.
async function checkDisplayUpdate(page, scratch) {
  await runCell(page, scratch.updateCell);
  await waitCellDone(page, scratch.updateCell, cellMs);
  const outputs = await page.locator(sel.codeCell).nth(scratch.updateCell).locator('.output_area').allInnerTexts();
  const text = outputs.join('').trim();
  check('scratch: display updates replace one output',
    outputs.length === 1 && text.includes(scratch.updateText),
    `${outputs.length} outputs (1 expected), text ${JSON.stringify(text.slice(0, 200))}, expected ${JSON.stringify(scratch.updateText)}`);
}

async function checkCompletion(page, scratch) {
  const editor = page.locator(sel.codeCell).nth(scratch.completionCell).locator('.CodeMirror');
  await editor.click();
  await page.keyboard.type(scratch.completionText);
  await page.keyboard.press('Tab');
  let options = [];
  let detail = '';
  try {
    await page.waitForSelector(sel.completions, { timeout: cellMs });
    options = await page.$$eval(`${sel.completions} option`, (os) => os.map((o) => o.textContent.trim()));
    detail = `${options.length} options, first ${JSON.stringify(options.slice(0, 8))}`;
  } catch (err) {
    const source = await editor.evaluate((n) => n.CodeMirror.getValue());
    detail = `no completion list within ${config.cellSeconds}s; cell source now ${JSON.stringify(source)}`;
  }
  check(`scratch: completion after ${JSON.stringify(scratch.completionText)} offers ${scratch.completionExpect}`,
    options.includes(scratch.completionExpect), detail);
  await page.keyboard.press('Escape');
}

async function checkScratch(context) {
  const scratch = config.scratch;
  const page = await context.newPage();
  page.on('pageerror', (err) => log(`page error in ${scratch.name}: ${err.message}`));
  const messages = recordKernelMessages(page);
  await openNotebook(page, scratch.name);

  // Each step reports a failed check of its own when it breaks, so one
  // broken feature does not hide the state of the others.
  // The interrupts after the first run last: a kernel may restart its
  // process to stop a call into compiled code, which drops the imports the
  // other steps rely on. The after cell carries its own imports.
  const [firstInterrupt, ...laterInterrupts] = scratch.interruptCells;
  const interruptStep = (cell) => [`interrupt ${cell.label}`, () => checkInterrupt(page, scratch, cell)];
  const steps = [
    ['setup cell', async () => {
      await runCell(page, scratch.setupCell);
      await waitCellDone(page, scratch.setupCell, cellMs);
    }],
    interruptStep(firstInterrupt),
    ['long output', () => checkLongOutput(page, scratch, messages)],
    ['display update', () => checkDisplayUpdate(page, scratch)],
    ['completion', () => checkCompletion(page, scratch)],
    ...laterInterrupts.map(interruptStep),
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (err) {
      check(`scratch: ${name} step`, false, err.message);
    }
  }
  await fullPageScreenshot(page, scratch.screenshot);
  log(`screenshot of ${scratch.name}: ${scratch.screenshot}`);
  await page.close();
}

async function main() {
  const origin = new URL(config.baseURL).origin;
  const context = await chromium.launchPersistentContext(config.userDataDir, {
    executablePath: config.chromium,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 900 },
    timeout: cellMs,
  });
  context.setDefaultTimeout(cellMs);
  context.setDefaultNavigationTimeout(cellMs);
  // Requests to any other origin (a CDN in a template, say) are aborted and
  // listed, so the pages load nothing from other hosts.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) {
      return route.continue();
    }
    log(`blocked request to ${url}`);
    return route.abort('blockedbyclient');
  });
  // The scratch checks run even when the lesson broke, and the other way
  // round, so one failure does not hide the state of the rest.
  const parts = [['lesson', checkLesson], ['scratch', checkScratch]];
  try {
    for (const [name, run] of parts) {
      if (!config[name]) {
        continue;
      }
      try {
        await run(context);
      } catch (err) {
        check(`${name} notebook run`, false, err.stack ?? err.message);
      }
    }
  } finally {
    await context.close();
  }
}

let exitCode = 0;
try {
  await main();
  exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (err) {
  check('browser run', false, err.stack ?? err.message);
  exitCode = 2;
}
await writeFile(config.resultsPath, JSON.stringify(results, null, 2));
process.exit(exitCode);
