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
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { EVIDENCE_TYPES } from '@liandong/common';
import { OVERSIGHT_AREAS, type OversightArea } from '@liandong/protocol';
import { ParseEnumPipe } from '@nestjs/common';
import { AttendanceDto, EvidenceFileQuery, ObservationDto } from './engagement.dto';
import {
  AreaReadView,
  AttendeeView,
  ObservationEvidenceView,
  ObservationView,
} from './engagement.views';
import { AddObservationEvidence } from './use-cases/add-observation-evidence.usecase';
import { ReadObservationEvidence } from './use-cases/read-observation-evidence.usecase';
import { ReadOverseenArea } from './use-cases/read-overseen-area.usecase';
import { RecordAttendance } from './use-cases/record-attendance.usecase';
import { RecordObservation } from './use-cases/record-observation.usecase';

/** The overseeing team's work on an engagement: observations, attendance, granted reads. */
@ApiTags('oversight (指导督导)')
@Controller('oversight/engagements/:id')
@Allow('inspection_office')
export class EngagementRecordsController {
  constructor(
    private readonly recordObservation: RecordObservation,
    private readonly recordAttendance: RecordAttendance,
    private readonly readArea: ReadOverseenArea,
    private readonly addEvidence: AddObservationEvidence,
    private readonly readEvidence: ReadObservationEvidence,
  ) {}

  @Post('observations')
  @ApiOperation({ summary: '按督导清单事项记录督导发现的情况' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: ObservationView })
  observe(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ObservationDto,
  ): Promise<ObservationView> {
    return this.recordObservation.execute(id, dto, actorOf(user));
  }

  @Post('observations/:observationId/evidence')
  @ApiOperation({ summary: '为督导情况上传证据材料（文件本身作请求体，类型须与内容相符）' })
  @ApiConsumes(...Object.keys(EVIDENCE_TYPES))
  @ApiBody({
    description: 'the file itself; at most 20 MB; its content must match its type',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiRefusals(404, 409, 413)
  @ApiCreatedResponse({ type: ObservationEvidenceView })
  attach(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('observationId', ParseUUIDPipe) observationId: string,
    @Query() query: EvidenceFileQuery,
    @Body() data: Buffer,
    @Headers('content-type') contentType?: string,
  ): Promise<ObservationEvidenceView> {
    return this.addEvidence.execute(
      id,
      observationId,
      { data, contentType, filename: query.filename },
      actorOf(user),
    );
  }

  @Get('evidence/:evidenceId')
  @ApiOperation({ summary: '下载督导情况的证据材料（每次查阅都记入审计日志）' })
  @ApiOkResponse({
    description: 'the evidence file',
    content: Object.fromEntries(
      Object.keys(EVIDENCE_TYPES).map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ApiRefusals(404, 409)
  @Allow('inspection_office', 'leading_group')
  evidence(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
  ): Promise<StreamableFile> {
    return this.readEvidence.execute(id, evidenceId, actorOf(user));
  }

  @Post('attendance')
  @ApiOperation({ summary: '登记专题培训辅导的参训人员（以干代训）' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: [AttendeeView] })
  attend(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AttendanceDto,
  ): Promise<AttendeeView[]> {
    return this.recordAttendance.execute(id, dto, actorOf(user));
  }

  @Get('areas/:area')
  @ApiOperation({ summary: '查阅被督导节点授权的方面（限授权范围和督导期内，双方记入审计日志）' })
  @ApiParam({ name: 'area', enum: OVERSIGHT_AREAS })
  @ApiRefusals(403, 404, 409, 503)
  @ApiOkResponse({ type: AreaReadView })
  @Allow('inspection_office', 'leading_group')
  read(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('area', new ParseEnumPipe(Object.fromEntries(OVERSIGHT_AREAS.map((a) => [a, a]))))
    area: OversightArea,
  ): Promise<AreaReadView> {
    return this.readArea.execute(id, area, actorOf(user));
  }
}
