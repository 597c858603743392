import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers one request. */
export type FakeReply = (res: ServerResponse) => void;

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local stand-in for an OpenAI-compatible API, on 127.0.0.1 and a free port. */
export interface FakeOpenAi {
  /** Pass as the provider's baseUrl (it ends in /v1). */
  baseUrl: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** The replies to the next requests, in order; the last one repeats for every request after it. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export const reply = {
  /** A chat completion whose first choice says `content`. */
  completion: (content: unknown): FakeReply => (res) => sendJson(res, 200, { id: 'chatcmpl-test', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] }),
  /** An error status with OpenAI's error body, which repeats part of the key it was sent. */
  status: (status: number, headers: Record<string, string> = {}): FakeReply => (res) => sendJson(res, status, { error: { message: 'Incorrect API key provided: sk-tes****-key' } }, headers),
  /** A 200 whose body is this text, as it is. */
  raw: (body: string): FakeReply => (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  },
  /** Never answers (until the fake closes). */
  hang: (): FakeReply => () => {},
};

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: ReceivedRequest[] = [];
  let replies: FakeReply[] = [reply.status(500)];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null });
    const next = replies.length > 1 ? replies.shift()! : replies[0]!;
    next(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...next) {
      replies = next;
    },
    async close() {
      // Hanging requests hold their sockets open; close would wait for them forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
