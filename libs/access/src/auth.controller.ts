import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public } from './access.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto, TokensView, UserView } from './dto/access.dto';
import { Principal } from './principal';
import { ROLE_LABELS } from './roles';

@ApiTags('auth (登录)')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokensView })
  @ApiUnauthorizedResponse({ description: 'BAD_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS: five failures within 15 minutes' })
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<TokensView> {
    return this.auth.login(dto.username, dto.password, address);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokensView })
  refresh(@Body() dto: RefreshDto): Promise<TokensView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() user: Principal): Omit<UserView, 'active'> {
    return {
      id: user.userId,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      roleLabels: user.roles.map((r) => ROLE_LABELS[r]),
    };
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
