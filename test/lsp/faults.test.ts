/**
 * Faults at the LSP level, against dist/server.js over stdio: a killed server replaced by a new process, an edit
 * storm with cancelled requests, ten thousand malformed messages, broken framing, and bad files on disk.
 * Nothing sleeps: every wait is for a message, with a timeout only as a failure guard. Figures (storm latency,
 * fuzz counts, the slowest response) are printed as test diagnostics.
 *
 * Run: npx tsx --test test/lsp/faults.test.ts   (after `npm run build`)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Diagnostic, type Hover, type MarkupContent, type Position, type Range, type ResponseMessage } from 'vscode-languageserver-protocol/node';
import {
  cliFindingKeys,
  codesOf,
  defaultTimeoutMs,
  findingKeys,
  frame,
  LspSession,
  makeWorkspace,
  startedSession,
  type TempWorkspace,
} from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed001 = '001_ad4d302a0f406064.txt';
const seed002 = '002_4d1a318a818ef0be.txt';
const seed003 = '003_03ee35439bc31269.txt';
const testTimeout = 120_000;
/** JSON-RPC: the request was cancelled. */
const requestCancelled = -32800;

const pos = (line: number, character: number): Position => ({ line, character });
const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: pos(sl, sc), end: pos(el, ec) });
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);

/** A seeded PRNG (mulberry32): the same messages and edits on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pickWith =
  (random: () => number) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)];

/** "Die Leica…" on line 2 of seed 000: a double space after "Die" is a multiple-spaces finding at 2:3–2:5. */
const doubleSpaceAfterDie = { range: range(2, 3, 2, 3), text: ' ' };

async function hoverOnLeica(s: LspSession, uri: string, timeoutMs = defaultTimeoutMs): Promise<string> {
  const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(2, 6) }, timeoutMs);
  assert.ok(hover, 'a hover card on “Leica”');
  return (hover.contents as MarkupContent).value;
}

/** The newest publication for `uri` carries `version` and says what the CLI says about the same text. */
function assertLatestMatchesText(s: LspSession, uri: string, name: string, version: number, since = 0): void {
  const latest = s.publicationsOf(uri, since).at(-1);
  assert.ok(latest, `${name}: published`);
  assert.equal(latest.version, version, `${name}: the newest publication is for version ${version}`);
  assert.deepEqual(findingKeys(latest.diagnostics), cliFindingKeys(name, s.document(uri).getText()), `${name}: the published findings are the CLI's for the same text`);
}

describe('faults at the LSP level', { timeout: 10 * testTimeout }, () => {
  // -------------------------------------------------------------------------------------------------------------
  test('a. a killed server: a new process started as the client would publishes the unsaved text’s diagnostics again', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri000 = ws.uriOf(seed000);
    const uri003 = ws.uriOf(seed003);
    await s.open(uri000, ws.read(seed000));
    await s.open(uri003, ws.read(seed003));
    // Unsaved edits: a double space in 000; "Lecia" corrected to "Leica" in 003.
    await s.change(uri000, 2, [doubleSpaceAfterDie]);
    const lecia = s.document(uri003).positionAt(ws.read(seed003).indexOf('Lecia'));
    await s.change(uri003, 2, [{ range: { start: lecia, end: pos(lecia.line, lecia.character + 5) }, text: 'Leica' }]);
    const edited000 = await s.waitForDiagnostics(uri000, { version: 2 });
    const edited003 = await s.waitForDiagnostics(uri003, { version: 2 });
    assert.ok(codesOf(edited000.diagnostics).includes('multiple-spaces'), `codesOf(edited000.diagnostics).includes('multiple-spaces')`);
    assert.ok(!codesOf(edited003.diagnostics).includes('entity-misspelling'), `!codesOf(edited003.diagnostics).includes('entity-misspelling')`);
    const closed = ws.articles.filter((name) => name !== seed000 && name !== seed003);
    const closedBefore = new Map(closed.map((name) => [name, findingKeys(s.diagnostics.get(ws.uriOf(name))!.diagnostics)]));

    s.child.kill('SIGKILL');
    assert.equal((await s.exited()).signal, 'SIGKILL');

    // As the language client restarts it: initialize on the same folder, then didOpen of every open editor, unsaved text and version.
    const restarted = LspSession.start(ws.root);
    t.after(() => restarted.dispose());
    await restarted.initialize();
    for (const document of s.openDocuments()) await restarted.open(document.uri, document.getText(), document.version);
    await restarted.waitForCorpusAnalysed();
    for (const [uri, name, before] of [[uri000, seed000, edited000], [uri003, seed003, edited003]] as const) {
      await restarted.waitForDiagnostics(uri, { version: 2 });
      const latest = restarted.publicationsOf(uri).at(-1)!;
      assert.equal(latest.version, 2, `${name}: the restarted server's newest publication is for the unsaved version`);
      assert.deepEqual(findingKeys(latest.diagnostics), findingKeys(before.diagnostics), `${name}: the same findings as before the kill`);
      assert.deepEqual(findingKeys(latest.diagnostics), cliFindingKeys(name, s.document(uri).getText()), `${name}: the findings of the unsaved text`);
    }
    for (const name of closed) assert.deepEqual(findingKeys(restarted.diagnostics.get(ws.uriOf(name))!.diagnostics), closedBefore.get(name), `${name}: closed, as on disk`);
  });

  // -------------------------------------------------------------------------------------------------------------
  test('b. edit storm: 1,000 changes with cancelled hovers and code actions; no stale publication, the last one matches the final text', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed000);
    await s.open(uri, ws.read(seed000));
    await s.waitForDiagnostics(uri, { version: 1 });
    const random = prng(1000);
    const pick = pickWith(random);
    const since = s.mark();

    // Typing in the paragraphs below line 2 (which keeps "Die Leica…" for the final edit and the hovers): letters and
    // spaces at a cursor, backspaces, and jumps to another place.
    const writable = () => {
      const lines = s.document(uri).getText().split('\n');
      return lines.flatMap((line, i) => (i > 3 && line.length > 0 ? [i] : []));
    };
    let cursor = pos(4, 0);
    let version = 1;
    const requests: Array<{ id: string; method: string; cancelled: boolean; sentAt: number; response: Promise<ResponseMessage & { at: number }> }> = [];
    const started = performance.now();
    while (version < 1000) {
      const r = random();
      const line = s.document(uri).getText().split('\n')[cursor.line] ?? '';
      if (r < 0.05 || line.length === 0 || cursor.character > line.length) {
        const target = pick(writable());
        cursor = pos(target, Math.floor(random() * (s.document(uri).getText().split('\n')[target].length + 1)));
        continue; // a jump is not an edit
      }
      if (r < 0.8 || cursor.character === 0) {
        await s.change(uri, ++version, [{ range: { start: cursor, end: cursor }, text: pick([...'abcdefghijklmnopqrstuvwxyzäöü  ']) }]);
        cursor = pos(cursor.line, cursor.character + 1);
      } else {
        const back = pos(cursor.line, cursor.character - 1);
        await s.change(uri, ++version, [{ range: { start: back, end: cursor }, text: '' }]);
        cursor = back;
      }
      if (version % 20 === 0) {
        for (const [method, params] of [
          ['textDocument/hover', { textDocument: { uri }, position: pos(2, 6) }],
          ['textDocument/codeAction', { textDocument: { uri }, range: range(2, 0, 2, 0), context: { diagnostics: [], triggerKind: 1 } }],
        ] as const) {
          const id = `storm-${version}-${method}`;
          const cancelled = version % 40 === 0;
          const response = s.rawRequest(id, method, params).then((m) => ({ ...m, at: performance.now() }));
          requests.push({ id, method, cancelled, sentAt: performance.now(), response });
          if (cancelled) await s.cancel(id);
        }
      }
    }
    // The 1,000th change: the double space after "Die".
    await s.change(uri, ++version, [doubleSpaceAfterDie]);
    const lastEdit = performance.now();
    assert.equal(version, 1001, '1,000 changes after version 1');
    const final = await s.waitForDiagnostics(uri, { version, since });
    const latency = performance.now() - lastEdit;

    const answered = await Promise.all(requests.map((r) => r.response));
    let cancelledErrors = 0;
    for (const [i, response] of answered.entries()) {
      const { id, method, cancelled } = requests[i];
      if (response.error) {
        assert.ok(cancelled && response.error.code === requestCancelled, `${id}: ${method} answered with an error ${JSON.stringify(response.error)}`);
        cancelledErrors++;
      } else {
        assert.ok('result' in response, `${id}: a result`);
      }
    }
    const afterStorm = performance.now();
    assert.match(await hoverOnLeica(s, uri, 10_000), /\*\*Leica Camera AG\*\*/, 'a hover right after the storm');
    const hoverMs = performance.now() - afterStorm;

    assert.deepEqual(final.diagnostics.find((d) => d.code === 'multiple-spaces' && d.range.start.line === 2)?.range, range(2, 3, 2, 5), 'the final edit’s finding');
    assertLatestMatchesText(s, uri, seed000, version, since);
    const versions = s.publicationsOf(uri, since).map((p) => p.version);
    assert.ok(versions.every((v) => typeof v === 'number'), 'every publication of the open document carries its version');
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `publication ${i} (version ${versions[i]}) is not older than the one before (version ${versions[i - 1]})`);
    const slowest = Math.max(...answered.map((a, i) => a.at - requests[i].sentAt));
    t.diagnostic(
      `storm: 1,000 changes in ${(lastEdit - started).toFixed(0)} ms; last edit → final publication ${latency.toFixed(0)} ms; ` +
        `${versions.length} publications (versions ${versions.join(', ')}); ${requests.length} hover/code-action requests, ` +
        `${requests.filter((r) => r.cancelled).length} cancelled (${cancelledErrors} answered RequestCancelled), slowest ${slowest.toFixed(0)} ms; hover after the storm ${hoverMs.toFixed(0)} ms`,
    );
  });

  // -------------------------------------------------------------------------------------------------------------
  test('c. 10,000 malformed messages: every request is answered, the process stays up, hover and diagnostics still work', { timeout: 4 * testTimeout }, async (t) => {
    const { ws, s } = await startedSession(t);
    const uri = ws.uriOf(seed000);
    await s.open(uri, ws.read(seed000));
    await s.waitForDiagnostics(uri, { version: 1 });
    const fuzz = fuzzer(prng(10_000), ws, uri);

    const total = 10_000;
    const batch = 100;
    const counts = { request: 0, notification: 0, invalid: 0, malformed: 0, results: 0, errors: 0 };
    const errorCodes = new Map<number, number>();
    let slowest = { ms: 0, what: '' };
    for (let sent = 0; sent < total; sent += batch) {
      const pending: Array<Promise<void>> = [];
      for (let i = sent; i < sent + batch; i++) {
        const message = fuzz(i);
        counts[message.kind]++;
        if (message.kind === 'request') {
          const at = performance.now();
          const what = `${message.method} ${JSON.stringify(message.body).slice(0, 160)}`;
          pending.push(
            s.expectResponse(message.id).then((response) => {
              const ms = performance.now() - at;
              if (ms > slowest.ms) slowest = { ms, what };
              assert.deepEqual(response.id, message.id, `the response carries the request's id: ${what}`);
              if (response.error) {
                counts.errors++;
                errorCodes.set(response.error.code, (errorCodes.get(response.error.code) ?? 0) + 1);
              } else {
                assert.ok('result' in response, `a result or an error: ${what}`);
                counts.results++;
              }
            }),
          );
        }
        await s.writeRaw(frame(message.kind === 'malformed' ? message.body : JSON.stringify(message.body)));
      }
      await Promise.all(pending);
      assert.ok(s.alive, `the server is alive after ${sent + batch} messages`);
    }

    assert.ok(s.alive, 'the process never exited');
    assert.match(await hoverOnLeica(s, uri), /^\*\*Leica Camera AG\*\* · \*organization\*/, 'a normal hover still works');
    const mark = s.mark();
    await s.change(uri, 2, [doubleSpaceAfterDie]);
    const published = await s.waitForDiagnostics(uri, { version: 2, since: mark });
    assert.ok(codesOf(published.diagnostics).includes('multiple-spaces'), 'diagnostics still flow');
    assertLatestMatchesText(s, uri, seed000, 2, mark);
    t.diagnostic(
      `fuzz: ${total} messages — ${counts.request} requests, ${counts.notification} notifications, ${counts.invalid} not JSON-RPC, ${counts.malformed} not JSON; ` +
        `${counts.results} results, ${counts.errors} errors (${[...errorCodes].map(([code, n]) => `${code}×${n}`).join(', ')}); ` +
        `slowest response ${slowest.ms.toFixed(0)} ms: ${slowest.what}`,
    );
  });

  test('c2. broken framing: each fault is read past and the next message answered; a length that never arrives leaves the process up', { timeout: testTimeout }, async (t) => {
    const { s } = await startedSession(t);
    let n = 0;
    /** A request the server answers from memory: its answer proves every byte written with it has been read. */
    const probe = () => {
      const id = `probe-${n++}`;
      return { id, bytes: frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'seedCorpus/entities' })) };
    };
    const body = '{"jsonrpc":"2.0","id":"lost","method":"seedCorpus/entities"}';
    // Each fault ends where the reader expects the next header, so the message after it is read whole.
    const faults: Array<[string, Buffer]> = [
      ['a header block without Content-Length', Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n')],
      ['a Content-Length that is not a number', Buffer.from('Content-Length: abc\r\n\r\n')],
      ['a header line without a colon', Buffer.from('Content-Length 12\r\n\r\n')],
      ['an empty header block', Buffer.from('\r\n\r\n')],
      ['a Content-Length shorter than the body', Buffer.concat([frame(body, 10), Buffer.from('\r\n\r\n')])],
      ['a Content-Length longer than the body', Buffer.concat([frame('{"jsonrpc":"2.0"}', 40), Buffer.alloc(23, 'x')])],
      ['headers ended by LF only', Buffer.concat([Buffer.from(`Content-Length: ${body.length}\n\n${body}\r\n\r\n`), Buffer.alloc(body.length, 'x')])],
      ['a NUL byte in the header', Buffer.from('Content-Length: 5\0\r\n\r\nhello')],
      ['Content-Length 0', Buffer.from('Content-Length: 0\r\n\r\n')],
      ['a body that is not UTF-8', frame(Buffer.from([0xc3, 0x28, 0xff, 0xfe]))],
      ['100,000 nested brackets', frame('['.repeat(100_000))],
    ];
    for (const [what, fault] of faults) {
      const before = probe();
      const read = s.expectResponse(before.id);
      await s.writeRaw(Buffer.concat([before.bytes, fault]));
      await read;
      assert.ok(s.alive, `${what}: the process is alive`);
      const after = probe();
      const answered = s.expectResponse(after.id);
      await s.writeRaw(after.bytes);
      assert.ok(!(await answered).error, `${what}: the next message is answered`);
    }
    assert.ok(s.alive, 's.alive');
  });

  for (const [what, fault] of [
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}'],
    ['a Content-Length of 2 GiB that never arrives', 'Content-Length: 2147483647\r\n\r\n{"jsonrpc":'],
  ] as const) {
    test(`c3. broken framing the stream cannot recover from, ${what}: the process survives reading it`, { timeout: testTimeout }, async (t) => {
      const { s } = await startedSession(t);
      // A request in the same write: its answer proves the fault after it has been read.
      const read = s.expectResponse('before');
      await s.writeRaw(Buffer.concat([frame(JSON.stringify({ jsonrpc: '2.0', id: 'before', method: 'seedCorpus/entities' })), Buffer.from(fault)]));
      await read;
      assert.ok(s.alive, 'the process is alive');
      // The end of input: the server leaves as it does without a shutdown request (exit code 1), not by a crash.
      s.child.stdin.end();
      assert.deepEqual(await s.exited(), { code: 1, signal: null });
      assert.doesNotMatch(s.stderr, /Error|\n\s+at /, 'nothing was thrown');
    });
  }

  for (const [what, opened] of [
    ['a file URI that names a host (file://host/…)', () => ({ uri: 'file://host/share/x.txt', text: 'Leica  und Xiaomi\n' })],
    ['a URI that is not a string', () => ({ uri: 42, text: 'Leica  und Xiaomi\n' })],
    ['the knowledge base, with text that is not a string', (ws: TempWorkspace) => ({ uri: ws.uriOf('entities.json'), text: 42 })],
  ] as const) {
    test(`c4. one open document with ${what} does not bring the server down`, { timeout: testTimeout }, async (t) => {
      const { ws, s } = await startedSession(t);
      const mark = s.mark();
      const document = opened(ws);
      await s.notify('textDocument/didOpen', { textDocument: { languageId: 'plaintext', version: 1, ...document } });
      // A file of the workspace is checked once opened: its publication shows the server got past it.
      if (typeof document.uri === 'string' && document.uri.startsWith(pathToFileURL(ws.root).href)) await s.waitForDiagnostics(document.uri, { since: mark });
      const uri = ws.uriOf(seed000);
      await s.open(uri, ws.read(seed000));
      await s.waitForDiagnostics(uri, { version: 1 });
      assert.ok(s.alive, 's.alive');
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  const binaryName = '020_0000000000000020.txt';
  const latin1Name = '021_0000000000000021.txt';
  const utf16Name = '022_0000000000000022.txt';
  const emptyName = '023_0000000000000023.txt';
  const nulName = '024_0000000000000024.txt';
  const folderName = '025_0000000000000025.txt';
  const danglingName = '026_0000000000000026.txt';
  const loopName = '027_0000000000000027.txt';
  const fifoName = '028_0000000000000028.txt';
  const vanishingName = '029_0000000000000029.txt';
  const outsideLinkName = '030_0000000000000030.txt';

  /** A file outside the workspace with findings of its own (a double space), for symbolic links to point at. */
  function outsideFile(t: TestContext): string {
    const folder = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'seed-corpus-outside-'));
    t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'secret.txt');
    fs.writeFileSync(file, 'Geheim\n\nDas  ist nicht Teil des Korpus.\n');
    return file;
  }

  /** A copy of the seeds with every bad file, and a server on it, past its first corpus pass. */
  async function startedWithBadFiles(t: TestContext): Promise<{ ws: TempWorkspace; s: LspSession; analysed: { files: number } }> {
    const outside = outsideFile(t);
    const ws = makeWorkspace();
    addBadFiles(ws, outside);
    const s = LspSession.start(ws.root);
    t.after(async () => {
      await s.dispose();
      ws.cleanup();
    });
    const { analysed } = await s.initializeAndAnalyse();
    return { ws, s, analysed };
  }

  /** Announces a bad file and a changed good seed in one watch event; resolves when the good one is published again. */
  async function announceWithGoodSeed(s: LspSession, ws: TempWorkspace, name: string, timeoutMs = defaultTimeoutMs): Promise<number> {
    const mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(name), type: FileChangeType.Created }, { uri: ws.uriOf(seed001), type: FileChangeType.Changed }] });
    await s.waitForDiagnostics(ws.uriOf(seed001), { since: mark, timeoutMs });
    return mark;
  }

  const addBadFiles = (ws: TempWorkspace, outside: string) => {
    ws.write(binaryName, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xde, 0xad, 0xbe, 0xef, 0, 0xff]));
    ws.write(latin1Name, Buffer.from('Gr\xfc\xdfe aus Wetzlar\n\nDie Stra\xdfe ist gro\xdf.\n', 'latin1'));
    ws.write(utf16Name, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Leica und Xiaomi\n\nDie Leica Camera AG.\n', 'utf16le')]));
    ws.write(emptyName, '');
    ws.write(nulName, 'Leica und Xiaomi\n\nDie Leica\0Camera AG und Xiaomi arbeiten zusammen.\n');
    ws.write(vanishingName, 'Leica und Xiaomi\n\nDie  Leica Camera AG.\n');
    fs.mkdirSync(ws.pathOf(folderName));
    fs.symlinkSync(ws.pathOf('nowhere.txt'), ws.pathOf(danglingName));
    fs.symlinkSync(ws.pathOf(loopName), ws.pathOf(loopName)); // a link to itself (ELOOP)
    fs.symlinkSync(ws.seeds, ws.pathOf('loop')); // the folder inside itself
    execFileSync('mkfifo', [ws.pathOf(fifoName)]);
    fs.symlinkSync(outside, ws.pathOf(outsideLinkName));
  };

  test('d. bad files on disk, at the start and in watch events: clear findings for articles, no hang, the server keeps working', { timeout: testTimeout }, async (t) => {
    // The scan meets a FIFO, a link loop and a folder inside itself: it must finish.
    const { ws, s, analysed } = await startedWithBadFiles(t);
    assert.equal(analysed.files, 5 + 6, 'the seeds and the six readable bad files are articles; links, folders and the FIFO are not');

    const expectations: Array<[string, string[], RegExp]> = [
      [binaryName, ['utf8-encoding'], /not valid UTF-8 \(byte 0x89 at line 1\).*Nothing else was checked/],
      [latin1Name, ['utf8-encoding'], /not valid UTF-8/],
      [utf16Name, ['utf8-encoding'], /UTF-16 \(byte order mark FF FE\), not UTF-8: re-save it as UTF-8/],
      [emptyName, ['title-missing'], /title/i],
      [nulName, ['control-characters'], /U\+0000/],
    ];
    const assertFindings = (name: string, diagnostics: Diagnostic[], codes: string[], message: RegExp) => {
      for (const code of codes) {
        const found = diagnostics.find((d) => d.code === code);
        assert.ok(found, `${name}: ${code} among [${codesOf(diagnostics).join(', ')}]`);
        assert.match(messageOf(found), message, `${name}: ${code} says what is wrong`);
      }
      if (codes.includes('utf8-encoding')) assert.equal(diagnostics.length, 1, `${name}: the encoding finding alone`);
    };
    for (const [name, codes, message] of expectations) assertFindings(name, s.diagnostics.get(ws.uriOf(name))?.diagnostics ?? [], codes, message);
    for (const name of [folderName, danglingName, loopName, fifoName, outsideLinkName]) assert.equal(s.diagnostics.get(ws.uriOf(name)), undefined, `${name}: not read at the start`);

    // The same files announced by watch events, one event each.
    for (const [name, codes, message] of expectations) {
      const mark = s.mark();
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(name), type: FileChangeType.Created }] });
      assertFindings(name, (await s.waitForDiagnostics(ws.uriOf(name), { since: mark })).diagnostics, codes, message);
    }
    // Files that cannot be read as articles, then a good one changed on disk: the batch goes on past them.
    fs.rmSync(ws.pathOf(vanishingName)); // deleted between the watch event and its reading
    const mark = s.mark();
    await s.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: ws.uriOf(folderName), type: FileChangeType.Created },
        { uri: ws.uriOf(danglingName), type: FileChangeType.Created },
        { uri: ws.uriOf(loopName), type: FileChangeType.Created },
        { uri: ws.uriOf(vanishingName), type: FileChangeType.Changed },
        { uri: ws.uriOf(seed001), type: FileChangeType.Changed },
      ],
    });
    await s.waitForDiagnostics(ws.uriOf(seed001), { since: mark });
    const vanished = await s.waitForDiagnostics(ws.uriOf(vanishingName), { since: mark });
    assert.deepEqual(vanished.diagnostics, [], 'a file gone before it was read loses its diagnostics');
    for (const name of [folderName, danglingName, loopName]) {
      const diagnostics = s.diagnostics.get(ws.uriOf(name))?.diagnostics ?? [];
      const says = diagnostics.map(messageOf);
      assert.ok(says.length === 0 || (says.length === 1 && /could not|cannot/i.test(says[0])), `${name}: no findings, or one saying it cannot be read: ${JSON.stringify(says)}`);
    }

    // (A FIFO announced by a watch event: test d2.)
    const uri = ws.uriOf(seed000);
    await s.open(uri, ws.read(seed000));
    await s.change(uri, 2, [doubleSpaceAfterDie]);
    const edited = await s.waitForDiagnostics(uri, { version: 2 });
    assert.ok(codesOf(edited.diagnostics).includes('multiple-spaces'), 'a later edit of a good seed publishes');
    assert.ok(s.alive, 's.alive');
  });

  test(
    'd2. a FIFO announced by a watch event holds up no other file: neither later events nor the rest of its own',
    { timeout: testTimeout },
    async (t) => {
      const { ws, s } = await startedWithBadFiles(t);
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(fifoName), type: FileChangeType.Created }] });
      const mark = s.mark();
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uriOf(seed002), type: FileChangeType.Changed }] });
      await s.waitForDiagnostics(ws.uriOf(seed002), { since: mark, timeoutMs: 10_000 });
      await announceWithGoodSeed(s, ws, fifoName, 10_000);
    },
  );

  test('d3. a symbolic link to a file outside the workspace is not read when a watch event announces it (as the scan skips it)', { timeout: testTimeout }, async (t) => {
    const { ws, s } = await startedWithBadFiles(t);
    const mark = await announceWithGoodSeed(s, ws, outsideLinkName);
    const published = s.publicationsOf(ws.uriOf(outsideLinkName), mark);
    assert.deepEqual(published.flatMap((p) => codesOf(p.diagnostics)), [], `the target outside was read: ${JSON.stringify(published.map((p) => p.diagnostics.map(messageOf)))}`);
  });

  test(
    'd4. a 10 MB single-line file gets one article-too-large diagnostic, and the rest of the corpus is checked',
    { timeout: testTimeout },
    async (t) => {
      const ws = makeWorkspace();
      const bigName = '031_0000000000000031.txt';
      ws.write(bigName, 'Leica '.repeat((10 * 1024 * 1024) / 6));
      const s = LspSession.start(ws.root);
      t.after(async () => {
        await s.dispose();
        ws.cleanup();
      });
      await s.initialize();
      const big = await s.waitForDiagnostics(ws.uriOf(bigName));
      assert.deepEqual(codesOf(big.diagnostics), ['article-too-large'], 'one finding, and no analysis');
      await s.waitForCorpusAnalysed();
      for (const name of ws.articles) assert.ok(s.diagnostics.get(ws.uriOf(name))!.diagnostics.length > 0, `${name}: checked`);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// The fuzzer: deterministic messages of four kinds.

type FuzzMessage =
  | { kind: 'request'; id: string | number; method: string; body: unknown }
  | { kind: 'notification' | 'invalid'; body: unknown }
  | { kind: 'malformed'; body: string | Uint8Array };

/**
 * Message `i` of the fuzz run. Requests: every request method the server supports (and unknown ones) with wrong,
 * missing or hostile params and odd uris and positions. Notifications: the document and workspace notifications
 * with the same, never touching `protectedUri` (the test's own open seed) and never `exit`. Invalid: JSON that is
 * no JSON-RPC message. Malformed: bodies that are not JSON at all, with a correct Content-Length.
 */
function fuzzer(random: () => number, ws: TempWorkspace, protectedUri: string): (i: number) => FuzzMessage {
  const pick = pickWith(random);
  const chance = (p: number) => random() < p;
  const nested = (depth: number): unknown => (depth === 0 ? {} : { a: [nested(depth - 1)] });
  const garbage = (): unknown =>
    pick([undefined, null, 0, -1, 2 ** 53, 1e308, -0.5, '', 'x', '\u0000', '\ud800', [], [1, 'a'], {}, true, { a: { b: [] } }, 'A'.repeat(20_000), nested(300), JSON.parse('{"__proto__":{"x":1},"constructor":"x"}')]);
  const fileUris = [ws.uriOf(seed001), ws.uriOf('999_0000000000000999.txt'), ws.uriOf('seed-corpus.json'), pathToFileURL(ws.seeds).href];
  // Not `file://host/share/x.txt` in notifications, and no didOpen without a string URI and text: one such open document ends the server (test c4).
  const oddUris = ['untitled:x', 'untitled:Untitled-1', 'http://x', 'https://example.com/a.txt', 'file:///etc/passwd', 'file:', '', 'not a uri', 'file:///%00.txt', 'file:///' + 'a/'.repeat(2000) + 'x.txt', 'vscode-notebook-cell:/x.ipynb#1', 'git:/x.txt?{}'];
  const knowledgeBase = ws.uriOf('entities.json');
  const requestUris = [protectedUri, `${protectedUri}?query#fragment`, 'file://host/share/x.txt', knowledgeBase, ...fileUris, ...oddUris];
  // The knowledge base is never opened with other text: an empty one would rightly take the hover card away.
  const notificationUris = [...fileUris, ...oddUris];
  const position = () =>
    chance(0.3)
      ? pos(Math.floor(random() * 40), Math.floor(random() * 200))
      : pick([pos(-1, -1), pos(0, -5), pos(2 ** 31 - 1, 2 ** 31 - 1), pos(1e308, 1e308), pos(0.5, 1.5), { line: '2', character: '6' }, { line: null }, {}, null, [], 'x', undefined]);
  const anyRange = () => (chance(0.8) ? { start: position(), end: position() } : garbage());
  const textDocument = (uris: readonly unknown[]) => (chance(0.9) ? { uri: chance(0.95) ? pick(uris) : garbage() } : garbage());
  const maybe = <T>(valid: () => T): unknown => (chance(0.75) ? valid() : garbage());
  const diagnostic = () => ({ range: anyRange(), message: maybe(() => 'x'), source: pick(['seed-corpus', undefined, 5]), code: pick(['doubled-word', 'entity-unknown', 'web-residue', 5, null, 'no-such-rule']) });
  const context = () => pick([null, undefined, {}, { diagnostics: null }, { diagnostics: [diagnostic()] }, { diagnostics: [], only: garbage() }, { diagnostics: [], only: ['source.fixAll'] }, { diagnostics: [diagnostic(), garbage()], only: ['quickfix'] }]);
  const documentParams = () => ({ textDocument: textDocument(requestUris), position: position() });

  /** Request methods the server registers, with how often each is picked (the whole-corpus ones rarely). */
  const requests: Array<[string, number, () => unknown]> = [
    ['textDocument/hover', 8, documentParams],
    ['textDocument/codeAction', 8, () => ({ textDocument: textDocument(requestUris), range: anyRange(), context: context() })],
    ['textDocument/definition', 4, documentParams],
    ['textDocument/references', 2, () => ({ ...documentParams(), context: maybe(() => ({ includeDeclaration: chance(0.5) })) })],
    ['textDocument/prepareRename', 4, documentParams],
    ['textDocument/rename', 2, () => ({ ...documentParams(), newName: maybe(() => pick(['Leica', 'Xiaomi', '', ' ', 'Neu"Name', 'a\nb'])) })],
    ['textDocument/documentSymbol', 4, () => ({ textDocument: textDocument(requestUris) })],
    ['workspace/symbol', 4, () => ({ query: maybe(() => pick(['', 'lei', 'Ü', '.*', '('])) })],
    ['textDocument/completion', 4, () => ({ ...documentParams(), context: maybe(() => ({ triggerKind: pick([1, 2, 3, 99]) })) })],
    ['textDocument/semanticTokens/full', 3, () => ({ textDocument: textDocument(requestUris) })],
    ['textDocument/inlayHint', 4, () => ({ textDocument: textDocument(requestUris), range: anyRange() })],
    ['seedCorpus/languageStatus', 4, () => maybe(() => ({ uri: pick(requestUris) }))],
    ['seedCorpus/setLanguage', 4, () => maybe(() => ({ uri: pick(requestUris), tag: maybe(() => pick(['de', 'xx-invalid-', '', 'DE'])) }))],
    ['seedCorpus/fixCorpus', 0.2, garbage],
    ['seedCorpus/entities', 1, garbage],
    ['seedCorpus/entityMentions', 3, () => maybe(() => ({ id: maybe(() => pick(['leica-camera', 'no-such', '__proto__', 'constructor'])) }))],
    ['seedCorpus/entityLocation', 3, () => maybe(() => ({ id: maybe(() => pick(['wetzlar', 'no-such', '__proto__', 'toString'])) }))],
    ['seedCorpus/timelineGroups', 1, () => maybe(() => ({ entity: maybe(() => pick(['huawei', 'no-such', '__proto__', 5])), year: maybe(() => pick([2022, 2016, -1, 1e300, '2022', null])) }))],
    ['seedCorpus/timelineEvents', 2, () => maybe(() => ({ entity: maybe(() => pick(['huawei', 'no-such', '__proto__'])), place: maybe(() => pick([{}, { year: 2022 }, { year: 2022, month: 3 }, { month: 3 }, { year: 2022, month: 0 }, null, 'x', garbage()])), offset: maybe(() => pick([0, 2, -1, 1e9, NaN, '1'])), limit: maybe(() => pick([0, 1, 200, 1e9, -5, 0.5])) }))],
    // Not registered: answered with MethodNotFound.
    ['textDocument/formatting', 1, garbage],
    ['workspace/executeCommand', 1, () => ({ command: 'workbench.action.terminal.new', arguments: [] })],
    ['completionItem/resolve', 1, garbage],
    ['no/such/method', 1, garbage],
    ['', 0.5, garbage],
    ['$/unknownRequest', 0.5, garbage],
  ];
  const requestWeight = requests.reduce((sum, [, weight]) => sum + weight, 0);
  const pickRequest = () => {
    let r = random() * requestWeight;
    for (const request of requests) if ((r -= request[1]) < 0) return request;
    return requests[0];
  };

  const notifications: Array<[string, () => unknown]> = [
    ['textDocument/didOpen', () => maybe(() => ({ textDocument: { uri: pick(notificationUris), languageId: maybe(() => 'plaintext'), version: maybe(() => 1), text: pick(['', 'Leica  und Xiaomi\n', '\ufffd\u0000', '{', 'x'.repeat(5000)]) } }))],
    ['textDocument/didChange', () => ({ textDocument: maybe(() => ({ uri: pick(notificationUris), version: maybe(() => Math.floor(random() * 5)) })), contentChanges: maybe(() => [maybe(() => ({ range: anyRange(), text: maybe(() => 'y') }))]) })],
    ['textDocument/didClose', () => ({ textDocument: textDocument(notificationUris) })],
    ['textDocument/didSave', () => ({ textDocument: textDocument(notificationUris) })],
    ['workspace/didChangeWatchedFiles', () => ({ changes: maybe(() => [maybe(() => ({ uri: pick([...notificationUris, knowledgeBase, garbage()]), type: pick([1, 2, 3, 0, 4, -1, 'x', null]) }))]) })],
    ['$/cancelRequest', () => ({ id: garbage() })],
    ['$/setTrace', () => ({ value: garbage() })],
    ['window/workDoneProgress/cancel', () => ({ token: garbage() })],
    ['no/such/notification', garbage],
    ['$/unknownNotification', garbage],
  ];
  /** Whole-workspace rescans: rare, as in life. */
  const rescans: Array<[string, () => unknown]> = [
    ['workspace/didChangeConfiguration', garbage],
    ['workspace/didChangeWatchedFiles', () => ({ changes: [{ uri: ws.uriOf('seed-corpus.json'), type: 2 }] })],
  ];

  const invalid = (): unknown =>
    pick([
      [],
      42,
      null,
      'x',
      {},
      { jsonrpc: '2.0' },
      { jsonrpc: '2.0', id: {}, method: 'textDocument/hover' },
      { jsonrpc: '2.0', id: null, method: 'seedCorpus/entities' },
      { jsonrpc: '2.0', id: [1], method: 'seedCorpus/entities' },
      { jsonrpc: '2.0', method: 5 },
      { jsonrpc: '2.0', id: 'nobody-asked', result: 1 },
      { jsonrpc: '2.0', id: 'nobody-asked', error: { code: 1, message: 'x' } },
      [{ jsonrpc: '2.0', id: 'in-a-batch', method: 'seedCorpus/entities' }],
    ]);
  const malformed = (): string | Uint8Array =>
    pick<() => string | Uint8Array>([
      () => '{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{',
      () => '',
      () => '\ufeff{"jsonrpc":"2.0","method":"x"}',
      () => '{}}',
      () => 'NaN',
      () => '{"jsonrpc":"2.0","id":1,"method":"x",}',
      () => '['.repeat(20_000),
      () => Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
      () => Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
    ])();

  return (i) => {
    const r = random();
    if (r < 0.6) {
      const [method, , params] = pickRequest();
      const id = chance(0.5) ? `fuzz-${i}` : 1_000_000_000 + i;
      const body = params();
      return { kind: 'request', id, method, body: { jsonrpc: '2.0', id, method, ...(body === undefined ? {} : { params: body }) } };
    }
    if (r < 0.85) {
      const [method, params] = chance(0.002) ? pick(rescans) : pick(notifications);
      const body = params();
      return { kind: 'notification', body: { jsonrpc: '2.0', method, ...(body === undefined ? {} : { params: body }) } };
    }
    if (r < 0.93) return { kind: 'invalid', body: invalid() };
    return { kind: 'malformed', body: malformed() };
  };
}
