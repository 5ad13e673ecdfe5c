import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from './access.decorators';
import { UserNameView } from './dto/access.dto';
import { ManageUsers } from './use-cases/manage-users.usecase';

/**
 * Who is who on this node: the console shows the people behind the accounts in records
 * (起草、审核、签字、签署…) by their names. Names only — no roles, no state.
 */
@ApiTags('users (用户)')
@Controller('users')
export class UserNamesController {
  constructor(private readonly users: ManageUsers) {}

  @Get('names')
  @Authenticated()
  @ApiOperation({ summary: '本节点人员姓名（显示留痕中的经办人）' })
  @ApiOkResponse({ type: [UserNameView] })
  names(): Promise<UserNameView[]> {
    return this.users.names();
  }
}
