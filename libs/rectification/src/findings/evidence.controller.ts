import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { EvidenceQuery } from '../dto/finding.dto';
import { EvidenceView } from '../dto/finding.views';
import { EVIDENCE_TYPES } from './evidence-type';
import { AddEvidence } from './use-cases/add-evidence.usecase';
import { ReadEvidence } from './use-cases/read-evidence.usecase';

/**
 * A file download: bytes of one of the given types. Declared on the success response alone
 * (not with @ApiProduces, which would also list the JSON refusals under the file's types).
 */
function file(description: string, types: string[]) {
  return {
    description,
    content: Object.fromEntries(
      types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  };
}

@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller()
export class EvidenceController {
  constructor(
    private readonly addEvidence: AddEvidence,
    private readonly readEvidence: ReadEvidence,
  ) {}

  @Post('findings/:id/evidence')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '上传证据材料（文件本身作请求体，类型须与内容相符）' })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({
    description: 'the file itself; at most 20 MB; its content must match its type',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiRefusals(404, 409, 413)
  add(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: EvidenceQuery,
    @Body() data: Buffer,
    @CurrentUser() user: Principal,
    @Headers('content-type') contentType?: string,
  ): Promise<EvidenceView> {
    return this.addEvidence.execute(id, { data, contentType, filename: query.filename }, user);
  }

  @Get('findings/:id/evidence/:evidenceId')
  @Allow('team_member', 'team_leader', 'inspection_office', 'leading_group')
  @ApiOperation({ summary: '下载证据材料（每次查阅都记入审计日志）' })
  @ApiOkResponse(file('the evidence file', Object.keys(EVIDENCE_TYPES)))
  @ApiRefusals(404)
  read(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @CurrentUser() user: Principal,
  ): Promise<StreamableFile> {
    return this.readEvidence.execute(id, evidenceId, user);
  }
}
