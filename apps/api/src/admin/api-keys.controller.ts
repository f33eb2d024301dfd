/**
 * API keys managed without a restart (admin only): list them, create or rotate one (the new
 * secret is answered once), delete one. Each change is a line of the append-only admin log.
 */
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES } from '../../../../libs/config/src';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { PrincipalsService } from '../auth/principals.service';
import { apiKeyIssuedSchema, apiKeyListSchema, openApiSchema } from '../openapi/openapi-schemas';
import { ProblemException } from '../problems/problem';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';

/** Letters, digits and . _ @ -: never the `:` and `,` that API_KEYS entries are split by. */
const principalId = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,100}$/, 'must be 1–100 letters, digits, ".", "_", "@" or "-"')
  .describe('the principal the key belongs to, e.g. desk-3');

export const issueApiKeySchema = z.strictObject({
  principal: principalId,
  role: z.enum(ROLES).describe('what the key may do'),
});

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/api-keys')
export class ApiKeysController {
  constructor(@Inject(PrincipalsService) private readonly principals: PrincipalsService) {}

  @Get()
  @ApiOperation({ summary: 'Every API key’s principal and role (never a secret)' })
  @ApiResponse({ status: 200, schema: apiKeyListSchema })
  list() {
    return this.principals.listKeys();
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a key, or rotate the principal’s key',
    description:
      'Answers the new secret once; it is stored only as its SHA-256 digest. A principal that has a key gets a new one: the old ' +
      'secret stops working at once on this API process and within 30 s on the others. Recorded in the admin log. A principal ' +
      'listed in API_KEYS is set from it again at the next start.',
  })
  @ApiBody({ schema: openApiSchema(issueApiKeySchema) })
  @ApiResponse({ status: 201, schema: apiKeyIssuedSchema })
  async issue(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(issueApiKeySchema)) body: z.infer<typeof issueApiKeySchema>) {
    const issued = await this.principals.issueKey(actor, body.principal, body.role);
    return { principal: body.principal, role: body.role, ...issued };
  }

  @Delete(':principal')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a principal’s key (it stops working at once here, within 30 s elsewhere); recorded in the admin log' })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 409, description: 'The key making the call: an admin does not lock themselves out' })
  async remove(@CurrentPrincipal() actor: Principal, @Param('principal') principal: string) {
    if (principal === actor.id) throw new ProblemException('conflict', 'this is the key making the call; delete it with another admin key');
    if (!(await this.principals.deleteKey(actor, principal))) throw new ProblemException('not-found', `no API key for principal ${principal}`);
  }
}
