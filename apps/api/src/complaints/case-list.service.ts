/**
 * The case list, served from the projection: filters on indexed columns, newest first,
 * keyset (cursor) pagination on (received_at, id) so a page costs the same at any depth.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ComplaintState } from '../../../../libs/domain/src';
import { ProblemException } from '../problems/problem';
import type { ListQuery } from './complaint-requests';

interface Cursor {
  receivedAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(receivedAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { receivedAt, id };
  } catch {
    throw new ProblemException('rule-violation', 'cursor is not one this API gave out', {
      errors: [{ path: 'query.cursor', message: 'use the nextCursor of a previous page' }],
    });
  }
}

@Injectable()
export class CaseListService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(query: ListQuery): Promise<{ items: ComplaintState[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.status) add('status = ?', query.status);
    if (query.owner) add('owner = ?', query.owner);
    if (query.reference) add('reference = ?', query.reference);
    // literal patterns, so the planner can use the partial indexes of migration 1763900000600
    if (query.ownerKind === 'queue') where.push(`owner LIKE 'queue:%'`);
    if (query.ownerKind === 'person') where.push(`owner NOT LIKE 'queue:%'`);
    if (query.breached !== undefined) add('breached = ?', query.breached);
    if (query.segment) add('segment = ?', query.segment);
    if (query.from) add('received_at >= ?', query.from);
    if (query.to) add('received_at < ?', query.to);
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.receivedAt, cursor.id);
      where.push(`(received_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: { state: ComplaintState }[] = await this.db.query(
      `SELECT state FROM complaint_cases
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY received_at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, query.limit).map((r) => r.state);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor({ receivedAt: last.receivedAt, id: last.id }) : null,
    };
  }
}
