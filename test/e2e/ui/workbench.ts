/**
 * The VS Code workbench in Chromium, read as a person sees it: what the Problems panel, the explorer and other
 * views list, what a hover card and the status bar say. UI tests get one through `uiTest`; each helper waits for
 * a DOM condition (with playwright's time limit), never for a fixed time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { test, type TestContext, type TestOptions } from '../runner';

export interface ProblemRow {
  file: string;
  severity: string;
  message: string;
  source: string;
  code: string;
  /** 1-based, as the panel shows it. */
  line: number;
  column: number;
}

export interface WorkbenchOptions {
  /** The workspace folder the workbench shows, on disk. */
  folder: string;
  /** Where every screenshot goes. */
  screenshotsDir: string;
  /** Where screenshots meant for the README also go, when they are being regenerated. */
  docsImagesDir?: string;
}

/** How long the workbench may take to show something: seconds here, more on a loaded CI machine. */
const uiTimeoutMs = 30_000;

export class Workbench {
  constructor(
    readonly page: Page,
    readonly options: WorkbenchOptions,
  ) {
    page.setDefaultTimeout(uiTimeoutMs);
  }

  /** Waits until the workbench has restored and the explorer lists the workspace. */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  }

  /** Runs a command by its title from the command palette, e.g. "View: Toggle Maximized Panel". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`>${title}`);
    await this.quickInputRow(title).click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Out of the way, onto the empty title bar: where the row was, the pointer would highlight what lies beneath.
    await this.page.mouse.move(200, 10);
  }

  /** Opens a workspace file by name through Quick Open, as a person would with Ctrl+P. */
  async openFile(name: string): Promise<void> {
    if (await this.panelMaximized()) await this.runCommand('View: Toggle Maximized Panel');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(name);
    await this.quickInputRow(name).click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-line').first().waitFor();
  }

  /**
   * Shows the hover card at a word of the open file, as resting the mouse on it does: the cursor goes to the
   * word's `occurrence`-th appearance (1-based) on `line` (1-based) and the editor's "Show or Focus Hover" runs.
   * Resolves with the card once shown; parts of it may still be loading (a diagnostic's quick fixes): wait for
   * the text you expect in it.
   */
  async hoverWord(file: string, word: string, line: number, occurrence = 1): Promise<Locator> {
    const text = fs.readFileSync(path.join(this.options.folder, file), 'utf8').split('\n')[line - 1] ?? '';
    let column = -1;
    for (let seen = 0; seen < occurrence; seen++) column = text.indexOf(word, column + 1);
    if (column < 0) throw new Error(`"${word}" does not occur ${occurrence} time(s) on line ${line} of ${file}`);
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    // The ":" keeps Quick Open in its go-to-line mode.
    await input.fill(`:${line}:${column + 1}`);
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.runCommand('Show or Focus Hover');
    const card = this.page.locator('.monaco-hover:not(.hidden)').first();
    await card.waitFor();
    await this.hoverFadedIn();
    return card;
  }

  /**
   * Waits until the open editor underlines a problem of this severity: the file's diagnostics have arrived (they
   * come in one message), so a hover on a word with one shows it.
   */
  async waitForSquiggle(severity: 'error' | 'warning' | 'info'): Promise<void> {
    await this.page.locator(`.editor-instance .monaco-editor .squiggly-${severity}`).first().waitFor({ state: 'attached' });
  }

  /** The card fades in; a screenshot waits for it to be fully shown. */
  private async hoverFadedIn(): Promise<void> {
    await this.page.waitForFunction(() => {
      const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
      const shown = document.querySelector('.monaco-hover:not(.hidden)');
      return shown !== null && getComputedStyle(shown).opacity === '1';
    });
  }

  /** Moves the mouse onto the first rendered editor text that reads `word` and returns the hover card it brings up. */
  async pointAt(word: string): Promise<Locator> {
    const target = this.page.locator('.editor-instance .monaco-editor .view-line span span', { hasText: new RegExp(`^${word}$`) }).first();
    await target.waitFor();
    const card = this.page.locator('.monaco-hover:not(.hidden)', { has: this.page.locator('.hover-contents, .rendered-markdown') }).first();
    // A hover opens after the pointer rests; small moves restart the wait if the first rest went unnoticed.
    const box = (await target.boundingBox())!;
    for (let attempt = 0; attempt < 5 && !(await card.isVisible()); attempt++) {
      await this.page.mouse.move(box.x + 2 + attempt, box.y + box.height / 2);
      await card.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await card.waitFor();
    await this.hoverFadedIn();
    return card;
  }

  /**
   * The rows of the Problems panel (maximized, so that every row is rendered), read once the panel lists as many
   * problems as the status bar counts and `accept` holds for them. Diagnostics arrive file by file, so a test
   * passes what it expects to see; after the time limit the rows are returned as they are, for the test's
   * assertions to show the difference.
   */
  async readProblems(accept: (problems: ProblemRow[]) => boolean = () => true): Promise<ProblemRow[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
    if (!(await this.panelMaximized())) await this.runCommand('View: Toggle Maximized Panel');
    const deadline = Date.now() + uiTimeoutMs;
    let shown: PanelRow[] | undefined;
    for (;;) {
      try {
        const changed = await this.page.waitForFunction(completeProblemsPanel, shown ?? null, { timeout: Math.max(deadline - Date.now(), 1) });
        shown = (await changed.jsonValue()) as PanelRow[];
      } catch (error) {
        if (shown && error instanceof Error && error.name === 'TimeoutError') return parseProblemRows(shown);
        throw error;
      }
      const problems = parseProblemRows(shown);
      if (accept(problems)) return problems;
    }
  }

  /** Closes the bottom panel (Problems, Output, …), leaving the editors the whole height. */
  async hidePanel(): Promise<void> {
    const panel = this.page.locator('.part.panel');
    if (await panel.isVisible()) await this.runCommand('View: Toggle Panel Visibility');
    await panel.waitFor({ state: 'hidden' });
  }

  /** The row of the open quick input (Quick Open, command palette) whose label is exactly `label`. */
  private quickInputRow(label: string): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.getByText(label, { exact: true }) }).first();
  }

  private panelMaximized(): Promise<boolean> {
    // A maximized panel takes the editor area's place.
    return this.page.locator('.monaco-workbench.nomaineditorarea').isVisible();
  }

  /** Expands the view whose header reads `title` (Explorer views start collapsed) and returns its rows' labels. */
  async openViewRows(title: string): Promise<string[]> {
    // View titles show in capitals (CSS); the text underneath is the view's name as contributed.
    const header = this.page.locator('.pane-header', { has: this.page.locator('.title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i') }) });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = this.page.locator('.pane', { has: header });
    const rows = pane.locator('.pane-body .monaco-list-row');
    await rows.first().waitFor();
    return Promise.all((await rows.all()).map(async (row) => (await row.getAttribute('aria-label')) ?? ''));
  }

  /** Waits until a status bar item (by id: `status.*` for VS Code's, `<publisher>.<name>.<id>` for an extension's) shows `text`; returns its text. */
  async waitForStatusBarText(itemId: string, text: string | RegExp): Promise<string> {
    const item = this.page.locator(`[id="${itemId}"]`, { hasText: text });
    await item.waitFor();
    return (await item.innerText()).trim();
  }

  /** Saves a screenshot of the whole window under the artifacts folder, and for the README when regenerating it. */
  async screenshot(name: string, options: { forDocs?: boolean } = {}): Promise<void> {
    const image = await this.page.screenshot();
    fs.mkdirSync(this.options.screenshotsDir, { recursive: true });
    fs.writeFileSync(path.join(this.options.screenshotsDir, `${name}.png`), image);
    if (options.forDocs && this.options.docsImagesDir) {
      fs.mkdirSync(this.options.docsImagesDir, { recursive: true });
      fs.writeFileSync(path.join(this.options.docsImagesDir, `${name}.png`), image);
    }
  }
}

/** A row of the Problems panel as the page holds it. */
interface PanelRow {
  label: string;
  /** The rule, shown after the source; none on a file's row. */
  code: string | null;
}

/** The parts of the page's DOM the functions run in the page use: this project's TypeScript has no DOM types. */
interface PageElement {
  getAttribute(name: string): string | null;
  querySelector(selectors: string): PageElement | null;
  textContent: string | null;
}
interface PageGlobals {
  document: PageElement & { getElementById(id: string): PageElement | null; querySelectorAll(selectors: string): ArrayLike<PageElement> };
  getComputedStyle(element: PageElement): { opacity: string };
}

/**
 * Runs in the page: the Problems panel's rows once it lists as many problems as the status bar counts and they
 * differ from `previous`; otherwise null, so that waitForFunction keeps waiting. Self-contained, as playwright
 * sends its source to the page.
 */
function completeProblemsPanel(previous: PanelRow[] | null): PanelRow[] | null {
  const { document } = globalThis as unknown as PageGlobals;
  const counts = (document.getElementById('status.problems')?.getAttribute('aria-label') ?? '').match(/\d+/g) ?? [];
  const total = counts.reduce((sum, count) => sum + Number(count), 0);
  const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'));
  const problems = rows.filter((row) => row.getAttribute('aria-level') === '2').length;
  if (total === 0 || problems !== total) return null;
  const shown = rows.map((row) => ({ label: row.getAttribute('aria-label') ?? '', code: row.querySelector('.marker-code')?.textContent ?? null }));
  return JSON.stringify(shown) === JSON.stringify(previous) ? null : shown;
}

/** File rows read "N problems in file NAME of folder F"; the problem rows under them "Severity: message at line L and character C. generated by SOURCE". */
function parseProblemRows(rows: PanelRow[]): ProblemRow[] {
  const problems: ProblemRow[] = [];
  let file = '';
  for (const { label, code } of rows) {
    const fileRow = /^\d+ problems? in file (.+) of folder /.exec(label);
    if (fileRow) {
      file = fileRow[1];
      continue;
    }
    const marker = /^(\w+): (.*) at line (\d+) and character (\d+)\. generated by (.+)$/s.exec(label);
    if (!marker || code === null) throw new Error(`a Problems row that is neither a file nor a problem: ${label}`);
    problems.push({ file, severity: marker[1], message: marker[2], line: Number(marker[3]), column: Number(marker[4]), source: marker[5], code });
  }
  return problems;
}

let current: Workbench | undefined;

/** Registers a UI test; it runs on the workbench the launcher opened (see `useWorkbench`). A failing test leaves a screenshot of what was shown. */
export function uiTest(name: string, body: (workbench: Workbench, t: TestContext) => unknown, options?: TestOptions): void {
  test(
    name,
    async (t) => {
      const workbench = current;
      if (!workbench) throw new Error('no workbench is open for the UI tests');
      try {
        await body(workbench, t);
      } catch (error) {
        await workbench.screenshot(`failed - ${name.replace(/[^\p{L}\p{N} -]+/gu, '')}`);
        throw error;
      }
    },
    options,
  );
}

export function useWorkbench(workbench: Workbench): void {
  current = workbench;
}
