/** The complaint routes of the public contract (CONTRACT.md, "Resources"). */
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { caseSchema, eventSchema, openApiSchema, problemSchema } from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { CaseCommandsService } from './case-commands.service';
import { CaseReadsService } from './case-reads.service';
import { toCaseView, toEventView } from './case-view';
import { addNoteSchema, createComplaintSchema, type AddNoteRequest } from './complaint-requests';
import { IntakeService } from './intake.service';

const problem = { 'application/problem+json': { schema: problemSchema } };

@ApiTags('complaints')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or unknown API key', content: problem })
@ApiResponse({ status: 403, description: 'The key’s role may not do this', content: problem })
@Controller('v1/complaints')
export class ComplaintsController {
  private readonly createPipe = new ZodValidationPipe(createComplaintSchema);

  constructor(
    @Inject(IntakeService) private readonly intake: IntakeService,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
    @Inject(CaseCommandsService) private readonly commands: CaseCommandsService,
  ) {}

  @Post()
  @Roles('intake', 'agent')
  @ApiOperation({
    summary: 'Accept a complaint',
    description:
      'Acknowledges at once with a reference and the promised resolution date, in one database transaction; ' +
      'the case workflow starts asynchronously. Idempotent per (API key, Idempotency-Key).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'unique per complaint, e.g. a UUID' })
  @ApiBody({ schema: openApiSchema(createComplaintSchema) })
  @ApiResponse({ status: 201, description: 'Accepted and acknowledged', schema: caseSchema })
  @ApiResponse({ status: 200, description: 'The same key and body again: the earlier case', schema: caseSchema })
  @ApiResponse({ status: 400, description: 'Invalid body or missing Idempotency-Key', content: problem })
  @ApiResponse({ status: 409, description: 'The key was used for a different body', content: problem })
  @ApiResponse({ status: 413, description: 'Body over 1 MB', content: problem })
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

  @Get(':id')
  @Roles('intake', 'agent', 'manager', 'director', 'auditor')
  @ApiOperation({ summary: 'The case as it stands now' })
  @ApiResponse({ status: 200, schema: caseSchema })
  @ApiResponse({ status: 404, content: problem })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return toCaseView(await this.reads.caseFor(principal, id));
  }

  @Get(':id/events')
  @Roles('auditor', 'manager')
  @ApiOperation({ summary: 'The case’s events in order, with their hash chain' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: eventSchema } })
  @ApiResponse({ status: 404, content: problem })
  async events(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return (await this.reads.eventsOf(principal, id)).map(toEventView);
  }

  @Post(':id/notes')
  @HttpCode(201)
  @Roles('agent', 'manager')
  @ApiOperation({ summary: 'Add an internal note' })
  @ApiBody({ schema: openApiSchema(addNoteSchema) })
  @ApiResponse({ status: 201, description: 'The note was recorded (NoteAdded)' })
  @ApiResponse({ status: 400, content: problem })
  @ApiResponse({ status: 404, content: problem })
  @ApiResponse({ status: 409, description: 'The case is closed', content: problem })
  @ApiResponse({ status: 503, description: 'Temporal is unavailable; retry', content: problem })
  async addNote(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(addNoteSchema)) body: AddNoteRequest,
  ) {
    const result = await this.commands.addNote(principal, id, body);
    const event = result.events[0];
    return { note: { noteId: event.id, text: body.text, author: principal.id, at: event.occurredAt }, case: toCaseView(result.state) };
  }
}
