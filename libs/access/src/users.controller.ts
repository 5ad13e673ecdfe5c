import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService, Clock, DomainError } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Allow, CurrentUser } from './access.decorators';
import { ApiRefusals } from './openapi';
import { CreateUserDto, UpdateUserDto, UserView } from './dto/access.dto';
import { RefreshToken, UserAccount } from './entities';
import { actorOf, Principal } from './principal';
import { createUser, mapUser } from './users';

@ApiTags('users (用户)')
@Controller('users')
@Allow('admin')
export class UsersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '本节点用户列表（系统管理员）' })
  @ApiOkResponse({ type: [UserView] })
  async list(): Promise<UserView[]> {
    return (
      await this.dataSource.getRepository(UserAccount).find({ order: { username: 'ASC' } })
    ).map(mapUser);
  }

  @Post()
  @ApiOperation({ summary: '新增用户并分配角色（系统管理员）' })
  @ApiRefusals(409)
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentUser() admin: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const user = await createUser(m, dto, this.clock.now());
      await this.audit.record(m, {
        actor: actorOf(admin),
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        detail: { username: user.username, roles: user.roles },
      });
      return mapUser(user);
    });
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
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOne(UserAccount, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user)
        throw new DomainError(
          'USER_NOT_FOUND',
          { zh: '本节点没有这个用户', en: `no user ${id} on this node` },
          404,
        );
      if (
        id === admin.userId &&
        (dto.active === false || (dto.roles && !dto.roles.includes('admin')))
      ) {
        throw new DomainError(
          'SELF_LOCKOUT',
          {
            zh: '系统管理员不能停用自己或取消自己的管理员角色，请由另一位管理员办理',
            en: 'an administrator cannot disable or demote themselves; ask another administrator',
          },
          409,
        );
      }
      Object.assign(user, { roles: dto.roles ?? user.roles, active: dto.active ?? user.active });
      await m.update(UserAccount, { id }, { roles: user.roles, active: user.active });
      if (dto.active === false)
        await m.update(RefreshToken, { userId: id }, { usedAt: this.clock.now() });
      await this.audit.record(m, {
        actor: actorOf(admin),
        action: 'user.updated',
        subjectType: 'user',
        subjectId: id,
        detail: { roles: dto.roles, active: dto.active },
      });
      return mapUser(user);
    });
  }
}
