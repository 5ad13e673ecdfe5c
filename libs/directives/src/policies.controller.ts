import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@liandong/access';
import { DomainError } from '@liandong/messaging';
import { mapPolicyVersion } from './directive.mapper';
import { PolicyInForceQuery, PolicyVersionView } from './dto/directive.dto';
import { PolicyBook } from './policy-book.service';

@ApiTags('policies')
@Controller('policies')
@Authenticated()
export class PoliciesController {
  constructor(private readonly book: PolicyBook) {}

  @Get()
  @ApiOkResponse({
    type: [PolicyVersionView],
    description: 'every version of every policy parameter known here',
  })
  async all(): Promise<PolicyVersionView[]> {
    return (await this.book.versions()).map(mapPolicyVersion);
  }

  @Get(':key/in-force')
  @ApiOkResponse({ type: PolicyVersionView, description: 'the version in force on the given day' })
  async inForce(
    @Param('key') key: string,
    @Query() query: PolicyInForceQuery,
  ): Promise<PolicyVersionView> {
    const version = await this.book.inForce(key, query.on);
    if (!version)
      throw new DomainError(
        'POLICY_NOT_FOUND',
        `no version of ${key} is in force on ${query.on}`,
        404,
      );
    return mapPolicyVersion(version);
  }
}
