// Runs exported functions of a TypeScript module in a worker thread, so that a test can put a time limit on code
// that may hang: a call that overruns is stopped (the worker is terminated, which interrupts even a backtracking
// regular expression) and reported as timed out; the next call gets a fresh worker.
import { Worker } from 'node:worker_threads';

export type Outcome<T> =
  | { kind: 'returned'; value: T; ms: number }
  | { kind: 'threw'; error: string; ms: number }
  | { kind: 'timed out'; ms: number };

// The worker loads tsx to read TypeScript, then the module, then answers calls by name. Its own clock measures
// each call, so loading and messaging never count.
const host = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.tsx);
const target = require(workerData.module);
parentPort.on('message', ({ id, name, args }) => {
  const started = performance.now();
  try {
    const value = target[name](...args);
    parentPort.postMessage({ id, kind: 'returned', value, ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id, kind: 'threw', error: String((error && error.stack) || error), ms: performance.now() - started });
  }
});
parentPort.postMessage({ ready: true });
`;

export class Isolate {
  private worker: Promise<Worker> | undefined;
  private nextId = 0;

  constructor(private readonly modulePath: string) {}

  /** Calls `name(...args)` in the worker; after `limitMs` without an answer the worker is stopped. */
  async call<T>(name: string, args: unknown[], limitMs: number): Promise<Outcome<T>> {
    const worker = await this.start();
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<Outcome<T>>((resolve) => {
      const onMessage = (message: { id: number } & Outcome<T>) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        this.worker = undefined;
        void worker.terminate();
        resolve({ kind: 'timed out', ms: performance.now() - started });
      }, limitMs);
      worker.on('message', onMessage);
      worker.postMessage({ id, name, args });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker).terminate();
  }

  private start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const started: Promise<Worker> = new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(host, { eval: true, execArgv: [], workerData: { tsx: require.resolve('tsx/cjs'), module: this.modulePath } });
      worker.once('error', reject);
      worker.once('message', () => {
        worker.off('error', reject);
        // A worker that dies later (out of memory) leaves its pending call to time out; the next call starts anew.
        worker.on('error', () => {
          if (this.worker === started) this.worker = undefined;
        });
        resolve(worker);
      });
    });
    this.worker = started;
    return started;
  }
}

/** Several isolates sharing the calls: each call goes to the first idle one, so independent checks run side by side. */
export class IsolatePool {
  private readonly idle: Isolate[];
  private readonly waiting: Array<(isolate: Isolate) => void> = [];

  constructor(
    modulePath: string,
    readonly size: number,
  ) {
    this.idle = Array.from({ length: size }, () => new Isolate(modulePath));
  }

  async call<T>(name: string, args: unknown[], limitMs: number): Promise<Outcome<T>> {
    const isolate = this.idle.pop() ?? (await new Promise<Isolate>((resolve) => this.waiting.push(resolve)));
    try {
      return await isolate.call<T>(name, args, limitMs);
    } finally {
      const next = this.waiting.shift();
      if (next) next(isolate);
      else this.idle.push(isolate);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.map((isolate) => isolate.close()));
  }
}
