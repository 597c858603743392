import { type Role } from '@bookstore/server-core';
import { pastTimeIdCursor, type Database, type PageQuery, type TimeIdCursor } from '@bookstore/subgraph-runtime';
import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { LoginKey } from '../domain/validation.js';
import { refreshTokensTable, tokenRevocationsTable, usersTable } from './schema.js';

/** Every column but the password hash, which only the credential queries below read. */
const userColumns = {
  id: usersTable.id,
  email: usersTable.email,
  username: usersTable.username,
  name: usersTable.name,
  role: usersTable.role,
  createdAt: usersTable.createdAt,
  deletedAt: usersTable.deletedAt,
  tokenVersion: usersTable.tokenVersion,
};

export interface User {
  id: string;
  email: string;
  username: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  deletedAt: Date | null;
  /** The `ver` claim of the access tokens issued now; read in the same row as the role, so a token never pairs an old role with a new version. */
  tokenVersion: number;
}

export interface Credentials {
  user: User;
  passwordHash: string | null;
}

const active = isNull(usersTable.deletedAt);

/** Includes deleted users: other subgraphs still reference them (orders, reviews). */
export function findUsersByIds(db: Database, ids: readonly string[]): Promise<User[]> {
  return db.select(userColumns).from(usersTable).where(inArray(usersTable.id, [...ids]));
}

export async function findActiveUser(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db
    .select(userColumns)
    .from(usersTable)
    .where(and(eq(usersTable.id, id), active));
  return user;
}

export async function findCredentialsByLogin(db: Database, login: LoginKey): Promise<Credentials | undefined> {
  const match = login.kind === 'email' ? eq(usersTable.email, login.email) : eq(sql`lower(${usersTable.username})`, login.username.toLowerCase());
  const [row] = await db
    .select({ user: userColumns, passwordHash: usersTable.passwordHash })
    .from(usersTable)
    .where(and(match, active));
  return row;
}

export async function findCredentialsById(db: Database, id: string): Promise<Credentials | undefined> {
  const [row] = await db
    .select({ user: userColumns, passwordHash: usersTable.passwordHash })
    .from(usersTable)
    .where(and(eq(usersTable.id, id), active));
  return row;
}

export interface NewUser {
  email: string;
  username: string;
  name: string | null;
  role: Role;
  passwordHash: string;
}

export async function insertUser(db: Database, user: NewUser): Promise<User> {
  const [row] = await db.insert(usersTable).values(user).returning(userColumns);
  return row!;
}

/** Inserts unless the email or username is taken; undefined when it was. */
export async function insertUserIfAbsent(db: Database, user: NewUser): Promise<User | undefined> {
  const [row] = await db.insert(usersTable).values(user).onConflictDoNothing().returning(userColumns);
  return row;
}

/** Which of `usernames` exist already, compared case-insensitively (deleted users' tombstones included). */
export async function existingUsernames(db: Database, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const lowered = usernames.map((username) => username.toLowerCase());
  const rows = await db
    .select({ username: sql<string>`lower(${usersTable.username})` })
    .from(usersTable)
    .where(inArray(sql`lower(${usersTable.username})`, lowered));
  return new Set(rows.map((row) => row.username));
}

export type ProfilePatch = Partial<Pick<User, 'email' | 'username' | 'name'>>;

export async function updateActiveUser(db: Database, id: string, patch: ProfilePatch & { role?: Role; passwordHash?: string }): Promise<User | undefined> {
  const [row] = await db
    .update(usersTable)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(usersTable.id, id), active))
    .returning(userColumns);
  return row;
}

/**
 * Locks every active ADMIN row until the transaction ends, so two concurrent demotions or
 * deletions cannot both see "another admin remains". Ordered by id to lock in one order (no deadlock).
 */
export async function lockActiveAdmins(tx: Database): Promise<string[]> {
  const rows = await tx
    .select({ id: usersTable.id })
    .from(usersTable)
    .where(and(eq(usersTable.role, 'ADMIN'), active))
    .orderBy(asc(usersTable.id))
    .for('update');
  return rows.map((row) => row.id);
}

/**
 * Soft delete: the row stays so other subgraphs' references still resolve, but every personal
 * detail goes. Tombstones cannot collide with real accounts: an email needs "@", a username
 * has at most 30 characters.
 */
export async function anonymiseUser(db: Database, id: string): Promise<void> {
  const tombstone = `deleted-${id}`;
  await db
    .update(usersTable)
    .set({ email: tombstone, username: tombstone, name: null, passwordHash: null, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(usersTable.id, id));
}

/** Active users oldest first, by (createdAt, id), after the cursor; `limit` includes the look-ahead row. */
export function listActiveUsers(db: Database, { after, limit }: PageQuery<TimeIdCursor>): Promise<User[]> {
  return db
    .select(userColumns)
    .from(usersTable)
    .where(and(active, pastTimeIdCursor(usersTable.createdAt, usersTable.id, after, 'asc')))
    .orderBy(asc(usersTable.createdAt), asc(usersTable.id))
    .limit(limit);
}

export async function countActiveUsers(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(usersTable).where(active);
  return row?.count ?? 0;
}

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

export async function insertRefreshToken(db: Database, token: NewRefreshToken): Promise<void> {
  await db.insert(refreshTokensTable).values(token);
}

export type RefreshTokenRow = typeof refreshTokensTable.$inferSelect;

export async function findRefreshToken(db: Database, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await db.select().from(refreshTokensTable).where(eq(refreshTokensTable.tokenHash, tokenHash));
  return row;
}

/** Marks a token exchanged, only if it still is exchangeable: of two concurrent uses, one wins. */
export async function markRefreshTokenUsed(db: Database, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokensTable)
    .set({ usedAt: now })
    .where(and(eq(refreshTokensTable.id, id), isNull(refreshTokensTable.usedAt), isNull(refreshTokensTable.revokedAt), gt(refreshTokensTable.expiresAt, now)))
    .returning({ id: refreshTokensTable.id });
  return rows.length > 0;
}

/** Revokes one token if it is still usable; false when it was unknown, used, revoked or expired. */
export async function revokeUsableRefreshToken(db: Database, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(refreshTokensTable)
    .set({ revokedAt: now })
    .where(
      and(
        eq(refreshTokensTable.tokenHash, tokenHash),
        isNull(refreshTokensTable.usedAt),
        isNull(refreshTokensTable.revokedAt),
        gt(refreshTokensTable.expiresAt, now),
      ),
    )
    .returning({ id: refreshTokensTable.id });
  return rows.length > 0;
}

export async function revokeRefreshTokens(db: Database, scope: { familyId: string } | { userId: string }): Promise<void> {
  const owner = 'familyId' in scope ? eq(refreshTokensTable.familyId, scope.familyId) : eq(refreshTokensTable.userId, scope.userId);
  await db
    .update(refreshTokensTable)
    .set({ revokedAt: sql`now()` })
    .where(and(owner, isNull(refreshTokensTable.revokedAt)));
}


/**
 * Revokes every access token issued to the user so far: bumps the account's token version and
 * records the bump for verifiers, in the caller's transaction. Prunes records older than
 * `keepSeconds`, which can no longer match a valid token.
 */
export async function revokeAccessTokens(tx: Database, userId: string, keepSeconds: number): Promise<void> {
  const [bumped] = await tx
    .update(usersTable)
    .set({ tokenVersion: sql`${usersTable.tokenVersion} + 1` })
    .where(eq(usersTable.id, userId))
    .returning({ tokenVersion: usersTable.tokenVersion });
  if (!bumped) return;
  await tx
    .insert(tokenRevocationsTable)
    .values({ userId, tokenVersion: bumped.tokenVersion })
    .onConflictDoUpdate({ target: tokenRevocationsTable.userId, set: { tokenVersion: bumped.tokenVersion, revokedAt: sql`now()` } });
  await tx.delete(tokenRevocationsTable).where(lt(tokenRevocationsTable.revokedAt, sql`now() - make_interval(secs => ${keepSeconds})`));
}

/** Revocations made within the last `windowSeconds`, oldest first. */
export function listRevocations(db: Database, windowSeconds: number): Promise<{ userId: string; tokenVersion: number }[]> {
  return db
    .select({ userId: tokenRevocationsTable.userId, tokenVersion: tokenRevocationsTable.tokenVersion })
    .from(tokenRevocationsTable)
    .where(gt(tokenRevocationsTable.revokedAt, sql`now() - make_interval(secs => ${windowSeconds})`))
    .orderBy(asc(tokenRevocationsTable.revokedAt), asc(tokenRevocationsTable.userId));
}
