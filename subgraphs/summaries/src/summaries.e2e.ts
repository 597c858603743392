import { randomUUID } from 'node:crypto';
import { describeSubgraphContract, errorCode } from '@bookstore/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeExtractive } from './domain/extractive.js';
import { startSummaries, type BookSummary, type Caller, type SummariesHarness, type TargetKind } from './testing/harness.js';
import { MARK } from './testing/test-provider.js';

const REQUEST = 'mutation($bookId: ID!, $content: String) { requestSummary(bookId: $bookId, content: $content) { text status provider generatedAt } }';
const SUMMARIZE = 'mutation($content: String!) { summarizeText(content: $content) }';

const DESCRIPTION = [
  'A whaling ship sails from Nantucket under a captain obsessed with one white whale.',
  'The narrator, a sailor named Ishmael, signs on for the voyage.',
  'The crew hunts whales across the oceans while the captain hunts the white whale alone.',
  'The chase ends in disaster.',
].join(' ');
const CHAPTER = [
  'Elizabeth meets Mr. Darcy at a ball and finds him proud.',
  'Her sister Jane falls for his friend Bingley.',
  'Darcy proposes to Elizabeth, and Elizabeth refuses Darcy.',
  'A letter from Darcy changes her mind about Darcy.',
].join(' ');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ready = (text: string): BookSummary => ({ text: summarizeExtractive(text), status: 'READY', provider: 'test', generatedAt: expect.stringMatching(ISO), failureReason: null });

// Services mode (PostgreSQL, bullmq on Redis) and embedded mode (PGlite, in-process queues) run
// the same jobs: the embedded adapters must behave the same for the same schema and migrations.
describe.each<TargetKind>(['postgres', 'pglite'])('summaries on %s', (kind) => {
  let summaries: SummariesHarness;
  let reader: Caller;

  beforeAll(async () => {
    summaries = await startSummaries(kind);
    reader = await summaries.caller();
  });
  afterAll(() => summaries?.stop());

  const request = (bookId: string, content?: string) => summaries.request(REQUEST, { bookId, content }, reader);

  it("summarises the book's description in a job: PENDING at first, then READY", async () => {
    const bookId = await summaries.changeBook({ description: DESCRIPTION });
    expect(await summaries.summaryOf(bookId)).toBeNull();

    const { data, errors } = await request(bookId);
    expect(errors).toBeUndefined();
    expect(data?.requestSummary).toEqual({ text: null, status: 'PENDING', provider: 'test', generatedAt: null });
    expect(await summaries.settled(bookId)).toEqual(ready(DESCRIPTION));
  });

  it('summarises the content given instead, and the description on a later request', async () => {
    const bookId = await summaries.changeBook({ description: DESCRIPTION });
    expect((await request(bookId, `  ${CHAPTER}  `)).data?.requestSummary.status).toBe('PENDING');
    expect(await summaries.settled(bookId)).toEqual(ready(CHAPTER));

    expect((await request(bookId)).data?.requestSummary).toMatchObject({ status: 'PENDING', text: null });
    expect(await summaries.settled(bookId)).toEqual(ready(DESCRIPTION));
    expect((await summaries.requestedEvents(bookId)).map((event) => event.payload.content)).toEqual([CHAPTER, null]);
  });

  it('stores FAILED when the provider gives up, and a new request may try again', async () => {
    const bookId = await summaries.changeBook({ description: DESCRIPTION });
    await request(bookId, `${MARK.fail} ${CHAPTER}`);
    expect(await summaries.settled(bookId)).toEqual({
      text: null,
      status: 'FAILED',
      provider: 'test',
      generatedAt: null,
      failureReason: "The test summary provider failed: it refused this service's credentials (HTTP 401).",
    });

    await request(bookId);
    expect(await summaries.settled(bookId)).toEqual(ready(DESCRIPTION));
  });

  it('lets the queue retry a job the provider was too busy to start', async () => {
    const bookId = await summaries.changeBook();
    const content = `${MARK.throttleOnce} ${CHAPTER} ${randomUUID()}`;
    await request(bookId, content);
    expect(await summaries.settled(bookId)).toEqual(ready(content));
    expect(summaries.provider.calls.filter((text) => text === content)).toHaveLength(2);
  });

  it('refuses unknown and deleted books, malformed input, and a book without a description unless given content', async () => {
    const unknown = randomUUID();
    const missing = await request(unknown);
    expect(missing.errors?.[0]).toMatchObject({ message: `Book ${unknown} was not found.`, extensions: { code: 'NOT_FOUND' } });
    expect(errorCode(await request(await summaries.changeBook({ description: DESCRIPTION, deleted: true })))).toBe('NOT_FOUND');
    expect((await request('book-1')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bookId' });

    const bare = await summaries.changeBook({ description: null });
    expect((await request(bare)).errors?.[0]).toMatchObject({ message: expect.stringMatching(/no description.*pass .* as content/), extensions: { code: 'BAD_USER_INPUT', field: 'content' } });
    expect((await request(bare, 'x'.repeat(50_001))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect((await request(bare, '   ')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect(await summaries.summaryOf(bare)).toBeNull();
    expect((await request(bare, CHAPTER)).data?.requestSummary.status).toBe('PENDING');
    expect(await summaries.settled(bare)).toEqual(ready(CHAPTER));
  });

  it('summarizeText answers at once, within 1 to 5 000 characters, and says when the provider fails', async () => {
    expect((await summaries.request(SUMMARIZE, { content: DESCRIPTION }, reader)).data).toEqual({ summarizeText: summarizeExtractive(DESCRIPTION) });
    expect((await summaries.request(SUMMARIZE, { content: 'x'.repeat(5_001) }, reader)).errors?.[0]).toMatchObject({
      message: 'content must be at most 5000 characters.',
      extensions: { code: 'BAD_USER_INPUT', field: 'content' },
    });
    expect((await summaries.request(SUMMARIZE, { content: '' }, reader)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    // Never "Internal server error.": the provider is the problem, and the message says how.
    expect((await summaries.request(SUMMARIZE, { content: `${MARK.fail} text` }, reader)).errors?.[0]).toMatchObject({
      message: "The test summary provider failed: it refused this service's credentials (HTTP 401).",
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('needs a signed-in caller for both mutations, but not to read summaries', async () => {
    const bookId = await summaries.changeBook({ description: DESCRIPTION });
    expect(errorCode(await summaries.request(REQUEST, { bookId }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await summaries.request(SUMMARIZE, { content: DESCRIPTION }))).toBe('UNAUTHENTICATED');
    expect(await summaries.summaryOf(bookId)).toBeNull();
  });

  it('ignores a superseded request, and a finished one delivered again', async () => {
    const bookId = await summaries.changeBook({ description: DESCRIPTION });
    await request(bookId);
    const before = await summaries.settled(bookId);

    const superseded = await summaries.publish('summary.requested', { summaryId: randomUUID(), bookId, content: CHAPTER });
    await summaries.handled(superseded.id);
    // The same request again, under a new event id so the inbox cannot drop it: the summary is finished.
    const [original] = await summaries.requestedEvents(bookId);
    const again = await summaries.publish('summary.requested', original!.payload);
    await summaries.handled(again.id);
    expect(await summaries.summaryOf(bookId)).toEqual(before);
  });

  it('keeps the newest book.changed, whatever order the events arrive in', async () => {
    const now = Date.now();
    const bookId = await summaries.changeBook({ description: CHAPTER, at: new Date(now) });
    await summaries.changeBook({ bookId, description: null, deleted: true, at: new Date(now - 60_000) });
    await request(bookId);
    expect(await summaries.settled(bookId)).toEqual(ready(CHAPTER));

    await summaries.changeBook({ bookId, deleted: true, at: new Date(now + 60_000) });
    expect(errorCode(await request(bookId))).toBe('NOT_FOUND');
  });

  it('loads the summaries of 20 books in one query', async () => {
    const books: string[] = [];
    for (let i = 0; i < 20; i++) books.push(await summaries.changeBook({ description: `${DESCRIPTION} Copy ${i}.` }));
    for (const bookId of books.slice(0, 5)) await request(bookId);
    for (const bookId of books.slice(0, 5)) await summaries.settled(bookId);

    let data: { _entities: { id: string; summary: BookSummary | null }[] } | null | undefined;
    const statements = await summaries.countQueries(async () => {
      ({ data } = await summaries.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Book { id summary { status text } } } }', {
        r: [...books.map((id) => ({ __typename: 'Book', id })), { __typename: 'Book', id: 'not-a-uuid' }],
      }));
    });
    expect(statements).toBe(1);
    expect(data?._entities.map((book) => book.summary?.status ?? null)).toEqual([...Array<string>(5).fill('READY'), ...Array<null>(16).fill(null)]);
  });

  // One job per book, while the first is demonstrably still running: the provider holds it. On
  // PGlite a running job's transaction holds the one connection, so a second request could only
  // arrive after it finished; the rule is shown on PostgreSQL, where requests run meanwhile.
  if (kind === 'postgres') {
    it('queues one job per book: requests while it is PENDING get that summary', async () => {
      const bookId = await summaries.changeBook();
      const content = `${MARK.hold} ${CHAPTER} ${randomUUID()}`;
      const release = summaries.provider.hold();
      try {
        const [first, second] = await Promise.all([request(bookId, content), request(bookId, content)]);
        await expect.poll(() => summaries.provider.calls.includes(content), { timeout: 10_000 }).toBe(true);
        const third = await request(bookId, DESCRIPTION);
        for (const response of [first, second, third]) expect(response.data?.requestSummary).toEqual({ text: null, status: 'PENDING', provider: 'test', generatedAt: null });
      } finally {
        release();
      }
      expect(await summaries.settled(bookId)).toEqual(ready(content));
      expect(await summaries.requestedEvents(bookId)).toHaveLength(1);
      expect(summaries.provider.calls.filter((text) => text === content)).toHaveLength(1);
    });
  }

  describeSubgraphContract({ name: `summaries on ${kind}`, url: () => summaries.url, entities: () => [] });
});
