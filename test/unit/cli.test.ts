// The CLI end to end (dist/cli.js, built by `npm run build`) on a temporary copy of the seeds.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  cpSync,
  promises as fsPromises,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { writeFileAtomically } from '../../server/src/files';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

/** A fresh folder `<tmp>/seed-corpus-cli-XXXX`, removed with everything in it when the test ends. */
function scratchFolder(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-corpus-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A scratch folder holding a copy of the seeds in `seeds/`. */
function copyOfSeeds(t: TestContext): string {
  const dir = scratchFolder(t);
  cpSync(path.join(root, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return dir;
}

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
  fixable: boolean;
}

describe('seed-corpus check', () => {
  test('text output: file:line:col severity rule-id message, exit 1 on errors', (t) => {
    const dir = copyOfSeeds(t);
    const { code, stdout, stderr } = run(['check'], dir);
    assert.equal(code, 1, stderr);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.includes(`${path.join('seeds', '000_ebeef4f3d678d313.txt')}:3:25 warning doubled-word The word “baut” is doubled in “baut baut”; delete one of them.`), stdout);
    assert.ok(lines.every((l) => /^seeds\/\d{3}_[0-9a-f]{16}\.txt:\d+:\d+ (error|warning|information|hint) [a-z0-9-]+ .+$/.test(l)), stdout);
    assert.match(stderr, /^30 problems \(1 error, 22 warnings, 7 information, 0 hints\) in 5 files; 21 fixable/);
  });

  test('--format json: LSP-style 0-based ranges and severities as words', (t) => {
    const dir = copyOfSeeds(t);
    const { stdout } = run(['check', 'seeds', '--format', 'json'], dir);
    const findings = JSON.parse(stdout) as JsonFinding[];
    const doubled = findings.find((f) => f.code === 'doubled-word');
    assert.deepEqual(doubled?.range, { start: { line: 2, character: 24 }, end: { line: 2, character: 29 } });
    assert.equal(doubled?.severity, 'warning');
    assert.deepEqual(Object.keys(findings[0]).sort(), ['code', 'file', 'fixable', 'message', 'range', 'severity']);
    const missing = findings.filter((f) => f.code === 'lang-missing').map((f) => [path.basename(f.file).slice(0, 3), f.message.match(/\((\w\w),/)?.[1]]);
    assert.deepEqual(missing, [['000', 'de'], ['001', 'de'], ['002', 'de'], ['003', 'it'], ['004', 'it']]);
  });

  test('a clean corpus exits 0; a missing path or bad option exits 2 with a message', (t) => {
    const dir = scratchFolder(t);
    writeFileSync(path.join(dir, '001_0123456789abcdef.txt'), '---\nlang: de\n---\nLeica und Xiaomi\n\nDie Partnerschaft beginnt im Juli.\n');
    assert.equal(run(['check', '.'], dir).code, 0);
    const missing = run(['check', 'nowhere'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file or folder: nowhere/);
    assert.equal(run(['check', '--format', 'xml'], dir).code, 2);
    assert.equal(run(['lint'], dir).code, 2);
  });
});

describe('seed-corpus fix', () => {
  test('fixes a copy of the seeds atomically; check then reports no fixable finding', (t) => {
    const dir = copyOfSeeds(t);
    const seeds = path.join(dir, 'seeds');
    const target = path.join(seeds, '003_03ee35439bc31269.txt');
    chmodSync(target, 0o640);
    const { code, stdout, stderr } = run(['fix'], dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /003_03ee35439bc31269\.txt: .*paragraph-separation ×5/);
    assert.match(stderr, /^Applied \d+ fixes in 5 files of 5\./);
    assert.equal(statSync(target).mode & 0o777, 0o640, 'file mode kept');
    assert.deepEqual(readdirSync(seeds).filter((f) => f.endsWith('.tmp')), [], 'no temporary files left');
    const after = JSON.parse(run(['check', '--format', 'json'], dir).stdout) as JsonFinding[];
    assert.deepEqual(after.filter((f) => f.fixable), []);
    assert.ok(readFileSync(target, 'utf8').startsWith('---\nlang: it\n---\nLe due aziende'), `readFileSync(target, 'utf8').startsWith('---\\nlang: it\\n---\\nLe due aziende')`);
    // A second run has nothing left to do.
    assert.match(run(['fix'], dir).stderr, /^Applied 0 fixes in 0 files of 5\./);
  });

  test('leaves a file that is not UTF-8 untouched and says so', (t) => {
    const dir = scratchFolder(t);
    const file = path.join(dir, '001_0123456789abcdef.txt');
    const latin1 = Buffer.from('Grüße\n\nDie Straße  ist groß.', 'latin1');
    writeFileSync(file, latin1);
    const { code, stdout } = run(['fix', dir], dir);
    assert.equal(code, 1);
    assert.match(stdout, /not valid UTF-8; left untouched/);
    assert.ok(readFileSync(file).equals(latin1), 'readFileSync(file).equals(latin1)');
    const check = JSON.parse(run(['check', dir, '--format', 'json'], dir).stdout) as JsonFinding[];
    assert.deepEqual(check.map((f) => f.code), ['utf8-encoding']);
  });

  test('the bin entry is executable and runs on its own', () => {
    assert.ok(statSync(cli).mode & 0o100, 'dist/cli.js is executable');
    assert.match(execFileSync(cli, ['--help'], { encoding: 'utf8' }), /Usage: seed-corpus/);
  });
});

describe('seed-corpus entities', () => {
  test('--format json: every mention with its entity and type, and the names the knowledge base lacks', (t) => {
    const dir = copyOfSeeds(t);
    appendFileSync(path.join(dir, 'seeds', '003_03ee35439bc31269.txt'), '\nIn Giappone arriva il Leitz Phone 2.\n');
    const { code, stdout } = run(['entities', '--format', 'json'], dir);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { mentions: Array<{ file: string; text: string; entity: string; type: string; range: unknown }>; candidates: Array<{ text: string }> };
    const wetzlar = report.mentions.filter((m) => m.entity === 'wetzlar');
    assert.deepEqual(wetzlar, [{ file: path.join('seeds', '000_ebeef4f3d678d313.txt'), range: { start: { line: 2, character: 105 }, end: { line: 2, character: 112 } }, text: 'Wetzlar', entity: 'wetzlar', type: 'place' }]);
    assert.ok(report.mentions.some((m) => m.text === 'Giappone' && m.entity === 'japan'), 'local names count');
    assert.deepEqual(report.candidates.map((c) => c.text), ['Leitz Phone 2']);
  });

  test('text output: entities by mention count; a broken knowledge base is reported with its place', (t) => {
    const dir = copyOfSeeds(t);
    const { stdout, stderr } = run(['entities'], dir);
    assert.match(stdout.split('\n')[0], /^leica-camera \(organization\): \d+ in 5 files$/);
    assert.match(stderr, /mentions of \d+ entities and 0 unknown names in 5 files/);
    writeFileSync(path.join(dir, 'seeds', 'entities.json'), '{ "entities": [ { "id": "x", } ] }');
    const broken = run(['check'], dir);
    assert.match(broken.stderr, /^seeds\/entities\.json:1:\d+ error knowledge-base Invalid JSON: /m);
  });
});

describe('seed-corpus timeline', () => {
  test('--format json: events in time order with value, text, file, range, sentence, entities and anchor', (t) => {
    const dir = copyOfSeeds(t);
    const { code, stdout } = run(['timeline', '--format', 'json'], dir);
    assert.equal(code, 0);
    const rows = JSON.parse(stdout) as Array<{ value: string; text: string; file: string; range: { start: { line: number } }; sentence: string; entities: string[]; anchor: string }>;
    assert.deepEqual(Object.keys(rows[0]).filter((k) => k !== 'mod').sort(), ['anchor', 'entities', 'file', 'range', 'sentence', 'text', 'value']);
    const march = rows.find((r) => r.text === 'il 31 marzo scorso')!;
    assert.deepEqual([march.value, march.anchor, march.file, march.range.start.line], ['2022-03-31', 'article-date', path.join('seeds', '004_41a9ae8dc5d7d7d4.txt'), 4]);
    assert.ok(march.entities.includes('huawei') && march.sentence.includes('31 marzo'), `march.entities.includes('huawei') && march.sentence.includes('31 marzo')`);
    const values = rows.map((r) => r.value);
    assert.ok(values.indexOf('2015') < values.indexOf('2022-03-31') && values.indexOf('2022-03-31') < values.indexOf('XXXX-07'), 'dated before undated');
    assert.ok(values.indexOf('XXXX-07') < values.indexOf('P5Y'), 'durations last');
  });
});

describe('the corpus config search of the CLI', () => {
  /**
   * <scratch>/seed-corpus.json (doubled-word off), <scratch>/work/seeds/ a copy of the seeds without their own
   * config, and an unrelated folder to run from.
   */
  function outerConfig(t: TestContext): { parent: string; work: string; seeds: string; elsewhere: string } {
    const parent = realpathSync(copyOfSeeds(t));
    const work = path.join(parent, 'work');
    const seeds = path.join(work, 'seeds');
    mkdirSync(work);
    renameSync(path.join(parent, 'seeds'), seeds);
    rmSync(path.join(seeds, 'seed-corpus.json'));
    writeFileSync(path.join(parent, 'seed-corpus.json'), JSON.stringify({ rules: { 'doubled-word': 'off' } }));
    return { parent, work, seeds, elsewhere: realpathSync(scratchFolder(t)) };
  }
  const codes = (args: string[], cwd: string) => (JSON.parse(run([...args, '--format', 'json'], cwd).stdout) as JsonFinding[]).map((f) => f.code);

  test('looks up to the current folder, never above it', (t) => {
    const { parent, work } = outerConfig(t);
    assert.ok(codes(['check', 'seeds'], work).includes('doubled-word'), 'the config above the current folder is not read');
    assert.ok(!codes(['check', path.join('work', 'seeds')], parent).includes('doubled-word'), 'run from the folder holding it, the config is used');
  });

  test('a path outside the current folder is its own bound: its config is used, none above it', (t) => {
    const { seeds, elsewhere } = outerConfig(t);
    assert.ok(codes(['check', seeds], elsewhere).includes('doubled-word'), 'a given folder: nothing above it is read');
    assert.ok(codes(['check', path.join(seeds, '000_ebeef4f3d678d313.txt')], elsewhere).includes('doubled-word'), 'a given file: nothing above its folder is read');
    writeFileSync(path.join(seeds, 'seed-corpus.json'), JSON.stringify({ rules: { 'doubled-word': 'off' } }));
    assert.ok(!codes(['check', seeds], elsewhere).includes('doubled-word'), 'the config in the given folder is used');
    assert.ok(!codes(['check', path.join(seeds, '000_ebeef4f3d678d313.txt')], elsewhere).includes('doubled-word'), 'and the one beside a given file');
  });
});

describe('seed-corpus fix writes safely', () => {
  const seed003 = '003_03ee35439bc31269.txt';
  /** A fixable article outside the copy of the seeds, for symbolic links to point at. */
  function outsideArticle(t: TestContext): { folder: string; file: string; bytes: Buffer } {
    const folder = mkdtempSync(path.join(realpathSync(tmpdir()), 'seed-corpus-outside-'));
    t.after(() => rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, '009_0000000000000009.txt');
    writeFileSync(file, '---\nlang: de\n---\nGeheim\n\nDas  ist nicht Teil des Korpus. \n');
    return { folder, file, bytes: readFileSync(file) };
  }
  function scratchSeeds(t: TestContext): string {
    return realpathSync(copyOfSeeds(t));
  }

  test('replaces each file by a rename (a new inode), keeps its mode — even bits the umask would drop — and its owner, leaves no temporary file', (t) => {
    const dir = scratchSeeds(t);
    const seeds = path.join(dir, 'seeds');
    const target = path.join(seeds, seed003);
    chmodSync(target, 0o664);
    const root = process.getuid?.() === 0;
    if (root) chownSync(target, 4321, 4321);
    const before = statSync(target);
    const names = readdirSync(seeds).sort();
    const { code, stderr } = run(['fix'], dir);
    assert.equal(code, 0, stderr);
    const after = statSync(target);
    assert.notEqual(after.ino, before.ino, 'a new file renamed into place, not the old one rewritten');
    assert.equal(after.mode & 0o7777, 0o664, 'mode kept');
    if (root) assert.deepEqual([after.uid, after.gid], [4321, 4321], 'owner kept');
    assert.deepEqual(readdirSync(seeds).sort(), names, 'no file left over or missing');
  });

  test('a symbolic link inside a given folder is not followed, whatever it points to', (t) => {
    const dir = scratchSeeds(t);
    const outside = outsideArticle(t);
    const link = path.join(dir, 'seeds', '010_000000000000000a.txt');
    symlinkSync(outside.file, link);
    const { code, stdout, stderr } = run(['fix', 'seeds'], dir);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stdout, /010_000000000000000a/);
    assert.ok(readFileSync(outside.file).equals(outside.bytes), 'the file outside is untouched');
    assert.equal(readlinkSync(link), outside.file, 'the link is still the link');
  });

  test('a symbolic link named as a path is written only when its target lies in a given path: through the link, which stays', (t) => {
    const dir = scratchSeeds(t);
    const outside = outsideArticle(t);
    const link = path.join(dir, 'seeds', '010_000000000000000a.txt');
    symlinkSync(outside.file, link);

    const refused = run(['fix', path.join('seeds', '010_000000000000000a.txt')], dir);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, `${path.join('seeds', '010_000000000000000a.txt')}: is a symbolic link to ${outside.file}, outside the given paths; left untouched\n`);
    assert.ok(readFileSync(outside.file).equals(outside.bytes), 'the target outside the given paths is untouched');
    assert.ok(lstatSync(link).isSymbolicLink(), 'lstatSync(link).isSymbolicLink()');

    const allowed = run(['fix', path.join('seeds', '010_000000000000000a.txt'), outside.folder], dir);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /^seeds\/010_000000000000000a\.txt: .*multiple-spaces/m);
    assert.equal(readFileSync(outside.file, 'utf8'), '---\nlang: de\n---\nGeheim\n\nDas ist nicht Teil des Korpus.\n', 'the target is fixed');
    assert.equal(readlinkSync(link), outside.file, 'the link is still the link');
  });

  test('a FIFO named as a path is refused at once (exit 2); one inside a folder is passed over', (t) => {
    const dir = scratchFolder(t);
    writeFileSync(path.join(dir, '001_0123456789abcdef.txt'), '---\nlang: de\n---\nLeica und Xiaomi\n\nDie  Partnerschaft beginnt im Juli.\n');
    execFileSync('mkfifo', [path.join(dir, '002_0123456789abcdef.txt')]);
    // The time limit only turns a hang (a read blocked on the FIFO) into a failure.
    const named = spawnSync(process.execPath, [cli, 'fix', '002_0123456789abcdef.txt'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(named.status, 2, named.stderr);
    assert.match(named.stderr, /^Not a file or folder: 002_0123456789abcdef\.txt$/m);
    const folder = spawnSync(process.execPath, [cli, 'fix', '.'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(folder.status, 0, folder.stderr);
    assert.match(folder.stderr, /^Applied 1 fix in 1 file of 1\./);
  });
});

describe('writeFileAtomically', () => {
  function scratchFile(t: TestContext, content = 'old\n'): { folder: string; file: string; expected: Buffer } {
    const folder = mkdtempSync(path.join(tmpdir(), 'seed-corpus-write-'));
    t.after(() => rmSync(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'article.txt');
    writeFileSync(file, content);
    return { folder, file, expected: readFileSync(file) };
  }
  const onlyTheFile = (folder: string) => assert.deepEqual(readdirSync(folder), ['article.txt'], 'no temporary file left');
  const failure = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });
  /** Lets `tweak` change each file handle the code under test opens (for the length of the test). */
  function tweakOpenedHandles(t: TestContext, tweak: (handle: FileHandle) => void): void {
    const open = fsPromises.open;
    t.mock.method(fsPromises, 'open', async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      tweak(handle);
      return handle;
    });
  }

  test('writes the new content', async (t) => {
    const { folder, file, expected } = scratchFile(t);
    await writeFileAtomically(file, 'new\n', expected);
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    onlyTheFile(folder);
  });

  test('never touches a file that changed on disk after it was read', async (t) => {
    const { folder, file, expected } = scratchFile(t);
    writeFileSync(file, 'changed by someone else\n');
    await assert.rejects(writeFileAtomically(file, 'new\n', expected), /changed on disk while it was being fixed; left untouched/);
    assert.equal(readFileSync(file, 'utf8'), 'changed by someone else\n');
    onlyTheFile(folder);
  });

  test('a change that lands while the temporary file is written wins over the fix', async (t) => {
    const { folder, file, expected } = scratchFile(t);
    tweakOpenedHandles(t, (handle) => {
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        writeFileSync(file, 'saved in the editor meanwhile\n');
        return sync();
      };
    });
    await assert.rejects(writeFileAtomically(file, 'new\n', expected), /changed on disk/);
    assert.equal(readFileSync(file, 'utf8'), 'saved in the editor meanwhile\n');
    onlyTheFile(folder);
  });

  for (const [what, code, inject] of [
    ['a failed rename', 'EXDEV', (t: TestContext) => t.mock.method(fsPromises, 'rename', async () => Promise.reject(failure('EXDEV')))],
    ['a failed write (a full disk)', 'ENOSPC', (t: TestContext) => tweakOpenedHandles(t, (handle) => (handle.writeFile = async () => Promise.reject(failure('ENOSPC'))))],
  ] as const) {
    test(`${what} leaves the file as it was and no temporary file`, async (t) => {
      const { folder, file, expected } = scratchFile(t);
      inject(t);
      await assert.rejects(writeFileAtomically(file, 'new\n', expected), new RegExp(`simulated ${code}`));
      assert.equal(readFileSync(file, 'utf8'), 'old\n');
      onlyTheFile(folder);
    });
  }

  test('refuses a symbolic link and a FIFO without reading them', async (t) => {
    const { folder, file, expected } = scratchFile(t);
    const link = path.join(folder, 'link.txt');
    symlinkSync(file, link);
    await assert.rejects(writeFileAtomically(link, 'new\n', expected), /is a symbolic link; left untouched/);
    const fifo = path.join(folder, 'fifo.txt');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(writeFileAtomically(fifo, 'new\n', expected), /is not a regular file; left untouched/);
    assert.equal(readFileSync(file, 'utf8'), 'old\n');
    assert.ok(lstatSync(link).isSymbolicLink(), 'lstatSync(link).isSymbolicLink()');
  });
});
