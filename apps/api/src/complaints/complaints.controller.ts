/** The complaint routes of the public contract (CONTRACT.md, "Resources"). */
import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import {
  ApiQueryFrom,
  casePageSchema,
  caseSchema,
  caseWithDuplicatesSchema,
  commandReplySchema,
  complaintEventMessageSchema,
  eventSchema,
  noticeSchema,
  mergeReplySchema,
  noteReplySchema,
  openApiSchema,
  problemSchema,
  proposalReplySchema,
  type SchemaObject,
} from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ProblemException } from '../problems/problem';
import { CaseCommandsService } from './case-commands.service';
import { CaseReadsService } from './case-reads.service';
import { toCaseView, toEventView } from './case-view';
import {
  addNoteSchema,
  assignmentSchema,
  callbackPromiseSchema,
  contactSchema,
  createComplaintSchema,
  customerMessageSchema,
  emptySchema,
  escalationSchema,
  informationRequestSchema,
  mergeSchema,
  compensationSchema,
  decisionSchema,
  resolutionSchema,
  satisfactionSchema,
  withdrawalSchema,
  listQuery,
  listQuerySchema,
  promiseSchema,
  eventStreamQuerySchema,
  resumePosition,
  streamPositionSchema,
  type AddNoteRequest,
  type ListQueryInput,
} from './complaint-requests';
import { CaseListService } from './case-list.service';
import { ComplaintEventStreams } from './complaint-event-stream.service';
import { PrincipalsService } from '../auth/principals.service';
import type { CommandOutcome } from './case-commands.service';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_SCHEMA, IntakeService } from './intake.service';
import { CommandIdempotencyKey } from './command-idempotency-key';

const problem = { 'application/problem+json': { schema: problemSchema } };

// Case work is open to agents and managers (the contract) and to directors too: a case
// escalated to the ladder's top rung can only be owned, and so worked, by a director.
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('v1/complaints')
export class ComplaintsController {
  private readonly createPipe = new ZodValidationPipe(createComplaintSchema);

  constructor(
    @Inject(IntakeService) private readonly intake: IntakeService,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
    @Inject(CaseCommandsService) private readonly commands: CaseCommandsService,
    @Inject(CaseListService) private readonly cases: CaseListService,
    @Inject(PrincipalsService) private readonly principals: PrincipalsService,
    @Inject(ComplaintEventStreams) private readonly streams: ComplaintEventStreams,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Accept a complaint',
    description:
      'Acknowledges at once with a reference and the promised resolution date, in one database transaction; ' +
      'the case workflow starts asynchronously. Idempotent per (API key, Idempotency-Key).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'unique per complaint, e.g. a UUID: 1-255 printable ASCII characters',
    schema: { ...IDEMPOTENCY_KEY_SCHEMA },
  })
  @ApiBody({ schema: openApiSchema(createComplaintSchema) })
  @ApiResponse({ status: 201, description: 'Accepted and acknowledged', schema: caseSchema })
  @ApiResponse({ status: 200, description: 'The same key and body again: the earlier case', schema: caseSchema })
  @ApiResponse({ status: 400, description: 'Invalid body or missing Idempotency-Key', content: problem })
  @ApiResponse({ status: 409, description: 'The key was used for a different body', content: problem })
  @ApiResponse({ status: 422, description: 'receivedAt or callbackUrl is outside what the engine accepts (errors[] says why)', content: problem })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = IntakeService.checkIdempotencyKey(idempotencyKey);
    const request = this.createPipe.transform(body);
    const outcome = await this.intake.accept(principal, key, body, request);
    response.status(outcome.replayed ? 200 : 201).location(`/v1/complaints/${outcome.state.id}`);
    return toCaseView(outcome.state);
  }

  @Get()
  @ApiOperation({ summary: 'List cases, newest first, with filters and cursor pagination' })
  @ApiQueryFrom(listQuerySchema)
  @ApiResponse({ status: 200, schema: casePageSchema })
  @ApiResponse({ status: 422, description: 'The cursor is not one this API gave out', content: problem })
  async list(@Query(new ZodValidationPipe(listQuerySchema, 'query')) query: ListQueryInput) {
    const page = await this.cases.list(listQuery(query));
    return { items: page.items.map(toCaseView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'The case as it stands now' })
  @ApiResponse({ status: 200, schema: caseWithDuplicatesSchema })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    const state = await this.reads.caseFor(principal, id);
    return { ...toCaseView(state), possibleDuplicates: await this.reads.possibleDuplicatesOf(state.id) };
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The case’s events in order, with their hash chain' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: eventSchema } })
  async events(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return (await this.reads.eventsOf(principal, id)).map(toEventView);
  }

  @Get(':id/notices')
  @ApiOperation({
    summary: 'What the customer was told, in their language',
    description:
      'Each notice (acknowledgment, promise changed, information requested, final response, satisfaction request, closure) ' +
      'exactly as recorded on the event that caused it, oldest first, with the language chosen and the tags tried, and how ' +
      'its webhook fared (`no_callback` when the case has no callbackUrl: the intake system reads its notices here). ' +
      'Empty under a policy that writes no notices.',
  })
  @ApiResponse({ status: 200, schema: { type: 'array', items: noticeSchema } })
  async notices(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.reads.noticesOf(principal, id);
  }

  @Get(':id/events/stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'The case’s newly recorded events, live, as server-sent events',
    description:
      'text/event-stream that stays open: each event recorded after the resume position is one message with ' +
      '`id: <position>`, `event: complaint-event` and `data:` the event exactly as GET /v1/complaints/{id}/events shows it. ' +
      'Resumes after the `Last-Event-ID` header (what EventSource sends when it reconnects) or else `?after=`; with neither, ' +
      'only events recorded from now on are sent (read /events, then follow with `?after=` its last position to miss nothing). ' +
      'A comment line `: keep-alive` comes every 15 s.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'resume after this event position (the id of the last message received)',
    schema: openApiSchema(streamPositionSchema),
  })
  @ApiQueryFrom(eventStreamQuerySchema)
  @ApiResponse({
    status: 200,
    description: 'The stream: one message per newly recorded event',
    content: { 'text/event-stream': { schema: complaintEventMessageSchema } },
  })
  async eventStream(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query(new ZodValidationPipe(eventStreamQuerySchema, 'query')) query: z.infer<typeof eventStreamQuerySchema>,
    @Res() response: Response,
  ): Promise<void> {
    const after = resumePosition(lastEventId, query.after);
    const state = await this.reads.caseFor(principal, id);
    await this.streams.follow(state.id, after, response);
  }

  @Post(':id/notes')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an internal note (NoteAdded)' })
  @ApiBody({ schema: openApiSchema(addNoteSchema) })
  @CommandResponses(201, noteReplySchema)
  async addNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(addNoteSchema)) body: AddNoteRequest,
  ) {
    const result = await this.commands.act(principal, id, 'addNote', body, idempotencyKey);
    const event = result.events[0];
    return {
      note: { noteId: event.id, text: body.text, author: principal.id, at: event.occurredAt },
      ...commandReply(result),
    };
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take the case (to = yourself) or hand it to another principal',
    description: 'Taking is immediate (OwnerAssigned). A handoff to someone else (HandoffRequested) is pending until they accept; unaccepted, it expires, the case returns and escalates.',
  })
  @ApiBody({ schema: openApiSchema(assignmentSchema) })
  @CommandResponses(200)
  async assign(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(assignmentSchema)) body: z.infer<typeof assignmentSchema>,
  ) {
    const toRole = await this.principals.roleOf(body.to);
    if (!toRole) {
      throw new ProblemException('rule-violation', `no principal ${body.to}`, { errors: [{ path: 'to', message: 'no such principal' }] });
    }
    return commandReply(await this.commands.act(principal, id, 'assign', { to: body.to, toRole, note: body.note ?? null }, idempotencyKey));
  }

  @Post(':id/assignment/acceptance')
  @HttpCode(200)
  @ApiOperation({ summary: 'The named new owner accepts a pending handoff (HandoffAccepted)' })
  @ApiBody({ required: false, schema: openApiSchema(z.strictObject({})) })
  @CommandResponses(200)
  async acceptHandoff(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(emptySchema)) _body: unknown,
  ) {
    return commandReply(await this.commands.act(principal, id, 'acceptHandoff', {}, idempotencyKey));
  }

  @Post(':id/contacts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a contact with the customer; the first one meets the first-contact deadline (CustomerContacted)' })
  @ApiBody({ schema: openApiSchema(contactSchema) })
  @CommandResponses(201)
  async contact(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(contactSchema)) body: z.infer<typeof contactSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'recordContact', body, idempotencyKey));
  }

  @Post(':id/information-requests')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask the customer; pauses the internal SLA clock (InformationRequested)' })
  @ApiBody({ schema: openApiSchema(informationRequestSchema) })
  @CommandResponses(201)
  async requestInformation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(informationRequestSchema)) body: z.infer<typeof informationRequestSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'requestInformation', body, idempotencyKey));
  }

  @Post(':id/customer-messages')
  @HttpCode(201)
  @ApiOperation({ summary: 'The customer’s words from any channel; answers an open information request and resumes the clock (CustomerReplied)' })
  @ApiBody({ schema: openApiSchema(customerMessageSchema) })
  @CommandResponses(201)
  async customerMessage(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(customerMessageSchema)) body: z.infer<typeof customerMessageSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'customerMessage', body, idempotencyKey));
  }

  @Post(':id/promise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revise the promised resolution date, with a reason; the customer is told (PromiseRevised)' })
  @ApiBody({ schema: openApiSchema(promiseSchema) })
  @CommandResponses(200)
  async revisePromise(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(promiseSchema)) body: z.infer<typeof promiseSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'revisePromise', body, idempotencyKey));
  }

  @Post(':id/callback-promises')
  @HttpCode(201)
  @ApiOperation({ summary: 'Promise to call the customer back by a time; a call before then keeps it, otherwise it is broken (ResolutionPromised kind callback)' })
  @ApiBody({ schema: openApiSchema(callbackPromiseSchema) })
  @CommandResponses(201)
  async promiseCallback(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(callbackPromiseSchema)) body: z.infer<typeof callbackPromiseSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'promiseCallback', body, idempotencyKey));
  }

  @Post(':id/escalations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Escalate one level up the ladder (Escalated, reason requested)' })
  @ApiBody({ schema: openApiSchema(escalationSchema) })
  @CommandResponses(201)
  async escalate(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(escalationSchema)) body: z.infer<typeof escalationSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'escalate', body, idempotencyKey));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge this (newer) case into the older one it duplicates',
    description: 'This case closes as merged (ComplaintClosed, closure merged); the older case records its channel and text (ComplaintMerged). Every event of both stays.',
  })
  @ApiBody({ schema: openApiSchema(mergeSchema) })
  @CommandResponses(200, mergeReplySchema)
  async merge(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(mergeSchema)) body: z.infer<typeof mergeSchema>,
  ) {
    const { newer, older } = await this.commands.merge(principal, id, body.into, idempotencyKey);
    return { ...commandReply(newer), into: toCaseView(older.case) };
  }

  @Post(':id/compensation-proposals')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Propose compensation (refund, credit, replacement, instalment plan, goodwill)',
    description: 'Up to the first rung’s limit it is approved at once; above it, it waits for a decision by another principal whose role’s limit covers the amount (never the proposer).',
  })
  @ApiBody({ schema: openApiSchema(compensationSchema) })
  @CommandResponses(201, proposalReplySchema)
  async proposeCompensation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(compensationSchema)) body: z.infer<typeof compensationSchema>,
  ) {
    const result = await this.commands.act(principal, id, 'proposeCompensation', body, idempotencyKey);
    const proposed = result.events.find((e) => e.type === 'CompensationProposed');
    const data = proposed?.type === 'CompensationProposed' ? proposed.data : undefined;
    return { proposalId: data?.proposalId, status: data?.status, requiredRole: data?.requiredRole, ...commandReply(result) };
  }

  @Post(':id/compensation-proposals/:proposalId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or reject a pending proposal (four eyes; within your authority; decided once)' })
  @ApiBody({ schema: openApiSchema(decisionSchema) })
  @CommandResponses(200)
  async decideCompensation(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Param('proposalId') proposalId: string,
    @Body(new ZodValidationPipe(decisionSchema)) body: z.infer<typeof decisionSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'decideCompensation', { proposalId, ...body }, idempotencyKey));
  }

  @Post(':id/resolution')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Send the final response (checked first); then the case waits for the customer’s satisfaction',
    description: 'A response failing the correspondence checks is refused with every reason (422, errors[]) and recorded as CorrespondenceRejected; nothing is sent. With a second reviewer required, it waits for another person’s review.',
  })
  @ApiBody({ schema: openApiSchema(resolutionSchema) })
  @CommandResponses(201)
  async resolve(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(resolutionSchema)) body: z.infer<typeof resolutionSchema>,
  ) {
    const result = await this.commands.act(principal, id, 'resolve', body, idempotencyKey);
    const rejected = result.events.find((e) => e.type === 'CorrespondenceRejected');
    if (rejected?.type === 'CorrespondenceRejected') {
      const errors = rejected.data.problems.map((p) => ({ path: p.path, message: p.message, code: p.code, ...(p.excerpt ? { excerpt: p.excerpt } : {}) }));
      throw new ProblemException('correspondence-rejected', errors.map((e) => e.message).join('; '), { errors, attemptId: rejected.data.attemptId });
    }
    return commandReply(result);
  }

  @Post(':id/resolution/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Second reviewer: approve (it goes out) or reject a final response written by someone else' })
  @ApiBody({ schema: openApiSchema(decisionSchema) })
  @CommandResponses(200)
  async reviewResolution(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(decisionSchema)) body: z.infer<typeof decisionSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'reviewResolution', body, idempotencyKey));
  }

  @Post(':id/satisfaction')
  @HttpCode(200)
  @ApiOperation({ summary: 'The customer’s answer: satisfied closes (confirmed); dissatisfied reopens one level higher' })
  @ApiBody({ schema: openApiSchema(satisfactionSchema) })
  @CommandResponses(200)
  async satisfaction(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(satisfactionSchema)) body: z.infer<typeof satisfactionSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'answerSatisfaction', body, idempotencyKey));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'The customer withdraws the complaint: the case closes (withdrawn) with the reason' })
  @ApiBody({ schema: openApiSchema(withdrawalSchema) })
  @CommandResponses(200)
  async withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @CommandIdempotencyKey() idempotencyKey: string | undefined,
    @Body(new ZodValidationPipe(withdrawalSchema)) body: z.infer<typeof withdrawalSchema>,
  ) {
    return commandReply(await this.commands.act(principal, id, 'withdraw', body, idempotencyKey));
  }
}

/** What every case command answers: the events it recorded and the case as it now stands. */
function commandReply(outcome: CommandOutcome) {
  return { events: outcome.events.map(toEventView), case: toCaseView(outcome.case) };
}

/** The answers of a case command besides the standard ones (standard-responses.ts). */
function CommandResponses(status: 200 | 201, schema: SchemaObject = commandReplySchema): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Optional. Re-sent with the same key and body (after a timeout, a dropped connection or a 503), the command is carried out at most once: ' +
        'the re-send waits for the first or answers its outcome. Another body under the same key is another command.',
      schema: { ...IDEMPOTENCY_KEY_SCHEMA },
    }),
    ApiResponse({ status, description: 'Recorded: the new events and the case', schema }),
    ApiResponse({ status: 409, description: 'The case is closed, the action conflicts with its state, or the case changed while it was decided (retry it)', content: problem }),
    ApiResponse({
      status: 422,
      description: 'Well-formed, but the action breaks a rule of the case (errors[] says which), or the store refused its content; nothing was recorded',
      content: problem,
    }),
  );
}
