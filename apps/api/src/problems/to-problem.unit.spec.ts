/**
 * Walks the problem catalogue and every source of errors `toProblem` maps: each catalogued
 * kind answers its own status and type, every domain refusal code and every way an action
 * fails has an answer that is not a 500, a stale stream version is a 409, every HTTP error
 * keeps its status, and an unknown error is a 500 that says nothing of itself.
 */
import {
  BadGatewayException,
  ConflictException,
  GoneException,
  HttpException,
  MethodNotAllowedException,
  NotAcceptableException,
  NotFoundException,
  NotImplementedException,
  PayloadTooLargeException,
  PreconditionFailedException,
  RequestTimeoutException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { STATUS_CODES } from 'node:http';
import { COMPLAINT_RULE_CODES, ComplaintRuleError } from '../../../../libs/domain/src';
import { ConcurrencyError, EventIdConflictError } from '../../../../libs/event-store/src';
import { ACTION_FAILURE } from '../../../../workflows/complaint/action-failures';
import { KIND_OF_STATUS, PROBLEM_CATALOGUE, PROBLEM_KINDS, PROBLEM_TYPE_PREFIX, type ProblemKind } from './problem-catalogue';
import { ProblemException } from './problem';
import { RULE_CODE_PROBLEMS, toProblem } from './to-problem';

const SECRET = 'relation "events" at 10.0.0.7:5432, stack frame /srv/app.js:12';

function expectNothingLeaked(problem: { body: object }) {
  expect(JSON.stringify(problem.body)).not.toContain('10.0.0.7');
}

function updateFailed(type: string, message = SECRET, details: unknown[] = []) {
  return new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, details, nonRetryable: true }));
}

describe('the catalogue', () => {
  it.each(PROBLEM_KINDS)('%s: its own type, its title and an error status, through a ProblemException', (kind) => {
    const entry = PROBLEM_CATALOGUE[kind];
    expect(entry.type).toBe(`${PROBLEM_TYPE_PREFIX}${kind}`);
    expect(entry.title.length).toBeGreaterThan(0);
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThan(600);
    const headers = { 'X-Probe': kind };
    const problem = toProblem(new ProblemException(kind, `detail of ${kind}`, { errors: [{ path: 'a', message: 'b' }] }, headers));
    expect(problem.body).toEqual({ type: entry.type, title: entry.title, status: entry.status, detail: `detail of ${kind}`, errors: [{ path: 'a', message: 'b' }] });
    expect(problem.headers).toEqual(headers);
  });

  it('gives every kind a type of its own', () => {
    const types = PROBLEM_KINDS.map((kind) => PROBLEM_CATALOGUE[kind].type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('names, for each status it has a generic kind for, a kind of that status', () => {
    for (const [status, kind] of Object.entries(KIND_OF_STATUS)) expect(PROBLEM_CATALOGUE[kind as ProblemKind].status).toBe(Number(status));
  });
});

describe('domain refusals', () => {
  it.each(COMPLAINT_RULE_CODES)('%s: its kind, with the violations as errors[], never a 500', (code) => {
    const violations = [{ path: 'to', message: 'no such principal' }];
    const problem = toProblem(new ComplaintRuleError(code, `refused: ${code}`, violations));
    const kind = RULE_CODE_PROBLEMS[code];
    expect(problem.body).toMatchObject({ type: PROBLEM_CATALOGUE[kind].type, status: PROBLEM_CATALOGUE[kind].status, detail: `refused: ${code}`, errors: violations });
    expect(problem.body.status).toBeLessThan(500);
  });

  it('answers the contract’s statuses: closed or conflicting 409, not permitted 403, missing 404, invalid 422', () => {
    const status = (code: (typeof COMPLAINT_RULE_CODES)[number]) => toProblem(new ComplaintRuleError(code, 'x')).body.status;
    expect([status('case-closed'), status('conflict'), status('not-permitted'), status('not-found'), status('invalid-command')]).toEqual([409, 409, 403, 404, 422]);
  });

  it('leaves errors[] out when the refusal names no field', () => {
    expect(toProblem(new ComplaintRuleError('case-closed', 'closed')).body).not.toHaveProperty('errors');
  });
});

describe('the event store', () => {
  it('a stale expected version is a 409 conflict, never a 500, and does not show the stream', () => {
    const problem = toProblem(new ConcurrencyError('complaint-7d1c', 3, 4));
    expect(problem.body).toMatchObject({ status: 409, type: PROBLEM_CATALOGUE.conflict.type });
    expect(problem.body.detail).not.toContain('complaint-7d1c');
  });

  it('an event id recorded before with other content is a 409 conflict', () => {
    expect(toProblem(new EventIdConflictError('0c4e')).body).toMatchObject({ status: 409, type: PROBLEM_CATALOGUE.conflict.type });
  });
});

describe('Temporal failures', () => {
  it.each(COMPLAINT_RULE_CODES)('an update refused with %s answers as the domain refusal does', (code) => {
    const violations = [{ path: 'summary', message: 'too long' }];
    const problem = toProblem(updateFailed(code, `refused: ${code}`, [violations]));
    expect(problem.body).toEqual(toProblem(new ComplaintRuleError(code, `refused: ${code}`, violations)).body);
  });

  it('every way an action fails has an answer: stale version 409, refused content 422, store down 503 with Retry-After, a bug 500 saying nothing', () => {
    const answers = Object.fromEntries(Object.values(ACTION_FAILURE).map((type) => [type, toProblem(updateFailed(type, type === ACTION_FAILURE.contentRefused ? 'the store refused the content: U+0000' : SECRET))]));
    expect(answers[ACTION_FAILURE.staleVersion].body).toMatchObject({ status: 409, type: PROBLEM_CATALOGUE.conflict.type });
    expect(answers[ACTION_FAILURE.contentRefused].body).toMatchObject({ status: 422, type: PROBLEM_CATALOGUE['content-refused'].type, detail: 'the store refused the content: U+0000' });
    expect(answers[ACTION_FAILURE.storeUnavailable].body).toMatchObject({ status: 503, type: PROBLEM_CATALOGUE['store-unavailable'].type });
    expect(answers[ACTION_FAILURE.storeUnavailable].headers).toEqual({ 'Retry-After': '5' });
    expect(answers[ACTION_FAILURE.internal].body).toMatchObject({ status: 500, type: PROBLEM_CATALOGUE.internal.type });
    for (const answer of Object.values(answers)) expectNothingLeaked(answer);
  });

  it('an update failed with a type nobody knows, or without an application failure, is a 500 saying nothing', () => {
    for (const error of [updateFailed('something-new'), new WorkflowUpdateFailedError('failed', new Error(SECRET)), new WorkflowUpdateFailedError('failed', undefined)]) {
      const problem = toProblem(error);
      expect(problem.body).toMatchObject({ status: 500, type: PROBLEM_CATALOGUE.internal.type });
      expectNothingLeaked(problem);
    }
  });

  it('an unanswered update or an unreachable server is 503 with Retry-After; update-with-start on a finished case is 409 case-closed', () => {
    const unreachable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    for (const error of [new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'), unreachable]) {
      const problem = toProblem(error);
      expect(problem.body).toMatchObject({ status: 503, type: PROBLEM_CATALOGUE['temporal-unavailable'].type });
      expect(problem.headers).toEqual({ 'Retry-After': '5' });
    }
    expect(toProblem(new WorkflowExecutionAlreadyStartedError('started', 'complaint-1', 'complaintWorkflow')).body)
      .toMatchObject({ status: 409, type: PROBLEM_CATALOGUE['case-closed'].type });
  });
});

describe('HTTP errors', () => {
  it('every error status keeps its status, with a catalogued type where there is one and about:blank else', () => {
    for (let status = 400; status < 600; status++) {
      const problem = toProblem(new HttpException(SECRET, status));
      expect(problem.body.status).toBe(status);
      const kind = (KIND_OF_STATUS as Partial<Record<number, ProblemKind>>)[status];
      if (kind) expect(problem.body).toMatchObject({ type: PROBLEM_CATALOGUE[kind].type, title: PROBLEM_CATALOGUE[kind].title });
      else expect(problem.body).toMatchObject({ type: 'about:blank', title: STATUS_CODES[status] ?? `HTTP ${status}` });
      if (status >= 500) expectNothingLeaked(problem);
    }
  });

  it.each(([
    [new NotFoundException('Cannot GET /v1/nowhere'), 404],
    [new MethodNotAllowedException(), 405],
    [new NotAcceptableException(), 406],
    [new RequestTimeoutException(), 408],
    [new ConflictException(), 409],
    [new GoneException(), 410],
    [new PreconditionFailedException(), 412],
    [new PayloadTooLargeException(), 413],
    [new UnsupportedMediaTypeException(), 415],
    [new NotImplementedException(), 501],
    [new BadGatewayException(), 502],
    [new ServiceUnavailableException(), 503],
  ] as const).map(([error, status]) => [error.constructor.name, status, error] as const))('Nest’s %s keeps its status %i', (_, status, error) => {
    expect(toProblem(error).body.status).toBe(status);
  });

  it('a rate limit (a 429 HttpException, as @nestjs/throttler throws) is rate-limited', () => {
    expect(toProblem(new HttpException('ThrottlerException: Too Many Requests', 429)).body).toMatchObject({ status: 429, type: PROBLEM_CATALOGUE['rate-limited'].type });
  });

  it('body-parser’s refusals by their type: malformed JSON 400, too large 413, an unsupported encoding 415, its own faults 500', () => {
    const bodyError = (type: string, status: number, message = SECRET) => Object.assign(new Error(message), { type, status });
    expect(toProblem(bodyError('entity.parse.failed', 400, 'Unexpected token } in JSON at position 9')).body)
      .toMatchObject({ status: 400, type: PROBLEM_CATALOGUE['malformed-json'].type, detail: 'Unexpected token } in JSON at position 9' });
    expect(toProblem(bodyError('entity.too.large', 413)).body).toMatchObject({ status: 413, type: PROBLEM_CATALOGUE['payload-too-large'].type });
    expect(toProblem(bodyError('encoding.unsupported', 415)).body).toMatchObject({ status: 415, type: PROBLEM_CATALOGUE['unsupported-media-type'].type });
    expect(toProblem(bodyError('request.aborted', 400, 'request aborted')).body).toMatchObject({ status: 400, type: PROBLEM_CATALOGUE['bad-request'].type });
    const fault = toProblem(bodyError('stream.not.readable', 500));
    expect(fault.body).toMatchObject({ status: 500, type: PROBLEM_CATALOGUE.internal.type });
    expectNothingLeaked(fault);
  });
});

describe('database faults and the unknown', () => {
  it('a database that does not answer is 503 store-unavailable with Retry-After', () => {
    for (const error of [Object.assign(new Error(SECRET), { code: '57P01' }), Object.assign(new Error(SECRET), { code: 'ECONNREFUSED' })]) {
      const problem = toProblem(error);
      expect(problem.body).toMatchObject({ status: 503, type: PROBLEM_CATALOGUE['store-unavailable'].type });
      expect(problem.headers).toEqual({ 'Retry-After': '5' });
      expectNothingLeaked(problem);
    }
  });

  it('content PostgreSQL refuses whatever happens is 422 content-refused, without its message', () => {
    const problem = toProblem(Object.assign(new Error(SECRET), { code: '22021' }));
    expect(problem.body).toMatchObject({ status: 422, type: PROBLEM_CATALOGUE['content-refused'].type });
    expectNothingLeaked(problem);
  });

  it('anything else is a 500 whose answer says nothing of it', () => {
    for (const error of [new TypeError(SECRET), new Error(SECRET), Object.assign(new Error(SECRET), { code: '42P01' }), SECRET, undefined, { message: SECRET }]) {
      const problem = toProblem(error);
      expect(problem.body).toMatchObject({ status: 500, type: PROBLEM_CATALOGUE.internal.type });
      expect(problem.headers).toEqual({});
      expectNothingLeaked(problem);
    }
  });
});
