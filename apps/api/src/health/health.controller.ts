/**
 * Health: `/health` reports PostgreSQL, Temporal and the outbox backlog (503 when any
 * dependency is down); `/health/ready` needs only PostgreSQL, because intake keeps
 * working while Temporal is down; `/health/live` answers while the process runs.
 */
import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { outboxBacklog } from '../../../../libs/event-store/src';
import { withinProbeTimeout } from '../http/answer-deadline';


@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL, Temporal and the outbox backlog' })
  check(@Res({ passthrough: true }) response: Response) {
    return this.report(response, [() => this.postgres(), () => this.temporalServer(), () => this.outbox()]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Ready to accept complaints (PostgreSQL reachable)' })
  ready(@Res({ passthrough: true }) response: Response) {
    return this.report(response, [() => this.postgres()]);
  }

  /** The health report itself, with 503 when something is down (not a problem document). */
  private async report(response: Response, checks: Parameters<HealthCheckService['check']>[0]) {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }

  @Get('live')
  @ApiOperation({ summary: 'The process is running' })
  live() {
    return { status: 'ok' };
  }

  private async postgres() {
    const indicator = this.indicators.check('postgres');
    try {
      await withinProbeTimeout(this.db.query('SELECT 1'), 'PostgreSQL');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private async temporalServer() {
    const indicator = this.indicators.check('temporal');
    try {
      await withinProbeTimeout(this.temporal.connection.ensureConnected(), 'Temporal');
      const info = await withinProbeTimeout(this.temporal.workflowService.getSystemInfo({}), 'Temporal');
      return indicator.up({ serverVersion: info.serverVersion });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private async outbox() {
    const indicator = this.indicators.check('outbox');
    try {
      const backlog = await withinProbeTimeout(outboxBacklog(this.db.manager), 'PostgreSQL');
      return indicator.up({ ...backlog });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
