/**
 * Entry point of dist/analysisCacheWriter.js: the thread that writes the analysis cache (see analysisCache.ts) while
 * the server's own thread answers the editor. It is given the file, the build and the header's strings; it makes
 * and writes the lines of each batch of entries it is sent, answers each batch, and at the end puts the file in
 * place. Any failure removes what it wrote and is answered once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CacheFileWriter, type CacheWriterMessage, type CacheWriterReply, type CacheWriterTask } from './analysisCache';

const { file, build, strings } = workerData as CacheWriterTask;
const reply = (message: CacheWriterReply) => parentPort!.postMessage(message);
const writer = CacheFileWriter.create(file, build, strings);
// Messages are taken in order, each once the one before is written.
let work: Promise<unknown> = writer;
let failed = false;

parentPort!.on('message', (message: CacheWriterMessage) => {
  work = work
    .then(async () => {
      if (failed) return;
      const open = await writer;
      if (message.type === 'entries') {
        for (const [article, entry] of message.entries) await open.add(article, entry);
        reply({ type: 'written' });
      } else {
        await open.finish();
        reply({ type: 'done' });
      }
    })
    .catch(async (error: Error) => {
      if (failed) return;
      failed = true;
      await (await writer.catch(() => undefined))?.abandon();
      reply({ type: 'failed', message: error.message });
    });
});
