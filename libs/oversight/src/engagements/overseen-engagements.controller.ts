import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { AcknowledgeEngagementDto, GrantAccessDto } from './engagement.dto';
import { EngagementView } from './engagement.views';
import { AcknowledgeEngagement } from './use-cases/acknowledge-engagement.usecase';
import { GrantAccess } from './use-cases/grant-access.usecase';

/** The overseen node's side: acknowledge, grant read access. */
@ApiTags('oversight (指导督导)')
@Controller('oversight/engagements/:id')
@Allow('inspection_office')
export class OverseenEngagementsController {
  constructor(
    private readonly acknowledgeEngagement: AcknowledgeEngagement,
    private readonly grantAccess: GrantAccess,
  ) {}

  @Post('acknowledge')
  @ApiOperation({ summary: '签收上级的指导督导' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: EngagementView })
  acknowledge(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcknowledgeEngagementDto,
  ): Promise<EngagementView> {
    return this.acknowledgeEngagement.execute(id, dto, actorOf(user));
  }

  @Post('grant')
  @ApiOperation({ summary: '授权督导方查阅督导清单涉及的方面（至督导期结束）' })
  @ApiRefusals(404, 409)
  @ApiCreatedResponse({ type: EngagementView })
  grant(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GrantAccessDto,
  ): Promise<EngagementView> {
    return this.grantAccess.execute(id, dto, actorOf(user));
  }
}
