import { ROLES } from '@bookstore/server-core';
import { instant } from '@bookstore/subgraph-runtime';
import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const usersSchema = pgSchema('users');

export const roleEnum = usersSchema.enum('role', ROLES);


/** Constraint names the domain maps to CONFLICT errors naming the input field. */
export const USER_EMAIL_UNIQUE = 'users_email_key';
export const USER_USERNAME_UNIQUE = 'users_username_lower_key';

export const usersTable = usersSchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; a deleted user's becomes the tombstone `deleted-<id>`. */
    email: text('email').notNull(),
    /** Stored as typed; unique case-insensitively through the lower(username) index. */
    username: text('username').notNull(),
    name: text('name'),
    role: roleEnum('role').notNull().default('CUSTOMER'),
    /** argon2id PHC string; null once the account is deleted, so no password matches. */
    passwordHash: text('password_hash'),
    /** The `ver` claim of this account's access tokens; bumped (with a tokenRevocationsTable row) to revoke the older ones. */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    deletedAt: instant('deleted_at'),
  },
  (t) => [
    uniqueIndex(USER_EMAIL_UNIQUE).on(t.email),
    uniqueIndex(USER_USERNAME_UNIQUE).on(sql`lower(${t.username})`),
    index('users_created_at_id_idx').on(t.createdAt, t.id),
  ],
);

export const refreshTokensTable = usersSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    /** Every token rotated from one sign-in shares a family, so reuse revokes them all. */
    familyId: uuid('family_id').notNull(),
    /** SHA-256 of the opaque token (hex); the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    /** Set when the token was exchanged for its successor; presenting it again is reuse. */
    usedAt: instant('used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(t.tokenHash),
    index('refresh_tokens_user_id_idx').on(t.userId),
    index('refresh_tokens_family_id_idx').on(t.familyId),
  ],
);

/**
 * Recent revocations of access tokens, served to every verifier (GET /revocations): tokens of
 * `userId` with a `ver` below `tokenVersion` are refused. One row per user, the latest bump; no
 * foreign key, since a row must outlive its user's account. Rows older than an access token's
 * lifetime (plus clock skew) revoke nothing that is still valid and are pruned.
 */
export const tokenRevocationsTable = usersSchema.table(
  'token_revocations',
  {
    userId: uuid('user_id').primaryKey(),
    tokenVersion: integer('token_version').notNull(),
    revokedAt: instant('revoked_at').notNull().defaultNow(),
  },
  (t) => [index('token_revocations_revoked_at_idx').on(t.revokedAt)],
);
