/**
 * Answers sent as JSON made ahead. The references of an entity of 30,000 mentions are 4.65 MB of JSON, and
 * serialising them again for each request (`JSON.stringify`, then UTF-8) took 25-40 ms of the answer: kept
 * answers keep their bytes, and the server's stdio writer (`main.ts`) puts those bytes into the response as they
 * are. Anything else that serialises a response (another transport, a trace) reads `toJSON`, and sends the same.
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

export class SerializedResult {
  /**
   * `parts`: the result's JSON, as UTF-8, in pieces written one after the other (a kept answer with something
   * before it need not be copied into one buffer). `value`: the same result, for `toJSON`.
   */
  constructor(
    readonly parts: readonly Uint8Array[],
    private readonly value: () => unknown,
  ) {}

  toJSON(): unknown {
    return this.value();
  }
}

/** The JSON of `value` as UTF-8, to keep and send as (part of) a `SerializedResult`. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * JSON-RPC's `application/json` encoder, but a response whose result is a `SerializedResult` is written around its
 * bytes: the message's other members are serialised as usual, and the result's parts follow them unchanged.
 */
export const jsonEncoderWithSerializedResults: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      const result = (message as { result?: unknown }).result;
      if (!(result instanceof SerializedResult) || !/^utf-?8$/i.test(options.charset)) {
        return Promise.resolve(Buffer.from(JSON.stringify(message), options.charset));
      }
      // `{"jsonrpc":"2.0","id":7}` becomes `{"jsonrpc":"2.0","id":7,"result":` … `}`.
      const head = JSON.stringify({ ...message, result: undefined });
      return Promise.resolve(Buffer.concat([Buffer.from(`${head.slice(0, -1)},"result":`, 'utf8'), ...result.parts, closingBrace]));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

const closingBrace = Buffer.from('}', 'utf8');
