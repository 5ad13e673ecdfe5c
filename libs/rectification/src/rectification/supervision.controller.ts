import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TOTAL_COUNT_HEADER, withTotal } from '@liandong/common';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import {
  RecordSupervisionNoteDto,
  RoutineSupervisionQuery,
  UrgingDoneDto,
} from '../dto/supervision.dto';
import { RoutineSupervisionView, SupervisionNoteView } from '../dto/supervision.views';
import { RectificationQueries } from './rectification.queries';
import { MarkUrgingDone } from './use-cases/mark-urging-done.usecase';
import { RecordSupervisionNote } from './use-cases/record-supervision-note.usecase';

/**
 * 整改日常监督: the discipline body's supervision office follows each rectification after
 * feedback and records its notes and urgings; the inspection office and the leading group
 * read them in the rectification (GET /rectifications/{id}).
 */
@ApiTags('rectification (整改)')
@Controller()
export class SupervisionController {
  constructor(
    private readonly queries: RectificationQueries,
    private readonly recordNote: RecordSupervisionNote,
    private readonly markUrgingDone: MarkUrgingDone,
  ) {}

  @Get('routine-supervision')
  @Allow('supervision_office')
  @ApiOperation({
    summary: '整改日常监督：本节点的整改及日常监督记录数、最近监督日期和未落实的督促事项',
  })
  @ApiOkResponse({ type: [RoutineSupervisionView], headers: TOTAL_COUNT_HEADER })
  list(
    @Query() query: RoutineSupervisionQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RoutineSupervisionView[]> {
    return withTotal(response, this.queries.supervision(query));
  }

  @Post('rectifications/:id/supervision-notes')
  @Allow('supervision_office')
  @ApiOperation({ summary: '监督检查室记录整改日常监督（方式、日期、情况，可提出督促事项）' })
  @ApiCreatedResponse({ type: SupervisionNoteView })
  @ApiRefusals(400, 404)
  record(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordSupervisionNoteDto,
    @CurrentUser() user: Principal,
  ): Promise<SupervisionNoteView> {
    return this.recordNote.execute(id, dto, user);
  }

  @Post('supervision-notes/:id/urging-done')
  @Allow('supervision_office')
  @ApiOperation({ summary: '监督检查室标记督促事项已落实，并填写落实情况' })
  @ApiCreatedResponse({ type: SupervisionNoteView })
  @ApiRefusals(404, 409)
  urgingDone(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UrgingDoneDto,
    @CurrentUser() user: Principal,
  ): Promise<SupervisionNoteView> {
    return this.markUrgingDone.execute(id, dto, user);
  }
}
