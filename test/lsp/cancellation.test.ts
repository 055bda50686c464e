/**
 * `$/cancelRequest` over real JSON-RPC: the long-running requests (references, rename, document and workspace
 * symbols, completion, the timeline, the Entities view's requests, fix corpus) answer RequestCancelled (-32800) when the client
 * cancels them, and the server goes on answering.
 *
 * Deterministic, not a race: each cancelled request is written together with its `$/cancelRequest` in one write
 * of a few hundred bytes (one atomic pipe write, so the server reads both at once). The protocol library reads the
 * cancellation before the handler's first turn of the event loop ends: either the request is still queued (its
 * token is cancelled when it is dispatched) or it is running (the token is cancelled while the handler waits).
 * A handler that honours its token answers -32800; one that ignores it answers with its result, and this fails.
 * Each method is then asked again without a cancellation and must answer its result.
 *
 * Run: npx tsx --test test/lsp/cancellation.test.ts   (after `npm run build`)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResponseMessage } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { frame, startedSession, type LspSession } from './lspClient';

const seed000 = '000_ebeef4f3d678d313.txt';
const seed002 = '002_4d1a318a818ef0be.txt';
const seed003 = '003_03ee35439bc31269.txt';
/** JSON-RPC / LSP: the client cancelled the request and the server noticed (LSPErrorCodes.RequestCancelled). */
const requestCancelled = -32800;

function positionOf(text: string, needle: string, offset = 1) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `“${needle}” occurs`);
  return TextDocument.create('file:///x', 'plaintext', 0, text).positionAt(at + offset);
}

/** Writes the request and its cancellation in one write; resolves with the response. */
async function requestCancelledAtOnce(s: LspSession, id: string, method: string, params: unknown): Promise<ResponseMessage> {
  const response = s.expectResponse(id);
  const request = frame(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
  const cancel = frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
  const both = Buffer.concat([request, cancel]);
  assert.ok(both.length <= 4096, 'within PIPE_BUF: one atomic write');
  await s.writeRaw(both);
  return response;
}

test('cancelled long-running requests answer RequestCancelled (-32800); the same requests uncancelled answer their results', { timeout: 120_000 }, async (t) => {
  const { ws, s } = await startedSession(t);
  const text000 = ws.read(seed000);
  const text002 = ws.read(seed002);
  const text003 = ws.read(seed003);
  await s.open(ws.uriOf(seed000), text000);
  await s.open(ws.uriOf(seed002), text002);
  await s.open(ws.uriOf(seed003), text003);

  const cases: Array<{ method: string; params?: unknown; answered(result: any): void }> = [
    {
      method: 'textDocument/references',
      params: { textDocument: { uri: ws.uriOf(seed002) }, position: positionOf(text002, 'SHARP'), context: { includeDeclaration: true } },
      answered: (result) => assert.ok(Array.isArray(result) && result.length >= 4, `references: ${JSON.stringify(result)?.slice(0, 200)}`),
    },
    {
      method: 'textDocument/rename',
      params: { textDocument: { uri: ws.uriOf(seed000) }, position: positionOf(text000, 'Huawei', 2), newName: 'Huawei Technologies' },
      answered: (result) => assert.ok(result?.documentChanges?.length >= 5, 'rename: an edit of the articles and the knowledge base'),
    },
    {
      method: 'textDocument/completion',
      params: { textDocument: { uri: ws.uriOf(seed003) }, position: positionOf(text003, 'Xiaomi e Lecia', 3) },
      answered: (result) => assert.ok(result?.items?.some((i: { label: string }) => i.label === 'Xiaomi'), 'completion: Xiaomi offered'),
    },
    {
      method: 'textDocument/documentSymbol',
      params: { textDocument: { uri: ws.uriOf(seed003) } },
      answered: (result) => assert.ok(Array.isArray(result) && result.some((x: { name: string }) => x.name === 'Xiaomi'), 'document symbols'),
    },
    {
      method: 'workspace/symbol',
      params: { query: 'peki' },
      answered: (result) => assert.deepEqual(result.map((x: { name: string }) => x.name), ['Peking']),
    },
    {
      method: 'seedCorpus/timelineGroups',
      params: {},
      answered: (result) => assert.ok(result?.groups?.length > 2 && result.total > 10, 'timeline groups'),
    },
    {
      method: 'seedCorpus/timelineEvents',
      params: { place: {} },
      answered: (result) => assert.ok(result?.entries?.length > 10, 'timeline events'),
    },
    {
      method: 'seedCorpus/entityMentions',
      params: { id: 'wetzlar' },
      answered: (result) => assert.equal(result.length, 1),
    },
    {
      method: 'seedCorpus/entities',
      answered: (result) => assert.ok(result?.entities?.some((e: { id: string }) => e.id === 'leica-camera'), 'entities'),
    },
    {
      method: 'seedCorpus/fixCorpus',
      answered: (result) => assert.ok(result?.files > 0 && result?.edit?.documentChanges?.length === result.files, `fix corpus: ${JSON.stringify(result)?.slice(0, 200)}`),
    },
  ];

  for (const [i, { method, params, answered }] of cases.entries()) {
    const cancelled = await requestCancelledAtOnce(s, `cancelled-${i}`, method, params);
    assert.equal(cancelled.result, undefined, `${method} cancelled: no result, got ${JSON.stringify(cancelled.result)?.slice(0, 200)}`);
    assert.equal(cancelled.error?.code, requestCancelled, `${method} cancelled: ${JSON.stringify(cancelled.error)}`);

    const normal = await s.rawRequest(`normal-${i}`, method, params);
    assert.equal(normal.error, undefined, `${method}: ${JSON.stringify(normal.error)}`);
    answered(normal.result);
  }

  // Still serving: a hover and a fresh diagnostics pass after an edit.
  const uri = ws.uriOf(seed000);
  const hover = await s.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text000, 'Wetzlar') });
  assert.match(hover!.contents.value, /\*\*Wetzlar\*\*/);
  const mark = s.mark();
  await s.change(uri, 2, [{ range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, text: ' ' }]);
  const published = await s.waitForDiagnostics(uri, { since: mark, version: 2 });
  assert.ok(published.diagnostics.some((d) => d.code === 'multiple-spaces'), `published.diagnostics.some((d) => d.code === 'multiple-spaces')`);
  assert.ok(s.alive, 's.alive');
});

test('a request cancelled after it was answered changes nothing; cancelling an unknown id is ignored', { timeout: 60_000 }, async (t) => {
  const { ws, s } = await startedSession(t);
  const text = ws.read(seed002);
  await s.open(ws.uriOf(seed002), text);
  const params = { textDocument: { uri: ws.uriOf(seed002) }, position: positionOf(text, 'SHARP'), context: { includeDeclaration: false } };
  const answered = await s.rawRequest('late', 'textDocument/references', params);
  assert.ok(Array.isArray(answered.result) && answered.result.length >= 3, 'Array.isArray(answered.result) && answered.result.length >= 3');
  await s.cancel('late');
  await s.cancel('never-sent');
  const again = await s.rawRequest('again', 'textDocument/references', params);
  assert.deepEqual(again.result, answered.result);
});
