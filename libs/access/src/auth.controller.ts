import { Body, Controller, Get, HttpCode, Inject, Ip, Optional, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public } from './access.decorators';
import { ApiRefusals } from './openapi';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  OidcCodeDto,
  OidcTokenView,
  RefreshDto,
  SignInOptionsView,
  TokensView,
  UserView,
} from './dto/access.dto';
import { ACCESS_OPTIONS, AccessOptions } from './access.options';
import { Principal } from './principal';
import { ROLE_LABELS } from './roles';
import { TokenService } from './token.service';

@ApiTags('auth (登录)')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    @Optional() @Inject(ACCESS_OPTIONS) private readonly access?: AccessOptions,
  ) {}

  @Get('options')
  @ApiOperation({ summary: '登录方式：账号密码，以及已配置的统一身份认证（OpenID Connect）' })
  @Public()
  @ApiOkResponse({ type: SignInOptionsView })
  options(): SignInOptionsView {
    const oidc = this.access?.oidc;
    return {
      oidc: oidc
        ? {
            issuer: oidc.issuer,
            clientId: oidc.audience,
            authorizationUrl: this.tokens.oidcRedirects ? (oidc.authorizationUrl as string) : null,
          }
        : null,
    };
  }

  @Post('oidc/token')
  @ApiOperation({
    summary: '统一身份认证登录：用认证服务返回的授权码（PKCE）换取其身份令牌',
  })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: OidcTokenView })
  @ApiRefusals(401, 409, 503)
  signInWithProvider(@Body() dto: OidcCodeDto, @Ip() address: string): Promise<OidcTokenView> {
    return this.auth.signInWithProvider(dto, address);
  }

  @Post('login')
  @ApiOperation({ summary: '登录（账号和密码），得到访问令牌和刷新令牌' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokensView })
  @ApiUnauthorizedResponse({ description: 'BAD_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS: five failures within 15 minutes' })
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<TokensView> {
    return this.auth.login(dto.username, dto.password, address);
  }

  @Post('refresh')
  @ApiOperation({ summary: '用刷新令牌换取新的访问令牌' })
  @ApiRefusals(401)
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokensView })
  refresh(@Body() dto: RefreshDto): Promise<TokensView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @ApiNoContentResponse({ description: '已退出 signed out' })
  @ApiOperation({ summary: '退出登录（作废刷新令牌）' })
  @Public()
  @HttpCode(204)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiOperation({ summary: '当前登录用户及其角色' })
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
  @ApiNoContentResponse({ description: '已修改 changed' })
  @ApiOperation({ summary: '修改自己的密码' })
  @ApiRefusals(401)
  @Authenticated()
  @HttpCode(204)
  changePassword(@CurrentUser() user: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
