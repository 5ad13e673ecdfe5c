import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { CreateTermDto, TermView } from './coverage.dto';
import { CoverageQueries } from './coverage.queries';
import { SetTerm } from './use-cases/set-term.usecase';

@ApiTags('terms and coverage (届期与全覆盖)')
@Controller()
@Allow('inspection_office', 'leading_group', 'viewer')
export class TermsController {
  constructor(
    private readonly setTerm: SetTerm,
    private readonly queries: CoverageQueries,
  ) {}

  @Post('terms')
  @Allow('inspection_office')
  @ApiOperation({ summary: '设置届期（默认五年）' })
  @ApiCreatedResponse({ type: TermView })
  @ApiRefusals(409)
  createTerm(@Body() dto: CreateTermDto, @CurrentUser() user: Principal): Promise<TermView> {
    return this.setTerm.execute(dto, actorOf(user));
  }

  @Get('terms')
  @ApiOperation({ summary: '届期列表' })
  @ApiOkResponse({ type: [TermView] })
  listTerms(): Promise<TermView[]> {
    return this.queries.terms();
  }
}
