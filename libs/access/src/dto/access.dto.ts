import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { IsNotBlank } from '@liandong/protocol';
import { ROLES, Role } from '../roles';

export class LoginDto {
  @ApiProperty({ example: 'office' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class TokensView {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken!: string;
  @ApiProperty() accessTokenExpiresAt!: string;
  @ApiProperty({ description: 'one use: POST /auth/refresh returns a new pair' })
  refreshToken!: string;
  @ApiProperty() refreshTokenExpiresAt!: string;
}

export class OidcSignInView {
  @ApiProperty({ example: 'https://sso.example.gov.cn/realms/inspection' }) issuer!: string;
  @ApiProperty({ description: 'this node’s client id at the provider' }) clientId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://sso.example.gov.cn/realms/inspection/protocol/openid-connect/auth',
    description:
      'where the console sends people to sign in (authorization code with PKCE, scope openid); null when only the provider’s tokens are accepted',
  })
  authorizationUrl!: string | null;
}

export class OidcCodeDto {
  @ApiProperty({ description: 'the authorization code the provider returned' })
  @IsString()
  @Length(1, 4096)
  code!: string;

  @ApiProperty({ description: 'the PKCE code verifier (43 to 128 characters)' })
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{43,128}$/, { message: 'codeVerifier must be a PKCE code verifier' })
  codeVerifier!: string;

  @ApiProperty({ example: 'https://xuncha.example.gov.cn/console/login' })
  @IsString()
  @Length(1, 2048)
  redirectUri!: string;
}

export class OidcTokenView {
  @ApiProperty({ description: 'the provider’s ID token: send as Authorization: Bearer <idToken>' })
  idToken!: string;
  @ApiProperty({ description: 'when it expires; sign in again then' }) expiresAt!: string;
}

export class SignInOptionsView {
  @ApiProperty({
    type: OidcSignInView,
    nullable: true,
    description: 'the OpenID Connect provider this node trusts, if any (统一身份认证)',
  })
  oidc!: OidcSignInView | null;
}

const USERNAME = /^[a-z][a-z0-9_.-]{2,63}$/;

export class CreateUserDto {
  @ApiProperty({
    example: 'wangwu',
    description: '3–64 characters: lowercase letters, digits, _ . -',
  })
  @Matches(USERNAME, {
    message:
      'username must be 3–64 characters of lowercase letters, digits, _ . - starting with a letter',
  })
  username!: string;

  @ApiProperty({ example: '王五' })
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  displayName!: string;

  @ApiProperty({ description: 'initial password, at least 12 characters' })
  @IsString()
  @Length(12, 256)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '王五' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({
    description: 'false disables sign-in (tokens already issued expire within 15 minutes)',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'the new password, at least 12 characters; tell the user in person' })
  @IsString()
  @Length(12, 256)
  newPassword!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ description: 'at least 12 characters' })
  @IsString()
  @Length(12, 256)
  newPassword!: string;
}

/** A person's account name and the name people know them by (for showing who did what). */
export class UserNameView {
  @ApiProperty({ example: 'deputy-1' }) username!: string;
  @ApiProperty({ example: '王五' }) displayName!: string;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String], example: ['巡视巡察办工作人员'] }) roleLabels!: string[];
  @ApiProperty() active!: boolean;
}
