import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ACCESS_OPTIONS, AccessOptions } from './access.options';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { ManageUsers } from './use-cases/manage-users.usecase';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UserNamesController } from './user-names.controller';

/** People, roles and sign-in on one node; installs the default-deny guard for every route. */
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions = {}): DynamicModule {
    return {
      module: AccessModule,
      controllers: [AuthController, UserNamesController, UsersController],
      providers: [
        { provide: ACCESS_OPTIONS, useValue: options },
        AuthService,
        LoginThrottle,
        ManageUsers,
        TokenService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenService],
    };
  }
}
