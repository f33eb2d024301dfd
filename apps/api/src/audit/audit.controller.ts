/** The store-wide audit routes: verification of everything and signed checkpoints (CONTRACT.md, "Resources"). */
import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { problemSchema } from '../openapi/openapi-schemas';
import { checkpointSchema, verificationSchema } from './audit-schemas';
import { CheckpointsService } from './checkpoints.service';
import { VerificationService } from './verification.service';

const problem = { 'application/problem+json': { schema: problemSchema } };

@ApiTags('audit')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or unknown API key', content: problem })
@ApiResponse({ status: 403, description: 'The key’s role may not do this', content: problem })
@Controller('v1/audit')
export class AuditController {
  constructor(
    @Inject(VerificationService) private readonly verification: VerificationService,
    @Inject(CheckpointsService) private readonly checkpoints: CheckpointsService,
  ) {}

  @Get('verification')
  @ApiOperation({
    summary: 'Verify every chain in the store',
    description:
      'Hashes every stored canonical text, checks positions, links, the columns against the canonical text, each stream’s ' +
      'recorded head, and every chain against the latest signed checkpoint (whose root and signature are checked first).',
  })
  @ApiResponse({ status: 200, schema: verificationSchema })
  verifyStore() {
    return this.verification.verifyStore();
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign and store a checkpoint of every stream head now' })
  @ApiResponse({ status: 201, schema: checkpointSchema })
  @ApiResponse({ status: 503, description: 'No signing key is configured (AUDIT_SIGNING_KEY)', content: problem })
  createCheckpoint(@CurrentPrincipal() principal: Principal) {
    return this.checkpoints.create(principal);
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'The latest signed checkpoint' })
  @ApiResponse({ status: 200, schema: checkpointSchema })
  @ApiResponse({ status: 404, description: 'No checkpoint has been signed yet', content: problem })
  latestCheckpoint() {
    return this.checkpoints.latest();
  }
}
