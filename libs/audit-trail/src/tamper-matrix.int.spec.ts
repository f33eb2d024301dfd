/**
 * The tamper matrix: a store with checkpointed chains is copied (CREATE DATABASE …
 * TEMPLATE) for each case and altered there as a database superuser would, with the
 * append-only triggers switched off (session_replication_role = replica). Every
 * alteration must be named by verification with its stream, position and kind; the
 * untouched copy must verify clean. Each copy is verified in one part and in two (A and B
 * screened in worker threads of their own), which must report the same.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appendToStream, type EventToAppend, openDatabase, chainEvent, type ChainedContent } from '../../event-store/src';
import { checkpointSigner, generateSigningKey, signCheckpoint } from './verification/checkpoint-signature';
import { headsRoot } from './verification/stream-head';
import { createCheckpoint } from './checkpoint-store';
import { verifyStore, type StoreVerification } from './verify-store';

const signer = checkpointSigner(generateSigningKey());
const A = 'complaint-a';
const B = 'complaint-b';
let template: string;

function adminUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>, database?: string): Promise<T> {
  const client = new Client({ connectionString: database ? adminUrl(database) : process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function note(text: string): EventToAppend {
  return {
    id: randomUUID(),
    type: 'NoteAdded',
    schemaVersion: 1,
    data: { noteId: randomUUID(), text },
    actor: { principal: 'alice', role: 'agent' },
    occurredAt: new Date().toISOString(),
  };
}

beforeAll(async () => {
  template = `tamper_${randomUUID().replace(/-/g, '')}`;
  await admin((c) => c.query(`CREATE DATABASE ${template}`));
  const db = await openDatabase({ url: adminUrl(template) });
  const append = (streamId: string, expectedVersion: number, texts: string[]) =>
    db.transaction((tx) =>
      appendToStream(tx, { streamId, streamType: 'complaint', expectedVersion, events: texts.map(note), recordedAt: new Date() }),
    );
  await append(A, 0, ['Zapłaciłam dwa razy', 'המשלוח לא הגיע', 'third', 'fourth']);
  await append(B, 0, ['b1', 'b2', 'b3']);
  await createCheckpoint(db, signer, { createdBy: 'test' });
  await append(A, 4, ['after the checkpoint 5', 'after the checkpoint 6']);
  await db.destroy();
});

afterAll(async () => {
  if (template) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
});

/** A copy of the store, altered by `tamper` as a superuser, then verified. */
async function verifyCopy(tamper?: (sql: Client) => Promise<unknown>, trustedKey = signer.publicKey): Promise<StoreVerification> {
  const copy = `copy_${randomUUID().replace(/-/g, '')}`;
  await admin((c) => c.query(`CREATE DATABASE ${copy} TEMPLATE ${template}`));
  try {
    if (tamper) {
      await admin(async (sql) => {
        await sql.query('SET session_replication_role = replica');
        await tamper(sql);
      }, copy);
    }
    const db = await openDatabase({ url: adminUrl(copy) });
    try {
      const single = await verifyStore(db, { trustedKey, parts: 1 });
      const inParts = await verifyStore(db, { trustedKey, parts: 2 });
      expect({ ...inParts, verifiedAt: undefined }).toEqual({ ...single, verifiedAt: undefined });
      return single;
    } finally {
      await db.destroy();
    }
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`));
  }
}

const found = (report: StoreVerification) => report.problems.map((p) => [p.kind, p.streamId, p.position]);

/** Rewrite stream `streamId` from `fromPosition` on with `edit`, re-hashing a consistent chain and head. */
async function rewriteChain(sql: Client, streamId: string, fromPosition: number, edit: (c: ChainedContent) => ChainedContent) {
  const { rows } = await sql.query<{ stream_position: number; canonical: string }>(
    'SELECT stream_position, canonical FROM events WHERE stream_id = $1 ORDER BY stream_position',
    [streamId],
  );
  let previousHash = '';
  for (const row of rows) {
    let content = JSON.parse(row.canonical) as ChainedContent;
    if (row.stream_position < fromPosition) {
      previousHash = chainEvent(content).hash;
      continue;
    }
    content = { ...(row.stream_position === fromPosition ? edit(content) : content), previousHash };
    const { canonical, hash } = chainEvent(content);
    await sql.query(
      'UPDATE events SET data = $3, canonical = $4, hash = $5, previous_hash = $6 WHERE stream_id = $1 AND stream_position = $2',
      [streamId, row.stream_position, JSON.stringify(content.data), canonical, hash, previousHash],
    );
    previousHash = hash;
  }
  await sql.query('UPDATE streams SET head_hash = $2 WHERE stream_id = $1', [streamId, previousHash]);
}

it('verifies the untouched store clean', async () => {
  const report = await verifyCopy();
  expect(report).toMatchObject({ valid: true, eventsChecked: 9, problems: [], streamsChecked: 2 });
  expect(report.checkpoint?.streamCount).toBe(2);
});

describe('detects', () => {
  it('an edited field of one event (content mismatch at its position)', async () => {
    const report = await verifyCopy((sql) =>
      sql.query(`UPDATE events SET data = jsonb_set(data, '{text}', '"edited"') WHERE stream_id = $1 AND stream_position = 2`, [A]),
    );
    expect(found(report)).toEqual([['content-mismatch', A, 2]]);
  });

  it('an edited actor or timestamp', async () => {
    const report = await verifyCopy(async (sql) => {
      await sql.query(`UPDATE events SET actor = '{"principal":"mallory","role":"agent"}' WHERE stream_id = $1 AND stream_position = 1`, [B]);
      await sql.query(`UPDATE events SET occurred_at = occurred_at - interval '1 day' WHERE stream_id = $1 AND stream_position = 3`, [A]);
    });
    expect(found(report)).toEqual([
      ['content-mismatch', A, 3],
      ['content-mismatch', B, 1],
    ]);
  });

  it('an edited canonical text (hash mismatch) and a re-hashed single event (broken link after it)', async () => {
    const edited = await verifyCopy((sql) =>
      sql.query(`UPDATE events SET canonical = replace(canonical, 'third', 'THIRD'), data = '{"text":"THIRD"}' WHERE stream_id = $1 AND stream_position = 3`, [A]),
    );
    expect(found(edited)).toEqual(expect.arrayContaining([['hash-mismatch', A, 3]]));

    const rehashed = await verifyCopy(async (sql) => {
      const { rows } = await sql.query('SELECT canonical FROM events WHERE stream_id = $1 AND stream_position = 3', [A]);
      const content = JSON.parse(rows[0].canonical) as ChainedContent;
      const { canonical, hash } = chainEvent({ ...content, data: { ...(content.data as object), text: 'THIRD' } });
      await sql.query(
        `UPDATE events SET canonical = $2, hash = $3, data = data || '{"text":"THIRD"}' WHERE stream_id = $1 AND stream_position = 3`,
        [A, canonical, hash],
      );
    });
    expect(found(rehashed)).toEqual([['broken-link', A, 4]]);
  });

  it('a deleted event (gap and broken link where the chain resumes)', async () => {
    const report = await verifyCopy((sql) => sql.query('DELETE FROM events WHERE stream_id = $1 AND stream_position = 3', [A]));
    expect(found(report)).toEqual([
      ['position-gap', A, 4],
      ['broken-link', A, 4],
    ]);
  });

  it('two swapped events', async () => {
    const report = await verifyCopy(async (sql) => {
      await sql.query('UPDATE events SET stream_position = 1000 WHERE stream_id = $1 AND stream_position = 2', [A]);
      await sql.query('UPDATE events SET stream_position = 2 WHERE stream_id = $1 AND stream_position = 3', [A]);
      await sql.query('UPDATE events SET stream_position = 3 WHERE stream_id = $1 AND stream_position = 1000', [A]);
    });
    expect(report.valid).toBe(false);
    expect(found(report)).toEqual(
      expect.arrayContaining([
        ['content-mismatch', A, 2],
        ['broken-link', A, 2],
        ['content-mismatch', A, 3],
        ['broken-link', A, 3],
      ]),
    );
  });

  it('a deleted tail (against the recorded head)', async () => {
    const report = await verifyCopy((sql) => sql.query('DELETE FROM events WHERE stream_id = $1 AND stream_position >= 5', [A]));
    expect(found(report)).toEqual([['head-mismatch', A, 4]]);
  });

  it('a deleted tail with the head rewritten to match (against the checkpoint)', async () => {
    const report = await verifyCopy(async (sql) => {
      await sql.query('DELETE FROM events WHERE stream_id = $1 AND stream_position >= 3', [A]);
      await sql.query('UPDATE streams SET version = 2, head_hash = (SELECT hash FROM events WHERE stream_id = $1 AND stream_position = 2) WHERE stream_id = $1', [A]);
    });
    expect(found(report)).toEqual([['truncated-after-checkpoint', A, 4]]);
  });

  it('a whole stream deleted after the checkpoint', async () => {
    const report = await verifyCopy(async (sql) => {
      await sql.query('DELETE FROM events WHERE stream_id = $1', [B]);
      await sql.query('DELETE FROM streams WHERE stream_id = $1', [B]);
    });
    expect(found(report)).toEqual([['truncated-after-checkpoint', B, 3]]);
  });

  it('a whole chain recomputed after an edit, head updated (only the signed checkpoint can tell)', async () => {
    const report = await verifyCopy((sql) =>
      rewriteChain(sql, A, 2, (c) => ({ ...c, data: { ...(c.data as object), text: 'nothing happened' } })),
    );
    expect(found(report)).toEqual([['checkpoint-mismatch', A, 4]]);
  });

  it('a forged checkpoint over a recomputed chain, signed with another key', async () => {
    const forger = checkpointSigner(generateSigningKey());
    const report = await verifyCopy(async (sql) => {
      await rewriteChain(sql, A, 2, (c) => ({ ...c, data: { ...(c.data as object), text: 'nothing happened' } }));
      const { rows } = await sql.query<{ stream_id: string; version: number; head_hash: string }>('SELECT stream_id, version, head_hash FROM streams');
      const heads = rows.map((r) => ({ streamId: r.stream_id, version: r.version, headHash: r.head_hash }));
      const statement = { id: randomUUID(), createdAt: new Date(Date.now() + 60_000).toISOString(), root: headsRoot(heads), streamCount: heads.length };
      await sql.query(
        `INSERT INTO audit_checkpoints (id, created_at, root, stream_count, signature, public_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, 'forger')`,
        [statement.id, statement.createdAt, statement.root, statement.streamCount, signCheckpoint(statement, forger), forger.publicKeyPem],
      );
      for (const head of heads) {
        await sql.query('INSERT INTO audit_checkpoint_heads VALUES ($1, $2, $3, $4)', [statement.id, head.streamId, head.version, head.headHash]);
      }
    });
    expect(found(report)).toEqual([['bad-signature', null, null]]);
  });

  it('an edited checkpoint: heads changed to match a rewrite, or the signed root changed', async () => {
    const headsEdited = await verifyCopy(async (sql) => {
      await rewriteChain(sql, A, 2, (c) => ({ ...c, data: { ...(c.data as object), text: 'nothing happened' } }));
      await sql.query(
        `UPDATE audit_checkpoint_heads SET head_hash = (SELECT hash FROM events WHERE stream_id = $1 AND stream_position = 4) WHERE stream_id = $1`,
        [A],
      );
    });
    expect(found(headsEdited)).toEqual([['checkpoint-mismatch', null, null]]);

    const rootEdited = await verifyCopy((sql) => sql.query(`UPDATE audit_checkpoints SET root = repeat('0', 64)`));
    expect(found(rootEdited).map(([kind]) => kind).sort()).toEqual(['bad-signature', 'checkpoint-mismatch']);
  });

  it('a genuine checkpoint checked against the wrong trusted key', async () => {
    const report = await verifyCopy(undefined, checkpointSigner(generateSigningKey()).publicKey);
    expect(found(report)).toEqual([['bad-signature', null, null]]);
  });
});

it('verifies one stream on its own, still against the checkpoint', async () => {
  const copy = `copy_${randomUUID().replace(/-/g, '')}`;
  await admin((c) => c.query(`CREATE DATABASE ${copy} TEMPLATE ${template}`));
  const db = await openDatabase({ url: adminUrl(copy) });
  try {
    expect(await verifyStore(db, { trustedKey: signer.publicKey, streamId: B })).toMatchObject({ valid: true, eventsChecked: 3 });
    await admin(async (sql) => {
      await sql.query('SET session_replication_role = replica');
      await sql.query('DELETE FROM events WHERE stream_id = $1 AND stream_position = 3', [B]);
      await sql.query(`UPDATE streams SET version = 2, head_hash = (SELECT hash FROM events WHERE stream_id = $1 AND stream_position = 2) WHERE stream_id = $1`, [B]);
    }, copy);
    const report = await verifyStore(db, { trustedKey: signer.publicKey, streamId: B });
    expect(found(report)).toEqual([['truncated-after-checkpoint', B, 3]]);
    expect((await verifyStore(db, { trustedKey: signer.publicKey, streamId: A })).valid).toBe(true);
  } finally {
    await db.destroy();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`));
  }
});
