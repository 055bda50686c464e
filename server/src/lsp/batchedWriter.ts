/**
 * The server's stdio message writer. vscode-jsonrpc's own writes each message as two writes (its header, then its
 * content) and waits for each to complete before the next: during a cold index the server publishes diagnostics
 * for thousands of files, two system calls apiece. Here every message made in one turn of the event loop is
 * written at its end, in order, in one corked batch.
 */
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type ContentTypeEncoder, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class BatchedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private pending: Uint8Array[] = [];
  private flushScheduled = false;
  private errors = 0;

  constructor(
    private readonly stream: Writable,
    private readonly encoder: ContentTypeEncoder,
  ) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  async write(message: Message): Promise<void> {
    let content: Uint8Array;
    try {
      content = await this.encoder.encode(message, { charset: 'utf-8' });
    } catch (error) {
      this.fireError(error, message, ++this.errors);
      throw error;
    }
    this.pending.push(Buffer.from(`Content-Length: ${content.byteLength}\r\n\r\n`, 'ascii'), content);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  end(): void {
    this.flush();
    this.stream.end();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const parts = this.pending;
    this.pending = [];
    this.stream.cork();
    for (const part of parts) this.stream.write(part);
    this.stream.uncork();
  }
}
