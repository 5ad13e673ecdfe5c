import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { FindingReasonDto } from '../dto/finding.dto';
import { FindingView } from '../dto/finding.views';
import { mapFinding } from './finding.mapper';
import { FindingsService } from './findings.service';

/** The review chain of a finding: checked, signed, returned to draft, withdrawn. */
@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller()
export class FindingReviewController {
  constructor(private readonly findings: FindingsService) {}

  @Post('findings/:id/check')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '副组长审核问题（须有事实、证据材料和定性依据）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async check(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return mapFinding(await this.findings.check(id, user));
  }

  @Post('findings/:id/sign')
  @Allow('team_leader')
  @ApiOperation({ summary: '组长签字（须已审核，且事实、证据材料和定性依据齐全）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async sign(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return mapFinding(await this.findings.sign(id, user));
  }

  @Post('findings/:id/return')
  @Allow('team_leader')
  @ApiOperation({
    summary: '组长将已审核或已签字的问题退回修改（须说明理由；已写入定稿报告的不能退回）',
  })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async returnToDraft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return mapFinding(await this.findings.returnToDraft(id, dto.reason, user));
  }

  @Post('findings/:id/withdraw')
  @Allow('inspection_office')
  @ApiOperation({ summary: '巡视巡察办将问题从报告中撤回（须说明理由；下一版报告不再包含）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  async withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return mapFinding(await this.findings.withdraw(id, dto.reason, user));
  }
}
