import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@liandong/access';
import { CommonProblemsView } from '../dto/problems.views';
import { CommonProblemsQueries } from './common-problems.queries';

@ApiTags('findings and reports (问题底稿与巡视报告)')
@Controller('common-problems')
@Allow('inspection_office', 'leading_group', 'viewer')
export class CommonProblemsController {
  constructor(private readonly queries: CommonProblemsQueries) {}

  @Get()
  @ApiOperation({
    summary:
      '举一反三：本级及下级已签字问题按问题类别统计（问题数、涉及党组织数、涉及节点数）及各下级情况，按涉及节点数排序；只含数量',
  })
  @ApiOkResponse({ type: CommonProblemsView })
  commonProblems(): Promise<CommonProblemsView> {
    return this.queries.commonProblems();
  }
}
