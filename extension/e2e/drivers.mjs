// Browser drivers for the end-to-end tests, one interface for both browsers:
//   start(extDir, workDir) · openTab(url) → tab · closeTab(tab) · control(method, ...args)
//   waitForTab(substring) → tab · evaluate(tab, fnSource, ...args) · click(tab, selector)
//   download(tab, selector) → {name, text} · clipboard(tab) → text · screenshot(tab, path)
//   setColorScheme(tab, 'light'|'dark') · stop()
//   tabCount() · url(tab) · takeDialogs(tab) → [{url, message}] (alerts seen, dismissed)
// `control` calls `window.readmarkTest[method]` in the test build's control page, which
// sends the same messages as the toolbar popup / shortcut / context menu.
// `start(null, workDir)` starts the browser without the extension (the site's tests,
// www.mjs): no control page then.
//
// Chromium: playwright-core driving Debian's /usr/bin/chromium (CDP). Firefox: geckodriver
// (WebDriver classic): the add-on is installed temporarily, its UUID pinned by a pref, and
// extension pages are reached from a web page through `location.href` (WebDriver may not
// navigate to moz-extension: URLs directly).

import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import net from 'node:net';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(fn, what, timeout = 20000, step = 100) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await sleep(step);
  }
  throw new Error(`timed out waiting for ${what} (${last})`);
}

// ---------------------------------------------------------------- Chromium

export class ChromiumDriver {
  name = 'chromium';

  async start(extDir, workDir) {
    const { chromium } = await import('playwright-core');
    this.profile = fs.mkdtempSync(path.join(workDir, 'profile-'));
    const ext = extDir ? [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`] : [];
    this.ctx = await chromium.launchPersistentContext(this.profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1100, height: 900 },
      ignoreDefaultArgs: extDir ? ['--disable-extensions'] : [],
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ...ext,
      ],
    });
    this.version = this.ctx.browser()?.version() ?? '';
    if (!extDir) {
      await this.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
      return;
    }
    let [sw] = this.ctx.serviceWorkers();
    if (!sw) sw = await this.ctx.waitForEvent('serviceworker', { timeout: 20000 });
    this.origin = `chrome-extension://${new URL(sw.url()).host}`;
    await this.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Every page's dialogs (alert/confirm/prompt) are recorded and dismissed.
    this.dialogs = [];
    const watch = (p) =>
      p.on('dialog', (dl) => {
        this.dialogs.push({ url: p.url(), message: dl.message() });
        dl.dismiss().catch(() => {});
      });
    this.ctx.pages().forEach(watch);
    this.ctx.on('page', watch);
    this.controlPage = await this.ctx.newPage();
    await this.controlPage.goto(`${this.origin}/test/control.html`);
    await this.controlPage.waitForFunction(() => document.documentElement.dataset.ready === '1');
    this.version = this.ctx.browser()?.version() ?? '';
  }

  async openTab(url) {
    const page = await this.ctx.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }

  async closeTab(page) {
    await page.close();
  }

  async control(method, ...args) {
    return this.controlPage.evaluate(([m, a]) => window.readmarkTest[m](...a), [method, args]);
  }

  async waitForTab(substring) {
    return waitUntil(() => this.ctx.pages().find((p) => p.url().includes(substring)), `a tab with ${substring}`);
  }

  async evaluate(page, fnSource, ...args) {
    // A string expression, evaluated over CDP: not subject to the page's CSP (extension
    // pages forbid eval and new Function).
    return page.evaluate(`(${fnSource})(...${JSON.stringify(args)})`);
  }

  async click(page, selector) {
    await page.bringToFront();
    await page.click(selector);
  }

  async download(page, selector) {
    await page.bringToFront();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const file = await dl.path();
    return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
  }

  async clipboard(page) {
    await page.bringToFront();
    return page.evaluate(() => navigator.clipboard.readText());
  }

  async setColorScheme(page, scheme) {
    await page.emulateMedia({ colorScheme: scheme });
  }

  async tabCount() {
    return this.ctx.pages().length;
  }

  async url(page) {
    return page.url();
  }

  /** Dialogs recorded since the last call (any page: Chromium reports them as events). */
  async takeDialogs() {
    return this.dialogs.splice(0);
  }

  async screenshot(page, file) {
    await page.screenshot({ path: file, fullPage: false });
  }

  async stop() {
    await this.ctx?.close();
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Firefox (geckodriver)

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const GECKO_ID = 'readmark@readmark.dev';
const GECKO_UUID = 'd0c6e4a2-5b7e-4f51-9a43-7a0f6f1e2b3c';

export class FirefoxDriver {
  name = 'firefox';

  /** `options.prompts`: WebDriver's unhandledPromptBehavior (`ignore`: see takeDialogs). */
  async start(extDir, workDir, server, options = {}) {
    this.downloadDir = fs.mkdtempSync(path.join(workDir, 'downloads-'));
    this.server = server; // a http://127.0.0.1:PORT origin to hop from into extension pages
    const port = await freePort();
    const gecko = process.env.GECKODRIVER ?? 'geckodriver';
    this.proc = spawn(gecko, ['--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.proc.stderr.on('data', () => {});
    this.base = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${this.base}/status`)).ok, 'geckodriver');
    const prefs = {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: GECKO_UUID }),
      'browser.download.folderList': 2,
      'browser.download.dir': this.downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/markdown,text/plain',
      'browser.download.alwaysOpenPanel': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'dom.events.testing.asyncClipboard': true,
      'dom.events.asyncClipboard.readText': true,
      'network.proxy.type': 0,
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'ui.systemUsesDarkTheme': 0,
    };
    const caps = {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          ...(options.prompts ? { unhandledPromptBehavior: options.prompts } : {}),
          'moz:firefoxOptions': {
            binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
            args: ['-headless', '--width=1100', '--height=900'],
            prefs,
          },
        },
      },
    };
    const s = await this.cmd('POST', '/session', caps);
    this.sid = s.sessionId;
    this.version = s.capabilities?.browserVersion ?? '';
    this.controlTab = (await this.cmd('GET', `/session/${this.sid}/window`));
    if (!extDir) return;
    await this.cmd('POST', `/session/${this.sid}/moz/addon/install`, { path: extDir, temporary: true });
    this.origin = `moz-extension://${GECKO_UUID}`;
    await this.gotoExtensionPage(this.controlTab, '/test/control.html');
    await waitUntil(() => this.exec('return document.documentElement.dataset.ready === "1"'), 'control page');
  }

  async cmd(method, url, body) {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${url}: ${json?.value?.error}: ${json?.value?.message}`);
    return json.value;
  }

  async switchTo(handle) {
    if (this.current !== handle) {
      await this.cmd('POST', `/session/${this.sid}/window`, { handle });
      this.current = handle;
    }
  }

  async exec(script, args = []) {
    return this.cmd('POST', `/session/${this.sid}/execute/sync`, { script, args });
  }

  async execAsync(script, args = []) {
    return this.cmd('POST', `/session/${this.sid}/execute/async`, { script, args });
  }

  async gotoExtensionPage(handle, pagePath) {
    await this.switchTo(handle);
    await this.cmd('POST', `/session/${this.sid}/url`, { url: `${this.server}/plain/pages/live.html` });
    await this.exec('location.href = arguments[0]', [`${this.origin}${pagePath}`]);
    await waitUntil(async () => (await this.cmd('GET', `/session/${this.sid}/url`)).startsWith(this.origin), pagePath);
  }

  async openTab(url) {
    const { handle } = await this.cmd('POST', `/session/${this.sid}/window/new`, { type: 'tab' });
    await this.switchTo(handle);
    await this.cmd('POST', `/session/${this.sid}/url`, { url });
    return handle;
  }

  async closeTab(handle) {
    await this.switchTo(handle);
    await this.cmd('DELETE', `/session/${this.sid}/window`);
    this.current = null;
    await this.switchTo(this.controlTab);
  }

  async control(method, ...args) {
    await this.switchTo(this.controlTab);
    return this.execAsync(
      'const done = arguments[arguments.length - 1];' +
        'window.readmarkTest[arguments[0]](...arguments[1]).then(done, (e) => done({ ok: false, code: "test_error", detail: String(e) }));',
      [method, args],
    );
  }

  async waitForTab(substring) {
    return waitUntil(async () => {
      const handles = await this.cmd('GET', `/session/${this.sid}/window/handles`);
      for (const h of handles.reverse()) {
        await this.switchTo(h);
        const url = await this.cmd('GET', `/session/${this.sid}/url`);
        if (url.includes(substring)) return h;
      }
      return null;
    }, `a tab with ${substring}`);
  }

  async evaluate(handle, fnSource, ...args) {
    await this.switchTo(handle);
    // The function's source becomes part of the script WebDriver compiles (no eval in the
    // page, whose CSP forbids it).
    return this.execAsync(
      'const done = arguments[arguments.length - 1];' +
        `Promise.resolve((${fnSource})(...arguments[0])).then(done, (e) => done({ __error: String(e) }));`,
      [args],
    );
  }

  async click(handle, selector) {
    await this.switchTo(handle);
    const el = await this.cmd('POST', `/session/${this.sid}/element`, { using: 'css selector', value: selector });
    const id = Object.values(el)[0];
    await this.cmd('POST', `/session/${this.sid}/element/${id}/click`, {});
  }

  async download(handle, selector) {
    const before = new Set(fs.readdirSync(this.downloadDir));
    await this.click(handle, selector);
    // Firefox creates the target file empty next to `<name>.part` and fills it when the
    // download completes: wait for the `.part` to go and the file to have content (on a
    // loaded machine the empty file was sometimes read).
    const name = await waitUntil(() => {
      const all = fs.readdirSync(this.downloadDir);
      return all.find((f) => !before.has(f) && !f.endsWith('.part') && !all.includes(`${f}.part`)
        && fs.statSync(path.join(this.downloadDir, f)).size > 0);
    }, 'a download');
    const file = path.join(this.downloadDir, name);
    // Firefox may create the file before it has written it: wait for a stable, non-empty size.
    let size = -1;
    await waitUntil(() => {
      const now = fs.statSync(file).size;
      const done = now > 0 && now === size;
      size = now;
      return done;
    }, `the download ${name}`, 10000, 150);
    return { name, text: fs.readFileSync(file, 'utf8') };
  }

  async clipboard(handle) {
    return this.evaluate(handle, '() => navigator.clipboard.readText()');
  }

  async tabCount() {
    return (await this.cmd('GET', `/session/${this.sid}/window/handles`)).length;
  }

  async url(handle) {
    await this.switchTo(handle);
    return this.cmd('GET', `/session/${this.sid}/url`);
  }

  /** An alert open in this tab (left open by `prompts: 'ignore'`), dismissed. */
  async takeDialogs(handle) {
    await this.switchTo(handle);
    try {
      const message = await this.cmd('GET', `/session/${this.sid}/alert/text`);
      await this.cmd('POST', `/session/${this.sid}/alert/dismiss`, {});
      return [{ url: handle, message }];
    } catch {
      return [];
    }
  }

  async setColorScheme(handle, scheme) {
    // Firefox has no per-page emulation over WebDriver classic; the reader's own theme
    // setting is used instead by the tests.
    this.scheme = scheme;
  }

  async screenshot(handle, file) {
    await this.switchTo(handle);
    const b64 = await this.cmd('GET', `/session/${this.sid}/screenshot`);
    fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  }

  async stop() {
    try {
      if (this.sid) await this.cmd('DELETE', `/session/${this.sid}`);
    } catch {
      /* already gone */
    }
    this.proc?.kill();
  }
}
