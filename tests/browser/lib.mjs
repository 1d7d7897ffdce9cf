// tests/browser/lib.mjs: the machinery of the browser tests — the fixture
// database built with the parity CLI, the real `parity serve` on a free
// port, Debian's Chromium driven by playwright-core, the ok/FAIL lines,
// and the checks every visited page gets: axe-core (WCAG 2.0/2.1 A and
// AA, zero violations), no script error, no CSP violation, no missing
// asset, and a full-page screenshot in tests/browser/out/.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'tests/browser/out');
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const CHROMIUM = process.env.PARITY_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---------- results ----------

export const tally = { pass: 0, fail: 0 };

// PARITY_BROWSER_TIMES=1 prefixes each line with the seconds since start.
const t0 = Date.now();
const stamp = () => (process.env.PARITY_BROWSER_TIMES ? `[${((Date.now() - t0) / 1000).toFixed(1)}] ` : '');
// PARITY_ONLY=REGEX (make check-browser T=REGEX): every step still runs,
// since later ones build on earlier ones, but only matching names count.
const only = process.env.PARITY_ONLY ? new RegExp(process.env.PARITY_ONLY) : null;
const counted = (name) => !only || only.test(name);
export function ok(name) {
  if (!counted(name)) return;
  tally.pass++;
  console.log(`${stamp()}ok ${name}`);
}
export function fail(name, why, details = []) {
  if (!counted(name)) return;
  tally.fail++;
  console.log(`${stamp()}FAIL ${name}: ${why}`);
  for (const d of details) console.log(`  ${d}`);
}
function firstLine(e) {
  const s = String(e && e.message ? e.message : e);
  return s.split('\n').filter((l) => l.trim())[0] || s;
}
// check NAME FN: ok when fn resolves (true or undefined), FAIL with the
// error's first line when it throws or returns a string (the reason).
export async function check(name, fn) {
  try {
    const r = await fn();
    if (typeof r === 'string') fail(name, r); else ok(name);
  } catch (e) {
    fail(name, firstLine(e));
  }
}
export function expect(cond, why) { if (!cond) throw new Error(why); }

// A word of letters unique to this run, for text the tests type in. Digits
// (Date.now() in base 36 often has a run of five) would read as a count
// written without commas, which the page checks refuse.
export const runWord = () => Date.now().toString(26).split('')
  .map((c) => 'abcdefghijklmnopqrstuvwxyz'['0123456789abcdefghijklmnop'.indexOf(c)]).join('');

// ---------- the fixture ----------

export class Parity {
  constructor(bin) {
    this.bin = path.resolve(bin);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-browser-'));
    this.db = path.join(this.dir, 'browser.db');
    this.env = { ...process.env, PARITY_USER: 'browser-test' };
  }
  // run ARGS...: the CLI on the fixture database; returns stdout.
  run(...args) {
    return execFileSync(this.bin, ['--db', this.db, ...args],
      { env: this.env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  }
  json(...args) { return JSON.parse(this.run(...args, '--format', 'json')); }
  addUser(name, role, password, initials) {
    const args = ['--db', this.db, 'user', 'add', name, '--role', role, '--password-stdin'];
    if (initials) args.push('--lead-initials', initials);
    execFileSync(this.bin, args, { env: this.env, input: `${password}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  }
  // serve: starts `parity serve --port 0`, resolves with its base URL.
  serve() {
    this.log = path.join(this.dir, 'serve.log');
    this.access = path.join(this.dir, 'access.log');
    const logFd = fs.openSync(this.log, 'w');
    this.proc = spawn(this.bin, ['--db', this.db, 'serve', '--port', '0', '--access-log', this.access],
      { env: this.env, stdio: ['ignore', 'pipe', logFd] });
    this.exited = new Promise((res) => this.proc.on('exit', (code, sig) => res({ code, sig })));
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${out}`)), 30000);
      this.proc.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/ on (http:\/\/127\.0\.0\.1:\d+)\//);
        if (m) { clearTimeout(timer); this.base = m[1]; resolve(m[1]); }
      });
      this.exited.then(({ code, sig }) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? sig}) before serving: ${out}${fs.readFileSync(this.log, 'utf8')}`));
      });
    });
  }
  // stop: SIGTERM and the exit status (null if it had to be killed).
  async stop() {
    if (!this.proc || this.proc.exitCode !== null) return this.proc ? this.proc.exitCode : null;
    this.proc.kill('SIGTERM');
    const t = new Promise((res) => setTimeout(() => res(null), 15000));
    const r = await Promise.race([this.exited, t]);
    if (!r) { this.proc.kill('SIGKILL'); return null; }
    return r.code;
  }
  cleanup() { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

// ---------- the browser ----------

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

let shotNo = 0;
// Violations already printed (rule, target, markup -> page), so that one
// fault of the shared page frame is listed in full once.
const seenViolations = new Map();
// The paths of the pages audited, and at which widths: the walk over the
// registered routes (run.mjs, at the end) checks that every page was.
export const audited = new Map();
export function clearOut() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png')) fs.rmSync(path.join(OUT, f));
}

// A browser context (its own cookies) for one person, with one page whose
// problems (script errors, CSP violations, failed assets) are collected
// between page checks, and the status of the last document loaded.
export class Visitor {
  static async open(browser, base, who) {
    const v = new Visitor();
    v.who = who;
    v.base = base;
    v.ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    v.page = await v.ctx.newPage();
    v.page.setDefaultTimeout(10000);
    v.page.setDefaultNavigationTimeout(30000);
    v.problems = [];
    v.status = 0;
    v.page.on('pageerror', (e) => v.problems.push(`script error: ${firstLine(e)}`));
    v.page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
        v.problems.push(`console: ${m.text()}`);
    });
    v.page.on('response', (r) => {
      const rq = r.request();
      if (rq.isNavigationRequest() && r.frame() === v.page.mainFrame()) {
        if (r.status() < 300 || r.status() >= 400) { v.status = r.status(); v.doc = r; }
      } else if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/favicon.ico')) {
        v.problems.push(`${r.status()} for ${rq.resourceType()} ${new URL(r.url()).pathname}`);
      }
    });
    v.page.on('requestfailed', (rq) => {
      // Chromium fetches the page's icon after 'load'; moving on to the
      // next page cancels that fetch (ERR_ABORTED), which is no fault of
      // the page. A missing icon still fails through the 'response' check.
      const icon = /^\/(favicon\.ico|assets\/favicon\.svg)$/.test(new URL(rq.url()).pathname);
      if (icon && rq.failure()?.errorText === 'net::ERR_ABORTED') return;
      if (!new URL(rq.url()).pathname.startsWith('/favicon.ico'))
        v.problems.push(`request failed: ${rq.resourceType()} ${rq.url()} (${rq.failure()?.errorText})`);
    });
    return v;
  }
  // go PATH: load a page of the site; returns the document's status.
  async go(p) {
    await this.page.goto(this.base + p, { waitUntil: 'load' });
    return this.status;
  }
  // submit LOCATOR: click a form's button and wait for the next document.
  async submit(button) {
    const nav = this.page.waitForEvent('framenavigated',
      { predicate: (f) => f === this.page.mainFrame(), timeout: 30000 });
    await button.click();
    await nav;
    await this.page.waitForLoadState('load');
    return this.status;
  }
  path() { return new URL(this.page.url()).pathname; }
  async text(sel = 'main') {
    const l = this.page.locator(sel);
    return (await l.count()) ? l.first().innerText() : '';
  }
  // audit LABEL: the checks every page gets, and its screenshot.
  // audit2 LABEL: the same at 320 and at 1280 CSS px.
  async audit2(label) {
    await this.page.setViewportSize({ width: 320, height: 900 });
    await this.audit(`${label} at 320px`);
    await this.page.setViewportSize({ width: 1280, height: 900 });
    await this.audit(label);
  }
  async audit(label) {
    const name = `${label} (${this.who}, ${this.path()})`;
    if (!audited.has(this.path())) audited.set(this.path(), new Set());
    audited.get(this.path()).add(this.page.viewportSize().width);
    const problems = this.problems.splice(0);
    const slug = `${String(++shotNo).padStart(2, '0')}-${this.who}-${label}`.toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '');
    try {
      await this.page.screenshot({ path: path.join(OUT, `${slug}.png`), fullPage: true, timeout: 60000 });
    } catch (e) {
      problems.push(`screenshot failed: ${firstLine(e)}`);
    }
    try {
      // web_printf escapes every %s: markup passed through one by mistake
      // arrives as an attribute value in quotes or as visible tags.
      const html = this.doc ? await this.doc.text() : '';
      const found = new Set([
        ...[...html.matchAll(/<[a-z][^>]*?\s[a-z-]+=&quot;[^>]*>/gi)].map((m) => m[0]),
        ...[...html.matchAll(/&lt;\/?(?:a|p|div|span|strong|em|code|br|td|th|tr|li|ul|input|button|form|table)\b[^<]{0,60}/gi)].map((m) => m[0]),
      ]);
      for (const m of found)
        problems.push(`markup escaped into the page (web_printf %s given markup?): ${m.slice(0, 300)}`);
    } catch (e) {
      problems.push(`could not read the page's HTML: ${firstLine(e)}`);
    }
    try {
      const violations = await axe(this.page);
      if (!violations.length) ok(`axe: ${name}`);
      else {
        const lines = [];
        for (const v of violations) {
          let again = 0, where = '';
          for (const n of v.nodes) {
            const key = `${v.id}|${n.html}`;
            if (seenViolations.has(key)) { again++; where = seenViolations.get(key); continue; }
            seenViolations.set(key, name);
            lines.push(`- ${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help} <${v.helpUrl}>` +
              `\n    ${n.html.slice(0, 300)}`);
          }
          if (again)
            lines.push(`- ${v.id} (${v.impact}): ${again} element${again === 1 ? '' : 's'} as listed above for ${where}`);
        }
        fail(`axe: ${name}`, `${violations.length} violation${violations.length === 1 ? '' : 's'} ` +
          `(${violations.map((v) => v.id).join(', ')})`, lines);
      }
    } catch (e) {
      fail(`axe: ${name}`, `axe did not run: ${firstLine(e)}`);
    }
    try {
      // GOV.UK style for readers: dates in words ("30 September 2026"),
      // not ISO dates or timestamps; no UTC times; counts of thousands
      // with commas ("8,000"). Code and what people wrote (notes) are left out.
      const text = await this.page.evaluate(() => {
        const m = document.querySelector('main');
        if (!m) return '';
        const parts = [];
        const w = document.createTreeWalker(m, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode())
          if (!n.parentElement.closest('code, pre, script, style, .govuk-visually-hidden, .parity-pre')) parts.push(n.nodeValue);
        return parts.join(' ');
      });
      const iso = text.match(/\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?\b/);
      if (iso) problems.push(`a date written the machine way on the page: "${iso[0]}" (write "30 September 2026")`);
      if (/\bUTC\b/.test(text)) problems.push('a time in UTC on the page (give UK time)');
      const big = text.match(/(?<![\d,.#/-])\d{5,}(?![\d,.])|(?<![\d,.#/-])\d{4}(?= (rows|people|records|actions|flags|problems|lines|staff|service users|applicants)\b)/);
      if (big) problems.push(`a count without commas on the page: "${big[0]}" (write "8,000")`);
      // No command-line wording on the web: options, commands, bare file paths.
      const cli = text.match(/(?<![\w-])--[a-z][a-z-]+|\bparity (?:plan|data|report|flags|user|member|list|meeting|mentor|case|survey|publish|eia|adjustment|flexible|directory|service|mail|serve|objective) [a-z]+|(?<![\w/])docs\/[a-z-]+\.md\b/);
      if (cli) problems.push(`command-line wording on the page: "${cli[0]}" (say it in the web's own words)`);
    } catch (e) {
      problems.push(`could not read the page's text: ${firstLine(e)}`);
    }
    try {
      // WCAG 1.4.10 (reflow): at 320 CSS px nothing makes the page scroll
      // sideways; wide tables scroll inside their own container.
      const vw = this.page.viewportSize().width;
      const wide = await this.page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > vw) {
        const culprits = await this.page.evaluate((w) => [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > w + 1 && !el.closest('.parity-table-scroll'))
          .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`), vw);
        problems.push(`the page is ${wide} px wide at a ${vw} px viewport (WCAG 1.4.10 reflow)`, ...culprits);
      }
      // A wide table scrolls in its region, but its caption (what the
      // table is) stays readable on the screen.
      if (vw <= 400) {
        const cut = await this.page.evaluate((w) => [...document.querySelectorAll('.parity-table-scroll caption')]
          .filter((c) => c.getBoundingClientRect().right > w + 1).map((c) => c.textContent.trim().slice(0, 60)), vw);
        if (cut.length) problems.push(`a table caption runs off the screen at ${vw} px: "${cut[0]}"`);
      }
    } catch (e) {
      problems.push(`could not measure the page width: ${firstLine(e)}`);
    }
    if (!problems.length) ok(`no errors: ${name}`);
    else fail(`no errors: ${name}`, problems[0], problems.slice(1));
  }
  async close() { await this.ctx.close(); }
}

// axe PAGE: the WCAG 2.0/2.1 A and AA violations on the page as it is.
// axe.min.js is evaluated through the DevTools protocol (page.evaluate),
// which the site's Content-Security-Policy (script-src 'self', no inline
// script) does not govern; page.addScriptTag would add an inline script
// that the CSP rightly blocks. So the CSP stays on for every page.
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined')))
    await page.evaluate(AXE_SOURCE);
  const r = await page.evaluate((tags) => window.axe.run(document,
    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  return r.violations;
}
