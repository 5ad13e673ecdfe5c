import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { FindingReasonDto } from '../dto/finding.dto';
import { FindingView } from '../dto/finding.views';
import { CheckFinding } from './use-cases/check-finding.usecase';
import { ReturnFinding } from './use-cases/return-finding.usecase';
import { SignFinding } from './use-cases/sign-finding.usecase';
import { WithdrawFinding } from './use-cases/withdraw-finding.usecase';

/** The review chain of a finding: checked, signed, returned to draft, withdrawn. */
@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller()
export class FindingReviewController {
  constructor(
    private readonly checkFinding: CheckFinding,
    private readonly signFinding: SignFinding,
    private readonly returnFinding: ReturnFinding,
    private readonly withdrawFinding: WithdrawFinding,
  ) {}

  @Post('findings/:id/check')
  @Allow('team_member', 'team_leader')
  @ApiOperation({ summary: '副组长审核问题（须有事实、证据材料和定性依据）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  check(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.checkFinding.execute(id, user);
  }

  @Post('findings/:id/sign')
  @Allow('team_leader')
  @ApiOperation({ summary: '组长签字（须已审核，且事实、证据材料和定性依据齐全）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  sign(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.signFinding.execute(id, user);
  }

  @Post('findings/:id/return')
  @Allow('team_leader')
  @ApiOperation({
    summary: '组长将已审核或已签字的问题退回修改（须说明理由；已写入定稿报告的不能退回）',
  })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  returnToDraft(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.returnFinding.execute(id, dto, user);
  }

  @Post('findings/:id/withdraw')
  @Allow('inspection_office')
  @ApiOperation({ summary: '巡视巡察办将问题从报告中撤回（须说明理由；下一版报告不再包含）' })
  @ApiCreatedResponse({ type: FindingView })
  @ApiRefusals(404, 409)
  withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FindingReasonDto,
    @CurrentUser() user: Principal,
  ): Promise<FindingView> {
    return this.withdrawFinding.execute(id, dto, user);
  }
}
