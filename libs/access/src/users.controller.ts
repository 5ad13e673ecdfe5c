import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, CurrentUser } from './access.decorators';
import { ApiRefusals } from './openapi';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserView } from './dto/access.dto';
import { Principal } from './principal';
import { ManageUsers } from './use-cases/manage-users.usecase';

@ApiTags('users (用户)')
@Controller('users')
@Allow('admin')
export class UsersController {
  constructor(private readonly users: ManageUsers) {}

  @Get()
  @ApiOperation({ summary: '本节点用户列表（系统管理员）' })
  @ApiOkResponse({ type: [UserView] })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: '新增用户并分配角色（系统管理员）' })
  @ApiRefusals(409)
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentUser() admin: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(admin, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改用户的姓名、角色或停用（系统管理员）' })
  @ApiRefusals(404, 409)
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentUser() admin: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(admin, id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: '重置用户密码（系统管理员；该用户须重新登录）' })
  @ApiRefusals(404)
  @ApiNoContentResponse({ description: '已重置 reset' })
  resetPassword(
    @CurrentUser() admin: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.users.resetPassword(admin, id, dto);
  }
}
