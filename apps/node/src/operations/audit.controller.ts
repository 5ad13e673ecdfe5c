import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@liandong/access';
import { AuditWitnessService } from '@liandong/messaging';
import { AuditEntryView, AuditQuery, AuditVerificationView, AuditWitnessView } from './audit.dto';
import { AuditQueries } from './audit.queries';

@ApiTags('audit (留痕)')
@Controller('audit')
@Allow('admin', 'leading_group')
export class AuditController {
  constructor(
    private readonly queries: AuditQueries,
    private readonly witnesses: AuditWitnessService,
  ) {}

  @Get()
  @ApiOperation({ summary: '审计日志：谁在何时做了什么（新的在前）' })
  @ApiOkResponse({ type: [AuditEntryView], description: 'who did what, newest first' })
  list(@Query() query: AuditQuery): Promise<AuditEntryView[]> {
    return this.queries.list(query);
  }

  @Get('verify')
  @ApiOperation({ summary: '校验本节点审计链是否完整' })
  @ApiOkResponse({
    type: AuditVerificationView,
    description:
      'this node checks its own chain (the parent’s witnesses are checked by the operator CLI)',
  })
  verify(): Promise<AuditVerificationView> {
    return this.queries.verify();
  }

  @Get('witnesses/:nodeId')
  @ApiOperation({ summary: '下级节点报来的审计链见证' })
  @ApiOkResponse({
    type: [AuditWitnessView],
    description: 'the audit chain heads a child node has sent here',
  })
  witnessesOf(@Param('nodeId') nodeId: string): Promise<AuditWitnessView[]> {
    return this.witnesses.witnessesOf(nodeId);
  }
}
