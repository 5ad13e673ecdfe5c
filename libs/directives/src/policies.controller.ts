import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals, Authenticated } from '@liandong/access';
import { PolicyInForceQuery } from './dto/directive.dto';
import { PolicyVersionView, RuleView } from './dto/directive.views';
import { RuleQueries } from './rules/rule.queries';

@ApiTags('policies (规则)')
@Controller('policies')
@Authenticated()
export class PoliciesController {
  constructor(private readonly rules: RuleQueries) {}

  @Get()
  @ApiOperation({ summary: '规则目录：每项规则的单位、范围、设定层级，以及本节点今日的现行规定' })
  @ApiOkResponse({ type: [RuleView] })
  catalogue(): Promise<RuleView[]> {
    return this.rules.catalogue();
  }

  @Get(':key/in-force')
  @ApiOperation({ summary: '某日有效的规则版本及其设定者' })
  @ApiOkResponse({ type: PolicyVersionView, description: 'the version in force on the given day' })
  @ApiRefusals(404)
  inForce(
    @Param('key') key: string,
    @Query() query: PolicyInForceQuery,
  ): Promise<PolicyVersionView> {
    return this.rules.inForce(key, query.on);
  }
}
