import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { UsersController } from './users.controller';

/** People, roles and sign-in on one node; installs the default-deny guard for every route. */
@Module({
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    LoginThrottle,
    TokenService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService],
})
export class AccessModule {}
