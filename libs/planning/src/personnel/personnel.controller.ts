import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, ApiRefusals, CurrentUser, Principal } from '@liandong/access';
import { PersonDto, PersonView } from './personnel.dto';
import { PersonnelQueries } from './personnel.queries';
import { AddPerson } from './use-cases/add-person.usecase';

@ApiTags('personnel pool and secondment (干部人才库与上挂下派)')
@Controller()
@Allow('inspection_office', 'leading_group')
export class PersonnelController {
  constructor(
    private readonly addPerson: AddPerson,
    private readonly queries: PersonnelQueries,
  ) {}

  @Post('personnel')
  @Allow('inspection_office')
  @ApiOperation({ summary: '登记干部人才库人员' })
  @ApiCreatedResponse({ type: PersonView })
  @ApiRefusals(409, 422)
  add(@Body() dto: PersonDto, @CurrentUser() user: Principal): Promise<PersonView> {
    return this.addPerson.execute(dto, actorOf(user));
  }

  @Get('personnel')
  @ApiOperation({ summary: '干部人才库人员列表' })
  @ApiOkResponse({ type: [PersonView] })
  list(): Promise<PersonView[]> {
    return this.queries.people();
  }

  @Get('personnel/:id')
  @ApiOperation({ summary: '人才库人员详情' })
  @ApiOkResponse({ type: PersonView })
  @ApiRefusals(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PersonView> {
    return this.queries.person(id);
  }
}
