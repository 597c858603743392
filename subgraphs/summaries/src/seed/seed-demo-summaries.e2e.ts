import { randomUUID } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '@bookstore/subgraph-runtime';
import { openTestTarget, type TargetKind } from '@bookstore/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBookChange } from '../db/books.js';
import { booksTable, summariesTable } from '../db/schema.js';
import { extractiveProvider, summarizeExtractive } from '../domain/extractive.js';
import { summariesSubgraph } from '../subgraph.js';
import { seedDemoSummaries, type DemoBook } from './seed-demo-summaries.js';

const MOBY = 'Ishmael signs on to a whaling ship. Its captain hunts the white whale that took his leg. The hunt ends in disaster.';
const EMMA = 'Emma Woodhouse matchmakes for her friends. Her schemes go wrong. She learns to know her own heart.';

describe.each<TargetKind>(['postgres', 'pglite'])('seedDemoSummaries on %s', (kind) => {
  let database: DatabaseHandle;
  let disposeTarget: () => Promise<void>;

  beforeAll(async () => {
    const { target, dispose } = await openTestTarget(kind, 'summaries-seed');
    disposeTarget = dispose;
    database = await openDatabase({ schema: 'summaries', target, migrationsFolder: summariesSubgraph.migrationsFolder });
  });
  afterAll(async () => {
    await database?.close();
    await disposeTarget?.();
  });

  it('stores READY summaries of the descriptions once, and does nothing on later starts', async () => {
    const { db } = database;
    const books: DemoBook[] = [
      { id: randomUUID(), title: 'Moby-Dick', description: MOBY },
      { id: randomUUID(), title: 'Emma', description: EMMA },
      { id: randomUUID(), title: 'No description', description: null },
    ];
    // The catalog's event about Emma came first: the view keeps what the event said.
    await recordBookChange(db, { bookId: books[1]!.id, title: 'Emma (from the event)', description: EMMA, deleted: false }, new Date());

    expect(await seedDemoSummaries(db, books, extractiveProvider)).toEqual({ inserted: 2 });
    const stored = await db
      .select({ bookId: summariesTable.bookId, status: summariesTable.status, text: summariesTable.text, provider: summariesTable.provider, generatedAt: summariesTable.generatedAt })
      .from(summariesTable);
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(
      expect.arrayContaining([
        { bookId: books[0]!.id, status: 'READY', text: summarizeExtractive(MOBY), provider: 'extractive', generatedAt: expect.any(Date) },
        { bookId: books[1]!.id, status: 'READY', text: summarizeExtractive(EMMA), provider: 'extractive', generatedAt: expect.any(Date) },
      ]),
    );
    expect(await db.select({ title: booksTable.title }).from(booksTable).where(eq(booksTable.bookId, books[1]!.id))).toEqual([{ title: 'Emma (from the event)' }]);
    expect(await db.$count(booksTable)).toBe(3);

    const another = { id: randomUUID(), title: 'Later', description: MOBY };
    expect(await seedDemoSummaries(db, [...books, another], extractiveProvider)).toEqual({ inserted: 0 });
    expect(await db.$count(summariesTable)).toBe(2);
    expect(await db.$count(booksTable)).toBe(3);
  });
});
